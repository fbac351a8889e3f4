"""The paper path (a printable tally sheet, then the tallies) and Pol.is imports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hromada.web.dialogues import services
from hromada.web.dialogues.access import get_session_for_user, get_session_to_edit
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.forms import PolisImportForm, TallyForm, tally_field_names
from hromada.web.dialogues.models import PaperTally
from hromada.web.dialogues.views.common import render_tab, user_of


@login_required
def tally_sheet(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session, _can_edit = get_session_for_user(request.user, katotth, pk)
    statements = session.statements.accepted().order_by("number")
    return render(
        request,
        "dialogues/tally_sheet.html",
        {
            "session": session,
            "community": session.community,
            "statements": statements,
            "head_count": session.head_count(),
        },
    )


@login_required
def tallies(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    statements = list(session.statements.accepted().order_by("number"))
    existing = {
        t.statement_id: t for t in PaperTally.objects.filter(statement__session=session)
    }
    initial: dict[str, int] = {}
    for statement in statements:
        tally = existing.get(statement.pk)
        if tally is not None:
            names = tally_field_names(statement.number)
            initial |= dict(
                zip(names, (tally.agree, tally.disagree, tally.passes), strict=True)
            )
    form = TallyForm(request.POST or None, statements=statements, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.tallies_record(
                session=session, actor=user_of(request), tallies=form.tallies()
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("The tallies of %(n)s statements are saved.") % {"n": saved},
            )
            return redirect("dialogues:tallies", katotth, pk)
    return render_tab(
        request,
        session.community,
        "dialogues/tallies.html",
        {"form": form, "head_count": session.head_count()},
        session=session,
        section="tallies",
        status=400 if request.method == "POST" else 200,
    )


@login_required
def polis_import(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    form = PolisImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            summary = services.polis_import(
                session=session,
                actor=user_of(request),
                votes=data["votes"].read(),
                comments=data["comments"].read(),
                votes_name=data["votes"].name,
                comments_name=data["comments"].name,
                language=data["language"],
                meta=data["meta"],
                attribution=data["attribution"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "Imported %(statements)s statements and %(participants)s "
                    "participants: %(added)s votes added, %(changed)s changed, "
                    "%(unchanged)s already there."
                )
                % {
                    "statements": summary.statements,
                    "participants": summary.participants,
                    "added": summary.votes_added,
                    "changed": summary.votes_changed,
                    "unchanged": summary.votes_unchanged,
                },
            )
            return redirect("dialogues:analysis", katotth, pk)
    return render_tab(
        request,
        session.community,
        "dialogues/import.html",
        {"form": form},
        session=session,
        section="import",
        status=400 if request.method == "POST" else 200,
    )
