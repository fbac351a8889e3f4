"""A facilitator signs in, finds her community in the registry and opens it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from playwright.sync_api import Page, sync_playwright

from hromada.web.accounts import services as accounts
from hromada.web.accounts.models import Membership
from hromada.web.communities import services as communities
from hromada.web.communities.models import Community, Organisation
from hromada.web.communities.registry import load_registry

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"
SLOVIANSK, IZIUM = "UA14120210000056793", "UA63040090000021240"


@contextmanager
def browser_page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.flow
class RegistryFlowTest(StaticLiveServerTestCase):
    def setUp(self) -> None:
        # A transactional test empties the tables after it; reload the registry.
        if not Community.objects.exists():
            load_registry(Community, settings.HROMADA_REGISTRY_FILE)
        for katotth, name, user in (
            (SLOVIANSK, "Партнер", "facilitator"),
            (IZIUM, "Інший", "outsider"),
        ):
            partner = communities.organisation_create(
                name_uk=name, name_en=name, kind=Organisation.Kind.PARTNER
            )
            communities.community_update(
                community=Community.objects.get(katotth=katotth),
                actor=None,
                partner=partner,
            )
            person = accounts.user_create(username=user, password=PASSWORD)
            accounts.membership_grant(
                user=person,
                organisation=partner,
                role=Membership.Role.FACILITATOR,
                actor=None,
            )

    def sign_in(self, page: Page, username: str) -> None:
        page.goto(f"{self.live_server_url}/en/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{self.live_server_url}/en/")

    def test_a_facilitator_finds_and_opens_her_community(self) -> None:
        with browser_page() as page:
            self.sign_in(page, "facilitator")
            page.get_by_role("link", name="Registry", exact=True).click()
            page.get_by_label("Name").fill("sloviansk")
            page.get_by_role("button", name="Search").click()
            status = page.get_by_role("status")
            assert status.inner_text().startswith("2 communities found")
            page.get_by_role("link", name="Slovianska").click()
            page.wait_for_url(f"{self.live_server_url}/en/communities/{SLOVIANSK}/")
            heading = page.get_by_role("heading", level=1).inner_text()
            assert heading == "Slovianska (urban hromada)"
            tabs = page.get_by_role("navigation", name="Workspace").get_by_role("link")
            assert tabs.all_inner_texts()[:2] == ["Overview", "Stakeholders"]
            assert (
                page.locator("[aria-current=step]").inner_text().strip()
                == "0 Entry and agreement"
            )

    def test_another_partners_facilitator_cannot_open_it_by_address(self) -> None:
        with browser_page() as page:
            self.sign_in(page, "outsider")
            response = page.goto(f"{self.live_server_url}/communities/{SLOVIANSK}/")
            assert response is not None and response.status == 404
            response = page.goto(f"{self.live_server_url}/communities/{IZIUM}/")
            assert response is not None and response.status == 200
