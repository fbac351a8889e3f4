"""Statements, moderation, online votes and paper tallies."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hromada.web.accounts.models import User
from hromada.web.analysis import findings, tables
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import (
    DialogueSession,
    Moderation,
    PaperTally,
    Participant,
    Statement,
    Vote,
)
from hromada.web.dialogues.services.analysis import analysis_refresh
from hromada.web.dialogues.services.sessions import session_touch
from hromada.web.risks.models import Risk

MAX_STATEMENT_LENGTH = 300
MAX_PENDING_PER_PARTICIPANT = 5
LANGUAGES = ("uk", "en")


def _next_number(session: DialogueSession) -> int:
    # Serialises numbering within the session (a no-op lock on SQLite, which
    # serialises writers anyway).
    DialogueSession.objects.select_for_update().filter(pk=session.pk).first()
    largest = session.statements.aggregate(n=Max("number"))["n"]
    # People count from 1; an imported Pol.is conversation keeps its own ids.
    return 1 if largest is None else largest + 1


@transaction.atomic
def statements_add(
    *,
    session: DialogueSession,
    texts: Sequence[str],
    language: str,
    is_meta: bool = False,
) -> list[Statement]:
    """Add the facilitator's statements (accepted at once), numbered in order."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    number = _next_number(session)
    added = []
    for offset, text in enumerate(t.strip() for t in texts if t.strip()):
        statement = Statement(
            session=session,
            number=number + offset,
            is_meta=is_meta,
            moderation=Moderation.ACCEPTED,
            origin=Statement.Origin.FACILITATOR,
            **{f"text_{language}": text[:MAX_STATEMENT_LENGTH]},
        )
        statement.save()
        added.append(statement)
    return added


# A risk's title is a noun phrase; a statement needs something to agree with.
SEED_UK = "«%s» — одна з найбільших загроз безпеці в нашій громаді."
SEED_EN = "“%s” is one of the biggest threats to safety in our community."


@transaction.atomic
def statements_seed_from_register(*, session: DialogueSession) -> list[Statement]:
    """One statement per register risk not yet seeded in this session, in
    Ukrainian and English, numbered after the session's statements."""
    seeded = set(
        session.statements.filter(risk__isnull=False).values_list("risk_id", flat=True)
    )
    risks = (
        Risk.objects.of(session.community)
        .in_register()
        .exclude(pk__in=seeded)
        .order_by("code", "title")
    )
    number = _next_number(session)
    added = []
    for offset, risk in enumerate(risks):
        statement = Statement(
            session=session,
            number=number + offset,
            moderation=Moderation.ACCEPTED,
            origin=Statement.Origin.RISK,
            risk=risk,
            text_uk=(SEED_UK % risk.title)[:MAX_STATEMENT_LENGTH],
            text_en=(SEED_EN % (risk.title_en or risk.title))[:MAX_STATEMENT_LENGTH],
        )
        statement.save()
        added.append(statement)
    if added:
        session_touch(session)
    return added


# A finding becomes a statement by asking whether it matches what people
# see: the survey's diagnosis is put to the room, not taken for granted.
FINDING_UK = "Це збігається з тим, що я бачу в нашій громаді: %s"
FINDING_EN = "This matches what I see in our community: %s"
SEEDED_KINDS = ("gap", "change", "weakest", "strongest", "perception")


@transaction.atomic
def statements_seed_from_findings(*, session: DialogueSession) -> list[Statement]:
    """One statement per finding of the community's newest analysed round
    (significant gaps, changes, the weakest and strongest indicator, the most
    named problems), in Ukrainian and English; findings already seeded in the
    session are skipped. Refused when no round has results yet."""
    assessment = next(
        (a for a in tables.rounds(session.community) if tables.analysed(a)), None
    )
    if assessment is None:
        raise Refused(
            "no_results",
            _("The community has no analysed survey round to take findings from."),
        )
    texts: dict[str, list[tuple[str, str]]] = {}
    for language in ("uk", "en"):
        with translation.override(language):
            data = tables.overview(assessment)
            texts[language] = [
                (f"{found.kind}:{found.code}", found.text)
                for found in findings.findings(data, findings.overall_gaps(data))
                if found.kind in SEEDED_KINDS
            ]
    english = dict(texts["en"])
    seeded = set(
        session.statements.filter(origin=Statement.Origin.SURVEY).values_list(
            "text_uk", flat=True
        )
    )
    number = _next_number(session)
    added: list[Statement] = []
    for key, text in texts["uk"]:
        text_uk = (FINDING_UK % text)[:MAX_STATEMENT_LENGTH]
        if text_uk in seeded:
            continue
        statement = Statement(
            session=session,
            number=number + len(added),
            moderation=Moderation.ACCEPTED,
            origin=Statement.Origin.SURVEY,
            text_uk=text_uk,
            text_en=(FINDING_EN % english.get(key, text))[:MAX_STATEMENT_LENGTH],
        )
        statement.save()
        added.append(statement)
    if added:
        session_touch(session)
    return added


