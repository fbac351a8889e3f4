"""Risk ranking of a session: the ballot's set-up and results, paper dot sheets,
and the priorities the working group agreed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hromada.web.dialogues import services
from hromada.web.dialogues.access import get_session_for_user, get_session_to_edit
from hromada.web.dialogues.ballot_forms import (
    BallotSetupForm,
    PaperCountForm,
    PrioritiesForm,
)
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import Ballot, DialogueSession, PriorityDecision
from hromada.web.dialogues.ranking import ranking_view
from hromada.web.dialogues.services.ballots import register_risks
from hromada.web.dialogues.views.common import render_tab, user_of
from hromada.web.risks.models import Risk


def _ballot(session: DialogueSession) -> Ballot | None:
    return Ballot.objects.filter(session=session).first()


def _decision(session: DialogueSession) -> PriorityDecision | None:
    return (
        PriorityDecision.objects.filter(session=session)
        .prefetch_related("items__risk")
        .first()
    )


def _page(
    request: HttpRequest,
    session: DialogueSession,
    can_edit: bool,
    *,
    setup_form: BallotSetupForm | None = None,
    status: int = 200,
) -> HttpResponse:
    ballot = _ballot(session)
    risks = register_risks(session)
    return render_tab(
        request,
        session.community,
        "dialogues/ranking.html",
        {
            "can_edit": can_edit,
            "ballot": ballot,
            "view": ranking_view(ballot) if ballot else None,
            "cast": ballot.responses.count() + ballot.paper_counts.count()
            if ballot
            else 0,
            "paper_counts": ballot.paper_counts.all() if ballot else [],
            "register_size": len(risks),
            "setup_form": setup_form or BallotSetupForm(risks=risks),
            "decision": _decision(session),
        },
        session=session,
        section="ranking",
        status=status,
    )


@login_required
def ranking(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session, can_edit = get_session_for_user(request.user, katotth, pk)
    return _page(request, session, can_edit)


@login_required
@require_POST
def ranking_setup(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    form = BallotSetupForm(request.POST, risks=register_risks(session))
    if not form.is_valid():
        return _page(request, session, True, setup_form=form, status=400)
    try:
        services.ballot_setup(
            session=session,
            method=form.cleaned_data["method"],
            risks=list(form.cleaned_data["risks"].order_by("code", "title")),
            budget=form.cleaned_data["budget"],
        )
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, session, True, setup_form=form, status=400)
    return redirect("dialogues:ranking", katotth, pk)


@login_required
@require_POST
def ranking_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    services.ballot_delete(session=session)
    messages.success(request, _("The ballot and its votes were deleted."))
    return redirect("dialogues:ranking", katotth, pk)


def _ballot_risks(ballot: Ballot) -> list[Risk]:
    return [item.risk for item in ballot.items.select_related("risk")]


@login_required
def ranking_paper(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    ballot = _ballot(session)
    if ballot is None or ballot.method != Ballot.Method.DOTS:
        messages.error(
            request, _("Only a dot-voting ballot can be counted from paper.")
        )
        return redirect("dialogues:ranking", katotth, pk)
    risks = _ballot_risks(ballot)
    form = PaperCountForm(request.POST or None, risks=risks)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.ballot_paper_record(
                    session=session,
                    actor=user_of(request),
                    group=form.cleaned_data["group"],
                    voters=form.cleaned_data["voters"],
                    dots=form.dots(),
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect("dialogues:ranking", katotth, pk)
        status = 400
    return render_tab(
        request,
        session.community,
        "dialogues/ranking_paper.html",
        {
            "form": form,
            "ballot": ballot,
            "head_count": session.head_count(),
            "paper_counts": ballot.paper_counts.all(),
        },
        session=session,
        section="ranking",
        status=status,
    )


@login_required
def priorities(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    decision = _decision(session)
    initial: dict[str, object] = {}
    if decision is not None:
        initial = {f"priority_{i.rank}": i.risk_id for i in decision.items.all()}
        initial["rationale"] = decision.rationale
    form = PrioritiesForm(
        request.POST or None, initial=initial, risks=register_risks(session)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.priorities_record(
                    session=session,
                    actor=user_of(request),
                    ordered=form.ordered(),
                    rationale=form.cleaned_data["rationale"],
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request, _("The agreed priorities are now in the risk register.")
                )
                return redirect("dialogues:ranking", katotth, pk)
        status = 400
    return render_tab(
        request,
        session.community,
        "dialogues/priorities.html",
        {"form": form},
        session=session,
        section="ranking",
        status=status,
    )


@login_required
@require_POST
def statements_seed(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    if request.POST.get("source") == "findings":
        try:
            added = services.statements_seed_from_findings(session=session)
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect("dialogues:statements", katotth, pk)
        if added:
            messages.success(
                request,
                ngettext(
                    "%(n)s statement was added from the survey findings.",
                    "%(n)s statements were added from the survey findings.",
                    len(added),
                )
                % {"n": len(added)},
            )
        else:
            messages.info(request, _("Every survey finding already has a statement."))
        return redirect("dialogues:statements", katotth, pk)
    added = services.statements_seed_from_register(session=session)
    if added:
        messages.success(
            request,
            ngettext(
                "%(n)s statement was added from the risk register.",
                "%(n)s statements were added from the risk register.",
                len(added),
            )
            % {"n": len(added)},
        )
    else:
        messages.info(request, _("Every register risk already has a statement."))
    return redirect("dialogues:statements", katotth, pk)
