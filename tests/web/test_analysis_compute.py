"""The computation of a round: numbers against the core, suppression, gaps,
change, reliability, statistics and expert scores, failures and atomicity."""

from __future__ import annotations

import math

import pandas as pd
from django.db import IntegrityError
from django.utils.translation import override

from hromada import core
from hromada.web.analysis.compute import AnalysisFailed, analysis_compute
from hromada.web.analysis.models import Change, Gap, Reliability, Result
from hromada.web.analysis.problems import describe
from hromada.web.analysis.services import analysis_replace
from hromada.web.evidence import services as evidence
from hromada.web.surveys import services as surveys
from hromada.web.surveys.frames import assessment_frame
from hromada.web.surveys.models import Assessment, FrameworkVersion, Response
from tests.survey_files import FRAMEWORK
from tests.web.analysis_rounds import imported_round, scored_frame, set_answers
from tests.web.base import HromadaTestCase

PLAIN = core.SurveyDesign(weights="weight")


def num(value: float | None) -> float:
    assert value is not None
    return value


def estimate(assessment: Assessment, code: str, group: str = "all") -> float:
    return num(cell(assessment, code, group).estimate)


def cell(assessment: Assessment, code: str, group: str = "all") -> Result:
    dimension, _, category = group.partition(":")
    return Result.objects.get(
        assessment=assessment, code=code, dimension=dimension, category=category
    )


def english(found: dict[str, object]) -> str:
    with override("en"):
        return describe(found)


class EstimatesTest(HromadaTestCase):
    assessment: Assessment
    frame: pd.DataFrame

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.assessment = imported_round(cls.community, n=160)
        analysis_compute(assessment=cls.assessment)
        cls.frame = scored_frame(assessment_frame(cls.assessment))

    def test_a_result_is_the_core_estimate_of_the_same_frame(self) -> None:
        expected = core.survey_estimate(self.frame, PLAIN, ["C6"]).table.iloc[0]
        found = cell(self.assessment, "C6")
        for name in ("estimate", "se", "ci_low", "ci_high", "df"):
            self.assertAlmostEqual(getattr(found, name), expected[name], places=9)
        # Unit weights: N̂ = n, so the design effect is undefined (§1.6).
        self.assertTrue(math.isnan(expected["deff"]))
        self.assertIsNone(found.deff)
        self.assertEqual(found.n, expected["n"])
        self.assertEqual(found.kind, Result.Kind.SURVEY)
        self.assertEqual(found.method_version, "hromada 0.1.0 hromada-default@2026.1")

    def test_a_subgroup_cell_is_the_core_domain_estimate(self) -> None:
        table = core.survey_estimate(self.frame, PLAIN, ["C1"], by="idp").table
        expected = table.set_index("domain").loc["no"]
        found = cell(self.assessment, "C1", "idp:no")
        self.assertAlmostEqual(num(found.estimate), expected["estimate"], places=9)
        self.assertAlmostEqual(num(found.se), expected["se"], places=9)
        self.assertEqual(found.n, expected["n"])

    def test_risk_shares_are_the_core_perception_shares(self) -> None:
        expected = core.perception_shares(self.frame, PLAIN, ["R1/RK09"]).table
        found = cell(self.assessment, "R1/RK09")
        self.assertAlmostEqual(
            num(found.estimate), expected["estimate"].iloc[0], places=9
        )
        self.assertAlmostEqual(num(found.ci_low), expected["ci_low"].iloc[0], places=9)
        self.assertTrue(0 <= num(found.estimate) <= 1)
        codes = set(
            Result.objects.filter(assessment=self.assessment, code__startswith="R1/")
            .values_list("code", flat=True)
            .distinct()
        )
        self.assertEqual(codes, {f"R1/RK{i:02d}" for i in range(1, 21)})

    def test_psi_is_the_design_mean_of_the_respondent_composite(self) -> None:
        expected = core.survey_estimate(self.frame, PLAIN, ["PSI"]).table.iloc[0]
        found = cell(self.assessment, "PSI")
        self.assertEqual(found.kind, Result.Kind.INDEX)
        self.assertAlmostEqual(num(found.estimate), expected["estimate"], places=9)
        self.assertAlmostEqual(num(found.se), expected["se"], places=9)
        means = [estimate(self.assessment, f"S{i}") for i in range(1, 7)]
        oriented = [10 - m if i in (1, 5) else m for i, m in enumerate(means)]
        self.assertAlmostEqual(num(found.estimate), sum(oriented) / 6, delta=0.3)

    def test_spi_and_cpi_follow_the_framework_without_a_design_se(self) -> None:
        spi, cpi = cell(self.assessment, "SPI"), cell(self.assessment, "CPI")
        self.assertIsNone(spi.se)
        value = {
            c: estimate(self.assessment, c)
            for c in FRAMEWORK.indicators
            if FRAMEWORK.indicators[c].source == "survey"
        }
        components = [
            value["C1"],
            (value["C3"] + value["C7"]) / 2,
            value["C4"],
            value["C5"],
            (value["C2"] + value["C6"]) / 2,
            value["C8"],
        ]  # no expert ratings: institutional capacity and E4 are left out
        self.assertAlmostEqual(num(spi.estimate), sum(components) / 6, places=9)
        dimensions = [10 - value["C2"], 10 - value["C6"], 10 - value["C7"], value["S6"]]
        self.assertAlmostEqual(
            num(cpi.estimate), math.prod(dimensions) ** (1 / 4), places=9
        )

    def test_every_group_dimension_is_named_as_the_api_names_it(self) -> None:
        groups = set(
            Result.objects.filter(assessment=self.assessment, code="C1").values_list(
                "dimension", "category"
            )
        )
        self.assertIn(("all", ""), groups)
        self.assertIn(("sex", "female"), groups)
        self.assertIn(("age_group", "60plus"), groups)
        for flag in ("idp", "veteran_household", "disability_household"):
            self.assertIn((flag, "yes"), groups)
            self.assertIn((flag, "no"), groups)

    def test_small_groups_are_hidden_with_a_complement(self) -> None:
        other = cell(self.assessment, "C1", "sex:other")
        self.assertLess(other.n, 10)
        self.assertTrue(other.suppressed)
        self.assertGreater(other.n, 0)
        self.assertIsNone(other.estimate)
        self.assertIsNone(other.ci_low)
        women, men = (
            cell(self.assessment, "C1", "sex:female"),
            cell(self.assessment, "C1", "sex:male"),
        )
        smaller, larger = sorted((women, men), key=lambda c: c.n)
        self.assertTrue(smaller.suppressed)
        self.assertIsNone(smaller.estimate)
        self.assertFalse(larger.suppressed)
        self.assertTrue(cell(self.assessment, "SPI", "sex:other").suppressed)
        published = Result.objects.filter(assessment=self.assessment, suppressed=False)
        self.assertFalse(published.filter(n__lt=10, kind="survey").exists())

    def test_reliability_is_the_cores_alpha(self) -> None:
        rows = Reliability.objects.filter(assessment=self.assessment)
        self.assertEqual(rows.count(), 14)
        expected = core.item_analysis(self.frame, FRAMEWORK.scale_items("S4"))
        found = rows.get(code="S4")
        self.assertAlmostEqual(num(found.alpha), expected.alpha, places=9)
        self.assertEqual((found.items, found.n), (4, expected.n_complete))


