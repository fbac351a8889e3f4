"""Agreements and action items linked to risks, in the risks' evidence trail."""

from __future__ import annotations

import datetime as dt

from hromada.web.dialogues import services
from hromada.web.dialogues.evidence import describe
from hromada.web.risks.evidence import resolver_for
from hromada.web.risks.models import RiskEvidence
from tests.web.ranking_cases import RankingCase


class RiskLinksTest(RankingCase):
    def links(self) -> list[tuple[str, str]]:
        return sorted(
            RiskEvidence.objects.filter(kind="dialogue").values_list(
                "reference", "risk__code"
            )
        )

    def test_an_agreement_links_risks_on_its_forms(self) -> None:
        self.login(self.facilitator)
        page = self.client.get(self.url("outcomes"))
        self.assertContains(page, "Ризики, на які це відповідає")
        self.assertNotContains(page, "Відхилений ризик")
        self.client.post(
            self.url("agreement-add"),
            {"text": "Освітлити переходи.", "risks": [self.risks[0].pk]},
        )
        agreement = self.session.agreements.get()
        reference = f"agreement:{agreement.pk}"
        self.assertEqual(self.links(), [(reference, "RK01")])
        page = self.client.get(self.url("outcomes"))
        self.assertContains(page, "RK01 Темні вулиці")
        self.client.post(
            self.url("agreement-edit", agreement.pk),
            {
                "text": "Освітлити переходи.",
                "risks": [self.risks[1].pk, self.risks[5].pk],
            },
        )
        self.assertEqual(self.links(), [(reference, "RK02"), (reference, "RK06")])
        edit = self.client.get(self.url("agreement-edit", agreement.pk))
        self.assertContains(edit, f'value="{self.risks[1].pk}" id="id_risks_1" checked')
        self.client.post(self.url("agreement-delete", agreement.pk))
        self.assertEqual(self.links(), [])

    def test_a_risk_of_another_community_cannot_be_linked(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.url("agreement-add"),
            {"text": "Чуже", "risks": [self.outsider_risk.pk]},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.links(), [])

    def test_actions_are_described_with_owner_due_date_and_status(self) -> None:
        self.login(self.facilitator)
        self.client.post(
            self.url("action-add"),
            {
                "text": "Поставити ліхтарі біля ліцею.",
                "owner": "Міська рада",
                "due_date": "2025-12-01",
                "status": "in_progress",
                "risks": [self.risks[0].pk],
            },
        )
        action = self.session.action_items.get()
        reference = f"action:{action.pk}"
        self.assertEqual(self.links(), [(reference, "RK01")])
        items = describe(self.community, [reference])
        item = items[reference]
        self.assertEqual(item.label, "Дія: Поставити ліхтарі біля ліцею.")
        self.assertIn("Міська рада", item.detail)
        self.assertIn("1 грудня 2025", item.detail)
        self.assertIn("виконується", item.detail)
        self.assertIn(self.session.title, item.detail)
        self.assertEqual(item.url, self.url("outcomes"))
        # Unlinking on the edit form removes the trail entry.
        self.client.post(
            self.url("action-edit", action.pk),
            {"text": "Поставити ліхтарі.", "owner": "Міська рада", "status": "done"},
        )
        self.assertEqual(self.links(), [])

    def test_the_risks_app_finds_the_resolver(self) -> None:
        agreement = services.agreement_create(
            session=self.session, text="Щомісячні зустрічі", risks=[self.risks[2]]
        )
        resolver = resolver_for("dialogue")
        assert resolver is not None
        reference = f"agreement:{agreement.pk}"
        self.assertEqual(
            resolver(self.community, [reference])[reference].label,
            "Домовленість: Щомісячні зустрічі",
        )

    def test_deleted_foreign_and_circle_references_are_never_described(self) -> None:
        agreement = services.agreement_create(
            session=self.session, text="Наше", risks=[self.risks[0]]
        )
        foreign = services.agreement_create(session=self.other_session, text="Ізюм")
        circle = services.circle_create(
            community=self.community,
            facilitator=self.facilitator,
            date=dt.date(2025, 10, 1),
            purpose="Конфлікт сусідів",
        )
        item = services.circle_item_add(
            circle=circle, text="Полагодити паркан", owner="Б", deadline=None
        )
        references = [
            f"agreement:{agreement.pk}",
            f"agreement:{foreign.pk}",
            f"circle:{circle.pk}",
            f"agreement:{item.pk + 1000}",
            "action:x",
            "priorities:999",
        ]
        found = describe(self.community, references)
        self.assertEqual(list(found), [f"agreement:{agreement.pk}"])
        text = " ".join(f"{i.label} {i.detail}" for i in found.values())
        self.assertNotIn("паркан", text)
        self.assertNotIn("сусідів", text)

    def test_deleting_the_session_removes_its_links(self) -> None:
        agreement = services.agreement_create(
            session=self.session, text="Наше", risks=[self.risks[0]]
        )
        services.action_item_create(
            session=self.session,
            text="Дія",
            owner="ЦНАП",
            agreement=agreement,
            risks=[self.risks[1]],
        )
        services.priorities_record(
            session=self.session, actor=None, ordered=self.risks[:5], rationale=""
        )
        self.assertEqual(RiskEvidence.objects.count(), 7)
        described = describe(
            self.community,
            list(RiskEvidence.objects.values_list("reference", flat=True)),
        )
        self.assertEqual(len(described), 3)
        services.session_delete(session=self.session, actor=None)
        self.assertFalse(RiskEvidence.objects.exists())
