"""Agreements and action items of a session."""

from __future__ import annotations

import datetime as dt

from hromada.web.dialogues.models import ActionItem, Agreement, DialogueSession


def agreement_create(*, session: DialogueSession, text: str) -> Agreement:
    agreement = Agreement(session=session, text=text.strip())
    agreement.full_clean()
    agreement.save()
    return agreement


def agreement_update(*, agreement: Agreement, text: str) -> None:
    agreement.text = text.strip()
    agreement.full_clean()
    agreement.save(update_fields=["text"])


def agreement_delete(*, agreement: Agreement) -> None:
    agreement.delete()


def action_item_create(
    *,
    session: DialogueSession,
    text: str,
    owner: str,
    due_date: dt.date | None = None,
    agreement: Agreement | None = None,
    status: str = ActionItem.Status.PLANNED,
) -> ActionItem:
    if agreement is not None and agreement.session_id != session.pk:
        raise ValueError("the agreement belongs to another session")
    item = ActionItem(
        session=session,
        agreement=agreement,
        text=text.strip(),
        owner=owner.strip(),
        due_date=due_date,
        status=status,
    )
    item.full_clean()
    item.save()
    return item


def action_item_update(
    *,
    item: ActionItem,
    text: str,
    owner: str,
    due_date: dt.date | None,
    status: str,
    agreement: Agreement | None = None,
) -> None:
    if agreement is not None and agreement.session_id != item.session_id:
        raise ValueError("the agreement belongs to another session")
    item.text, item.owner = text.strip(), owner.strip()
    item.due_date, item.status, item.agreement = due_date, status, agreement
    item.full_clean()
    item.save()


def action_item_delete(*, item: ActionItem) -> None:
    item.delete()
