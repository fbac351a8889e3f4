"""A demo facilitator adds a risk to her community's register and finds it on
the matrix; the council viewer reads the register without the internal
location; another partner's facilitator cannot reach it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from playwright.sync_api import Page, expect

from hromada.web import demo
from hromada.web.communities.models import Community
from hromada.web.communities.registry import load_registry
from hromada.web.risks.demo import LOCATIONS
from tests.flows.test_registry_flow import SLOVIANSK, browser_page

PASSWORD = "hromada-demo"


@pytest.mark.flow
class RiskRegisterFlowTest(StaticLiveServerTestCase):
    def setUp(self) -> None:
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

    def open_risks(self, page: Page) -> None:
        page.goto(f"{self.live_server_url}/en/communities/{SLOVIANSK}/")
        page.get_by_role("navigation", name="Workspace").get_by_role(
            "link", name="Risks"
        ).click()

    def test_a_facilitator_adds_a_risk_and_finds_it_on_the_matrix(self) -> None:
        with browser_page() as page:
            self.sign_in(page, "facilitator")
            self.open_risks(page)
            expect(page.get_by_role("heading", name="Risk register")).to_be_visible()
            page.get_by_role("link", name="Add a risk").click()
            page.get_by_label("From the catalogue").select_option(
                label="RK19 Unsafe buildings and infrastructure"
            )
            page.get_by_label("Likelihood").select_option("4")
            page.get_by_label("Impact").select_option("4")
            page.get_by_role("button", name="Save").click()
            expect(page.get_by_role("status")).to_contain_text("The risk is saved.")
            row = page.get_by_role("row").filter(
                has_text="Unsafe buildings and infrastructure"
            )
            expect(row.locator(".band-high")).to_have_text("16 (high)")

            page.get_by_role("link", name="Risk matrix").click()
            marks = page.locator("svg.chart-svg title", has_text="Unsafe buildings")
            assert marks.count() == 1
            title = marks.first.text_content() or ""
            assert "likelihood 4, impact 4, score 16" in title

            page.get_by_role("link", name="Risk register").click()
            page.get_by_role("link", name="Mines and unexploded ordnance").first.click()
            expect(page.get_by_text(LOCATIONS["RK10"])).to_be_visible()
            trail = page.locator(".evidence-trail")
            expect(trail).to_contain_text("source:")
            expect(trail).to_contain_text("Hotspot: mines or unexploded ordnance")

    def test_the_council_reads_without_location_and_outsiders_are_refused(
        self,
    ) -> None:
        with browser_page() as page:
            self.sign_in(page, "council")
            self.open_risks(page)
            expect(page.get_by_role("link", name="Add a risk")).to_have_count(0)
            page.get_by_role("link", name="Mines and unexploded ordnance").first.click()
            assert LOCATIONS["RK10"] not in page.content()
            assert "Hotspot:" not in page.content()
            page.get_by_role("link", name="Security potential").click()
            expect(
                page.get_by_role("heading", name="What we can build on")
            ).to_be_visible()
        with browser_page() as page:
            self.sign_in(page, "outsider")
            for path in (
                f"/en/communities/{SLOVIANSK}/risks/",
                f"/en/communities/{SLOVIANSK}/risks/matrix/",
                f"/api/v1/communities/{SLOVIANSK}/risks",
            ):
                response = page.goto(f"{self.live_server_url}{path}")
                assert response is not None and response.status == 404, path
