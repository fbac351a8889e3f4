"""Risk-ranking ballots: set-up, online ballots, paper dot sheets, agreed priorities."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.web.accounts.models import User
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.groups import CATEGORIES
from hromada.web.dialogues.models import (
    Ballot,
    BallotComparison,
    BallotItem,
    BallotMark,
    BallotPaperCount,
    BallotResponse,
    DialogueSession,
    Participant,
    PriorityDecision,
    PriorityItem,
)
from hromada.web.dialogues.ranking import default_budget, register_ranks
from hromada.web.risks.models import Risk
from hromada.web.risks.services import (
    risk_dialogue_ranks_set,
    risk_evidence_link,
    risk_evidence_unlink,
)

MIN_ITEMS = 2
MIN_PRIORITIES = 5
MAX_PRIORITIES = 7


def register_risks(session: DialogueSession) -> list[Risk]:
    """The community's register risks in a neutral order (by code, then title):
    a ballot sorted by score would steer the vote."""
    return list(
        Risk.objects.of(session.community).in_register().order_by("code", "title")
    )


@transaction.atomic
def ballot_setup(
    *,
    session: DialogueSession,
    method: str,
    risks: Sequence[Risk] | None = None,
    budget: int | None = None,
) -> Ballot:
    """Set up (or set up again) the session's ballot over register risks."""
    existing = Ballot.objects.filter(session=session).first()
    if existing and (existing.responses.exists() or existing.paper_counts.exists()):
        raise Refused(
            "has_ballots",
            _("Ballots have been cast: delete the ballot to set it up again."),
        )
    chosen = list(risks) if risks is not None else register_risks(session)
    allowed = {r.pk for r in register_risks(session)}
    if any(r.pk not in allowed for r in chosen):
        raise Refused(
            "not_in_register",
            _("Only risks in this community's register can be ranked."),
        )
    if len(chosen) < MIN_ITEMS:
        raise Refused(
            "too_few_risks",
            _("A ballot needs at least two risks from the register."),
        )
    if method not in Ballot.Method.values:
        raise ValueError(f"unknown method {method!r}")
    if existing:
        existing.delete()
    ballot = Ballot.objects.create(
        session=session,
        method=method,
        budget=budget or default_budget(len(chosen)),
    )
    BallotItem.objects.bulk_create(
        BallotItem(ballot=ballot, risk=risk, position=n)
        for n, risk in enumerate(chosen, start=1)
    )
    return ballot


def ballot_delete(*, session: DialogueSession) -> None:
    Ballot.objects.filter(session=session).delete()


def _ballot_of(session: DialogueSession) -> Ballot:
    ballot = Ballot.objects.filter(session=session).first()
    if ballot is None:
        raise Refused("no_ballot", _("This session has no risk-ranking ballot."))
    return ballot


def _items(ballot: Ballot, risk_ids: set[int]) -> dict[int, BallotItem]:
    items = {i.risk_id: i for i in ballot.items.all()}
    if not risk_ids <= set(items):
        raise Refused(
            "not_on_ballot", _("One of the risks you chose is not on this ballot.")
        )
    return items


def _check_group(group: str) -> None:
    if group not in CATEGORIES["stakeholder_type"]:
        raise Refused("no_group", _("Choose the group you are here for."))


@transaction.atomic
def ballot_cast(
    *,
    session: DialogueSession,
    participant: Participant,
    group: str,
    marks: Mapping[int, int] | None = None,
    comparisons: Sequence[tuple[int, int]] | None = None,
) -> BallotResponse:
    """One participant's ballot (risk id → dots or place; or (winner, loser)
    risk ids). A participant has one ballot: casting again replaces it."""
    if not session.voting_open:
        raise Refused("closed", _("This dialogue is closed for voting. Thank you!"))
    if participant.session_id != session.pk:
        raise ValueError("the participant belongs to another session")
    ballot = _ballot_of(session)
    _check_group(group)
    if ballot.method == Ballot.Method.PAIRWISE:
        pairs = list(comparisons or [])
        items = _items(ballot, {r for pair in pairs for r in pair})
        _check_pairs(pairs)
        marked: dict[int, int] = {}
    else:
        marked = {r: v for r, v in (marks or {}).items() if v}
        items = _items(ballot, set(marked))
        _check_marks(ballot, marked)
    # Two quick taps on "send" must not both pass the delete and collide on
    # the one-ballot-per-participant constraint.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    BallotResponse.objects.filter(ballot=ballot, participant=participant).delete()
    response = BallotResponse.objects.create(
        ballot=ballot, participant=participant, group=group
    )
    BallotMark.objects.bulk_create(
        BallotMark(response=response, item=items[r], value=v) for r, v in marked.items()
    )
    if ballot.method == Ballot.Method.PAIRWISE:
        BallotComparison.objects.bulk_create(
            BallotComparison(response=response, winner=items[w], loser=items[lo])
            for w, lo in pairs
        )
    return response


def _check_pairs(pairs: list[tuple[int, int]]) -> None:
    if not pairs:
        raise Refused("empty", _("Choose one risk in at least one pair."))
    seen: set[frozenset[int]] = set()
    for winner, loser in pairs:
        pair = frozenset((winner, loser))
        if winner == loser or pair in seen:
            raise Refused("bad_pair", _("Each pair compares two different risks once."))
        seen.add(pair)


