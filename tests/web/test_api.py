from __future__ import annotations

import json
from typing import Any

from django.test import override_settings

from hromada.web.accounts import services
from hromada.web.accounts.models import ApiToken
from hromada.web.audit.models import AuditEvent
from hromada.web.communities.models import Community, Phase
from tests.web.base import HromadaTestCase
from tests.web.refusals import refuses


class ApiTestCase(HromadaTestCase):
    def get(self, path: str, *, token: str | None = None, language: str = "en") -> Any:
        headers = {"Accept-Language": language}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.get(f"/api/v1{path}", headers=headers)

    def token_for(self, user_name: str) -> str:
        _token, secret = services.token_create(user=getattr(self, user_name))
        return secret


class TokenTest(ApiTestCase):
    def post_token(self, username: str, password: str, language: str = "en") -> Any:
        return self.client.post(
            "/api/v1/auth/token",
            json.dumps({"username": username, "password": password}),
            content_type="application/json",
            headers={"Accept-Language": language},
        )

    def test_it_exchanges_a_password_for_a_working_token(self) -> None:
        response = self.post_token("facilitator", self.password)
        self.assertEqual(response.status_code, 200)
        secret = response.json()["token"]
        self.assertEqual(
            self.get("/me", token=secret).json()["username"], "facilitator"
        )
        stored = ApiToken.objects.get(user=self.facilitator)
        self.assertNotIn(secret, (stored.key_hash, stored.prefix))
        self.assertTrue(secret.startswith(stored.prefix))
        actions = set(
            AuditEvent.objects.filter(actor=self.facilitator).values_list(
                "action", flat=True
            )
        )
        self.assertEqual(actions, {"login", "token_created"})

    def test_it_refuses_a_wrong_password_in_the_clients_language(self) -> None:
        response = self.post_token("facilitator", "wrong", language="en")
        self.assertEqual(
            (response.status_code, response.json()["detail"]),
            (401, "Wrong username or password."),
        )
        response = self.post_token("facilitator", "wrong", language="uk")
        self.assertEqual(
            (response.status_code, response.json()["detail"]),
            (401, "Неправильне ім’я користувача або пароль."),
        )
        self.assertEqual(
            AuditEvent.objects.filter(
                action="login_failed", actor_username="facilitator"
            ).count(),
            2,
        )
        self.assertFalse(ApiToken.objects.exists())

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_it_throttles_like_the_login_page(self) -> None:
        for _attempt in range(3):
            self.post_token("facilitator", "wrong")
        response = self.post_token("facilitator", self.password)
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.json()["code"], "locked_out")
        self.assertFalse(ApiToken.objects.exists())

    def test_a_revoked_token_stops_working(self) -> None:
        secret = self.token_for("facilitator")
        response = self.client.delete(
            "/api/v1/auth/token", headers={"Authorization": f"Bearer {secret}"}
        )
        self.assertEqual(response.status_code, 204)
        self.assertEqual(self.get("/me", token=secret).status_code, 401)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="token_revoked", actor=self.facilitator
            ).exists()
        )

    def test_it_lists_and_revokes_own_tokens(self) -> None:
        token, secret = services.token_create(user=self.facilitator, name="laptop")
        listed = self.get("/auth/tokens", token=secret).json()
        self.assertEqual([(t["id"], t["name"]) for t in listed], [(token.pk, "laptop")])
        response = self.client.delete(
            f"/api/v1/auth/tokens/{token.pk}",
            headers={"Authorization": f"Bearer {secret}"},
        )
        self.assertEqual(response.status_code, 204)
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)

    def test_session_callers_have_no_current_token_to_revoke(self) -> None:
        self.login(self.facilitator)
        response = self.client.delete("/api/v1/auth/token")
        self.assertEqual(response.status_code, 400)

    @refuses("api:tokens", "api:token-revoke", "api:token-revoke-current")
    def test_it_refuses_another_persons_token(self) -> None:
        token, _secret = services.token_create(user=self.facilitator)
        other = self.token_for("other_facilitator")
        response = self.client.delete(
            f"/api/v1/auth/tokens/{token.pk}",
            headers={"Authorization": f"Bearer {other}"},
        )
        self.assertEqual(response.status_code, 404)
        listed = [t["id"] for t in self.get("/auth/tokens", token=other).json()]
        self.assertNotIn(token.pk, listed)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)
        for method in ("get", "delete"):
            self.assertEqual(
                getattr(self.client, method)("/api/v1/auth/tokens").status_code,
                401 if method == "get" else 405,
            )
        self.assertEqual(self.client.delete("/api/v1/auth/token").status_code, 401)
        self.assertEqual(
            self.client.delete(f"/api/v1/auth/tokens/{token.pk}").status_code, 401
        )

    @refuses("api:token")
    def test_it_refuses_an_unknown_user(self) -> None:
        response = self.post_token("nobody", self.password)
        self.assertEqual(response.status_code, 401)
        response = self.client.post(
            "/api/v1/auth/token", "{}", content_type="application/json"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["code"], "invalid")


class MeTest(ApiTestCase):
    def test_it_says_who_i_am_and_where_i_work(self) -> None:
        me = self.get("/me", token=self.token_for("facilitator")).json()
        self.assertEqual(
            me,
            {
                "username": "facilitator",
                "organisation": "Partner",
                "roles": ["facilitator"],
                "communities": [self.community.katotth],
            },
        )
        self.login(self.wg_member)
        me = self.get("/me").json()
        self.assertEqual(
            (me["organisation"], me["roles"]), (None, ["working_group_member"])
        )
        self.login(self.coordinator)
        self.assertEqual(len(self.get("/me").json()["communities"]), 1469)

    @refuses("api:me")
    def test_it_refuses_anonymous_callers_in_their_language(self) -> None:
        response = self.get("/me", language="en")
        self.assertEqual(
            (response.status_code, response.json()["detail"]),
            (401, "Sign in or send a valid API token."),
        )
        response = self.get("/me", token="hr_not-a-token", language="uk")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(
            response.json()["detail"], "Увійдіть або надішліть чинний токен API."
        )


