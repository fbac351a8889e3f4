"""The dialogue app's doors, on top of ``accounts/access.py``.

Sessions, statements, votes and outcomes are ``Area.DIALOGUES``: read by the
coordinator, the facilitator, working-group members and council viewers,
written by the facilitator only (a working-group member writes only their own
votes, which they cast like any participant, on the voting page). Restorative
circles are ``Area.RESTORATIVE_CIRCLES``: only the facilitator assigned to a
circle sees it; everyone else, the coordinator included, gets 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hromada.web.accounts.access import (
    Action,
    AnyUser,
    Area,
    Scope,
    get_community_for_user,
    get_for_user,
    scope,
)
from hromada.web.communities.models import Community
from hromada.web.dialogues.models import DialogueSession, RestorativeCircle


def get_dialogues_for_user(user: AnyUser, katotth: str) -> tuple[Community, bool]:
    """The community's dialogue area, or 404; and whether the user may write it."""
    return get_community_for_user(user, katotth, area=Area.DIALOGUES)


def get_session_for_user(
    user: AnyUser, katotth: str, pk: int
) -> tuple[DialogueSession, bool]:
    return get_for_user(
        user,
        DialogueSession.objects,
        area=Area.DIALOGUES,
        pk=pk,
        community__katotth=katotth,
    )


def get_session_to_edit(user: AnyUser, katotth: str, pk: int) -> DialogueSession:
    """404 for whoever may not see the session, 403 for who may see but not edit."""
    session, can_edit = get_session_for_user(user, katotth, pk)
    if not can_edit:
        raise PermissionDenied
    return session


def may_keep_circles(user: AnyUser, community: Community) -> bool:
    """Whether the user may keep restorative circles here (the partner's
    facilitators may)."""
    return scope(user, community, Area.RESTORATIVE_CIRCLES, Action.WRITE) is (
        Scope.ASSIGNED
    )


def get_circles_area_for_user(user: AnyUser, katotth: str) -> Community:
    """The community, for a facilitator who may keep circles there; else 404."""
    community, _can_edit = get_community_for_user(user, katotth)
    if not may_keep_circles(user, community):
        raise Http404
    return community


def get_circle_for_user(user: AnyUser, katotth: str, pk: int) -> RestorativeCircle:
    """A circle, for its assigned facilitator only: 404 for anyone else."""
    circle = (
        RestorativeCircle.objects.select_related("community")
        .filter(pk=pk, community__katotth=katotth)
        .first()
    )
    if circle is None or circle.facilitator_id is None:
        raise Http404
    if circle.facilitator_id != user.pk or not may_keep_circles(user, circle.community):
        raise Http404
    return circle
