"""Agreements and action items; restorative circle records."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from hromada.web.accounts import services as accounts
from hromada.web.accounts.models import Membership
from hromada.web.audit.models import AuditEvent
from hromada.web.dialogues import services
from hromada.web.dialogues.models import (
    ActionItem,
    Agreement,
    CircleAgreementItem,
    RestorativeCircle,
)
from tests.web.dialogue_cases import DialogueCase


class OutcomesTest(DialogueCase):
    def test_the_facilitator_records_agreements_and_actions(self) -> None:
        self.login(self.facilitator)
        self.client.post(self.url("agreement-add"), {"text": "Освітлити переходи."})
        agreement = Agreement.objects.get()
        response = self.client.post(
            self.url("action-add"),
            {
                "text": "Звернутися до ЖКГ.",
                "owner": "Робоча група",
                "due_date": "2025-10-15",
                "status": "planned",
                "agreement": agreement.pk,
            },
        )
        self.assertRedirects(response, self.url("outcomes"))
        action = ActionItem.objects.get()
        self.assertEqual(
            (action.agreement, action.due_date), (agreement, dt.date(2025, 10, 15))
        )
        self.client.post(
            self.url("action-edit", action.pk),
            {"text": "Звернутися до ЖКГ.", "owner": "Робоча група", "status": "done"},
        )
        action.refresh_from_db()
        self.assertEqual((action.status, action.due_date), ("done", None))
        self.client.post(
            self.url("agreement-edit", agreement.pk),
            {"text": "Освітлити всі переходи."},
        )
        agreement.refresh_from_db()
        self.assertEqual(agreement.text, "Освітлити всі переходи.")
        self.login(self.wg_member)
        page = self.client.get(self.url("outcomes"))
        self.assertContains(page, "Освітлити всі переходи.")
        self.assertContains(page, "виконано")
        self.assertNotContains(page, self.url("action-add"))
        self.login(self.facilitator)
        self.client.post(self.url("action-delete", action.pk))
        self.client.post(self.url("agreement-delete", agreement.pk))
        self.assertFalse(ActionItem.objects.exists() or Agreement.objects.exists())

    def test_an_action_needs_text_and_owner(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(self.url("action-add"), {"text": "", "owner": ""})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ActionItem.objects.exists())

    def test_an_agreement_of_another_session_cannot_be_linked(self) -> None:
        other = services.agreement_create(session=self.other_session, text="Чуже")
        self.login(self.facilitator)
        response = self.client.post(
            self.url("action-add"),
            {
                "text": "Дія",
                "owner": "ЦНАП",
                "status": "planned",
                "agreement": other.pk,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ActionItem.objects.exists())


class CircleTest(DialogueCase):
    def test_the_facilitator_keeps_a_private_record(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.tab_url("circle-new"),
            {"date": "2025-10-01", "place": "ЦНАП", "purpose": "Конфлікт у дворі"},
        )
        circle = RestorativeCircle.objects.get()
        self.assertRedirects(response, circle.get_absolute_url())
        self.assertEqual(circle.facilitator, self.facilitator)
        url = circle.get_absolute_url()
        self.client.post(url + "parties/", {"pseudonym": "А", "role": "harmed"})
        response = self.client.post(
            url + "parties/", {"pseudonym": "А", "role": "other"}
        )
        self.assertContains(response, "вже є стороною", status_code=400)
        self.client.post(
            url + "items/",
            {"text": "Вибачитися", "owner": "Б", "deadline": "2025-10-10"},
        )
        item = CircleAgreementItem.objects.get()
        self.client.post(url + f"items/{item.pk}/", {"status": "kept"})
        item.refresh_from_db()
        self.assertEqual(item.status, "kept")
        self.client.post(
            url + "follow-ups/", {"date": "2025-10-20", "note": "Усе гаразд."}
        )
        self.client.post(
            url,
            {
                "date": "2025-10-01",
                "place": "ЦНАП",
                "purpose": "x",
                "notes": "",
                "status": "closed",
            },
        )
        circle.refresh_from_db()
        self.assertEqual(circle.status, "closed")
        page = self.client.get(url)
        self.assertContains(page, "Усе гаразд.")
        self.assertEqual(str(circle), "відновне коло")
        # Nothing about it reaches the audit log the coordinator reads.
        self.assertFalse(
            AuditEvent.objects.filter(object_type__icontains="circle").exists()
        )

    def test_handing_over_moves_the_record_to_a_colleague(self) -> None:
        colleague = accounts.user_create(username="colleague", password="x" * 12)
        accounts.membership_grant(
            user=colleague,
            organisation=self.partner,
            role=Membership.Role.FACILITATOR,
            actor=None,
        )
        circle = services.circle_create(
            community=self.community,
            facilitator=self.facilitator,
            date=dt.date(2025, 1, 1),
        )
        self.login(self.facilitator)
        response = self.client.post(
            circle.get_absolute_url() + "hand-over/",
            {"facilitator": self.other_facilitator.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.client.post(
            circle.get_absolute_url() + "hand-over/", {"facilitator": colleague.pk}
        )
        self.assertEqual(self.client.get(circle.get_absolute_url()).status_code, 404)
        self.login(colleague)
        self.assertEqual(self.client.get(circle.get_absolute_url()).status_code, 200)

    def test_deleting_a_record(self) -> None:
        circle = services.circle_create(
            community=self.community,
            facilitator=self.facilitator,
            date=dt.date(2025, 1, 1),
        )
        self.login(self.facilitator)
        response = self.client.post(circle.get_absolute_url() + "delete/")
        self.assertRedirects(
            response, reverse("dialogues:circles", args=[self.community.katotth])
        )
        self.assertFalse(RestorativeCircle.objects.exists())

    def test_a_record_whose_facilitator_left_is_closed_to_everyone(self) -> None:
        circle = services.circle_create(
            community=self.community,
            facilitator=self.facilitator,
            date=dt.date(2025, 1, 1),
        )
        accounts.user_delete(user=self.facilitator, actor=None)
        circle.refresh_from_db()
        self.assertIsNone(circle.facilitator)
        for name in ("coordinator", "other_facilitator"):
            self.login(self.persona(name))
            self.assertEqual(
                self.client.get(circle.get_absolute_url()).status_code, 404
            )
