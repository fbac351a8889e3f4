from __future__ import annotations

from typing import Any

from django.utils import translation

from hromada.web.audit.models import AuditEvent
from hromada.web.communities.models import Community, Phase
from hromada.web.communities.workspace import TABS, tab
from tests.web.base import HromadaTestCase
from tests.web.refusals import refuses

PLACEHOLDER_TABS = [t.slug for t in TABS if t.url_name is None]


class DashboardTest(HromadaTestCase):
    def test_it_shows_the_coordinator_the_network_by_phase_and_partner(self) -> None:
        self.login(self.coordinator)
        response = self.client.get("/en/")
        self.assertContains(response, "The network: 2 communities")
        self.assertEqual(
            dict((p.value, n) for p, n in response.context["by_phase"] if n),
            {Phase.EVIDENCE: 1, Phase.ANALYSIS: 1},
        )
        self.assertEqual(
            {(p.name_en, p.n) for p in response.context["by_partner"]},
            {("Partner", 1), ("Other partner", 1)},
        )

    def test_it_shows_a_facilitator_her_communities_only(self) -> None:
        self.login(self.facilitator)
        response = self.client.get("/")
        self.assertContains(response, self.community.name_uk)
        self.assertContains(response, self.community.get_absolute_url())
        self.assertNotContains(response, self.other_community.get_absolute_url())

    @refuses("communities:dashboard")
    def test_it_sends_anonymous_visitors_to_sign_in(self) -> None:
        response = self.client.get("/")
        self.assertRedirects(response, "/login/?next=/")


class RegistryTest(HromadaTestCase):
    def setUp(self) -> None:
        self.login(self.other_facilitator)

    def found(self, query: str) -> list[str]:
        response = self.client.get(f"/communities/?{query}")
        self.assertEqual(response.status_code, 200)
        return [c.katotth for c in response.context["page"]]

    def test_it_lists_all_hromadas_fifty_a_page(self) -> None:
        response = self.client.get("/communities/?page=30")
        self.assertEqual(response.context["page"].paginator.count, 1469)
        self.assertEqual(len(response.context["page"]), 1469 - 29 * 50)

    def test_it_searches_names_in_ukrainian_and_english_ignoring_case(self) -> None:
        for query in ("q=слов’янськ", "q=СЛОВ’ЯНСЬК", "q=Sloviansk", "q=sloviansk"):
            with self.subTest(query):
                self.assertIn(self.community.katotth, self.found(query))

    def test_it_filters_by_oblast_type_partner_and_phase(self) -> None:
        donetsk = self.found("oblast=UA14000000000091971")
        self.assertEqual(len(donetsk), 50)
        self.assertEqual(
            self.client.get("/communities/?oblast=UA14000000000091971")
            .context["page"]
            .paginator.count,
            Community.objects.filter(oblast_katotth="UA14000000000091971").count(),
        )
        self.assertEqual(
            self.found(f"partner={self.partner.pk}"), [self.community.katotth]
        )
        self.assertEqual(
            self.found(f"phase={Phase.ANALYSIS}"), [self.other_community.katotth]
        )
        rural = self.found("type=rural&oblast=UA14000000000091971")
        self.assertTrue(rural)
        self.assertEqual(
            set(
                Community.objects.filter(katotth__in=rural).values_list(
                    "type", flat=True
                )
            ),
            {"rural"},
        )

    def test_it_refuses_an_unknown_filter_value_with_a_message(self) -> None:
        response = self.client.get("/en/communities/?oblast=UA99")
        self.assertEqual(list(response.context["page"]), [])
        self.assertContains(response, "Select a valid choice")

    def test_it_links_only_the_workspaces_the_user_has(self) -> None:
        response = self.client.get("/communities/?q=ізюм")
        self.assertContains(response, self.other_community.get_absolute_url())
        response = self.client.get("/communities/?q=слов’янськ")
        self.assertNotContains(response, self.community.get_absolute_url())

    def test_it_speaks_english_under_en(self) -> None:
        response = self.client.get("/en/communities/?q=sloviansk")
        self.assertContains(response, "Slovianska")
        self.assertContains(response, '<html lang="en">')
        response = self.client.get("/communities/?q=sloviansk")
        self.assertContains(response, '<html lang="uk">')

    @refuses("communities:registry")
    def test_it_sends_anonymous_visitors_to_sign_in(self) -> None:
        self.login(None)
        self.assertRedirects(
            self.client.get("/communities/"), "/login/?next=/communities/"
        )


