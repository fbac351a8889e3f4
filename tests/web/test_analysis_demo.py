"""The demo analyses every round; Sloviansk has an earlier round and change."""

from __future__ import annotations

from click.testing import CliRunner
from django.test import TestCase

from hromada.cli import main
from hromada.web.analysis.models import AnalysisRun, Change, Result
from hromada.web.surveys.models import Assessment

SLOVIANSK = "UA14120210000056793"


class AnalysisDemoTest(TestCase):
    def test_every_demo_round_is_analysed_and_the_home_round_has_change(self) -> None:
        result = CliRunner().invoke(main, ["demo"])
        self.assertEqual(result.exit_code, 0, result.output)
        rounds = Assessment.objects.all()
        self.assertEqual(
            AnalysisRun.objects.filter(status=AnalysisRun.Status.DONE).count(),
            rounds.count(),
        )
        for assessment in rounds:
            self.assertTrue(Result.objects.filter(assessment=assessment).exists())
        home = Assessment.objects.get(community__katotth=SLOVIANSK, round="2025-1")
        earlier = Assessment.objects.get(community__katotth=SLOVIANSK, round="2024-2")
        changes = Change.objects.filter(assessment=home, previous=earlier)
        self.assertTrue(changes.filter(verdict=Change.Verdict.CHANGE).exists())
        psi = {
            r.assessment_id: r.estimate
            for r in Result.objects.filter(
                code="PSI", dimension="all", assessment__in=[home, earlier]
            )
        }
        now, before = psi[home.pk], psi[earlier.pk]
        assert now is not None and before is not None
        self.assertGreater(now, before)
        self.assertFalse(
            Result.objects.filter(suppressed=False, kind="survey", n__lt=10).exists()
        )
