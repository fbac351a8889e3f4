"""The participants' page: no account, a session code, one vote per statement.

A device gets a random key in a signed cookie the first time it votes; the key
(hashed) is the participant, so nothing personal is asked or kept. Plain forms
work without JavaScript; CSRF protection stays on.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hromada import core
from hromada.web.dialogues import codes, services
from hromada.web.dialogues.ballot_forms import CastForm
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.forms import JoinForm, ProposeForm, VoteForm
from hromada.web.dialogues.models import (
    Ballot,
    BallotResponse,
    DialogueSession,
    Participant,
)
from hromada.web.dialogues.ranking import ballot_frame
from hromada.web.dialogues.routing import next_statement_for, progress
from hromada.web.risks.models import Risk

COOKIE_SALT = "hromada.dialogues.participant"
COOKIE_AGE = dt.timedelta(days=180)
# More pairs than any ballot shows: a forged form cannot make the server loop.
MAX_PAIRS = 50


def _cookie_name(session: DialogueSession) -> str:
    return f"hromada_dialogue_{session.pk}"


class _Closed(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _refusal(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "dialogues/participate/refused.html",
        {"message": message, "form": JoinForm()},
        status=status,
    )


def _session(request: HttpRequest, raw: str) -> DialogueSession:
    """The open session with this code, or a refusal (raised as ``_Closed``)."""
    if codes.is_throttled(request):
        raise _Closed(
            _refusal(
                request,
                _(
                    "Too many wrong codes from this address. Wait 10 minutes, then "
                    "try again."
                ),
                429,
            )
        )
    code = codes.normalise(raw)
    found = (
        DialogueSession.objects.filter(code=code).first()
        if codes.is_well_formed(code)
        else None
    )
    if found is None:
        codes.record_failure(request)
        raise _Closed(
            _refusal(
                request,
                _("No dialogue has the code “%(code)s”. Check it and try again.")
                % {"code": raw[:16]},
                404,
            )
        )
    if not found.voting_open:
        raise _Closed(
            _refusal(request, _("This dialogue is closed for voting. Thank you!"), 410)
        )
    return found


def _participant(request: HttpRequest, session: DialogueSession) -> Participant | None:
    key = request.get_signed_cookie(
        _cookie_name(session),
        default=None,
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
    )
    return services.participant_for_key(session, key)


def _remember(response: HttpResponse, session: DialogueSession, key: str) -> None:
    response.set_signed_cookie(
        _cookie_name(session),
        key,
        salt=COOKIE_SALT,
        max_age=int(COOKIE_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@never_cache
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.GET or None)
    if form.is_bound and form.is_valid():
        try:
            session = _session(request, form.cleaned_data["code"])
        except _Closed as closed:
            return closed.response
        return redirect("dialogues:vote", session.code)
    return render(request, "dialogues/participate/join.html", {"form": form})


@never_cache
def vote(request: HttpRequest, code: str) -> HttpResponse:
    try:
        session = _session(request, code)
    except _Closed as closed:
        return closed.response
    if code != session.code:
        return redirect("dialogues:vote", session.code)
    participant = _participant(request, session)
    if request.method == "POST":
        return _cast(request, session, participant)
    statement = next_statement_for(session, participant)
    voted, total = progress(session, participant)
    if total == 0 and Ballot.objects.filter(session=session).exists():
        # A ranking-only session: nothing to agree or disagree with.
        return redirect("dialogues:rank", session.code)
    return render(
        request,
        "dialogues/participate/vote.html",
        {
            "session": session,
            "statement": statement,
            "voted": voted,
            "total": total,
            "propose_form": ProposeForm(),
            "meta_first": statement is not None and statement.is_meta,
        },
    )


def _cast(
    request: HttpRequest, session: DialogueSession, participant: Participant | None
) -> HttpResponse:
    form = VoteForm(request.POST)
    response = redirect("dialogues:vote", session.code)
    if not form.is_valid():
        messages.error(request, _("Choose agree, disagree or pass."))
        return response
    if participant is None:
        participant, key = services.participant_create(session=session)
        _remember(response, session, key)
    try:
        services.vote_cast(
            session=session,
            participant=participant,
            number=form.cleaned_data["statement"],
            value=form.value(),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    return response


@never_cache
@require_POST
def propose(request: HttpRequest, code: str) -> HttpResponse:
    try:
        session = _session(request, code)
    except _Closed as closed:
        return closed.response
    participant = _participant(request, session)
    response = redirect("dialogues:vote", session.code)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Write the statement first (at most 300 characters).")
        )
        return response
    if participant is None:
        participant, key = services.participant_create(session=session)
        _remember(response, session, key)
    try:
        services.statement_propose(
            session=session,
            participant=participant,
            text=form.cleaned_data["text"],
            language=request.LANGUAGE_CODE,
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Thank you! Your statement will appear once the facilitator reviews it."),
        )
    return response


@never_cache
@require_POST
def skip_meta(request: HttpRequest, code: str) -> HttpResponse:
    try:
        session = _session(request, code)
    except _Closed as closed:
        return closed.response
    participant = _participant(request, session)
    response = redirect("dialogues:vote", session.code)
    if participant is None:
        participant, key = services.participant_create(session=session)
        _remember(response, session, key)
    services.meta_skip(participant=participant)
    return response


def _pairs(ballot: Ballot, seed: str) -> list[tuple[int, int]]:
    """Pairs to show, drawn by All Our Ideas' catch-up weights (a pair already
    compared often is drawn less), the same on a reload of the page."""
    items = [i.risk_id for i in ballot.items.all()]
    shown = min(ballot.budget, len(items) * (len(items) - 1) // 2)
    frame = ballot_frame(ballot)
    weights = core.pairwise_pair_weights(
        frame[["ballot", "winner", "loser"]], items=items
    )
    rng = np.random.default_rng(int(hashlib.sha256(seed.encode()).hexdigest(), 16))
    chosen = rng.choice(
        len(weights), size=shown, replace=False, p=weights["weight"].to_numpy()
    )
    return [
        (int(weights.iloc[n]["first"]), int(weights.iloc[n]["second"]))
        for n in sorted(chosen)
    ]


@never_cache
def rank(request: HttpRequest, code: str) -> HttpResponse:
    """The phone ballot over the community's risks."""
    try:
        session = _session(request, code)
    except _Closed as closed:
        return closed.response
    ballot = Ballot.objects.filter(session=session).first()
    if ballot is None:
        return _refusal(request, _("This dialogue has no risk-ranking ballot."), 404)
    participant = _participant(request, session)
    risks = [item.risk for item in ballot.items.select_related("risk")]
    if request.method == "POST":
        return _rank_cast(request, session, ballot, risks, participant)
    previous = (
        ballot.responses.filter(participant=participant).first()
        if participant
        else None
    )
    seed = f"{session.pk}:{participant.pk if participant else 'new'}"
    pairs = _pairs(ballot, seed) if ballot.method == Ballot.Method.PAIRWISE else None
    form = CastForm(
        ballot=ballot,
        risks=risks,
        pairs=pairs,
        initial=_previous_marks(previous),
    )
    return render(
        request,
        "dialogues/participate/rank.html",
        {
            "session": session,
            "ballot": ballot,
            "form": form,
            "previous": previous,
            "has_statements": session.statements.accepted().exists(),
        },
    )


