"""How dialogue decisions appear in a risk's evidence trail (``risks.evidence``).

References: ``agreement:<pk>``, ``action:<pk>`` and ``priorities:<session pk>``.
Restorative circles are never linked, so nothing here can reach them; a
reference of another community or to something deleted is left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hromada.web.communities.models import Community
from hromada.web.dialogues.models import (
    ActionItem,
    Agreement,
    DialogueSession,
    PriorityDecision,
)
from hromada.web.risks.evidence import EvidenceItem

KIND = "dialogue"


def _ids(references: Sequence[str], prefix: str) -> dict[int, str]:
    found = {}
    for reference in references:
        head, _sep, tail = reference.partition(":")
        if head == prefix and tail.isdigit():
            found[int(tail)] = reference
    return found


def _session_line(session: DialogueSession) -> str:
    return _("%(session)s, %(date)s") % {
        "session": session.title,
        "date": date_format(session.date, "DATE_FORMAT"),
    }


def _outcomes_url(session: DialogueSession) -> str:
    return reverse("dialogues:outcomes", args=[session.community.katotth, session.pk])


def describe(
    community: Community, references: Sequence[str]
) -> dict[str, EvidenceItem]:
    items: dict[str, EvidenceItem] = {}
    agreements = _ids(references, "agreement")
    for agreement in Agreement.objects.filter(
        pk__in=agreements, session__community=community
    ).select_related("session__community"):
        reference = agreements[agreement.pk]
        items[reference] = EvidenceItem(
            kind=KIND,
            reference=reference,
            label=_("Agreement: %(text)s") % {"text": agreement.text[:200]},
            detail=_session_line(agreement.session),
            url=_outcomes_url(agreement.session),
        )
    actions = _ids(references, "action")
    for item in ActionItem.objects.filter(
        pk__in=actions, session__community=community
    ).select_related("session__community"):
        reference = actions[item.pk]
        due = date_format(item.due_date, "DATE_FORMAT") if item.due_date else "—"
        items[reference] = EvidenceItem(
            kind=KIND,
            reference=reference,
            label=_("Action: %(text)s") % {"text": item.text[:200]},
            detail=_("%(owner)s, due %(due)s, %(status)s; %(session)s")
            % {
                "owner": item.owner,
                "due": due,
                "status": item.get_status_display(),
                "session": _session_line(item.session),
            },
            url=_outcomes_url(item.session),
        )
    decisions = _ids(references, "priorities")
    for decision in PriorityDecision.objects.filter(
        session__pk__in=decisions, session__community=community
    ).select_related("session__community"):
        reference = decisions[decision.session_id]
        session = decision.session
        items[reference] = EvidenceItem(
            kind=KIND,
            reference=reference,
            label=_("Agreed priorities of the dialogue"),
            detail=_session_line(session),
            url=reverse(
                "dialogues:ranking", args=[session.community.katotth, session.pk]
            ),
        )
    return items
