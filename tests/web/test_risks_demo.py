"""The demo's risk registers and the home community's capacities."""

from __future__ import annotations

from click.testing import CliRunner
from django.test import TestCase

from hromada.cli import main
from hromada.web.risks.models import Capacity, Risk, RiskEvidence
from hromada.web.surveys.models import Assessment

HOME = "UA14120210000056793"


class RisksDemoTest(TestCase):
    def test_every_surveyed_community_gets_a_scored_register(self) -> None:
        result = CliRunner().invoke(main, ["demo"])
        self.assertEqual(result.exit_code, 0, result.output)
        rounds = Assessment.objects.select_related("community")
        self.assertGreaterEqual(rounds.count(), 10)
        for assessment in rounds:
            register = Risk.objects.of(assessment.community).in_register()
            with self.subTest(community=assessment.community.katotth):
                self.assertGreaterEqual(register.count(), 5)
                self.assertFalse(register.filter(score=None).exists())
                self.assertTrue(all(r.code for r in register))
        home = Risk.objects.filter(community__katotth=HOME)
        mines = home.get(code="RK10")
        # Statistics and hotspots link even before the analysis has run.
        kinds = set(mines.evidence.values_list("kind", flat=True))
        self.assertTrue({"statistic", "hotspot"} <= kinds, kinds)
        self.assertTrue(mines.location)
        wide = Capacity.objects.filter(community__katotth=HOME, stakeholder=None)
        self.assertEqual(wide.count(), 5)
        self.assertTrue(
            Capacity.objects.filter(community__katotth=HOME)
            .exclude(stakeholder=None)
            .exists()
        )

    def test_a_reset_rebuilds_the_registers(self) -> None:
        CliRunner().invoke(main, ["demo"])
        before = (Risk.objects.count(), Capacity.objects.count())
        result = CliRunner().invoke(main, ["demo", "--reset"])
        self.assertEqual(result.exit_code, 0, result.output)
        self.assertEqual((Risk.objects.count(), Capacity.objects.count()), before)
        self.assertFalse(
            RiskEvidence.objects.exclude(risk__in=Risk.objects.all()).exists()
        )
