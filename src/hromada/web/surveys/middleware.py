"""Refuse an oversized upload before anything reads its body.

Django would stream a 200 MB upload to a temporary file before any view could
look at its size (the CSRF check parses the form); this refuses it first, from
the declared length, so a facilitator on a poor connection hears at once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

# Room for the form's other fields and the multipart boundaries.
ENVELOPE = 1_000_000


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.HROMADA_IMPORT_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit + ENVELOPE:
            message = _("The file is larger than %(mb)s MB: it was not uploaded.") % {
                "mb": limit // 1_000_000
            }
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": message, "code": "too_large"}, status=413
                )
            return HttpResponse(
                message, status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
