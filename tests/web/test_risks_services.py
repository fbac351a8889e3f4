"""Adding and scoring risks, capacities (the services)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import translation

from hromada.web.audit.models import AuditEvent
from hromada.web.risks import services
from hromada.web.risks.catalogue import band_of, score
from hromada.web.risks.models import Capacity, Risk, RiskEvidence
from hromada.web.stakeholders import services as stakeholders
from tests.web.risks_base import RisksTestCase


class ScoringTest(RisksTestCase):
    def test_a_catalogue_risk_takes_its_names_and_is_scored_by_the_core(self) -> None:
        risk = self.add_risk("RK09", likelihood=4, impact=5)
        self.assertEqual(
            (risk.title, risk.title_en, risk.score, risk.status),
            ("Обстріли та авіаудари", "Shelling and air strikes", 20, "open"),
        )
        self.assertEqual(band_of(risk.score), "very_high")
        risk = services.risk_update(risk=risk, actor=None, likelihood=2)
        self.assertEqual((risk.score, band_of(risk.score)), (10, "high"))
        risk = services.risk_update(risk=risk, actor=None, impact=None)
        self.assertIsNone(risk.score)

    def test_the_bands_follow_the_project_convention(self) -> None:
        self.assertEqual(
            [score(1, 4)[1], score(1, 5)[1], score(3, 3)[1], score(4, 4)[1]],
            ["low", "medium", "medium", "high"],
        )
        self.assertEqual(
            [band_of(v) for v in (None, 4, 5, 9, 10, 16, 20, 25)],
            [None, "low", "medium", "medium", "high", "high", "very_high", "very_high"],
        )

    def test_a_custom_risk_needs_a_title(self) -> None:
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "Choose a risk of the catalogue"),
        ):
            self.add_risk(title="  ")
        risk = self.add_risk(title="Підтоплення підвалів", likelihood=2, impact=2)
        self.assertEqual((risk.code, risk.score), ("", 4))

    def test_it_refuses_out_of_range_scores_and_unknown_codes(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.add_risk("RK01", likelihood=6)
        self.assertIn("likelihood", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            self.add_risk("RK99")
        self.assertIn("code", caught.exception.message_dict)
        self.assertFalse(Risk.objects.exists())

    def test_a_catalogue_risk_is_held_once_but_a_dismissed_one_can_return(self) -> None:
        self.add_risk("RK05")
        with self.assertRaises(ValidationError):
            self.add_risk("RK05")
        dismissed = Risk.objects.create(
            community=self.community, code="RK07", title="x", status="dismissed"
        )
        back = self.add_risk("RK07", likelihood=2, impact=3)
        self.assertEqual((back.pk, back.status, back.score), (dismissed.pk, "open", 6))
        self.assertEqual(back.title, "Погане вуличне освітлення")
        # Another community's register is its own.
        self.add_risk("RK05", community=self.other_community)
        self.assertEqual(Risk.objects.filter(code="RK05").count(), 2)

    def test_only_a_suggestion_is_accepted_or_dismissed(self) -> None:
        suggested = Risk.objects.create(
            community=self.community, code="RK11", title="x", status="suggested"
        )
        accepted = services.risk_suggestion_accept(risk=suggested, actor=None)
        self.assertEqual(accepted.status, "open")
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "Only a suggested risk"),
        ):
            services.risk_suggestion_dismiss(risk=accepted, actor=None)


class CapacityTest(RisksTestCase):
    def test_it_sets_changes_and_clears_scores(self) -> None:
        services.capacity_set(
            community=self.community,
            actor=None,
            scores={"competence": 4, "resources": 2},
        )
        services.capacity_set(
            community=self.community,
            actor=None,
            scores={"competence": 5, "resources": None, "platforms": 3},
        )
        self.assertEqual(
            dict(Capacity.objects.values_list("dimension", "score")),
            {"competence": 5, "platforms": 3},
        )

    def test_it_refuses_another_communitys_stakeholder_and_bad_scores(self) -> None:
        foreign = stakeholders.stakeholder_create(
            community=self.other_community,
            actor=None,
            name_uk="Ізюмська рада",
            type="local_government",
            influence=5,
            interest=5,
        )
        with self.assertRaises(ValidationError):
            services.capacity_set(
                community=self.community,
                actor=None,
                stakeholder=foreign,
                scores={"competence": 4},
            )
        with self.assertRaises(ValidationError):
            services.capacity_set(
                community=self.community, actor=None, scores={"competence": 0}
            )
        with self.assertRaises(ValidationError):
            services.capacity_set(
                community=self.community, actor=None, scores={"wisdom": 3}
            )
        self.assertFalse(Capacity.objects.exists())

    def test_clearing_the_register_is_audited(self) -> None:
        self.add_risk("RK01")
        services.capacity_set(
            community=self.community, actor=None, scores={"leadership": 3}
        )
        deleted = services.risk_register_clear(
            community=self.community, actor=self.facilitator
        )
        self.assertEqual(deleted, 2)
        self.assertFalse(Risk.objects.exists() or Capacity.objects.exists())
        event = AuditEvent.objects.get(action="deletion")
        self.assertEqual(
            (event.community, event.actor), (self.community, self.facilitator)
        )


class AdminTest(RisksTestCase):
    def test_the_coordinator_reads_registers_in_the_admin_and_no_one_else(
        self,
    ) -> None:
        risk = self.add_risk("RK09")
        RiskEvidence.objects.create(risk=risk, kind="result", reference="2026-1:S4")
        services.capacity_set(
            community=self.community, actor=None, scores={"leadership": 3}
        )
        pages = (
            "/admin/risks/risk/",
            f"/admin/risks/risk/{risk.pk}/change/",
            "/admin/risks/capacity/",
        )
        self.login(self.coordinator)
        for url in pages:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertEqual(self.client.get("/admin/risks/risk/add/").status_code, 403)
        self.login(self.facilitator)
        for url in pages:
            self.assertNotEqual(self.client.get(url).status_code, 200, url)
