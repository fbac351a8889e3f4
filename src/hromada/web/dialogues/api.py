"""``GET /api/v1/communities/{katotth}/dialogues``: sessions with their summaries.

Restorative circles are never listed: they are not sessions. Attendance counts
under 10 are withheld (``null``, named in ``suppressed``), and the opinion
summary is there only where groups could be shown (7+ voters, groups of 3+).
The risk-ranking ballot's tally is there from 3 ballots; a stakeholder group
under 10 ballots is named with ``suppressed: true`` and no size or ranks.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from hromada.web.api_errors import ApiInputError, check_katotth
from hromada.web.dialogues.access import get_dialogues_for_user
from hromada.web.dialogues.inclusion import suppressed
from hromada.web.dialogues.models import (
    Ballot,
    DialogueSession,
    OpinionAnalysis,
    PriorityDecision,
)
from hromada.web.dialogues.ranking import ranking_view
from hromada.web.dialogues.services import attendance_counts
from hromada.web.dialogues.summary import top_consensus

router = Router(tags=["dialogues"])


class AttendanceOut(Schema):
    total: int | None
    counts: dict[str, dict[str, int | None]]
    suppressed: list[str]


class ConsensusOut(Schema):
    statement: int
    text_uk: str
    text_en: str
    agree: int
    voters: int


class OpinionOut(Schema):
    status: str
    computed_at: dt.datetime
    method_version: str
    voters: int
    votes: int
    paper_votes: int
    k: int | None
    group_sizes: list[int]
    consensus: list[ConsensusOut]


class RiskRankOut(Schema):
    risk: int
    code: str
    title: str
    rank: int
    score: float
    register_rank: int | None
    discordant: bool


class GroupRankingOut(Schema):
    group: str
    suppressed: bool
    voters: int | None
    ranks: dict[str, int | None] | None


class BallotOut(Schema):
    method: str
    budget: int
    items: int
    voters: int
    shown: bool
    overall: list[RiskRankOut]
    groups: list[GroupRankingOut]


class PriorityOut(Schema):
    rank: int
    risk: int
    code: str
    title: str


class PrioritiesOut(Schema):
    items: list[PriorityOut]
    rationale: str
    differs_from_computed: bool
    recorded_at: dt.datetime


class DialogueOut(Schema):
    id: int
    kind: str
    title: str
    date: dt.date
    place: str
    facilitator: str | None
    purpose: str
    voting_open: bool
    statements: int
    attendance: AttendanceOut
    opinion: OpinionOut | None
    ballot: BallotOut | None
    priorities: PrioritiesOut | None


class DialoguePage(Schema):
    count: int
    items: list[DialogueOut]


@router.get(
    "/{katotth}/dialogues", response=DialoguePage, url_name="community-dialogues"
)
def dialogue_list(
    request: HttpRequest, katotth: str, page: int = 1, page_size: int = 50
) -> dict[str, object]:
    """The community's dialogue sessions, newest first, with their attendance
    (counts under 10 withheld) and, where computed and shown, the opinion
    summary: k, group sizes and the top consensus statements."""
    community, _can_edit = get_dialogues_for_user(request.user, check_katotth(katotth))
    limit = settings.HROMADA_API_MAX_PAGE_SIZE
    if not 1 <= page_size <= limit:
        raise ApiInputError(
            "page_size",
            _("“page_size” must be between 1 and %(limit)s.") % {"limit": limit},
            field="page_size",
        )
    if page < 1:
        raise ApiInputError("page", _("“page” must be 1 or more."), field="page")
    sessions = DialogueSession.objects.of(community).select_related(
        "facilitator", "analysis"
    )
    start = (page - 1) * page_size
    return {
        "count": sessions.count(),
        "items": [_item(s) for s in sessions[start : start + page_size]],
    }


def _item(session: DialogueSession) -> dict[str, object]:
    facilitator = session.facilitator
    return {
        "id": session.pk,
        "kind": session.kind,
        "title": session.title,
        "date": session.date,
        "place": session.place,
        "facilitator": (facilitator.get_full_name() or facilitator.get_username())
        if facilitator
        else None,
        "purpose": session.purpose,
        "voting_open": session.voting_open,
        "statements": session.statements.count(),
        "attendance": _attendance(session),
        "opinion": _opinion(session),
        "ballot": _ballot(session),
        "priorities": _priorities(session),
    }


def _attendance(session: DialogueSession) -> dict[str, object]:
    head = session.head_count()
    counts = attendance_counts(session)
    hidden = suppressed(head, counts) if head else set(counts)
    by: dict[str, dict[str, int | None]] = {}
    for (dimension, category), n in counts.items():
        withheld = (dimension, category) in hidden and n != 0
        by.setdefault(dimension, {})[category] = None if withheld else n
    return {
        "total": head,
        "counts": by,
        "suppressed": sorted(
            f"{d}/{c}" for (d, c) in hidden if counts.get((d, c), 0) != 0
        ),
    }


def _opinion(session: DialogueSession) -> dict[str, object] | None:
    analysis: OpinionAnalysis | None = getattr(session, "analysis", None)
    if analysis is None:
        return None
    shown = analysis.status == OpinionAnalysis.Status.SHOWN
    texts = {
        s.number: (s.text_uk, s.text_en)
        for s in session.statements.only("number", "text_uk", "text_en")
    }
    return {
        "status": analysis.status,
        "computed_at": analysis.computed_at,
        "method_version": analysis.method_version,
        "voters": analysis.voters,
        "votes": analysis.votes,
        "paper_votes": analysis.paper_votes,
        "k": analysis.k if shown else None,
        "group_sizes": [g["size"] for g in analysis.result.get("groups", [])]
        if shown
        else [],
        "consensus": [
            {
                "statement": c["tid"],
                "text_uk": texts.get(c["tid"], ("", ""))[0],
                "text_en": texts.get(c["tid"], ("", ""))[1],
                "agree": c["n_success"],
                "voters": c["n_trials"],
            }
            for c in top_consensus(analysis)
        ],
    }


def _ballot(session: DialogueSession) -> dict[str, object] | None:
    ballot = Ballot.objects.filter(session=session).first()
    if ballot is None:
        return None
    view = ranking_view(ballot)
    published = view.published_groups
    return {
        "method": ballot.method,
        "budget": ballot.budget,
        "items": ballot.items.count(),
        "voters": view.voters,
        "shown": view.shown,
        "overall": [
            {
                "risk": row.risk.pk,
                "code": row.risk.code,
                "title": row.risk.title,
                "rank": row.rank,
                "score": row.score,
                "register_rank": row.register_rank,
                "discordant": row.discordant,
            }
            for row in view.rows
        ],
        # Suppressed groups: named, without their size or ranks (n < 10).
        "groups": [
            {
                "group": group.code,
                "suppressed": group.suppressed,
                "voters": group.voters,
                "ranks": None
                if group.suppressed or not view.shown
                else {
                    str(row.risk.pk): row.group_ranks[published.index(group)]
                    for row in view.rows
                },
            }
            for group in view.groups
        ],
    }


def _priorities(session: DialogueSession) -> dict[str, object] | None:
    decision = (
        PriorityDecision.objects.filter(session=session)
        .prefetch_related("items__risk")
        .first()
    )
    if decision is None:
        return None
    return {
        "items": [
            {
                "rank": item.rank,
                "risk": item.risk_id,
                "code": item.risk.code,
                "title": item.risk.title,
            }
            for item in decision.items.all()
        ],
        "rationale": decision.rationale,
        "differs_from_computed": decision.differs,
        "recorded_at": decision.recorded_at,
    }
