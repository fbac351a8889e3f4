"""What every dialogue page of the workspace shares."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.web.accounts.models import User
from hromada.web.communities.models import Community
from hromada.web.communities.workspace import workspace_context
from hromada.web.dialogues.access import may_keep_circles
from hromada.web.dialogues.models import DialogueSession


def render_tab(
    request: HttpRequest,
    community: Community,
    template: str,
    context: dict[str, Any],
    *,
    session: DialogueSession | None = None,
    section: str = "",
    status: int = 200,
) -> HttpResponse:
    """A page inside the workspace's dialogue tab (``communities/workspace.html``)."""
    full = (
        workspace_context(request.user, community, "dialogue")
        | {
            "session": session,
            "section": section,
            "keeps_circles": may_keep_circles(request.user, community),
        }
        | context
    )
    return render(request, template, full, status=status)


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user
