"""On a phone: the facilitator opens voting, people vote anonymously by code, the
facilitator reads the counts and the analysis in Ukrainian; a restorative
circle stays closed to the coordinator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from hromada.web.accounts import services as accounts
from hromada.web.accounts.models import Membership
from hromada.web.communities import services as communities
from hromada.web.communities.models import Community, Organisation
from hromada.web.communities.registry import load_registry
from hromada.web.dialogues import services
from hromada.web.dialogues.models import BallotResponse, DialogueSession, Vote
from hromada.web.risks.models import Risk
from tests.flows.test_registry_flow import CHROMIUM, FLAGS, PASSWORD, SLOVIANSK

PHONE = ViewportSize(width=390, height=844)
STATEMENTS = (
    "Біля школи потрібне освітлення.",
    "Поліцейський офіцер громади має щомісяця звітувати.",
    "Укриття в ліцеї відчинене вночі.",
)


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.flow
class DialogueFlowTest(StaticLiveServerTestCase):
    def setUp(self) -> None:
        if not Community.objects.exists():
            load_registry(Community, settings.HROMADA_REGISTRY_FILE)
        network = communities.organisation_create(
            name_uk="Мережа",
            name_en="Network",
            kind=Organisation.Kind.NETWORK_COORDINATOR,
        )
        partner = communities.organisation_create(
            name_uk="Партнер", name_en="Partner", kind=Organisation.Kind.PARTNER
        )
        community = Community.objects.get(katotth=SLOVIANSK)
        communities.community_update(community=community, actor=None, partner=partner)
        for username, organisation, role in (
            ("facilitator", partner, Membership.Role.FACILITATOR),
            ("coordinator", network, Membership.Role.COORDINATOR),
        ):
            user = accounts.user_create(username=username, password=PASSWORD)
            accounts.membership_grant(
                user=user, organisation=organisation, role=role, actor=None
            )
            if username == "facilitator":
                self.facilitator = user
        self.session = services.session_create(
            community=community,
            kind=DialogueSession.Kind.COMMUNITY_DIALOGUE,
            title="Безпека дорогою до школи",
            date=dt.date(2025, 9, 18),
        )
        services.statements_add(session=self.session, texts=STATEMENTS, language="uk")
        self.circle = services.circle_create(
            community=community, facilitator=self.facilitator, date=dt.date(2025, 10, 1)
        )

    def sign_in(self, page: Page, username: str) -> None:
        page.goto(f"{self.live_server_url}/login/")
        page.get_by_label("Ім’я користувача").fill(username)
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("main").get_by_role("button", name="Увійти").click()
        page.wait_for_url(f"{self.live_server_url}/")

    def vote_everything(self, browser: Browser, code: str, choices: list[str]) -> None:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{self.live_server_url}/d/")
        page.get_by_label("Введіть код, який показує фасилітатор").fill(
            f"{code[:3].lower()}-{code[3:].lower()}"
        )
        page.get_by_role("button", name="Долучитися").click()
        page.wait_for_url(f"{self.live_server_url}/d/{code}/")
        for choice in choices:
            statement = page.locator("blockquote.statement-text").inner_text()
            assert statement in STATEMENTS
            button = page.get_by_role("button", name=choice, exact=True)
            box = button.bounding_box()
            assert box is not None and box["height"] >= 44  # a thumb's target
            button.click()
            page.wait_for_load_state()
        assert "Ви проголосували за всі твердження" in page.inner_text("main")
        context.close()

    def test_a_session_runs_from_a_phone(self) -> None:
        with chromium() as browser:
            context = browser.new_context(viewport=PHONE)
            page = context.new_page()
            self.sign_in(page, "facilitator")
            page.goto(f"{self.live_server_url}/communities/{SLOVIANSK}/dialogue/")
            page.get_by_role("link", name="Безпека дорогою до школи").click()
            page.get_by_role("button", name="Відкрити голосування").click()
            code_text = page.locator(".session-code").inner_text().strip()
            code = code_text.replace("-", "")
            assert len(code) == 6
            for choices in (
                ["Погоджуюся", "Погоджуюся", "Не погоджуюся"],
                ["Погоджуюся", "Пропустити / не знаю", "Погоджуюся"],
                ["Не погоджуюся", "Погоджуюся", "Погоджуюся"],
            ):
                self.vote_everything(browser, code, choices)
            assert Vote.objects.count() == 9
            assert not Vote.objects.filter(participant__key_hash=None).exists()
            page.reload()
            figures = page.locator(".figures").inner_text()
            assert "3\nучасники голосування" in figures
            assert "9\nголосів онлайн" in figures
            page.get_by_role("link", name="Твердження", exact=True).click()
            rows = page.locator("table.statements tbody tr")
            assert rows.count() == 3
            counts = [
                sum(
                    int(n)
                    for n in rows.nth(i).locator("td.number").all_inner_texts()[1:]
                )
                for i in range(3)
            ]
            assert counts == [3, 3, 3]
            page.get_by_role("link", name="Карта думок").click()
            status = page.get_by_role("status").inner_text()
            assert status.startswith("Поки що замало голосів, щоб показати групи думок")
            assert "проголосували 3 особи" in status
            assert page.get_by_role("heading", name="Що всіх об’єднує").is_visible()
            width = page.evaluate("document.querySelector('.dialogue').scrollWidth")
            assert width <= PHONE["width"]
            context.close()

    def rank_on_a_phone(
        self, browser: Browser, code: str, dots: dict[str, str]
    ) -> None:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{self.live_server_url}/d/{code}/")
        page.get_by_role("link", name="Проранжувати ризики громади").click()
        page.wait_for_url(f"{self.live_server_url}/d/{code}/ranking/")
        page.get_by_label("Я тут як").select_option(label="мешканці")
        for title, n in dots.items():
            page.get_by_label(title, exact=True).select_option(n)
        button = page.get_by_role("button", name="Надіслати бюлетень")
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44
        button.click()
        page.wait_for_load_state()
        assert "Ваш бюлетень враховано" in page.inner_text("main")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        context.close()

    def test_a_risk_ballot_is_cast_on_phones_and_tallied(self) -> None:
        community = self.session.community
        for code, title, likelihood, impact in (
            ("RK05", "Небезпека на дорогах", 4, 4),
            ("RK07", "Погане освітлення", 3, 3),
            ("RK10", "Міни", 2, 5),
            ("RK18", "Кібершахрайство", 2, 2),
        ):
            Risk.objects.create(
                community=community,
                code=code,
                title=title,
                likelihood=likelihood,
                impact=impact,
                score=likelihood * impact,
            )
        with chromium() as browser:
            context = browser.new_context(viewport=PHONE)
            page = context.new_page()
            self.sign_in(page, "facilitator")
            session_url = (
                f"{self.live_server_url}/communities/{SLOVIANSK}/dialogue/"
                f"{self.session.pk}/"
            )
            page.goto(session_url)
            page.get_by_role("button", name="Відкрити голосування").click()
            code = page.locator(".session-code").inner_text().strip().replace("-", "")
            page.get_by_role("link", name="Ранжування ризиків").click()
            page.get_by_label("Метод").select_option("dots")
            page.get_by_role("button", name="Зберегти бюлетень").click()
            page.wait_for_url(f"{session_url}ranking/")
            for dots in (
                {"Погане освітлення": "2"},
                {"Погане освітлення": "1", "Міни": "1"},
                {"Кібершахрайство": "2"},
            ):
                self.rank_on_a_phone(browser, code, dots)
            assert BallotResponse.objects.count() == 3
            page.reload()
            assert "3\nбюлетенів" in page.locator(".figures").inner_text()
            first = page.locator("table.ranking tbody tr").first.inner_text()
            assert first.startswith("RK07 Погане освітлення")
            # Three residents are fewer than 10: the group is not shown on its own.
            assert (
                "мешканці (n < 10)" in page.locator(".suppressed-groups").inner_text()
            )
            context.close()

    def test_the_coordinator_cannot_open_a_restorative_circle(self) -> None:
        url = f"{self.live_server_url}/communities/{SLOVIANSK}/dialogue/circles/"
        with chromium() as browser:
            page = browser.new_page(viewport=PHONE)
            self.sign_in(page, "facilitator")
            response = page.goto(f"{url}{self.circle.pk}/")
            assert response is not None and response.status == 200
            page.context.clear_cookies()
            self.sign_in(page, "coordinator")
            response = page.goto(f"{url}{self.circle.pk}/")
            assert response is not None and response.status == 404
            response = page.goto(url)
            assert response is not None and response.status == 404
