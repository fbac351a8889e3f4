"""``GET …/assessments/{round}/results`` and ``…/results/gaps``."""

from __future__ import annotations

from hromada.web.analysis.compute import analysis_compute
from hromada.web.analysis.models import Result
from hromada.web.surveys.models import Assessment
from tests.web.analysis_rounds import imported_round
from tests.web.base import HromadaTestCase
from tests.web.refusals import refuses

KEYS = {"code", "group", "estimate", "se", "ci_low", "ci_high", "n", "suppressed"}


class ResultsApiTest(HromadaTestCase):
    assessment: Assessment
    path: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.assessment = imported_round(cls.community, n=120)
        analysis_compute(assessment=cls.assessment)
        cls.path = (
            f"/api/v1/communities/{cls.community.katotth}/assessments/2026-1/results"
        )

    def test_every_cell_has_the_interface_shape(self) -> None:
        self.login(self.council_viewer)
        response = self.client.get(self.path)
        self.assertEqual(response.status_code, 200)
        cells = response.json()
        self.assertEqual(len(cells), Result.objects.count())
        self.assertTrue(all(set(c) == KEYS for c in cells))
        first = cells[0]
        stored = Result.objects.get(
            assessment=self.assessment, code="S1", dimension="all"
        )
        self.assertEqual(
            first,
            {
                "code": "S1",
                "group": "all",
                "estimate": stored.estimate,
                "se": stored.se,
                "ci_low": stored.ci_low,
                "ci_high": stored.ci_high,
                "n": stored.n,
                "suppressed": False,
            },
        )
        hidden = [c for c in cells if c["suppressed"]]
        self.assertTrue(hidden)
        for found in hidden:
            self.assertIsNone(found["estimate"])
            self.assertIsNone(found["ci_low"])
        self.assertFalse(
            [c for c in cells if not c["suppressed"] and c["n"] < 10 and c["se"]]
        )

    def test_it_filters_by_code_and_group(self) -> None:
        self.login(self.facilitator)
        cells = self.client.get(self.path, {"code": "C6", "group": "idp:yes"}).json()
        self.assertEqual([(c["code"], c["group"]) for c in cells], [("C6", "idp:yes")])
        overall = self.client.get(self.path, {"group": "all"}).json()
        self.assertEqual({c["group"] for c in overall}, {"all"})
        self.assertIn("R1/RK09", {c["code"] for c in overall})
        codes = {c["code"] for c in self.client.get(self.path, {"code": "PSI"}).json()}
        self.assertEqual(codes, {"PSI"})

    def test_gaps_carry_difference_and_flags(self) -> None:
        self.login(self.wg_member)
        gaps = self.client.get(f"{self.path}/gaps", {"code": "C6"}).json()
        self.assertEqual(len(gaps), 6)
        idp = next(g for g in gaps if g["group"] == "idp:yes")
        self.assertAlmostEqual(
            idp["difference"], idp["estimate_group"] - idp["estimate_rest"]
        )
        self.assertIsInstance(idp["significant"], bool)
        for gap in gaps:
            if gap["suppressed"]:
                self.assertIsNone(gap["difference"])
                self.assertFalse(gap["significant"])

    def test_an_unknown_round_is_not_found(self) -> None:
        self.login(self.facilitator)
        path = self.path.replace("2026-1", "2019-1")
        self.assertEqual(self.client.get(path).status_code, 404)
        self.assertEqual(self.client.get(f"{path}/gaps").status_code, 404)

    @refuses("api:results", "api:result-gaps")
    def test_it_refuses_another_partners_facilitator(self) -> None:
        for user in (self.other_facilitator, None):
            self.login(user)
            for path in (self.path, f"{self.path}/gaps"):
                response = self.client.get(path)
                self.assertIn(response.status_code, (401, 404))
                self.assertNotIn("estimate", response.content.decode())
        self.login(self.other_facilitator)
        self.assertEqual(self.client.get(self.path).status_code, 404)
