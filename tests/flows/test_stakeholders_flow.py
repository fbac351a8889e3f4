"""A demo facilitator edits her community's stakeholder map and sees the network
change; another partner's facilitator cannot reach it by address or API."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from playwright.sync_api import Page, expect

from hromada.web import demo
from hromada.web.communities.models import Community
from hromada.web.communities.registry import load_registry
from tests.flows.test_registry_flow import SLOVIANSK, browser_page

PASSWORD = "hromada-demo"
NEW = "School safety officer"


@pytest.mark.flow
class StakeholderMapFlowTest(StaticLiveServerTestCase):
    def setUp(self) -> None:
        # A transactional test empties the tables after it; reload the registry.
        if not Community.objects.exists():
            load_registry(Community, settings.HROMADA_REGISTRY_FILE)
        with self.settings(HROMADA_DEMO_PASSWORD=PASSWORD):
            demo.load()

    def sign_in(self, page: Page, username: str) -> None:
        page.goto(f"{self.live_server_url}/en/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{self.live_server_url}/en/")

    def isolates(self, page: Page) -> str:
        finding = page.locator("[data-code=isolates]")
        return finding.inner_text() if finding.count() else ""

    def nodes(self, page: Page) -> int:
        return page.locator("svg.chart-network g.nodes > g").count()

    def test_a_facilitator_edits_the_map_and_the_network_changes(self) -> None:
        with browser_page() as page:
            self.sign_in(page, "facilitator")
            page.get_by_role("link", name="Slovianska").first.click()
            page.get_by_role("navigation", name="Workspace").get_by_role(
                "link", name="Stakeholders"
            ).click()
            page.get_by_role("link", name="Cooperation network").click()
            before = self.nodes(page)
            assert "Sloviansk Youth Council" in self.isolates(page)
            assert self.isolates(page).startswith("3 stakeholders")

            page.get_by_role("link", name="Map", exact=True).click()
            page.get_by_role("link", name="Add a stakeholder").click()
            page.get_by_label("Name:", exact=True).fill("Шкільний офіцер безпеки")
            page.get_by_label("Name in English").fill(NEW)
            page.get_by_label("Type").select_option(label="education")
            page.get_by_label("Influence").fill("6")
            page.get_by_label("Interest").fill("5")
            page.get_by_role("button", name="Save").click()
            # Refused with the reason beside the field, and nothing is lost.
            expect(page.get_by_role("alert")).to_contain_text("Please correct")
            expect(
                page.get_by_text("Give a whole number from 1 (lowest) to 5")
            ).to_be_visible()
            page.get_by_label("Influence").fill("2")
            page.get_by_role("button", name="Save").click()
            expect(page.get_by_role("status")).to_contain_text(
                "The stakeholder is added to the map."
            )
            expect(page.get_by_role("rowheader", name=NEW)).to_be_visible()

            page.get_by_role("link", name="Cooperation network").click()
            assert self.nodes(page) == before + 1
            assert self.isolates(page).startswith("4 stakeholders")
            assert NEW in self.isolates(page)

            page.get_by_label("From:", exact=True).select_option(label=NEW)
            page.get_by_label("To:", exact=True).select_option(
                label="Sloviansk Youth Council"
            )
            page.get_by_label("Kind:", exact=True).select_option(label="cooperates")
            page.get_by_label("Strength:", exact=True).select_option(label="2 medium")
            page.get_by_role("button", name="Add the relation").click()
            expect(page.get_by_role("status")).to_contain_text("The relation is added.")
            edge = page.locator(
                "svg.chart-network line.edge-cooperates title",
                has_text=f"{NEW} — Sloviansk Youth Council",
            )
            assert edge.count() == 1
            assert self.isolates(page).startswith("2 stakeholders")
            assert "Youth Council" not in self.isolates(page)
            assert NEW not in self.isolates(page)

    def test_another_partners_facilitator_is_refused_by_address_and_api(self) -> None:
        with browser_page() as page:
            self.sign_in(page, "outsider")
            for path in (
                f"/en/communities/{SLOVIANSK}/stakeholders/",
                f"/en/communities/{SLOVIANSK}/stakeholders/network/",
                f"/api/v1/communities/{SLOVIANSK}/stakeholders",
            ):
                response = page.goto(f"{self.live_server_url}{path}")
                assert response is not None and response.status == 404, path
            assert "Sloviansk" not in page.content()
