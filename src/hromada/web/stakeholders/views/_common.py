"""What the stakeholders tab's views share: the door and the page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from hromada.web.accounts.access import (
    AnyUser,
    Area,
    get_community_for_user,
    get_for_user,
)
from hromada.web.communities.models import Community
from hromada.web.communities.workspace import workspace_context


def community_for(
    request: HttpRequest, katotth: str, *, write: bool = False
) -> tuple[Community, bool]:
    """The community and whether the user may edit its map: 404 to anyone
    without a role there, 403 to a reader who asks to write."""
    community, can_edit = get_community_for_user(
        request.user, katotth, Area.STAKEHOLDERS
    )
    if write and not can_edit:
        raise PermissionDenied
    return community, can_edit


def record_for(user: AnyUser, queryset: QuerySet[Any], pk: int, *, write: bool) -> Any:
    """A record of the community (404 if it is not), 403 to a reader who writes."""
    record, can_edit = get_for_user(user, queryset, area=Area.STAKEHOLDERS, pk=pk)
    if write and not can_edit:
        raise PermissionDenied
    return record


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
        f"stakeholders/{template}",
        workspace_context(request.user, community, "stakeholders")
        | {"can_edit": can_edit, "section": section, **context},
    )


def url(name: str, community: Community, anchor: str = "") -> str:
    return reverse(f"stakeholders:{name}", args=[community.katotth]) + anchor