class GapTest(HromadaTestCase):
    def test_a_real_difference_is_a_significant_gap_that_hurts_the_group(
        self,
    ) -> None:
        assessment = imported_round(self.community, n=200, seed=4)
        # Displaced respondents: treated unfairly, no access (C6 at its worst).
        moved = set_answers(assessment, {"C6a": 1, "C6b": 1, "C6c": 1}, idp=True)
        self.assertGreaterEqual(moved, 10)
        analysis_compute(assessment=assessment)
        gap = Gap.objects.get(
            assessment=assessment, code="C6", dimension="idp", category="yes"
        )
        self.assertTrue(gap.significant)
        self.assertTrue(gap.worse)
        self.assertLess(num(gap.ci_high), 0)
        self.assertAlmostEqual(num(gap.estimate_group), 0.0, places=9)
        self.assertAlmostEqual(
            num(gap.difference),
            num(gap.estimate_group) - num(gap.estimate_rest),
            places=9,
        )
        groups = set(
            Gap.objects.filter(assessment=assessment, code="C6").values_list(
                "dimension", "category"
            )
        )
        self.assertEqual(
            groups,
            {
                ("idp", "yes"),
                ("veteran_household", "yes"),
                ("disability_household", "yes"),
                ("sex", "female"),
                ("age_group", "18_29"),
                ("age_group", "60plus"),
            },
        )
        self.assertTrue(Gap.objects.filter(assessment=assessment, code="PSI").exists())
        self.assertTrue(
            Gap.objects.filter(assessment=assessment, code="R1/RK13").exists()
        )
        self.assertFalse(Gap.objects.filter(assessment=assessment, code="SPI").exists())

    def test_a_gap_of_a_small_group_has_no_numbers(self) -> None:
        assessment = imported_round(self.community, n=60, seed=5)
        displaced = Response.objects.filter(assessment=assessment, idp=True)
        keep = list(displaced.values_list("pk", flat=True)[:4])
        self.assertEqual(len(keep), 4)
        displaced.exclude(pk__in=keep).update(idp=False)
        analysis_compute(assessment=assessment)
        gap = Gap.objects.get(
            assessment=assessment, code="C6", dimension="idp", category="yes"
        )
        self.assertTrue(gap.suppressed)
        self.assertEqual(gap.n_group, 4)
        self.assertIsNone(gap.difference)
        self.assertFalse(gap.significant)


