"""Sessions, their attendance and the population shares inclusion compares with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from hromada.web.accounts.models import User
from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import Actor, audit_record
from hromada.web.communities.models import Community
from hromada.web.dialogues import codes
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.groups import CATEGORIES, FLAGS, dimension_label
from hromada.web.dialogues.models import (
    AttendanceCount,
    Attendee,
    DialogueSession,
    PopulationShare,
)
from hromada.web.dialogues.services.outcomes import outcome_links_remove

Counts = Mapping[tuple[str, str], int]
# Categories of these dimensions exclude each other, so they cannot add up to
# more than the head count.
_EXCLUSIVE = ("sex", "age_group", "stakeholder_type")
_EDITABLE = (
    "kind",
    "title",
    "date",
    "place",
    "facilitator",
    "purpose",
    "agenda",
    "minutes",
    "attendance_mode",
)


def session_create(
    *,
    community: Community,
    kind: str,
    title: str,
    date: dt.date,
    place: str = "",
    facilitator: User | None = None,
    purpose: str = "",
    agenda: str = "",
    minutes: str = "",
    attendance_mode: str = DialogueSession.AttendanceMode.COUNTS,
) -> DialogueSession:
    session = DialogueSession(
        community=community,
        kind=kind,
        title=title,
        date=date,
        place=place,
        facilitator=facilitator,
        purpose=purpose,
        agenda=agenda,
        minutes=minutes,
        attendance_mode=attendance_mode,
    )
    session.full_clean()
    session.save()
    return session


def session_update(*, session: DialogueSession, **fields: Any) -> list[str]:
    """Change the session's description; returns the names of changed fields."""
    unknown = set(fields) - set(_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    changed = [
        name for name, value in fields.items() if getattr(session, name) != value
    ]
    for name in changed:
        setattr(session, name, fields[name])
    if changed:
        session.full_clean()
        session.save(update_fields=changed)
    return changed


@transaction.atomic
def session_delete(*, session: DialogueSession, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=session,
        community=session.community,
        detail={
            "statements": session.statements.count(),
            "participants": session.participants.count(),
        },
    )
    # The risks' evidence trails must not point at outcomes that are gone.
    outcome_links_remove(session=session)
    session.delete()


def session_touch(session: DialogueSession) -> None:
    """Mark what the opinion analysis reads as changed (see ``revision``)."""
    DialogueSession.objects.filter(pk=session.pk).update(revision=F("revision") + 1)
    session.refresh_from_db(fields=["revision"])


@transaction.atomic
def attendance_record(
    *, session: DialogueSession, attendees: int | None, counts: Counts
) -> None:
    """Replace a COUNTS session's head count and counts by group.

    ``counts`` maps (dimension, category) to attendees; a dimension left out
    was not counted, a category given as 0 had nobody.
    """
    _check_counts(attendees, counts)
    session.attendees = attendees
    session.save(update_fields=["attendees"])
    session.attendance_counts.all().delete()
    AttendanceCount.objects.bulk_create(
        AttendanceCount(session=session, dimension=d, category=c, n=n)
        for (d, c), n in counts.items()
    )


def _check_counts(attendees: int | None, counts: Counts) -> None:
    for (dimension, category), n in counts.items():
        if category not in CATEGORIES.get(dimension, {}):
            raise ValueError(f"unknown category {dimension}/{category}")
        if n < 0:
            raise ValueError("a count is never negative")
    if counts and attendees is None:
        raise Refused(
            "no_head_count",
            _("Enter how many people attended before counting them by group."),
        )
    for dimension in CATEGORIES:
        values = [n for (d, _c), n in counts.items() if d == dimension]
        largest = sum(values) if dimension in _EXCLUSIVE else max(values, default=0)
        if attendees is not None and largest > attendees:
            raise Refused(
                "over_head_count",
                _(
                    "The counts by %(dimension)s add up to %(counted)s, more "
                    "than the %(attendees)s people who attended."
                )
                % {
                    "dimension": _dimension_name(dimension),
                    "counted": largest,
                    "attendees": attendees,
                },
            )


def _dimension_name(dimension: str) -> str:
    return str(dimension_label(dimension)).lower()


def attendee_add(
    *,
    session: DialogueSession,
    pseudonym: str,
    sex: str = "",
    age_group: str = "",
    idp: bool = False,
    veteran: bool = False,
    disability: bool = False,
    stakeholder_type: str = "",
) -> Attendee:
    attendee = Attendee(
        session=session,
        pseudonym=pseudonym.strip(),
        sex=sex,
        age_group=age_group,
        idp=idp,
        veteran=veteran,
        disability=disability,
        stakeholder_type=stakeholder_type,
    )
    attendee.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            attendee.save()
    except IntegrityError as error:
        raise Refused(
            "duplicate_pseudonym",
            _("“%(pseudonym)s” is already on the list.") % {"pseudonym": pseudonym},
        ) from error
    return attendee


def attendee_remove(*, attendee: Attendee) -> None:
    attendee.delete()


def roster_counts(session: DialogueSession) -> dict[tuple[str, str], int]:
    """A ROSTER session's attendees counted as a COUNTS session records them."""
    counts: dict[tuple[str, str], int] = {}
    attendees = list(session.roster.all())
    for dimension in ("sex", "age_group", "stakeholder_type"):
        known = [getattr(a, dimension) for a in attendees if getattr(a, dimension)]
        if known:
            counts |= {(dimension, c): known.count(c) for c in CATEGORIES[dimension]}
    for flag in FLAGS:
        counts[(flag, "yes")] = sum(getattr(a, flag) for a in attendees)
    return counts


def attendance_counts(session: DialogueSession) -> dict[tuple[str, str], int]:
    """Attendees by (dimension, category), however the session recorded them."""
    if session.attendance_mode == DialogueSession.AttendanceMode.ROSTER:
        return roster_counts(session) if session.roster.exists() else {}
    return {(c.dimension, c.category): c.n for c in session.attendance_counts.all()}


@transaction.atomic
def population_shares_set(
    *,
    community: Community,
    shares: Mapping[tuple[str, str], float | None],
    session: DialogueSession | None = None,
    source: str = "",
) -> None:
    """Set the population shares of the community (or of one session only).

    A share of None removes it. Shares of one dimension add up to at most 1.
    """
    for dimension in {d for d, _c in shares}:
        total = sum(v or 0.0 for (d, _c), v in shares.items() if d == dimension)
        if total > 1.0 + 1e-6:
            raise Refused(
                "shares_over_one",
                _("The population shares of %(dimension)s add up to more than 100 %%.")
                % {"dimension": _dimension_name(dimension)},
            )
    existing = PopulationShare.objects.filter(community=community, session=session)
    for (dimension, category), value in shares.items():
        row = existing.filter(dimension=dimension, category=category)
        if value is None:
            row.delete()
        else:
            row.update_or_create(
                community=community,
                session=session,
                dimension=dimension,
                category=category,
                defaults={"share": value, "source": source},
            )


@transaction.atomic
def population_shares_save(
    *,
    session: DialogueSession,
    shares: Mapping[tuple[str, str], float | None],
    for_community: bool,
    source: str = "",
) -> None:
    """Save shares entered on a session's page: for the whole community (the
    session then follows the community's) or for this session only."""
    if for_community:
        population_shares_set(community=session.community, shares=shares, source=source)
        session.population_shares.all().delete()
    else:
        population_shares_set(
            community=session.community, session=session, shares=shares, source=source
        )


def population_shares(
    community: Community, session: DialogueSession | None = None
) -> dict[tuple[str, str], float]:
    """The community's shares, with the session's own in their place."""
    rows = PopulationShare.objects.filter(community=community, session=None)
    shares = {(r.dimension, r.category): r.share for r in rows}
    if session is not None:
        own = session.population_shares.all()
        dimensions = {r.dimension for r in own}
        shares = {k: v for k, v in shares.items() if k[0] not in dimensions}
        shares |= {(r.dimension, r.category): r.share for r in own}
    return shares


@transaction.atomic
def voting_open(*, session: DialogueSession) -> DialogueSession:
    """Open the session for online voting under its code (made on first opening)."""
    while session.code is None:
        candidate = codes.new_code()
        if not DialogueSession.objects.filter(code=candidate).exists():
            session.code = candidate
    session.voting_open = True
    session.save(update_fields=["code", "voting_open"])
    return session


def voting_close(*, session: DialogueSession) -> DialogueSession:
    session.voting_open = False
    session.save(update_fields=["voting_open"])
    return session
