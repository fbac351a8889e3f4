"""What the risks tab's views share: the door and the page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from hromada.web.accounts.access import (
    Action,
    Area,
    can,
    get_community_for_user,
    get_for_user,
)
from hromada.web.communities.models import Community
from hromada.web.communities.workspace import workspace_context
from hromada.web.risks.models import Risk


def community_for(
    request: HttpRequest, katotth: str, *, write: bool = False
) -> tuple[Community, bool]:
    """404 to anyone who may not read the register, 403 to a reader who writes."""
    community, can_edit = get_community_for_user(request.user, katotth, Area.RISKS)
    if write and not can_edit:
        raise PermissionDenied
    return community, can_edit


def risk_for(
    request: HttpRequest, community: Community, pk: int, *, write: bool
) -> Risk:
    risk, can_edit = get_for_user(
        request.user, Risk.objects.of(community), area=Area.RISKS, pk=pk
    )
    if write and not can_edit:
        raise PermissionDenied
    return risk


def sees_location(request: HttpRequest, community: Community) -> bool:
    """A risk's location is internal geodata."""
    return can(request.user, community, Area.INTERNAL_GEODATA, Action.READ)


def page(
    request: HttpRequest,
    community: Community,
    can_edit: bool,
    template: str,
    section: str,
    **context: object,
) -> HttpResponse:
    return render(
        request,
        f"risks/{template}",
        workspace_context(request.user, community, "risks")
        | {"can_edit": can_edit, "section": section, **context},
    )


def url(name: str, community: Community, *args: object) -> str:
    return reverse(f"risks:{name}", args=[community.katotth, *args])
