"""The security-potential summary: capacities, the cooperation network, SPI."""

from __future__ import annotations

from django.utils import translation

from hromada.web.risks import services
from hromada.web.risks.potential import summary
from hromada.web.stakeholders import services as stakeholders
from hromada.web.stakeholders.models import Stakeholder
from tests.web.risks_base import RisksTestCase


class PotentialTest(RisksTestCase):
    def stakeholder(self, name: str, name_en: str, type: str) -> Stakeholder:
        return stakeholders.stakeholder_create(
            community=self.community,
            actor=None,
            name_uk=name,
            name_en=name_en,
            type=type,
            influence=4,
            interest=4,
        )

    def test_an_empty_community_has_nothing_to_say(self) -> None:
        self.assertIs(summary(self.community).empty, True)
        self.login(self.council_viewer)
        response = self.client.get("/en" + self.url("potential"))
        self.assertContains(response, "Nothing to summarise yet")

    def test_it_combines_capacities_network_and_spi_in_both_languages(self) -> None:
        council = self.stakeholder("Міська рада", "City council", "local_government")
        police = self.stakeholder("Поліція", "Police", "police")
        cso = self.stakeholder("ГО «Діалог»", "Dialogue", "cso")
        self.stakeholder("Молодіжна рада", "Youth council", "youth")
        for one, two in ((council, police), (council, cso)):
            stakeholders.relation_create(
                community=self.community,
                actor=None,
                source=one,
                target=two,
                kind="cooperates",
                strength=3,
            )
        services.capacity_set(
            community=self.community,
            actor=None,
            scores={"cooperation": 5, "leadership": 4, "resources": 2, "platforms": 3},
        )
        services.capacity_set(
            community=self.community,
            actor=None,
            stakeholder=police,
            scores={"competence": 5, "resources": 4, "cooperation": 2},
        )
        analysed = self.assessment
        self.result(analysed, "SPI", 5.8)
        self.result(analysed, "C1", 7.2)  # cohesion and trust
        self.result(analysed, "C4", 4.1)  # police–community
        self.result(analysed, "C5", 6.4)  # leadership
        self.result(analysed, "C8", None, suppressed=True, n=0)  # resilience: left out
        with translation.override("en"):
            potential = summary(self.community)
        self.assertEqual(
            potential.build_on,
            [
                "Community-wide strengths: cooperation (5 of 5) and leadership "
                "(4 of 5).",
                "Police: strong in competence and resources.",
                "Best connected: City council (2 partners).",
                "City council: a broker; without this stakeholder its group would "
                "fall into 2 parts.",
                "Security Potential Index in round 2026-1: 5.8 of 10.",
                "Strongest parts of the security potential: Cohesion and trust "
                "(7.2 of 10) and Leadership (6.4 of 10).",
            ],
        )
        self.assertIn(
            "Community-wide weak points: resources (2 of 5).", potential.strengthen
        )
        self.assertIn(
            "Weakest parts of the security potential: Police–community "
            "interaction (4.1 of 10).",
            potential.strengthen,
        )
        self.assertIn(
            "1 stakeholder has no cooperation ties: Youth council.",
            potential.strengthen,
        )
        self.assertNotIn(
            "Resilience", " ".join(potential.build_on + potential.strengthen)
        )
        self.assertEqual([n for n, _v in potential.components][0], "Cohesion and trust")
        # The page in Ukrainian (with a decimal comma).
        self.login(self.wg_member)
        response = self.client.get(self.url("potential"))
        self.assertContains(response, "5,8")
        self.assertContains(response, "Поліція")
