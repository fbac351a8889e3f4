"""A facilitator on a phone opens the analysis tab while a run is computing, sees
the page follow it to the end, reads the findings in Ukrainian and opens a number
to see where it comes from."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.utils import timezone
from playwright.sync_api import ViewportSize, expect

from hromada.web.accounts import services as accounts
from hromada.web.accounts.models import Membership
from hromada.web.analysis.models import AnalysisRun, Gap
from hromada.web.communities import services as communities
from hromada.web.communities.models import Community, Organisation
from hromada.web.communities.registry import load_registry
from hromada.web.surveys import services as surveys
from tests.flows.test_registry_flow import PASSWORD, SLOVIANSK, browser_page
from tests.web.analysis_cases import METHOD, result

PHONE = ViewportSize(width=390, height=844)


@pytest.mark.flow
class AnalysisFlowTest(StaticLiveServerTestCase):
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
        self.assessment = surveys.assessment_create(
            community=community, round="2026-1", framework=framework, actor=person
        )
        result(self.assessment, "S1", 6.34, ci_low=5.91, ci_high=6.77)
        result(self.assessment, "C6", 5.78)
        result(self.assessment, "C6", 4.1, dimension="idp", category="yes", n=32)
        result(self.assessment, "C6", 6.3, dimension="idp", category="no", n=380)
        Gap.objects.create(
            assessment=self.assessment,
            code="C6",
            dimension="idp",
            category="yes",
            estimate_group=4.1,
            estimate_rest=6.3,
            difference=-2.2,
            significant=True,
            worse=True,
            method_version=METHOD,
        )
        self.computation = AnalysisRun.objects.create(
            assessment=self.assessment,
            status=AnalysisRun.Status.RUNNING,
            progress=30,
            stage="estimates",
            method_version=METHOD,
        )

    def test_the_page_follows_a_run_and_every_number_opens_on_its_sources(
        self,
    ) -> None:
        with browser_page() as page:
            page.set_viewport_size(PHONE)
            page.goto(f"{self.live_server_url}/login/")
            page.get_by_label("Ім’я користувача").fill("facilitator")
            page.get_by_label("Пароль").fill(PASSWORD)
            page.get_by_role("button", name="Увійти").click()
            page.wait_for_url(f"{self.live_server_url}/")
            page.goto(f"{self.live_server_url}/communities/{SLOVIANSK}/")
            page.get_by_role("link", name="Аналіз", exact=True).click()
            progress = page.locator("progress")
            expect(progress).to_have_attribute("value", "30")
            AnalysisRun.objects.filter(pk=self.computation.pk).update(progress=80)
            expect(progress).to_have_js_property("value", 80, timeout=10_000)
            AnalysisRun.objects.filter(pk=self.computation.pk).update(
                status=AnalysisRun.Status.DONE, progress=100, finished_at=timezone.now()
            )
            expect(progress).to_have_count(0, timeout=10_000)
            expect(page.get_by_text("Обчислено", exact=False).first).to_be_visible()
            expect(page.locator(".findings")).to_contain_text(
                "Внутрішньо переміщені особи: «Інклюзія вразливих груп» 4,1 проти 6,3"
            )
            row = page.locator("#result-S1")
            row.locator("summary").click()
            expect(row.locator(".trace")).to_contain_text("Ефект дизайну")
            expect(row.locator(".trace")).to_contain_text(METHOD)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], width