@transaction.atomic
def statement_propose(
    *, session: DialogueSession, participant: Participant, text: str, language: str
) -> Statement:
    """A participant's own statement: it waits for the facilitator's moderation."""
    text = " ".join(text.split())
    if not session.voting_open:
        raise Refused("closed", _("This dialogue is closed."))
    if not text:
        raise Refused("empty", _("Write the statement first."))
    if len(text) > MAX_STATEMENT_LENGTH:
        raise Refused(
            "too_long",
            _("A statement can be at most %(n)s characters long.")
            % {"n": MAX_STATEMENT_LENGTH},
        )
    if participant.statements.pending().count() >= MAX_PENDING_PER_PARTICIPANT:
        raise Refused(
            "too_many_pending",
            _(
                "Your earlier statements are still waiting for the facilitator. "
                "Try again once they have been reviewed."
            ),
        )
    same = [s for s in session.statements.all() if _same_text(s, text)]
    if same:
        raise Refused("duplicate", _("This statement is already in the dialogue."))
    return Statement.objects.create(
        session=session,
        number=_next_number(session),
        moderation=Moderation.PENDING,
        origin=Statement.Origin.PARTICIPANT,
        author=participant,
        **{f"text_{language if language in LANGUAGES else 'uk'}": text},
    )


def _same_text(statement: Statement, text: str) -> bool:
    wanted = text.casefold()
    return any(
        " ".join(t.split()).casefold() == wanted
        for t in (statement.text_uk, statement.text_en)
    )


def statement_update(
    *, statement: Statement, text_uk: str, text_en: str, is_meta: bool
) -> None:
    meta_changed = statement.is_meta != is_meta
    statement.text_uk, statement.text_en = text_uk.strip(), text_en.strip()
    statement.is_meta = is_meta
    if not (statement.text_uk or statement.text_en):
        raise Refused(
            "empty", _("A statement needs its text in at least one language.")
        )
    statement.save(update_fields=["text_uk", "text_en", "is_meta"])
    if meta_changed:
        session_touch(statement.session)


def statement_moderate(*, statement: Statement, moderation: int) -> None:
    if statement.moderation == moderation:
        return
    statement.moderation = Moderation(moderation)
    statement.save(update_fields=["moderation"])
    session_touch(statement.session)


def participant_create(*, session: DialogueSession) -> tuple[Participant, str]:
    """A new online participant and the key their device keeps (never stored)."""
    key = secrets.token_urlsafe(24)
    participant = Participant.objects.create(
        session=session, origin=Participant.Origin.ONLINE, key_hash=hash_key(key)
    )
    return participant, key


def hash_key(key: str) -> str:
    # 192 random bits: a fast unsalted hash is enough (as for API tokens).
    return hashlib.sha256(key.encode()).hexdigest()


def participant_for_key(
    session: DialogueSession, key: str | None
) -> Participant | None:
    if not key:
        return None
    return Participant.objects.filter(session=session, key_hash=hash_key(key)).first()


def meta_skip(*, participant: Participant) -> None:
    participant.skipped_meta = True
    participant.save(update_fields=["skipped_meta"])


def vote_cast(
    *, session: DialogueSession, participant: Participant, number: int, value: int
) -> Vote:
    """Record one vote; a second vote on the same statement is refused."""
    if participant.session_id != session.pk:
        raise ValueError("the participant belongs to another session")
    if not session.voting_open:
        raise Refused("closed", _("This dialogue is closed for voting."))
    statement = session.statements.filter(number=number).first()
    if statement is None:
        raise Refused("unknown_statement", _("There is no such statement here."))
    if statement.moderation != Moderation.ACCEPTED:
        raise Refused("moderated", _("This statement is not open for voting."))
    if value not in Vote.Value.values:
        raise Refused("bad_vote", _("Choose agree, disagree or pass."))
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                statement=statement,
                participant=participant,
                value=value,
                voted_at=timezone.now(),
            )
    except IntegrityError as error:
        raise Refused(
            "already_voted", _("You have already voted on this statement.")
        ) from error
    session_touch(session)
    analysis_refresh(session=session, after_vote=True)
    return vote


Tally = tuple[int, int, int]


@transaction.atomic
def tallies_record(
    *,
    session: DialogueSession,
    actor: User | None,
    tallies: Mapping[int, Tally | None],
) -> int:
    """Enter the paper tally sheets: (agree, disagree, pass) per statement number.

    Each statement's tally replaces the one entered before (never adds to it);
    None removes it. Every tally is checked before any is saved: no statement
    may have more votes than people attended. Returns the tallies saved.
    """
    head_count = session.head_count()
    if head_count is None:
        raise Refused(
            "no_head_count",
            _("Record the attendance first: a tally cannot be checked without it."),
        )
    statements = {s.number: s for s in session.statements.filter(number__in=tallies)}
    for number, tally in tallies.items():
        _check_tally(statements.get(number), number, tally, head_count)
    saved = 0
    for number, tally in tallies.items():
        statement = statements[number]
        if tally is None:
            PaperTally.objects.filter(statement=statement).delete()
            continue
        agree, disagree, passes = tally
        PaperTally.objects.update_or_create(
            statement=statement,
            defaults={
                "agree": agree,
                "disagree": disagree,
                "passes": passes,
                "entered_by": actor,
            },
        )
        saved += 1
    session_touch(session)
    analysis_refresh(session=session)
    return saved


def _check_tally(
    statement: Statement | None, number: int, tally: Tally | None, head_count: int
) -> None:
    if statement is None:
        raise Refused(
            "unknown_statement",
            _("There is no statement %(number)s in this session.") % {"number": number},
        )
    if tally is None:
        return
    if statement.moderation == Moderation.REJECTED:
        raise Refused(
            "moderated",
            _("Statement %(number)s was rejected in moderation: it takes no votes.")
            % {"number": number},
        )
    if min(tally) < 0:
        raise ValueError("a tally is never negative")
    if sum(tally) > head_count:
        raise Refused(
            "over_head_count",
            _(
                "Statement %(number)s has %(votes)s votes on paper, but only "
                "%(attendees)s people attended."
            )
            % {"number": number, "votes": sum(tally), "attendees": head_count},
        )
