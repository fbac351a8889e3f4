from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language

from hromada.web.api import api


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001  any database failure is "not healthy"
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("hromada.web.accounts.urls")),
    path("", include("hromada.web.communities.urls")),
    path("", include("hromada.web.audit.urls")),
    path("", include("hromada.web.stakeholders.urls")),
    path("", include("hromada.web.dialogues.urls")),
    path("", include("hromada.web.surveys.urls")),
    path("", include("hromada.web.evidence.urls")),
    path("", include("hromada.web.risks.urls")),
    path("", include("hromada.web.analysis.urls")),
    prefix_default_language=False,
)
