"""The register refreshed from a round's stored Result, Gap and Change rows."""

from __future__ import annotations

from hromada.web.evidence import services as evidence
from hromada.web.evidence.models import Hotspot
from hromada.web.risks.models import Risk, RiskEvidence
from hromada.web.risks.services import risk_register_refresh
from tests.web.risks_base import RisksTestCase


class RefreshTest(RisksTestCase):
    def setUp(self) -> None:
        self.shelling = self.add_risk("RK09", likelihood=5, impact=5)
        self.mines = self.add_risk("RK10", likelihood=3, impact=5)
        self.custom = self.add_risk(title="Підтоплення", likelihood=2, impact=2)

    def refresh(self) -> list[Risk]:
        suggested = risk_register_refresh(assessment=self.assessment)
        for risk in (self.shelling, self.mines, self.custom):
            risk.refresh_from_db()
        return suggested

    def links(self, risk: Risk, kind: str) -> set[str]:
        return set(risk.evidence.filter(kind=kind).values_list("reference", flat=True))

    def test_it_sets_the_perception_share_and_suppresses_small_cells(self) -> None:
        self.result(self.assessment, "R1/RK09", 0.42, ci_low=0.37, ci_high=0.47, n=310)
        self.result(self.assessment, "R1/RK10", None, n=0, suppressed=True)
        self.result(self.assessment, "R1/RK09", 0.5, dimension="idp", category="yes")
        self.refresh()
        s = self.shelling
        self.assertEqual(
            (s.perception_share, s.perception_ci_low, s.perception_ci_high),
            (0.42, 0.37, 0.47),
        )
        self.assertEqual((s.perception_n, s.assessment), (310, self.assessment))
        m = self.mines
        self.assertEqual(
            (m.perception_share, m.perception_ci_low, m.perception_n),
            (None, None, None),
        )
        self.assertIsNone(self.custom.perception_share)
        self.assertIsNone(self.custom.assessment)

    def test_the_equity_flag_needs_a_significant_worse_large_unsuppressed_gap(
        self,
    ) -> None:
        a = self.assessment
        self.gap(a, "R1/RK09", "idp:yes", 0.12)  # flagged
        self.gap(a, "R1/RK09", "sex:female", 0.10)  # exactly the margin: flagged
        self.gap(a, "R1/RK09", "age_group:18_29", 0.09)  # below 0.10
        self.gap(a, "R1/RK09", "age_group:60plus", 0.2, significant=False)
        self.gap(a, "R1/RK09", "veteran_household:yes", -0.2, worse=False)
        self.gap(a, "R1/RK09", "disability_household:yes", 0.3, suppressed=True)
        self.gap(a, "R1/RK09", "settlement:s1", 0.3)  # not a vulnerable group
        # Linked 0–10 indicators (RK09: S4, S6) need half a point.
        self.gap(a, "S4", "disability_household:yes", -0.6)
        self.gap(a, "S6", "age_group:60plus", 0.45)
        self.gap(a, "C2", "veteran_household:yes", -2.0)  # not linked to RK09
        self.refresh()
        self.assertIs(self.shelling.equity_flag, True)
        self.assertEqual(
            self.shelling.equity_groups,
            ["idp:yes", "disability_household:yes", "sex:female"],
        )
        self.assertEqual(
            (self.mines.equity_flag, self.mines.equity_groups), (False, [])
        )

    def test_the_trend_follows_a_detected_change_of_the_share(self) -> None:
        previous = self.round(self.community, "2025-1")
        outages = self.add_risk("RK11")
        shelters = self.add_risk("RK12")
        a = self.assessment
        self.change(a, previous, "R1/RK09", 0.08, "change")
        self.change(a, previous, "R1/RK10", -0.06, "change")
        self.change(a, previous, "R1/RK11", 0.02, "small")
        self.change(a, previous, "R1/RK12", 0.0, "not_comparable")
        self.refresh()
        outages.refresh_from_db()
        shelters.refresh_from_db()
        self.assertEqual(
            [r.trend for r in (self.shelling, self.mines, outages, shelters)],
            ["up", "down", "same", ""],
        )
        self.assertEqual(self.custom.trend, "")

    def test_it_links_results_statistics_and_hotspots(self) -> None:
        a = self.assessment
        self.result(a, "R1/RK10", 0.3)
        self.result(a, "S6", 4.2)
        evidence.statistic_set(
            community=self.community,
            indicator="T9",
            period=2025,
            value=3,
            source="ДСНС",
            actor=None,
        )
        evidence.statistic_set(
            community=self.community,
            indicator="T1",
            period=2025,
            value=300,
            source="Поліція",
            actor=None,
        )
        field = evidence.hotspot_create(
            community=self.community,
            latitude=48.85,
            longitude=37.6,
            category="uxo",
            time_of_day="any",
            actor=None,
        )
        cleared = evidence.hotspot_create(
            community=self.community,
            latitude=48.86,
            longitude=37.6,
            category="uxo",
            time_of_day="any",
            actor=None,
        )
        evidence.hotspot_update(
            hotspot=cleared, status=Hotspot.Status.RESOLVED, description="", actor=None
        )
        evidence.hotspot_create(
            community=self.community,
            latitude=48.86,
            longitude=37.61,
            category="lighting",
            time_of_day="night",
            actor=None,
        )
        self.refresh()
        self.assertEqual(
            self.links(self.mines, "result"), {"2026-1:R1/RK10", "2026-1:S6"}
        )
        self.assertEqual(
            self.links(self.mines, "statistic"), {"T9"}
        )  # T1 is not RK10's
        self.assertEqual(self.links(self.mines, "hotspot"), {str(field.pk)})
        self.assertFalse(self.custom.evidence.exists())
        # A hotspot deleted from the evidence tab leaves no link behind.
        evidence.hotspot_delete(hotspot=field, actor=None)
        self.assertEqual(self.links(self.mines, "hotspot"), set())
        self.assertEqual(self.links(self.mines, "statistic"), {"T9"})

    def test_a_later_round_replaces_the_result_links_but_keeps_dialogue_links(
        self,
    ) -> None:
        self.result(self.assessment, "R1/RK09", 0.4)
        self.refresh()
        RiskEvidence.objects.create(
            risk=self.shelling, kind="dialogue", reference="agreement:7"
        )
        later = self.round(self.community, "2026-2")
        self.result(later, "R1/RK09", 0.35)
        risk_register_refresh(assessment=later)
        self.assertEqual(self.links(self.shelling, "result"), {"2026-2:R1/RK09"})
        self.assertEqual(self.links(self.shelling, "dialogue"), {"agreement:7"})
        self.shelling.refresh_from_db()
        self.assertEqual(self.shelling.perception_share, 0.35)

    def test_an_older_round_does_not_turn_the_register_back(self) -> None:
        later = self.round(self.community, "2026-2")
        self.result(later, "R1/RK09", 0.35)
        risk_register_refresh(assessment=later)
        self.result(self.assessment, "R1/RK09", 0.5)
        self.result(self.assessment, "R1/RK11", 0.5)
        self.assertEqual(self.refresh(), [])
        self.assertEqual(self.shelling.perception_share, 0.35)
        self.assertEqual(self.shelling.assessment, later)

    def test_it_suggests_high_shares_top_five_and_poor_indicators(self) -> None:
        a = self.assessment
        shares = {
            "RK09": 0.5,  # in the register already
            "RK11": 0.31,  # high
            "RK05": 0.12,  # top five
            "RK04": 0.11,  # top five
            "RK01": 0.10,  # top five
            "RK06": 0.09,  # sixth, and T4 is no 0–10 indicator
            "RK03": 0.02,
        }
        for code, share in shares.items():
            self.result(a, f"R1/{code}", share)
        self.result(a, "R1/RK20", None, suppressed=True, n=0)
        self.result(a, "C4", 3.9)  # poor (higher is better): RK15
        self.result(a, "S2", 6.1)  # poor (higher is worse): RK01, RK02, RK04, RK18
        self.result(a, "C1", 7.5)  # good: RK20 stays out
        self.result(a, "C5", 5.0)  # not below the middle
        suggested = self.refresh()
        codes = sorted(r.code for r in suggested)
        self.assertEqual(
            codes, ["RK01", "RK02", "RK04", "RK05", "RK11", "RK15", "RK18"]
        )
        rk11 = Risk.objects.get(code="RK11")
        self.assertEqual(
            (rk11.status, rk11.title_en, rk11.perception_share, rk11.score),
            ("suggested", "Outages of power, water, heat", 0.31, None),
        )
        self.assertEqual(Risk.objects.filter(code="RK09").count(), 1)

    def test_a_dismissed_suggestion_is_never_suggested_again(self) -> None:
        self.result(self.assessment, "R1/RK11", 0.4)
        first = self.refresh()
        self.assertEqual([r.code for r in first], ["RK11"])
        Risk.objects.filter(code="RK11").update(status="dismissed")
        self.assertEqual(self.refresh(), [])
        self.assertEqual(
            list(Risk.objects.filter(code="RK11").values_list("status", flat=True)),
            ["dismissed"],
        )

    def test_without_results_the_register_stays_and_nothing_is_suggested(self) -> None:
        self.assertEqual(self.refresh(), [])
        self.assertEqual(Risk.objects.count(), 3)
        self.assertIsNone(self.shelling.perception_share)
        self.assertEqual(self.shelling.score, 25)
