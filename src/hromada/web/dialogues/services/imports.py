"""Importing a Pol.is conversation into a session: atomic, and never twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.web.accounts.models import User
from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import audit_record
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import (
    DialogueSession,
    Moderation,
    Participant,
    Statement,
    Vote,
)
from hromada.web.dialogues.polis import ParsedExport, parse_export
from hromada.web.dialogues.services.analysis import analysis_refresh
from hromada.web.dialogues.services.sessions import session_touch


@dataclass(frozen=True, slots=True)
class ImportSummary:
    statements: int
    participants: int
    votes_added: int
    votes_changed: int
    votes_unchanged: int


def polis_import(
    *,
    session: DialogueSession,
    actor: User | None,
    votes: bytes,
    comments: bytes,
    votes_name: str = "votes.csv",
    comments_name: str = "comments.csv",
    language: str = "en",
    meta: Iterable[int] = (),
    attribution: str = "",
) -> ImportSummary:
    """Import (or import again) a Pol.is CSV export into the session.

    Statements keep their Pol.is ids as numbers, participants their voter ids;
    each vote is the participant's latest. Importing the same export again
    changes nothing; a later export of the same conversation adds its new
    votes and updates changed ones. ``meta`` names statements to treat as
    meta besides those the file marks. Everything or nothing is saved.
    """
    parsed = parse_export(
        votes, comments, votes_name=votes_name, comments_name=comments_name
    )
    with transaction.atomic():
        summary = _store(session, parsed, language, set(meta))
        if attribution:
            session.attribution = attribution
            session.save(update_fields=["attribution"])
        session_touch(session)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            obj=session,
            community=session.community,
            detail={
                "format": "polis-csv",
                "sha256": parsed.sha256,
                "statements": summary.statements,
                "participants": summary.participants,
                "votes_added": summary.votes_added,
                "votes_changed": summary.votes_changed,
            },
        )
    analysis_refresh(session=session)
    return summary


def _store(
    session: DialogueSession, parsed: ParsedExport, language: str, meta: set[int]
) -> ImportSummary:
    if session.statements.exclude(origin=Statement.Origin.POLIS).exists():
        raise Refused(
            "mixed_session",
            _(
                "This session already has statements of its own. Import a Pol.is "
                "conversation into a new session (or into the one it was imported "
                "into before)."
            ),
        )
    statements = _statements(session, parsed, language, meta)
    participants = _participants(session, parsed)
    added, changed, unchanged = _votes(parsed, statements, participants)
    return ImportSummary(len(statements), len(participants), added, changed, unchanged)


def _statements(
    session: DialogueSession, parsed: ParsedExport, language: str, meta: set[int]
) -> dict[int, Statement]:
    existing = {s.number: s for s in session.statements.all()}
    field = f"text_{language}"
    frame = parsed.statements
    for number, moderation, is_meta, text in zip(
        frame["statement"].to_numpy(dtype=np.int64).tolist(),
        frame["moderation"].to_numpy(dtype=np.int64).tolist(),
        frame["is_meta"].to_numpy(dtype=bool).tolist(),
        frame["text"].astype(str).tolist(),
        strict=True,
    ):
        statement = existing.get(number) or Statement(
            session=session, number=number, origin=Statement.Origin.POLIS
        )
        setattr(statement, field, text)
        statement.moderation = Moderation(moderation)
        statement.is_meta = is_meta or number in meta
        statement.save()
        existing[number] = statement
    return existing


def _participants(
    session: DialogueSession, parsed: ParsedExport
) -> dict[int, Participant]:
    voter_ids = sorted(set(parsed.votes["participant"].to_numpy(np.int64).tolist()))
    existing = {
        int(p.external_id): p
        for p in session.participants.filter(origin=Participant.Origin.POLIS)
    }
    Participant.objects.bulk_create(
        Participant(
            session=session, origin=Participant.Origin.POLIS, external_id=str(voter)
        )
        for voter in voter_ids
        if voter not in existing
    )
    return {
        int(p.external_id): p
        for p in session.participants.filter(origin=Participant.Origin.POLIS)
    }


def _votes(
    parsed: ParsedExport,
    statements: dict[int, Statement],
    participants: dict[int, Participant],
) -> tuple[int, int, int]:
    ids = [p.pk for p in participants.values()]
    existing = {
        (v.participant_id, v.statement_id): v
        for v in Vote.objects.filter(participant_id__in=ids)
    }
    new, changed, unchanged = [], [], 0
    frame = parsed.votes
    for voter, number, value, time in zip(
        frame["participant"].to_numpy(dtype=np.int64).tolist(),
        frame["statement"].to_numpy(dtype=np.int64).tolist(),
        frame["vote"].to_numpy(dtype=np.int64).tolist(),
        frame["time"].to_numpy(dtype=np.float64).tolist(),
        strict=True,
    ):
        participant, statement = participants[voter], statements[number]
        when = dt.datetime.fromtimestamp(time / 1000.0, tz=dt.UTC)
        vote = existing.get((participant.pk, statement.pk))
        if vote is None:
            new.append(
                Vote(
                    participant=participant,
                    statement=statement,
                    value=value,
                    voted_at=when,
                )
            )
        elif (vote.value, vote.voted_at) != (value, when) and when >= vote.voted_at:
            vote.value, vote.voted_at = value, when
            changed.append(vote)
        else:
            unchanged += 1
    Vote.objects.bulk_create(new, batch_size=2_000)
    Vote.objects.bulk_update(changed, ["value", "voted_at"], batch_size=2_000)
    return len(new), len(changed), unchanged
