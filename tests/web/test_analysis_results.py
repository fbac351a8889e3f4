from __future__ import annotations

from hromada.web.analysis.models import Result
from hromada.web.analysis.services import results_replace
from hromada.web.surveys import services as surveys
from hromada.web.surveys.frameworks import default_version
from tests.web.base import HromadaTestCase


class ResultsReplaceTest(HromadaTestCase):
    def setUp(self) -> None:
        self.assessment = surveys.assessment_create(
            community=self.community,
            round="2026-1",
            framework=default_version(),
            actor=self.facilitator,
        )

    def cell(self, code: str, **fields: object) -> Result:
        return Result(code=code, kind=Result.Kind.SURVEY, method_version="t", **fields)

    def test_it_replaces_only_the_kinds_recomputed(self) -> None:
        results_replace(
            assessment=self.assessment,
            results=[self.cell("C1", estimate=5.0), self.cell("C2", estimate=6.0)],
            kinds=[Result.Kind.SURVEY],
        )
        index = Result(code="PSI", kind=Result.Kind.INDEX, method_version="t")
        results_replace(
            assessment=self.assessment, results=[index], kinds=[Result.Kind.INDEX]
        )
        results_replace(
            assessment=self.assessment,
            results=[self.cell("C1", estimate=4.5)],
            kinds=[Result.Kind.SURVEY],
        )
        codes = dict(
            Result.objects.for_assessment(self.assessment).values_list(
                "code", "estimate"
            )
        )
        self.assertEqual(codes, {"C1": 4.5, "PSI": None})

    def test_a_subgroup_cell_names_its_group(self) -> None:
        cell = self.cell("C6", dimension="idp", category="yes", n=12)
        overall = self.cell("C6")
        self.assertEqual((cell.group, overall.group), ("idp:yes", "all"))
