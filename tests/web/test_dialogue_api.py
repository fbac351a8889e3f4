"""``GET /api/v1/communities/{katotth}/dialogues``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.web.accounts import services as accounts
from hromada.web.dialogues import services
from tests.web.dialogue_cases import CAMPS, DialogueCase
from tests.web.refusals import refuses


class DialogueApiTest(DialogueCase):
    def get(
        self, katotth: str | None = None, user: str = "council_viewer", **query: Any
    ) -> Any:
        _token, secret = accounts.token_create(user=getattr(self, user))
        return self.client.get(
            f"/api/v1/communities/{katotth or self.community.katotth}/dialogues",
            query,
            headers={"Authorization": f"Bearer {secret}", "Accept-Language": "en"},
        )

    def test_it_lists_sessions_with_attendance_and_opinion_summary(self) -> None:
        services.attendance_record(
            session=self.session,
            attendees=30,
            counts={("sex", "female"): 4, ("sex", "male"): 26, ("idp", "yes"): 0},
        )
        self.voters(CAMPS)
        response = self.get()
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 1)
        item = body["items"][0]
        self.assertEqual(
            (item["title"], item["kind"], item["date"], item["statements"]),
            ("Безпека в центрі міста", "community_dialogue", "2025-09-18", 6),
        )
        attendance = item["attendance"]
        self.assertEqual(attendance["total"], 30)
        self.assertEqual(
            attendance["counts"],
            {"sex": {"female": None, "male": None}, "idp": {"yes": 0}},
        )
        self.assertEqual(attendance["suppressed"], ["sex/female", "sex/male"])
        opinion = item["opinion"]
        self.assertEqual((opinion["status"], opinion["k"]), ("shown", 2))
        self.assertEqual(sorted(opinion["group_sizes"]), [6, 6])
        top = opinion["consensus"][0]
        self.assertEqual((top["agree"], top["voters"]), (12, 12))
        self.assertIn(top["text_uk"], [s.text_uk for s in self.statements])

    def test_no_groups_without_enough_votes(self) -> None:
        self.voters(CAMPS[:5])
        opinion = self.get().json()["items"][0]["opinion"]
        self.assertEqual(
            (opinion["status"], opinion["k"], opinion["group_sizes"]),
            ("few_voters", None, []),
        )

    def test_a_session_without_analysis_has_none(self) -> None:
        item = self.get().json()["items"][0]
        self.assertIsNone(item["opinion"])
        self.assertEqual(
            item["attendance"], {"total": None, "counts": {}, "suppressed": []}
        )

    def test_restorative_circles_are_never_listed(self) -> None:
        services.circle_create(
            community=self.community,
            facilitator=self.facilitator,
            date=dt.date(2025, 1, 1),
        )
        body = self.get(user="facilitator").json()
        self.assertEqual(body["count"], 1)
        self.assertNotIn("circle", str(body).lower())

    @refuses("api:community-dialogues")
    def test_outsiders_get_404_and_anonymous_401(self) -> None:
        self.assertEqual(self.get(user="other_facilitator").status_code, 404)
        response = self.client.get(
            f"/api/v1/communities/{self.community.katotth}/dialogues"
        )
        self.assertEqual(response.status_code, 401)

    def test_bad_input_is_refused(self) -> None:
        response = self.get(katotth="UA1")
        self.assertEqual(
            (response.status_code, response.json()["code"]), (400, "bad_katotth")
        )
        self.assertEqual(self.get(page_size=0).status_code, 400)
        self.assertEqual(self.get(page=0).status_code, 400)
        self.assertEqual(self.get(page=2).json()["items"], [])