def _previous_marks(previous: BallotResponse | None) -> dict[str, object]:
    if previous is None:
        return {}
    initial: dict[str, object] = {"group": previous.group}
    for mark in previous.marks.select_related("item"):
        initial[f"risk_{mark.item.risk_id}"] = str(mark.value)
    return initial


def _posted_pairs(request: HttpRequest) -> list[tuple[int, int]]:
    pairs = []
    for n in range(MAX_PAIRS):
        first, _sep, second = request.POST.get(f"pair_{n}", "").partition("-")
        if not (first.isdigit() and second.isdigit()):
            break
        pairs.append((int(first), int(second)))
    return pairs


def _rank_cast(
    request: HttpRequest,
    session: DialogueSession,
    ballot: Ballot,
    risks: list[Risk],
    participant: Participant | None,
) -> HttpResponse:
    form = CastForm(
        request.POST, ballot=ballot, risks=risks, pairs=_posted_pairs(request)
    )
    response = redirect("dialogues:rank", session.code)
    if not form.is_valid():
        messages.error(
            request,
            _("Choose the group you are here for.")
            if "group" in form.errors
            else _("Use only the choices shown on the ballot."),
        )
        return response
    if participant is None:
        participant, key = services.participant_create(session=session)
        _remember(response, session, key)
    try:
        services.ballot_cast(
            session=session,
            participant=participant,
            group=form.cleaned_data["group"],
            marks=form.marks(),
            comparisons=form.comparisons(),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _(
                "Thank you! Your ballot is counted. You may change it until "
                "voting closes."
            ),
        )
    return response
