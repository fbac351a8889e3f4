"""The REST API at /api/v1/: one NinjaAPI, a router per app, translated errors.

A later app adds its router by appending ``(prefix, "hromada.web.<app>.api")`` to
``ROUTERS``; the module exposes ``router`` (a ``ninja.Router``) whose endpoints
reach community data only through ``hromada.web.accounts.access``.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from hromada.web.accounts.services import token_authenticate
from hromada.web.api_errors import ApiInputError


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <personal token>``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token)
        if found is None:
            return None
        user, api_token = found
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user


ROUTERS: tuple[tuple[str, str], ...] = (
    ("/", "hromada.web.accounts.api"),
    ("/communities", "hromada.web.communities.api"),
    ("/communities", "hromada.web.stakeholders.api"),
    ("/communities", "hromada.web.dialogues.api"),
    ("/communities", "hromada.web.surveys.api"),
    ("/communities", "hromada.web.analysis.api"),
    ("/communities", "hromada.web.risks.api"),
)

api = NinjaAPI(
    title="Hromada API",
    version="1",
    description=(
        "Session or personal-token authentication (Authorization: Bearer TOKEN). "
        "Every object passes the same access rules as the pages: what you may not "
        "see answers 404."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs_url="/docs",
)

for _prefix, _module in ROUTERS:
    api.add_router(_prefix, importlib.import_module(_module).router)


def _error(
    request: HttpRequest, status: int, code: str, message: str, **extra: Any
) -> HttpResponse:
    return api.create_response(
        request, {"detail": message, "code": code, **extra}, status=status
    )


@api.exception_handler(ApiInputError)
def _input_error(request: HttpRequest, error: ApiInputError) -> HttpResponse:
    return _error(request, 400, error.code, error.message, field=error.field)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    fields = [str(e["loc"][-1]) for e in error.errors if e.get("loc")]
    field = fields[0] if fields else None
    message = (
        _("The value of “%(field)s” is not valid.") % {"field": field}
        if field
        else _("The request is not valid.")
    )
    return _error(request, 400, "invalid", message, field=field)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthorised", _("Sign in or send a valid API token."))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", _("Not found."))
