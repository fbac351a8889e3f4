"""Who may open which dialogue page: 404 for outsiders, 403 for readers who write."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from hromada.web.accounts import services as accounts
from hromada.web.accounts.models import Membership, User
from hromada.web.dialogues import services
from hromada.web.dialogues.models import (
    ActionItem,
    Agreement,
    Attendee,
    CircleAgreementItem,
    CircleParty,
    DialogueSession,
    RestorativeCircle,
    Statement,
)
from tests.web.dialogue_cases import DialogueCase
from tests.web.refusals import refuses

READ_PAGES = ("session", "statements", "analysis", "outcomes", "tally-sheet")
WRITE_PAGES = ("session-edit", "attendance", "tallies", "import")
READERS = ("coordinator", "facilitator", "wg_member", "council_viewer")


class SessionPagesTest(DialogueCase):
    agreement: Agreement
    action: ActionItem
    attendee: Attendee

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.agreement = services.agreement_create(session=cls.session, text="Так.")
        cls.action = services.action_item_create(
            session=cls.session, text="Зробити.", owner="Робоча група"
        )
        cls.attendee = services.attendee_add(session=cls.session, pseudonym="P01")

    def item_urls(self) -> dict[str, str]:
        number = self.statements[0].number
        return {
            "statement-edit": self.url("statement-edit", number),
            "agreement-edit": self.url("agreement-edit", self.agreement.pk),
            "action-edit": self.url("action-edit", self.action.pk),
        }

    def post_urls(self) -> dict[str, str]:
        number = self.statements[0].number
        return {
            "session-delete": self.url("session-delete"),
            "voting": self.url("voting"),
            "population": self.url("population"),
            "attendee-add": self.url("attendee-add"),
            "attendee-remove": self.url("attendee-remove", self.attendee.pk),
            "statement-moderate": self.url("statement-moderate", number),
            "agreement-add": self.url("agreement-add"),
            "agreement-delete": self.url("agreement-delete", self.agreement.pk),
            "action-add": self.url("action-add"),
            "action-delete": self.url("action-delete", self.action.pk),
        }

    def test_every_reader_reads_the_sessions(self) -> None:
        for name in READERS:
            self.login(self.persona(name))
            with self.subTest(persona=name):
                self.assertEqual(
                    self.client.get(self.tab_url("index")).status_code, 200
                )
                for page in READ_PAGES:
                    self.assertEqual(self.client.get(self.url(page)).status_code, 200)

    @refuses(
        "dialogues:index",
        "dialogues:session-new",
        *(f"dialogues:{page}" for page in READ_PAGES + WRITE_PAGES),
        "dialogues:statement-edit",
        "dialogues:agreement-edit",
        "dialogues:action-edit",
    )
    def test_another_partners_facilitator_gets_404_everywhere(self) -> None:
        self.login(self.other_facilitator)
        urls = [self.tab_url("index"), self.tab_url("session-new")]
        urls += [self.url(page) for page in READ_PAGES + WRITE_PAGES]
        urls += list(self.item_urls().values())
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        self.login(None)
        for url in (self.tab_url("index"), self.url("session"), self.url("analysis")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("accounts:login")))

    def test_readers_who_may_not_write_get_403_on_write_pages(self) -> None:
        for name in ("coordinator", "wg_member", "council_viewer"):
            self.login(self.persona(name))
            urls = [self.tab_url("session-new")] + [self.url(p) for p in WRITE_PAGES]
            urls += list(self.item_urls().values())
            for url in urls:
                with self.subTest(persona=name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)

    @refuses(
        *(
            f"dialogues:{name}"
            for name in (
                "session-delete",
                "voting",
                "population",
                "attendee-add",
                "attendee-remove",
                "statement-moderate",
                "agreement-add",
                "agreement-delete",
                "action-add",
                "action-delete",
            )
        )
    )
    def test_writes_are_refused_and_change_nothing(self) -> None:
        for name, status in (
            ("other_facilitator", 404),
            ("coordinator", 403),
            ("wg_member", 403),
            ("council_viewer", 403),
        ):
            self.login(self.persona(name))
            for route, url in self.post_urls().items():
                with self.subTest(persona=name, route=route):
                    response = self.client.post(
                        url,
                        {"action": "open", "decision": "reject", "text": "x"},
                    )
                    self.assertEqual(response.status_code, status)
        self.session.refresh_from_db()
        self.assertFalse(self.session.voting_open)
        self.assertTrue(DialogueSession.objects.filter(pk=self.session.pk).exists())
        self.assertEqual(Agreement.objects.count(), 1)
        self.assertEqual(ActionItem.objects.count(), 1)
        self.assertEqual(Attendee.objects.count(), 1)
        self.assertEqual(
            Statement.objects.filter(session=self.session, moderation=-1).count(), 0
        )

    def test_a_session_is_reached_only_under_its_own_community(self) -> None:
        self.login(self.facilitator)
        wrong = reverse(
            "dialogues:session", args=[self.community.katotth, self.other_session.pk]
        )
        self.assertEqual(self.client.get(wrong).status_code, 404)
        self.login(self.other_facilitator)
        right = self.url("session", session=self.other_session)
        self.assertEqual(self.client.get(right).status_code, 200)

    def test_the_tab_offers_writing_only_to_the_facilitator(self) -> None:
        self.login(self.facilitator)
        page = self.client.get(self.tab_url("index")).content.decode()
        self.assertIn(self.tab_url("session-new"), page)
        self.login(self.council_viewer)
        page = self.client.get(self.tab_url("index")).content.decode()
        self.assertNotIn(self.tab_url("session-new"), page)
        self.assertIn(self.session.title, page)


class CircleRefusalTest(DialogueCase):
    """Restorative circles: only the assigned facilitator, never the coordinator."""

    colleague: User
    circle: RestorativeCircle
    party: CircleParty
    item: CircleAgreementItem

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.colleague = accounts.user_create(username="colleague", password="x" * 12)
        accounts.membership_grant(
            user=cls.colleague,
            organisation=cls.partner,
            role=Membership.Role.FACILITATOR,
            actor=None,
        )
        cls.circle = services.circle_create(
            community=cls.community,
            facilitator=cls.facilitator,
            date=dt.date(2025, 10, 1),
            purpose="Сварка сусідів",
        )
        cls.party = services.circle_party_add(
            circle=cls.circle, pseudonym="А", role="harmed"
        )
        cls.item = services.circle_item_add(
            circle=cls.circle, text="Вибачитися.", owner="Б"
        )

    def circle_url(self, name: str, *args: int) -> str:
        return reverse(
            f"dialogues:{name}", args=[self.community.katotth, self.circle.pk, *args]
        )

    def urls(self) -> dict[str, tuple[str, str]]:
        return {
            "circles": ("get", self.tab_url("circles")),
            "circle-new": ("get", self.tab_url("circle-new")),
            "circle": ("get", self.circle_url("circle")),
            "circle-party-add": ("post", self.circle_url("circle-party-add")),
            "circle-party-remove": (
                "post",
                self.circle_url("circle-party-remove", self.party.pk),
            ),
            "circle-item-add": ("post", self.circle_url("circle-item-add")),
            "circle-item-status": (
                "post",
                self.circle_url("circle-item-status", self.item.pk),
            ),
            "circle-follow-up-add": ("post", self.circle_url("circle-follow-up-add")),
            "circle-hand-over": ("post", self.circle_url("circle-hand-over")),
            "circle-delete": ("post", self.circle_url("circle-delete")),
        }

    def test_the_assigned_facilitator_opens_the_record(self) -> None:
        self.login(self.facilitator)
        page = self.client.get(self.circle_url("circle"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Сварка сусідів")
        listing = self.client.get(self.tab_url("circles"))
        self.assertContains(listing, self.circle_url("circle"))

    @refuses(
        "dialogues:circles",
        "dialogues:circle-new",
        "dialogues:circle",
        "dialogues:circle-party-add",
        "dialogues:circle-party-remove",
        "dialogues:circle-item-add",
        "dialogues:circle-item-status",
        "dialogues:circle-follow-up-add",
        "dialogues:circle-hand-over",
        "dialogues:circle-delete",
    )
    def test_everyone_else_gets_404_the_coordinator_included(self) -> None:
        for name in ("coordinator", "wg_member", "council_viewer", "other_facilitator"):
            self.login(self.persona(name))
            for route, (method, url) in self.urls().items():
                with self.subTest(persona=name, route=route):
                    response = getattr(self.client, method)(
                        url, {"status": "kept", "pseudonym": "Г", "role": "other"}
                    )
                    self.assertEqual(response.status_code, 404)
        self.assertEqual(self.circle.parties.count(), 1)
        self.assertTrue(RestorativeCircle.objects.filter(pk=self.circle.pk).exists())

    def test_a_superuser_is_refused_too(self) -> None:
        root = User.objects.create_superuser("root", password="x" * 12)
        self.login(root)
        self.assertEqual(self.client.get(self.circle_url("circle")).status_code, 404)
        self.assertEqual(self.client.get(self.tab_url("circles")).status_code, 404)

    def test_a_colleague_of_the_same_partner_sees_only_their_own(self) -> None:
        self.login(self.colleague)
        self.assertEqual(self.client.get(self.circle_url("circle")).status_code, 404)
        listing = self.client.get(self.tab_url("circles"))
        self.assertEqual(listing.status_code, 200)
        self.assertNotContains(listing, self.circle_url("circle"))
        response = self.client.post(self.circle_url("circle-delete"))
        self.assertEqual(response.status_code, 404)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        self.login(None)
        response = self.client.get(self.circle_url("circle"))
        self.assertEqual(response.status_code, 302)

    def test_the_coordinator_sees_no_link_and_no_count(self) -> None:
        self.login(self.coordinator)
        page = self.client.get(self.tab_url("index"))
        self.assertNotContains(page, self.tab_url("circles"))
        self.assertNotContains(page, "Сварка сусідів")
        audit = self.client.get(reverse("audit:log"))
        self.assertNotContains(audit, "restorative")
        self.assertNotContains(audit, "circle")