class ChangeTest(HromadaTestCase):
    def test_change_since_the_previous_round_gets_a_verdict(self) -> None:
        before = imported_round(self.community, "2025-1", n=150, seed=7)
        analysis_compute(assessment=before)
        after = imported_round(self.community, "2026-1", n=150, seed=8)
        set_answers(after, {"C6a": 0, "C6b": 5, "C6c": 5})
        analysis_compute(assessment=after)
        change = Change.objects.get(assessment=after, code="C6", dimension="all")
        self.assertEqual(change.previous, before)
        self.assertEqual(change.verdict, Change.Verdict.CHANGE)
        first, second = cell(before, "C6"), cell(after, "C6")
        self.assertAlmostEqual(
            num(change.difference), num(second.estimate) - num(first.estimate)
        )
        self.assertAlmostEqual(
            num(change.se), math.hypot(num(first.se), num(second.se))
        )
        verdicts = set(
            Change.objects.filter(assessment=after).values_list("verdict", flat=True)
        )
        self.assertLessEqual(verdicts, {"change", "small", "unclear", "none"})
        self.assertIn("none", verdicts)
        hidden = Result.objects.filter(assessment=after, suppressed=True)
        for found in hidden:
            self.assertFalse(
                Change.objects.filter(
                    assessment=after,
                    code=found.code,
                    dimension=found.dimension,
                    category=found.category,
                ).exists()
            )
        self.assertFalse(Change.objects.filter(assessment=before).exists())

    def test_a_changed_scale_is_not_comparable(self) -> None:
        before = imported_round(self.community, "2025-1", n=80, seed=7)
        analysis_compute(assessment=before)
        text = before.framework.text.replace('version: "2026.1"', 'version: "2026.2"')
        text = text.replace(
            "{code: C2c, scale: L5, reverse: true,", "{code: C2c, scale: L5,"
        )
        changed = surveys.framework_version_add(text=text, actor=None)
        Assessment.objects.filter(pk=before.pk).update(framework=changed)
        after = imported_round(self.community, "2026-1", n=80, seed=8)
        computed = analysis_compute(assessment=after)
        blocked = set(
            Change.objects.filter(
                assessment=after, verdict=Change.Verdict.NOT_COMPARABLE
            ).values_list("code", flat=True)
        )
        self.assertEqual(blocked, {"C2", "SPI", "CPI"})
        self.assertTrue(
            Change.objects.filter(assessment=after, code="C1")
            .exclude(verdict=Change.Verdict.NOT_COMPARABLE)
            .exists()
        )
        self.assertFalse(
            Change.objects.filter(assessment=after, code="C2", dimension="sex").exists()
        )
        [found] = [p for p in computed.problems if p["code"] == "not_comparable"]
        message = english(found)
        self.assertIn("2025-1", message)
        self.assertIn("C2, SPI, CPI", message)
        self.assertIn("hromada-default@2026.2", message)
        self.assertTrue(FrameworkVersion.objects.filter(version="2026.2").exists())


class EvidenceCellsTest(HromadaTestCase):
    def test_statistics_and_expert_scores_are_community_cells(self) -> None:
        assessment = imported_round(self.community, "2026-1", n=30)
        for year, value in ((2024, 10), (2025, 20), (2027, 40)):
            evidence.statistic_set(
                community=self.community,
                indicator="T1",
                period=year,
                value=value,
                source="Police",
                actor=None,
            )
        criteria = [c.code for c in FRAMEWORK.indicators["E1"].checklist]
        for rater, mark in (("A", 2), ("B", 1)):
            evidence.expert_rating_add(
                assessment=assessment,
                indicator="E1",
                rater=rater,
                criteria=dict.fromkeys(criteria, mark),
                actor=None,
            )
        analysis_compute(assessment=assessment)
        e1 = cell(assessment, "E1")
        self.assertEqual((e1.kind, e1.estimate, e1.n), (Result.Kind.EXPERT, 7.5, 2))
        self.assertFalse(e1.suppressed)
        t1 = cell(assessment, "T1")
        self.assertEqual(t1.kind, Result.Kind.STATISTIC)
        self.assertAlmostEqual(
            num(t1.estimate), 20 / self.community.population * 10_000
        )
        self.assertIsNone(t1.se)
        self.assertFalse(
            Result.objects.filter(assessment=assessment, code="T2").exists()
        )


