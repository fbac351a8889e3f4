"""Agreements and action items of a session, and the risks they answer.

A link to a risk is a ``RiskEvidence`` row (kind ``dialogue``, reference
``agreement:<pk>`` or ``action:<pk>``) written through the risks services, so
the risk's evidence trail lists it; ``dialogues/evidence.py`` describes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction

from hromada.web.dialogues.models import ActionItem, Agreement, DialogueSession
from hromada.web.risks.models import Risk, RiskEvidence
from hromada.web.risks.services import risk_evidence_link, risk_evidence_unlink

KIND = RiskEvidence.Kind.DIALOGUE


def agreement_reference(agreement: Agreement) -> str:
    return f"agreement:{agreement.pk}"


def action_reference(item: ActionItem) -> str:
    return f"action:{item.pk}"


def _link_risks(
    session: DialogueSession, reference: str, risks: Iterable[Risk] | None
) -> None:
    """Make ``reference``'s links exactly ``risks`` (None leaves them as they are)."""
    if risks is None:
        return
    chosen = list(risks)
    if any(r.community_id != session.community_id for r in chosen):
        raise ValueError("a linked risk belongs to another community")
    keep = {r.pk for r in chosen}
    for link in RiskEvidence.objects.filter(kind=KIND, reference=reference):
        if link.risk_id not in keep:
            risk_evidence_unlink(kind=KIND, reference=reference, risk=link.risk)
    for risk in chosen:
        risk_evidence_link(risk=risk, kind=KIND, reference=reference)


def linked_risks(references: Sequence[str]) -> dict[str, list[Risk]]:
    """Reference → the risks it is linked to, for the outcomes page."""
    found: dict[str, list[Risk]] = {}
    links = RiskEvidence.objects.filter(kind=KIND, reference__in=references)
    for link in links.select_related("risk").order_by("risk__code", "risk__title"):
        found.setdefault(link.reference, []).append(link.risk)
    return found


def outcome_links_remove(*, session: DialogueSession) -> None:
    """Remove every risk link of the session's outcomes (before it is deleted)."""
    references = [agreement_reference(a) for a in session.agreements.all()]
    references += [action_reference(i) for i in session.action_items.all()]
    references.append(f"priorities:{session.pk}")
    RiskEvidence.objects.filter(kind=KIND, reference__in=references).delete()


@transaction.atomic
def agreement_create(
    *, session: DialogueSession, text: str, risks: Iterable[Risk] | None = None
) -> Agreement:
    agreement = Agreement(session=session, text=text.strip())
    agreement.full_clean()
    agreement.save()
    _link_risks(session, agreement_reference(agreement), risks)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, text: str, risks: Iterable[Risk] | None = None
) -> None:
    agreement.text = text.strip()
    agreement.full_clean()
    agreement.save(update_fields=["text"])
    _link_risks(agreement.session, agreement_reference(agreement), risks)


@transaction.atomic
def agreement_delete(*, agreement: Agreement) -> None:
    risk_evidence_unlink(kind=KIND, reference=agreement_reference(agreement))
    agreement.delete()


@transaction.atomic
def action_item_create(
    *,
    session: DialogueSession,
    text: str,
    owner: str,
    due_date: dt.date | None = None,
    agreement: Agreement | None = None,
    status: str = ActionItem.Status.PLANNED,
    risks: Iterable[Risk] | None = None,
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
    _link_risks(session, action_reference(item), risks)
    return item


@transaction.atomic
def action_item_update(
    *,
    item: ActionItem,
    text: str,
    owner: str,
    due_date: dt.date | None,
    status: str,
    agreement: Agreement | None = None,
    risks: Iterable[Risk] | None = None,
) -> None:
    if agreement is not None and agreement.session_id != item.session_id:
        raise ValueError("the agreement belongs to another session")
    item.text, item.owner = text.strip(), owner.strip()
    item.due_date, item.status, item.agreement = due_date, status, agreement
    item.full_clean()
    item.save()
    _link_risks(item.session, action_reference(item), risks)


@transaction.atomic
def action_item_delete(*, item: ActionItem) -> None:
    risk_evidence_unlink(kind=KIND, reference=action_reference(item))
    item.delete()