class CommunitiesTest(ApiTestCase):
    def setUp(self) -> None:
        self.token = self.token_for("other_facilitator")

    def items(self, query: str) -> list[dict[str, Any]]:
        response = self.get(f"/communities?{query}", token=self.token)
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()["items"]

    def test_it_pages_the_registry(self) -> None:
        first = self.get("/communities?page_size=500", token=self.token).json()
        self.assertEqual((first["count"], len(first["items"])), (1469, 500))
        last = self.get("/communities?page_size=500&page=3", token=self.token).json()
        self.assertEqual(len(last["items"]), 469)
        self.assertEqual(
            self.get("/communities?page=4&page_size=500", token=self.token).json()[
                "items"
            ],
            [],
        )
        self.assertEqual(len(self.items("")), 50)

    def test_it_filters_by_oblast_name_phase_and_partner(self) -> None:
        donetsk = Community.objects.filter(oblast_katotth="UA14000000000091971").count()
        for oblast in ("UA14", "ua14", "UA14000000000091971"):
            response = self.get(
                f"/communities?oblast={oblast}&page_size=500", token=self.token
            )
            self.assertEqual(response.json()["count"], donetsk, oblast)
        self.assertEqual(
            [c["katotth"] for c in self.items("q=Слов’янськ&oblast=UA14")],
            [self.community.katotth],
        )
        self.assertEqual(
            [c["katotth"] for c in self.items(f"phase={Phase.ANALYSIS}")],
            [self.other_community.katotth],
        )
        self.assertEqual(
            [c["katotth"] for c in self.items(f"partner={self.partner.pk}")],
            [self.community.katotth],
        )

    def test_it_gives_the_public_fields(self) -> None:
        detail = self.get(
            f"/communities/{self.community.katotth}", token=self.token
        ).json()
        self.assertEqual(
            {
                k: detail[k]
                for k in (
                    "katotth",
                    "name_uk",
                    "name_en",
                    "type",
                    "oblast_name_en",
                    "population",
                    "phase",
                    "phase_name",
                )
            },
            {
                "katotth": self.community.katotth,
                "name_uk": "Слов’янська",
                "name_en": "Slovianska",
                "type": "urban",
                "oblast_name_en": "Donetsk",
                "population": 113097,
                "phase": 2,
                "phase_name": "Evidence",
            },
        )
        self.assertEqual(detail["partner"]["name_en"], "Partner")
        self.assertNotIn("agreement_date", detail)

    def test_it_refuses_bad_input_with_a_translated_message(self) -> None:
        cases = [
            (
                "/communities?page_size=501",
                "page_size",
                "“page_size” must be between 1 and 500.",
                "“page_size” має бути від 1 до 500.",
            ),
            (
                "/communities?oblast=UA99",
                "oblast",
                "There is no oblast “UA99”; give its KATOTTH code, such as UA14.",
                "Немає області «UA99»; вкажіть її код КАТОТТГ, наприклад UA14.",
            ),
            (
                "/communities?phase=9",
                "phase",
                "“phase” must be between 0 and 8.",
                "“phase” має бути від 0 до 8.",
            ),
            (
                "/communities?partner=999999",
                "partner",
                "There is no partner organisation 999999.",
                "Немає партнерської організації 999999.",
            ),
            (
                "/communities?page=0",
                "page",
                "“page” must be 1 or more.",
                "“page” має бути 1 або більше.",
            ),
            (
                "/communities?page=x",
                "page",
                "The value of “page” is not valid.",
                "Значення «page» неприпустиме.",
            ),
            (
                "/communities/UA123",
                "katotth",
                "“UA123” is not a KATOTTH code: UA followed by 17 digits.",
                "«UA123» — не код КАТОТТГ: UA і 17 цифр.",
            ),
        ]
        for path, field, english, ukrainian in cases:
            for language, message in (("en", english), ("uk", ukrainian)):
                with self.subTest(path=path, language=language):
                    response = self.get(path, token=self.token, language=language)
                    self.assertEqual(response.status_code, 400)
                    self.assertEqual(response.json()["field"], field)
                    self.assertEqual(response.json()["detail"], message)

    def test_an_unknown_well_formed_code_is_not_found(self) -> None:
        response = self.get("/communities/UA00000000000000000", token=self.token)
        self.assertEqual(
            (response.status_code, response.json()["detail"]), (404, "Not found.")
        )

    @refuses("api:communities", "api:community")
    def test_it_refuses_anonymous_callers(self) -> None:
        self.assertEqual(self.get("/communities").status_code, 401)
        self.assertEqual(
            self.get(f"/communities/{self.community.katotth}").status_code, 401
        )
        self.token_for("facilitator")
        self.facilitator.is_active = False
        self.facilitator.save()
        secret = self.token_for("facilitator")
        self.assertEqual(self.get("/communities", token=secret).status_code, 401)


class OpenApiTest(ApiTestCase):
    def test_it_publishes_the_schema_and_docs(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/communities/{katotth}", schema["paths"])
        self.assertIn("/api/v1/auth/token", schema["paths"])
        docs = self.client.get("/api/v1/docs")
        self.assertContains(docs, "swagger-ui-bundle.js")
        self.assertNotContains(docs, "cdn.")