def _check_marks(ballot: Ballot, marked: dict[int, int]) -> None:
    if not marked:
        raise Refused("empty", _("Give at least one risk a dot or a place."))
    if min(marked.values()) < 0:
        raise ValueError("a mark is never negative")
    if ballot.method == Ballot.Method.DOTS and sum(marked.values()) > ballot.budget:
        raise Refused(
            "over_budget",
            _("You have %(budget)s dots; you gave %(given)s.")
            % {"budget": ballot.budget, "given": sum(marked.values())},
        )
    if ballot.method == Ballot.Method.RANKING:
        places = list(marked.values())
        if len(set(places)) != len(places) or max(places) > ballot.budget:
            raise Refused(
                "bad_places",
                _("Give each place from 1 to %(places)s to one risk only.")
                % {"places": ballot.budget},
            )


@transaction.atomic
def ballot_paper_record(
    *,
    session: DialogueSession,
    actor: User | None,
    group: str,
    voters: int,
    dots: Mapping[int, int],
) -> BallotPaperCount | None:
    """A group's sticker-dot sheet; entering a group again replaces its sheet,
    and 0 voters removes it. The paper voters of all groups together may not
    exceed the head count."""
    ballot = _ballot_of(session)
    if ballot.method != Ballot.Method.DOTS:
        raise Refused(
            "not_dots", _("Only a dot-voting ballot can be counted from paper.")
        )
    _check_group(group)
    if voters == 0:
        BallotPaperCount.objects.filter(ballot=ballot, group=group).delete()
        return None
    head_count = session.head_count()
    if head_count is None:
        raise Refused(
            "no_head_count",
            _("Record the attendance first: a count cannot be checked without it."),
        )
    others = sum(
        ballot.paper_counts.exclude(group=group).values_list("voters", flat=True)
    )
    if others + voters > head_count:
        raise Refused(
            "over_head_count",
            _(
                "The paper sheets count %(voters)s voters, but only %(attendees)s "
                "people attended."
            )
            % {"voters": others + voters, "attendees": head_count},
        )
    given = {r: n for r, n in dots.items() if n}
    items = _items(ballot, set(given))
    if sum(given.values()) > voters * ballot.budget:
        raise Refused(
            "over_budget",
            _("%(voters)s voters with %(budget)s dots each cannot give %(given)s dots.")
            % {"voters": voters, "budget": ballot.budget, "given": sum(given.values())},
        )
    count, _created = BallotPaperCount.objects.update_or_create(
        ballot=ballot,
        group=group,
        defaults={
            "voters": voters,
            "dots": {str(items[r].pk): n for r, n in given.items()},
            "entered_by": actor,
        },
    )
    return count


def priorities_differ(session: DialogueSession, ordered: Sequence[Risk]) -> bool:
    """Whether the agreed order departs from the register's computed ranking:
    the same risks in the same order as the computed top, ties either way."""
    computed = register_ranks(register_risks(session))["rank"]
    ranks: dict[int, int] = {
        int(pk): int(rank)
        for pk, rank in zip(computed.index.tolist(), computed.tolist(), strict=True)
    }
    if not ranks:
        return False  # nothing computed yet to differ from
    if any(r.pk not in ranks for r in ordered):
        return True
    values = [ranks[r.pk] for r in ordered]
    if values != sorted(values):
        return True
    ahead = {pk for pk, rank in ranks.items() if rank < values[-1]}
    return not ahead <= {r.pk for r in ordered}


def priorities_reference(session: DialogueSession) -> str:
    return f"priorities:{session.pk}"


@transaction.atomic
def priorities_record(
    *,
    session: DialogueSession,
    actor: User | None,
    ordered: Sequence[Risk],
    rationale: str,
) -> PriorityDecision:
    """The working group's agreed priorities: 5–7 register risks, in order, and
    why they differ from the computed ranking when they do. The register shows
    the order as the dialogue rank; each risk's trail links to the session."""
    rationale = rationale.strip()
    if not MIN_PRIORITIES <= len(ordered) <= MAX_PRIORITIES:
        raise Refused(
            "count",
            _("Agree on %(min)s to %(max)s priorities.")
            % {"min": MIN_PRIORITIES, "max": MAX_PRIORITIES},
        )
    if len({r.pk for r in ordered}) != len(ordered):
        raise Refused("duplicate", _("Each risk can be one priority only."))
    allowed = {r.pk for r in register_risks(session)}
    if any(r.pk not in allowed for r in ordered):
        raise Refused(
            "not_in_register",
            _("Only risks in this community's register can be priorities."),
        )
    differs = priorities_differ(session, ordered)
    if differs and not rationale:
        raise Refused(
            "rationale",
            _(
                "The agreed order differs from the computed ranking: say why "
                "in the rationale."
            ),
        )
    decision, _created = PriorityDecision.objects.update_or_create(
        session=session,
        defaults={"rationale": rationale, "differs": differs, "recorded_by": actor},
    )
    decision.items.all().delete()
    PriorityItem.objects.bulk_create(
        PriorityItem(decision=decision, risk=risk, rank=n)
        for n, risk in enumerate(ordered, start=1)
    )
    risk_dialogue_ranks_set(community=session.community, ordered=ordered)
    reference = priorities_reference(session)
    risk_evidence_unlink(kind="dialogue", reference=reference)
    for n, risk in enumerate(ordered, start=1):
        risk_evidence_link(risk=risk, kind="dialogue", reference=reference, note=str(n))
    return decision
