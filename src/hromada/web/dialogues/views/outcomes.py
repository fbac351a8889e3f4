"""Agreements and action items of a session."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from hromada.web.dialogues import services
from hromada.web.dialogues.access import get_session_for_user, get_session_to_edit
from hromada.web.dialogues.forms import ActionItemForm, AgreementForm
from hromada.web.dialogues.models import ActionItem, Agreement, DialogueSession
from hromada.web.dialogues.services.outcomes import (
    action_reference,
    agreement_reference,
)
from hromada.web.dialogues.views.common import render_tab


def _page(
    request: HttpRequest,
    session: DialogueSession,
    can_edit: bool,
    *,
    agreement_form: AgreementForm | None = None,
    action_form: ActionItemForm | None = None,
    status: int = 200,
) -> HttpResponse:
    agreements = list(session.agreements.all())
    actions = list(session.action_items.select_related("agreement"))
    links = services.linked_risks(
        [agreement_reference(a) for a in agreements]
        + [action_reference(i) for i in actions]
    )
    # The template lists each outcome's risks; a plain attribute keeps it simple.
    for agreement in agreements:
        agreement.linked = links.get(agreement_reference(agreement), [])  # type: ignore[attr-defined]
    for action in actions:
        action.linked = links.get(action_reference(action), [])  # type: ignore[attr-defined]
    return render_tab(
        request,
        session.community,
        "dialogues/outcomes.html",
        {
            "can_edit": can_edit,
            "agreements": agreements,
            "actions": actions,
            "agreement_form": agreement_form or AgreementForm(session=session),
            "action_form": action_form or ActionItemForm(session=session),
        },
        session=session,
        section="outcomes",
        status=status,
    )


@login_required
def outcomes(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session, can_edit = get_session_for_user(request.user, katotth, pk)
    return _page(request, session, can_edit)


@login_required
@require_POST
def agreement_add(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    form = AgreementForm(request.POST, session=session)
    if not form.is_valid():
        return _page(request, session, True, agreement_form=form, status=400)
    services.agreement_create(
        session=session,
        text=form.cleaned_data["text"],
        risks=form.cleaned_data["risks"],
    )
    return redirect("dialogues:outcomes", katotth, pk)


def _agreement(session: DialogueSession, item: int) -> Agreement:
    found = session.agreements.filter(pk=item).first()
    if found is None:
        raise Http404
    return found


def _action(session: DialogueSession, item: int) -> ActionItem:
    found = session.action_items.filter(pk=item).first()
    if found is None:
        raise Http404
    return found


@login_required
def agreement_edit(
    request: HttpRequest, katotth: str, pk: int, item: int
) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    agreement = _agreement(session, item)
    form = AgreementForm(request.POST or None, instance=agreement, session=session)
    if request.method == "POST" and form.is_valid():
        services.agreement_update(
            agreement=_agreement(session, item),
            text=form.cleaned_data["text"],
            risks=form.cleaned_data["risks"],
        )
        return redirect("dialogues:outcomes", katotth, pk)
    return render_tab(
        request,
        session.community,
        "dialogues/outcome_edit.html",
        {"form": form, "kind": "agreement"},
        session=session,
        section="outcomes",
    )


@login_required
@require_POST
def agreement_delete(
    request: HttpRequest, katotth: str, pk: int, item: int
) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    services.agreement_delete(agreement=_agreement(session, item))
    return redirect("dialogues:outcomes", katotth, pk)


@login_required
@require_POST
def action_add(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    form = ActionItemForm(request.POST, session=session)
    if not form.is_valid():
        return _page(request, session, True, action_form=form, status=400)
    services.action_item_create(session=session, **form.cleaned_data)
    return redirect("dialogues:outcomes", katotth, pk)


@login_required
def action_edit(request: HttpRequest, katotth: str, pk: int, item: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    action = _action(session, item)
    form = ActionItemForm(request.POST or None, instance=action, session=session)
    if request.method == "POST" and form.is_valid():
        services.action_item_update(item=_action(session, item), **form.cleaned_data)
        return redirect("dialogues:outcomes", katotth, pk)
    return render_tab(
        request,
        session.community,
        "dialogues/outcome_edit.html",
        {"form": form, "kind": "action"},
        session=session,
        section="outcomes",
    )


@login_required
@require_POST
def action_delete(
    request: HttpRequest, katotth: str, pk: int, item: int
) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    services.action_item_delete(item=_action(session, item))
    return redirect("dialogues:outcomes", katotth, pk)
