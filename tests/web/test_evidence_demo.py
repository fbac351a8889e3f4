"""The demo's survey rounds come through the real import path."""

from __future__ import annotations

from click.testing import CliRunner
from django.test import TestCase

from hromada.cli import main
from hromada.web.communities.models import Phase
from hromada.web.evidence.models import ExpertRating, Hotspot, StatisticValue
from hromada.web.surveys.frames import assessment_frame
from hromada.web.surveys.models import Assessment, Response, SurveyImport


class EvidenceDemoTest(TestCase):
    def test_the_demo_network_has_survey_rounds_made_by_imports(self) -> None:
        result = CliRunner().invoke(main, ["demo"])
        self.assertEqual(result.exit_code, 0, result.output)
        rounds = Assessment.objects.select_related("community")
        self.assertGreaterEqual(rounds.count(), 10)
        for assessment in rounds:
            self.assertGreaterEqual(assessment.community.phase, Phase.EVIDENCE)
            record = SurveyImport.objects.get(assessment=assessment)
            self.assertEqual(record.via, "demo")
            self.assertEqual(record.imported, assessment.responses.count())
            self.assertGreater(record.imported, 200)
        formats = set(SurveyImport.objects.values_list("file_format", flat=True))
        self.assertEqual(formats, {"csv", "xlsx"})
        home = Assessment.objects.get(
            community__katotth="UA14120210000056793", round="2025-1"
        )
        frame = assessment_frame(home)
        self.assertTrue(home.raking_converged)
        means = frame.groupby("idp")["C6b"].mean()
        self.assertLess(means[True], means[False])
        self.assertEqual(frame["stratum"].nunique(), 4)
        self.assertTrue(
            StatisticValue.objects.filter(community=home.community).exists()
        )
        self.assertEqual(
            ExpertRating.objects.filter(assessment=home)
            .values("indicator")
            .distinct()
            .count(),
            4,
        )
        self.assertEqual(Hotspot.objects.count(), 5)

    def test_a_reset_rebuilds_the_rounds(self) -> None:
        CliRunner().invoke(main, ["demo"])
        before = Response.objects.count()
        result = CliRunner().invoke(main, ["demo", "--reset"])
        self.assertEqual(result.exit_code, 0, result.output)
        self.assertEqual(Response.objects.count(), before)
        self.assertEqual(Hotspot.objects.count(), 5)
