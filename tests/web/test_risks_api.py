"""GET /api/v1/communities/{katotth}/risks: the register through the same rights."""

from __future__ import annotations

from typing import Any

from hromada.web.accounts import services as accounts
from hromada.web.risks.models import Risk, RiskEvidence
from hromada.web.risks.services import risk_dialogue_ranks_set, risk_register_refresh
from tests.web.refusals import refuses
from tests.web.risks_base import RisksTestCase

LOCATION = "Поле за вул. Світлодарською"


class RiskApiTest(RisksTestCase):
    def setUp(self) -> None:
        self.shelling = self.add_risk("RK09", likelihood=4, impact=5, location=LOCATION)
        self.outages = self.add_risk("RK11", likelihood=4, impact=3)
        self.result(self.assessment, "R1/RK09", 0.42, ci_low=0.37, ci_high=0.47)
        self.gap(self.assessment, "R1/RK09", "idp:yes", 0.15)
        RiskEvidence.objects.create(risk=self.shelling, kind="hotspot", reference="5")
        risk_register_refresh(assessment=self.assessment)

    def get(self, persona: str | None, query: str = "", katotth: str = "") -> Any:
        headers = {"Accept-Language": "en"}
        user = self.persona(persona) if persona else None
        if user is not None:
            _token, token = accounts.token_create(user=user)
            headers["Authorization"] = f"Bearer {token}"
        path = f"/api/v1/communities/{katotth or self.community.katotth}/risks{query}"
        return self.client.get(path, headers=headers)

    def test_a_risk_carries_scores_share_equity_trend_and_evidence(self) -> None:
        risk_dialogue_ranks_set(community=self.community, ordered=[self.outages])
        response = self.get("facilitator")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        codes = [item["code"] for item in body["items"]]
        # The dialogue's rank first, then score; the suggestion (RK09 is named
        # by 42%, so nothing else is suggested without other results) last.
        self.assertEqual(codes[:2], ["RK11", "RK09"])
        self.assertEqual(body["count"], len(codes))
        shelling = body["items"][1]
        self.assertEqual(
            {
                k: shelling[k]
                for k in (
                    "title",
                    "title_en",
                    "likelihood",
                    "impact",
                    "score",
                    "band",
                    "perception_share",
                    "perception_ci_low",
                    "perception_ci_high",
                    "round",
                    "equity_flag",
                    "equity_groups",
                    "trend",
                    "status",
                    "dialogue_rank",
                    "location",
                )
            },
            {
                "title": "Обстріли та авіаудари",
                "title_en": "Shelling and air strikes",
                "likelihood": 4,
                "impact": 5,
                "score": 20,
                "band": "very_high",
                "perception_share": 0.42,
                "perception_ci_low": 0.37,
                "perception_ci_high": 0.47,
                "round": "2026-1",
                "equity_flag": True,
                "equity_groups": ["idp:yes"],
                "trend": None,
                "status": "open",
                "dialogue_rank": None,
                "location": LOCATION,
            },
        )
        self.assertIn(
            {"kind": "result", "reference": "2026-1:R1/RK09"}, shelling["evidence"]
        )
        self.assertEqual(body["items"][0]["dialogue_rank"], 1)

    def test_the_council_viewer_gets_no_location_and_no_hotspots(self) -> None:
        body = self.get("council_viewer").json()
        shelling = next(i for i in body["items"] if i["code"] == "RK09")
        self.assertNotIn("location", shelling)
        self.assertNotIn("hotspot", {e["kind"] for e in shelling["evidence"]})
        self.assertNotIn(LOCATION, str(body))
        coordinator = self.get("coordinator").json()
        self.assertIn("location", coordinator["items"][0])

    def test_it_pages_and_refuses_a_bad_page_size(self) -> None:
        body = self.get("wg_member", "?page=2&page_size=1").json()
        self.assertEqual(
            (body["count"], [i["code"] for i in body["items"]]),
            (Risk.objects.count(), ["RK11"]),
        )
        response = self.get("wg_member", "?page_size=0")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["field"], "page_size")

    @refuses("api:community-risks")
    def test_another_partners_facilitator_and_anonymous_are_refused(self) -> None:
        response = self.get("other_facilitator")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Обстріли", response.content.decode())
        self.assertEqual(self.get(None).status_code, 401)
        # Her own community answers, with its own (empty) register.
        own = self.get("other_facilitator", katotth=self.other_community.katotth)
        self.assertEqual(own.json(), {"count": 0, "items": []})
