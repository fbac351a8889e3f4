"""Tokens and the signed-in user."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from hromada.web.accounts import services
from hromada.web.accounts.access import communities_for, organisation_of, roles_of
from hromada.web.accounts.models import ApiToken, User

router = Router(tags=["accounts"])


class TokenIn(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str


class TokenInfo(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class MeOut(Schema):
    username: str
    organisation: str | None
    roles: list[str]
    communities: list[str]


class Problem(Schema):
    detail: str
    code: str


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 401: Problem, 429: Problem},
    url_name="token",
)
def token_create(request: HttpRequest, credentials: TokenIn) -> Status[dict[str, str]]:
    """Exchange a username and password for a personal API token (shown once)."""
    user = authenticate(
        request, username=credentials.username, password=credentials.password
    )
    if getattr(request, "axes_locked_out", False):
        message = _("Too many failed sign-in attempts. Try again in an hour.")
        return Status(429, {"detail": message, "code": "locked_out"})
    if not isinstance(user, User):
        services.login_failure_record(username=credentials.username, via="api")
        return Status(
            401,
            {
                "detail": _("Wrong username or password."),
                "code": "bad_credentials",
            },
        )
    services.login_record(user=user, via="api")
    _token, secret = services.token_create(user=user, name=credentials.name)
    return Status(200, {"token": secret})


@router.delete(
    "/auth/token", response={204: None, 400: Problem}, url_name="token-revoke-current"
)
def token_revoke_current(request: HttpRequest) -> Status[dict[str, str] | None]:
    """Revoke the token this request is authenticated with."""
    token = getattr(request, "api_token", None)
    if token is None:
        return Status(
            400,
            {
                "detail": _("This request carries no API token."),
                "code": "no_token",
            },
        )
    services.token_revoke(token=token, actor=request.user)
    return Status(204, None)


@router.get("/auth/tokens", response=list[TokenInfo], url_name="tokens")
def token_list(request: HttpRequest) -> list[ApiToken]:
    """Your tokens that are not revoked."""
    return list(_user(request).api_tokens.filter(revoked_at=None))


@router.delete("/auth/tokens/{token_id}", response={204: None}, url_name="token-revoke")
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    """Revoke one of your tokens; another person's token answers 404."""
    token = get_object_or_404(
        ApiToken, pk=token_id, user=_user(request), revoked_at=None
    )
    services.token_revoke(token=token, actor=request.user)
    return Status(204, None)


@router.get("/me", response=MeOut, url_name="me")
def me(request: HttpRequest) -> dict[str, object]:
    """Who you are and the communities you work in."""
    user = _user(request)
    organisation = organisation_of(user)
    return {
        "username": user.username,
        "organisation": organisation.name if organisation is not None else None,
        "roles": roles_of(user),
        "communities": list(
            communities_for(user).order_by("katotth").values_list("katotth", flat=True)
        ),
    }
