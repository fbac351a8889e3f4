"""The Django admin, for the network coordinator only.

Anyone else who is signed in gets 404 (as for every page they may not see);
anonymous visitors go to the ordinary sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hromada.web.accounts.access import is_coordinator

ViewT = TypeVar("ViewT", bound=Callable[..., HttpResponseBase])


class HromadaAdminSite(admin.AdminSite):
    site_header = _("Hromada administration")
    site_title = _("Hromada")
    index_title = _("Registry and access")

    def has_permission(self, request: HttpRequest) -> bool:
        return is_coordinator(request.user)

    def admin_view(self, view: ViewT, cacheable: bool = False) -> ViewT:
        wrapped = super().admin_view(view, cacheable)

        def guarded(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(
                    request.get_full_path(), reverse("accounts:login")
                )
            if not self.has_permission(request):
                raise Http404
            return wrapped(request, *args, **kwargs)

        return cast(ViewT, guarded)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.user.is_authenticated and not self.has_permission(request):
            raise Http404
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), reverse("accounts:login")
        )


class CoordinatorAdmin(admin.ModelAdmin[Any]):
    """Coordinators hold every admin right on the registry models they are shown."""

    can_add = True
    can_change = True
    can_delete = True

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_coordinator(request.user)

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return is_coordinator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.can_add and is_coordinator(request.user)

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return self.can_change and is_coordinator(request.user)

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return self.can_delete and is_coordinator(request.user)


class ReadOnlyAdmin(CoordinatorAdmin):
    """Records written only through the app's own pages: the admin shows them."""

    can_add = False
    can_change = False
    can_delete = False


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    """Rows shown under their parent record for the coordinator; never edited."""

    extra = 0
    max_num = 0  # nothing is added here
    can_delete = False

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return is_coordinator(request.user)

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False
