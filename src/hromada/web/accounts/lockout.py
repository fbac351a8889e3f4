"""The answer to a locked-out sign-in (django-axes calls this)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

STATUS = 429


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    message = _("Too many failed sign-in attempts. Try again in an hour.")
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "locked_out"}, status=STATUS)
    return render(
        request, "accounts/locked_out.html", {"message": message}, status=STATUS
    )
