"""Statements: adding them, moderating participants' ones, editing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hromada.web.dialogues import services
from hromada.web.dialogues.access import get_session_for_user, get_session_to_edit
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.forms import StatementEditForm, StatementsForm
from hromada.web.dialogues.models import DialogueSession, Moderation, Statement
from hromada.web.dialogues.summary import statement_rows
from hromada.web.dialogues.views.common import render_tab


@login_required
def statements(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session, can_edit = get_session_for_user(request.user, katotth, pk)
    form = StatementsForm(request.POST or None)
    if request.method == "POST":
        session = get_session_to_edit(request.user, katotth, pk)
        if form.is_valid():
            added = services.statements_add(
                session=session,
                texts=form.lines(),
                language=form.cleaned_data["language"],
                is_meta=form.cleaned_data["is_meta"],
            )
            messages.success(
                request,
                ngettext(
                    "%(n)s statement added.", "%(n)s statements added.", len(added)
                )
                % {"n": len(added)},
            )
            return redirect("dialogues:statements", katotth, pk)
    analysis = services.analysis_refresh(session=session)
    rows = statement_rows(session, analysis)
    return render_tab(
        request,
        session.community,
        "dialogues/statements.html",
        {
            "can_edit": can_edit,
            "form": form,
            "pending": [
                r for r in rows if r.statement.moderation == Moderation.PENDING
            ],
            "rows": [r for r in rows if r.statement.moderation != Moderation.PENDING],
        },
        session=session,
        section="statements",
        status=400 if request.method == "POST" else 200,
    )


def _statement(session: DialogueSession, number: int) -> Statement:
    statement = session.statements.filter(number=number).first()
    if statement is None:
        raise Http404
    return statement


@login_required
def statement_edit(
    request: HttpRequest, katotth: str, pk: int, number: int
) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    statement = _statement(session, number)
    form = StatementEditForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_update(
                statement=_statement(session, number), **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The statement is saved."))
            return redirect("dialogues:statements", katotth, pk)
    return render_tab(
        request,
        session.community,
        "dialogues/statement_edit.html",
        {"form": form, "statement": statement},
        session=session,
        section="statements",
    )


@login_required
@require_POST
def statement_moderate(
    request: HttpRequest, katotth: str, pk: int, number: int
) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    statement = _statement(session, number)
    decision = {"accept": Moderation.ACCEPTED, "reject": Moderation.REJECTED}.get(
        request.POST.get("decision", "")
    )
    if decision is None:
        return HttpResponse(status=400)
    services.statement_moderate(statement=statement, moderation=decision)
    return redirect("dialogues:statements", katotth, pk)