class WorkspaceTest(HromadaTestCase):
    def url(self, tab: str = "") -> str:
        return f"/communities/{self.community.katotth}/" + (f"{tab}/" if tab else "")

    def test_it_shows_the_card_and_the_phase_tracker(self) -> None:
        self.login(self.facilitator)
        response = self.client.get("/en" + self.url())
        self.assertContains(response, "Slovianska (urban hromada)")
        self.assertContains(response, 'aria-current="step"')
        self.assertContains(response, "113,097")  # population, localised
        self.assertIsNone(response.context["form"])

    def test_it_shows_each_role_its_tabs(self) -> None:
        every = [t.slug for t in TABS][1:]
        expected = {
            "coordinator": every,
            "facilitator": every,
            "wg_member": every,
            # Evidence shows the council its statistics and expert ratings.
            "council_viewer": every,
        }
        for name, tabs in expected.items():
            self.login(self.persona(name))
            response = self.client.get(self.url())
            shown = [t.slug for t, _url in response.context["tabs"]][1:]
            self.assertEqual(shown, tabs, name)
            for slug in PLACEHOLDER_TABS:
                status = self.client.get(self.url(slug)).status_code
                self.assertEqual(status, 200 if slug in tabs else 404, (name, slug))

    def test_an_empty_tab_says_what_will_be_there(self) -> None:
        self.login(self.coordinator)
        slug = PLACEHOLDER_TABS[-1]  # the last to be built
        response = self.client.get("/en" + self.url(slug))
        with translation.override("en"):
            self.assertContains(response, str(tab(slug).placeholder))

    @refuses(
        "communities:workspace",
        *[f"communities:tab-{slug}" for slug in PLACEHOLDER_TABS],
    )
    def test_it_refuses_another_partners_facilitator(self) -> None:
        self.login(self.other_facilitator)
        for slug in ["", *PLACEHOLDER_TABS]:
            self.assertEqual(self.client.get(self.url(slug)).status_code, 404, slug)
        self.login(None)
        self.assertRedirects(self.client.get(self.url()), f"/login/?next={self.url()}")

    def test_the_refusal_pages_speak_the_users_language(self) -> None:
        self.login(self.other_facilitator)
        response = self.client.get(self.url())
        self.assertContains(response, "Не знайдено", status_code=404)
        response = self.client.get("/en" + self.url())
        self.assertContains(response, "Not found", status_code=404)

    def test_a_malformed_code_is_not_found(self) -> None:
        self.login(self.coordinator)
        self.assertEqual(self.client.get("/communities/UA123/").status_code, 404)
        self.assertEqual(
            self.client.get("/communities/UA00000000000000000/").status_code, 404
        )


class RegistryEditTest(HromadaTestCase):
    def url(self) -> str:
        return f"/communities/{self.community.katotth}/edit/"

    def post(self, **changes: object) -> Any:
        data = {
            "partner": self.partner.pk,
            "phase": self.community.phase,
            "agreement_date": "",
            **changes,
        }
        return self.client.post(self.url(), data)

    def test_the_coordinator_edits_the_flags_partner_and_phase(self) -> None:
        self.login(self.coordinator)
        response = self.post(
            front_line="on", phase=Phase.DIALOGUE, agreement_date="2026-02-01"
        )
        self.assertRedirects(response, self.community.get_absolute_url())
        self.community.refresh_from_db()
        self.assertEqual(
            (
                self.community.front_line,
                self.community.de_occupied,
                self.community.phase,
            ),
            (True, False, Phase.DIALOGUE),
        )
        event = AuditEvent.objects.get(
            action=AuditEvent.Action.REGISTRY_CHANGED, actor=self.coordinator
        )
        self.assertEqual(
            event.detail["phase"], {"from": Phase.EVIDENCE, "to": Phase.DIALOGUE}
        )
        self.assertEqual(event.community, self.community)

    def test_it_refuses_a_phase_outside_0_to_8(self) -> None:
        self.login(self.coordinator)
        response = self.post(phase=9)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["phase"])
        self.community.refresh_from_db()
        self.assertEqual(self.community.phase, Phase.EVIDENCE)

    @refuses("communities:edit")
    def test_it_refuses_everyone_else(self) -> None:
        for name, status in (
            ("facilitator", 403),
            ("wg_member", 403),
            ("council_viewer", 403),
            ("other_facilitator", 404),
        ):
            self.login(self.persona(name))
            self.assertEqual(
                self.post(phase=Phase.MONITORING).status_code, status, name
            )
        self.login(None)
        self.assertEqual(self.post(phase=Phase.MONITORING).status_code, 302)
        self.community.refresh_from_db()
        self.assertEqual(self.community.phase, Phase.EVIDENCE)
        changes = AuditEvent.objects.filter(action=AuditEvent.Action.REGISTRY_CHANGED)
        self.assertFalse(changes.exclude(actor=None).exists())


class LanguageTest(HromadaTestCase):
    def test_the_switch_moves_to_the_english_address(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            "/i18n/setlang/", {"language": "en", "next": "/communities/"}
        )
        self.assertRedirects(
            response, "/en/communities/", fetch_redirect_response=False
        )
        self.assertContains(self.client.get("/en/"), "Your communities")
        self.assertContains(self.client.get("/"), "Ваші громади")
