"""A facilitator downloads the XLSForm, imports a Kobo export in one click and sees
its rows counted; a broken export is refused with the row named and nothing changes."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from hromada.web.accounts import services as accounts
from hromada.web.accounts.models import Membership
from hromada.web.communities import services as communities
from hromada.web.communities.models import Community, Organisation
from hromada.web.communities.registry import load_registry
from hromada.web.surveys import services as surveys
from hromada.web.surveys.models import Response
from tests.flows.test_registry_flow import PASSWORD, SLOVIANSK, browser_page
from tests.survey_files import export_blob


@pytest.mark.flow
class EvidenceFlowTest(StaticLiveServerTestCase):
    def setUp(self) -> None:
        if not Community.objects.exists():
            load_registry(Community, settings.HROMADA_REGISTRY_FILE)
        framework = surveys.framework_versions_ensure_shipped()[-1]
        partner = communities.organisation_create(
            name_uk="Партнер", name_en="Partner", kind=Organisation.Kind.PARTNER
        )
        community = Community.objects.get(katotth=SLOVIANSK)
        communities.community_update(community=community, actor=None, partner=partner)
        person = accounts.user_create(username="facilitator", password=PASSWORD)
        accounts.membership_grant(
            user=person,
            organisation=partner,
            role=Membership.Role.FACILITATOR,
            actor=None,
        )
        surveys.assessment_create(
            community=community, round="2026-1", framework=framework, actor=person
        )
        self.folder = Path(tempfile.mkdtemp())

    def sign_in(self, page: Page) -> None:
        page.goto(f"{self.live_server_url}/en/login/")
        page.get_by_label("Username").fill("facilitator")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{self.live_server_url}/en/")

    def test_download_the_form_import_an_export_and_refuse_a_broken_one(self) -> None:
        good = self.folder / "kobo-export.xlsx"
        good.write_bytes(export_blob(35, xlsx=True))

        def broken_row(table):  # type: ignore[no-untyped-def]
            table.loc[3, "community/C4a"] = "maybe"
            return table

        broken = self.folder / "kobo-broken.csv"
        broken.write_bytes(export_blob(20, seed=3, change=broken_row))
        with browser_page() as page:
            self.sign_in(page)
            page.goto(f"{self.live_server_url}/en/communities/{SLOVIANSK}/")
            page.get_by_role("link", name="Evidence", exact=True).click()
            with page.expect_download() as download:
                page.get_by_role("link", name="Download the XLSForm").click()
            saved = self.folder / "form.xlsx"
            download.value.save_as(saved)
            assert load_workbook(saved).sheetnames == ["survey", "choices", "settings"]
            page.get_by_role("link", name="2026-1").click()
            page.get_by_label("Export file (XLSX or CSV)").set_input_files(str(good))
            page.get_by_role("button", name="Import", exact=True).click()
            expect(page.get_by_role("status")).to_contain_text(
                "35 rows read: 35 new responses imported."
            )
            expect(page.locator("#response-count")).to_have_text("35")
            page.get_by_label("Export file (XLSX or CSV)").set_input_files(str(broken))
            page.get_by_role("button", name="Import", exact=True).click()
            alert = page.get_by_role("alert")
            expect(alert).to_contain_text("nothing was changed")
            expect(alert).to_contain_text(
                re.compile(r"Row 5, column “community/C4a”: “maybe” is not one")
            )
            expect(page.locator("#response-count")).to_have_text("35")
        assert Response.objects.count() == 35
