"""GET /api/v1/communities/{katotth}/stakeholders: the map through the same rights."""

from __future__ import annotations

from typing import Any

from hromada.web.accounts import services as accounts
from tests.web.refusals import refuses
from tests.web.stakeholders_base import CONTACT, PERSON, MapTestCase


class StakeholderApiTest(MapTestCase):
    def get(
        self, persona: str | None, katotth: str | None = None, **headers: str
    ) -> Any:
        user = self.persona(persona) if persona else None
        token = None
        if user is not None:
            _token, token = accounts.token_create(user=user)
            headers["Authorization"] = f"Bearer {token}"
        path = f"/api/v1/communities/{katotth or self.community.katotth}/stakeholders"
        return self.client.get(path, headers={"Accept-Language": "en", **headers})

    def test_the_facilitator_gets_the_whole_map_with_contacts(self) -> None:
        response = self.get("facilitator")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 4)
        items = {item["name_uk"]: item for item in body["items"]}
        police = items["Поліція"]
        self.assertEqual(
            {k: police[k] for k in ("name_en", "type", "influence", "interest")},
            {"name_en": "Police", "type": "police", "influence": 4, "interest": 3},
        )
        self.assertEqual(police["contact"], CONTACT)
        self.assertEqual(police["approach"], "keep_satisfied")
        self.assertEqual(
            (police["key_actor"], police["degree"], police["broker"]), (True, 1, False)
        )
        self.assertTrue(items["Міська рада"]["broker"])
        self.assertTrue(items["Молодіжна рада"]["isolate"])
        self.assertEqual(
            {
                (r["source"], r["target"], r["kind"], r["strength"])
                for r in body["relations"]
            },
            {
                (self.police.pk, self.council.pk, "cooperates", 3),
                (self.council.pk, self.cso.pk, "cooperates", 2),
                (self.police.pk, self.youth.pk, "conflict", 2),
            },
        )
        group = body["working_group"]
        self.assertEqual(
            (group["founding_document_number"], group["founding_document_date"]),
            ("12-р", "2025-04-14"),
        )
        self.assertEqual(
            group["members"],
            [
                {
                    "stakeholder": self.council.pk,
                    "person": None,
                    "position": "",
                    "role": "chair",
                },
                {
                    "stakeholder": None,
                    "person": PERSON,
                    "position": "фасилітаторка",
                    "role": "secretary",
                },
            ],
        )

    def test_readers_get_the_map_without_personal_data(self) -> None:
        for persona in ("coordinator", "wg_member", "council_viewer"):
            with self.subTest(persona=persona):
                response = self.get(persona)
                self.assertEqual(response.status_code, 200)
                body = response.json()
                self.assertEqual(body["count"], 4)
                self.assertTrue(all("contact" not in i for i in body["items"]))
                self.assertTrue(
                    all("person" not in m for m in body["working_group"]["members"])
                )
                self.assertNotIn(CONTACT, response.content.decode())
                self.assertNotIn(PERSON, response.content.decode())

    def test_findings_come_as_codes_and_sentences_in_the_clients_language(
        self,
    ) -> None:
        network = self.get("coordinator").json()["network"]
        self.assertAlmostEqual(network["density"], 2 / 6)
        self.assertEqual(
            network["components"],
            [[self.police.pk, self.council.pk, self.cso.pk], [self.youth.pk]],
        )
        conflict = next(
            f for f in network["findings"] if f["code"] == "conflict_between"
        )
        self.assertEqual(conflict["subjects"], [self.police.pk, self.youth.pk])
        self.assertEqual(conflict["text"], "Police — Youth council: in conflict.")
        uk = self.get("coordinator", **{"Accept-Language": "uk"}).json()["network"]
        texts = [f["text"] for f in uk["findings"]]
        self.assertIn("Поліція — Молодіжна рада: конфлікт.", texts)

    @refuses("api:community-stakeholders")
    def test_another_partners_facilitator_gets_404(self) -> None:
        response = self.get("other_facilitator")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["code"], "not_found")
        self.assertNotIn("Поліція", response.content.decode())
        # Her own community answers, with her own map.
        own = self.get("other_facilitator", self.other_community.katotth).json()
        self.assertEqual([i["name_uk"] for i in own["items"]], ["Ізюмська рада"])
        self.assertIsNone(own["working_group"])

    def test_anonymous_callers_and_bad_codes_are_refused(self) -> None:
        self.assertEqual(self.get(None).status_code, 401)
        response = self.get("facilitator", "UA123")
        self.assertEqual(
            (response.status_code, response.json()["code"]), (400, "bad_katotth")
        )
        self.assertEqual(self.get("facilitator", "UA" + "0" * 17).status_code, 404)

    def test_the_operation_is_in_the_openapi_schema(self) -> None:
        self.login(self.facilitator)
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/communities/{katotth}/stakeholders", schema["paths"])
