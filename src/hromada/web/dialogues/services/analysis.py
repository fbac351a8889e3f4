"""Keeping the stored opinion analysis in step with the votes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hromada.web.dialogues import analysis
from hromada.web.dialogues.models import DialogueSession, OpinionAnalysis

# Up to this many votes a recompute takes milliseconds: every vote triggers one.
# Above it, votes trigger one at most every DEBOUNCE; a page opened on a stale
# analysis recomputes it whatever its size.
INLINE_VOTES = 2_000
DEBOUNCE = dt.timedelta(seconds=10)


def analysis_refresh(
    *, session: DialogueSession, after_vote: bool = False
) -> OpinionAnalysis:
    """The session's analysis, recomputed if votes or tallies changed since."""
    session.refresh_from_db(fields=["revision"])
    current = OpinionAnalysis.objects.filter(session=session).first()
    if current is not None and current.revision == session.revision:
        return current
    if after_vote and current is not None and _debounced(current):
        return current
    computed = analysis.compute(session)
    fresh, _created = OpinionAnalysis.objects.update_or_create(
        session=session,
        defaults={
            "revision": session.revision,
            "method_version": analysis.METHOD_VERSION,
            "computed_at": timezone.now(),
            "status": computed.status,
            "voters": computed.voters,
            "votes": computed.votes,
            "paper_votes": computed.paper_votes,
            "k": computed.k,
            "result": computed.result,
        },
    )
    return fresh


def _debounced(current: OpinionAnalysis) -> bool:
    recent = timezone.now() - current.computed_at < DEBOUNCE
    return current.votes > INLINE_VOTES and recent
