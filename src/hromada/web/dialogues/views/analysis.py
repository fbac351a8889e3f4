"""The opinion analysis page: map, groups, consensus, divisive statements."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from hromada.web.dialogues import services
from hromada.web.dialogues.access import get_session_for_user
from hromada.web.dialogues.summary import opinion_view
from hromada.web.dialogues.views.common import render_tab


@login_required
def analysis(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session, can_edit = get_session_for_user(request.user, katotth, pk)
    stored = services.analysis_refresh(session=session)
    return render_tab(
        request,
        session.community,
        "dialogues/analysis.html",
        {
            "view": opinion_view(session, stored),
            "can_edit": can_edit,
            "has_paper": stored.paper_votes > 0,
        },
        session=session,
        section="analysis",
    )