class FailureTest(HromadaTestCase):
    def test_too_few_responses_write_nothing(self) -> None:
        assessment = imported_round(self.community, n=6)
        with self.assertRaises(AnalysisFailed) as raised:
            analysis_compute(assessment=assessment)
        [found] = raised.exception.problems
        self.assertEqual(found["code"], "too_few_responses")
        self.assertEqual(
            english(found),
            "The round has 6 responses: at least 10 are needed for any estimate. "
            "Nothing was computed.",
        )
        self.assertFalse(Result.objects.exists())

    def test_a_design_column_without_values_keeps_the_previous_results(self) -> None:
        assessment = imported_round(self.community, n=40)
        surveys.assessment_design_set(
            assessment=assessment, actor=None, psu_column="PSU"
        )
        assessment.refresh_from_db()
        analysis_compute(assessment=assessment)
        before = list(Result.objects.values_list("pk", "estimate"))
        Response.objects.filter(
            pk__in=Response.objects.filter(assessment=assessment).values("pk")[:3]
        ).update(psu="")
        with self.assertRaises(AnalysisFailed) as raised:
            analysis_compute(assessment=assessment)
        [found] = raised.exception.problems
        self.assertEqual(found["code"], "missing_psu")
        self.assertIn("3 responses have no PSU", english(found))
        self.assertEqual(list(Result.objects.values_list("pk", "estimate")), before)

    def test_a_stratum_with_one_psu_is_computed_with_a_caveat(self) -> None:
        assessment = imported_round(self.community, n=80)
        surveys.assessment_design_set(
            assessment=assessment, actor=None, psu_column="PSU"
        )
        Assessment.objects.filter(pk=assessment.pk).update(strata_column="STRATUM")
        assessment.refresh_from_db()
        responses = Response.objects.filter(assessment=assessment)
        lonely = responses.values_list("psu", flat=True).first()
        responses.update(stratum="main")
        responses.filter(psu=lonely).update(stratum="lonely")
        computed = analysis_compute(assessment=assessment)
        caveats = [p for p in computed.problems if p["code"] == "lonely_psu"]
        self.assertEqual(len(caveats), 1)
        self.assertEqual(caveats[0]["level"], "warning")
        self.assertIn("a single primary sampling unit", english(caveats[0]))
        overall = Result.objects.get(code="S1", dimension="all")
        self.assertIsNotNone(overall.ci_low)  # computed all the same

    def test_a_failure_mid_run_leaves_the_previous_results(self) -> None:
        assessment = imported_round(self.community, n=40)
        analysis_compute(assessment=assessment)
        before = list(Result.objects.values_list("pk", "estimate"))
        gaps = Gap.objects.count()

        def stop_at_gaps(percent: int, stage: str) -> None:
            if stage == "gaps":
                raise RuntimeError("stopped")

        set_answers(assessment, {"C1a": 5, "C1b": 5, "C1c": 5})
        with self.assertRaisesMessage(RuntimeError, "stopped"):
            analysis_compute(assessment=assessment, progress=stop_at_gaps)
        self.assertEqual(list(Result.objects.values_list("pk", "estimate")), before)
        self.assertEqual(Gap.objects.count(), gaps)

    def test_the_replace_is_one_transaction(self) -> None:
        assessment = imported_round(self.community, n=40)
        analysis_compute(assessment=assessment)
        before = Result.objects.count()
        twice = [Result(code="C1", kind="survey", method_version="t")] * 2
        with self.assertRaises(IntegrityError):
            analysis_replace(
                assessment=assessment,
                results=[Result(code="C9", kind="survey", method_version="t"), *twice],
                gaps=[],
                changes=[],
                reliabilities=[],
            )
        self.assertEqual(Result.objects.count(), before)
        self.assertTrue(Gap.objects.exists())
        self.assertFalse(Result.objects.filter(code="C9").exists())
        self.assertFalse(pd.isna(estimate(assessment, "C1")))
