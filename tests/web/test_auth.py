from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.test import override_settings

from hromada.web.accounts import services
from hromada.web.accounts.models import ApiToken, CommunityRole, Membership
from hromada.web.audit.models import AuditEvent
from tests.web.base import HromadaTestCase
from tests.web.refusals import refuses


class LoginTest(HromadaTestCase):
    def sign_in(self, password: str) -> Any:
        return self.client.post(
            "/login/", {"username": "facilitator", "password": password, "next": "/"}
        )

    def test_it_signs_in_and_records_it(self) -> None:
        response = self.sign_in(self.password)
        self.assertRedirects(response, "/")
        event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
        self.assertEqual(
            (event.actor, event.detail), (self.facilitator, {"via": "web"})
        )
        self.assertTrue(response.cookies["sessionid"]["secure"])
        self.assertTrue(response.cookies["sessionid"]["httponly"])

    def test_it_records_a_failed_sign_in(self) -> None:
        response = self.client.post(
            "/en/login/", {"username": "facilitator", "password": "x"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Please enter a correct username and password")
        event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
        self.assertEqual((event.actor, event.actor_username), (None, "facilitator"))

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_it_locks_out_after_repeated_failures(self) -> None:
        for _attempt in range(3):
            self.sign_in("wrong")
        response = self.sign_in(self.password)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Забагато невдалих спроб входу", status_code=429)
        self.assertFalse(
            AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()
        )

    def test_it_signs_out_and_records_it(self) -> None:
        self.login(self.facilitator)
        response = self.client.post("/logout/")
        self.assertRedirects(response, "/login/")
        self.assertTrue(
            AuditEvent.objects.filter(action="logout", actor=self.facilitator).exists()
        )
        self.assertRedirects(self.client.get("/"), "/login/?next=/")


class PermissionChangeTest(HromadaTestCase):
    def test_granting_and_revoking_are_recorded(self) -> None:
        user = services.user_create(username="newcomer", password=self.password)
        membership = services.membership_grant(
            user=user,
            organisation=self.partner,
            role=Membership.Role.FACILITATOR,
            actor=self.coordinator,
        )
        granted = AuditEvent.objects.get(
            action="permission_granted", actor=self.coordinator
        )
        self.assertEqual(granted.detail["user"], "newcomer")
        services.membership_revoke(membership=membership, actor=self.coordinator)
        revoked = AuditEvent.objects.get(
            action="permission_revoked", actor=self.coordinator
        )
        self.assertEqual(revoked.object_repr, granted.object_repr)
        self.assertFalse(Membership.objects.filter(user=user).exists())

    def test_a_community_role_change_names_the_community(self) -> None:
        role = CommunityRole.objects.get(user=self.council_viewer)
        services.community_role_revoke(community_role=role, actor=self.coordinator)
        event = AuditEvent.objects.get(
            action="permission_revoked", actor=self.coordinator
        )
        self.assertEqual(event.community, self.community)

    def test_a_role_must_fit_the_organisation(self) -> None:
        user = services.user_create(username="newcomer", password=self.password)
        with self.assertRaises(ValidationError):
            services.membership_grant(
                user=user,
                organisation=self.partner,
                role=Membership.Role.COORDINATOR,
                actor=self.coordinator,
            )
        self.assertFalse(Membership.objects.filter(user=user).exists())
        self.assertFalse(AuditEvent.objects.filter(actor=self.coordinator).exists())

    def test_deleting_a_person_is_recorded_with_their_name(self) -> None:
        services.user_delete(user=self.wg_member, actor=self.coordinator)
        event = AuditEvent.objects.get(action="deletion", actor=self.coordinator)
        self.assertEqual(event.detail["community_roles"], [self.community.katotth])


class AccountPageTest(HromadaTestCase):
    def test_it_creates_shows_once_and_revokes_a_token(self) -> None:
        self.login(self.facilitator)
        self.client.post("/account/tokens/", {"name": "laptop"})
        page = self.client.get("/en/account/")
        secret = page.context["new_secret"]
        self.assertTrue(secret.startswith("hr_"))
        self.assertContains(page, secret)
        self.assertNotContains(self.client.get("/en/account/"), secret)
        token = ApiToken.objects.get(user=self.facilitator)
        self.assertEqual(token.name, "laptop")
        self.client.post(f"/account/tokens/{token.pk}/revoke/")
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)

    @refuses("accounts:account", "accounts:token-create", "accounts:token-revoke")
    def test_it_refuses_another_persons_token_and_anonymous_visitors(self) -> None:
        token, _secret = services.token_create(user=self.facilitator)
        self.login(self.other_facilitator)
        response = self.client.post(f"/account/tokens/{token.pk}/revoke/")
        self.assertEqual(response.status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)
        self.login(None)
        for url in (
            "/account/",
            "/account/tokens/",
            f"/account/tokens/{token.pk}/revoke/",
        ):
            response = (
                self.client.post(url) if "tokens" in url else self.client.get(url)
            )
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/login/"))
        self.assertEqual(ApiToken.objects.count(), 1)


class AuditLogPageTest(HromadaTestCase):
    def setUp(self) -> None:
        services.login_record(user=self.facilitator, via="web")
        services.login_record(user=self.other_facilitator, via="web")

    def test_the_coordinator_reads_everything(self) -> None:
        self.login(self.coordinator)
        events = self.client.get("/audit/").context["page"].object_list
        self.assertEqual(len(events), AuditEvent.objects.count())

    def test_a_facilitator_reads_her_own_actions(self) -> None:
        self.login(self.facilitator)
        events = self.client.get("/audit/").context["page"].object_list
        self.assertEqual({e.actor for e in events}, {self.facilitator})

    @refuses("audit:log")
    def test_it_refuses_working_group_and_council(self) -> None:
        for name in ("wg_member", "council_viewer"):
            self.login(self.persona(name))
            self.assertEqual(self.client.get("/audit/").status_code, 404, name)
        self.login(None)
        self.assertEqual(self.client.get("/audit/").status_code, 302)


class AdminTest(HromadaTestCase):
    def test_the_coordinator_keeps_the_registry_in_the_admin(self) -> None:
        self.login(self.coordinator)
        for url in (
            "/admin/",
            "/admin/communities/community/",
            f"/admin/communities/community/{self.community.pk}/change/",
            "/admin/accounts/membership/",
            "/admin/audit/auditevent/",
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertEqual(
            self.client.get("/admin/communities/community/add/").status_code, 403
        )

    def test_an_admin_edit_goes_through_the_service(self) -> None:
        self.login(self.coordinator)
        url = f"/admin/communities/community/{self.community.pk}/change/"
        response = self.client.post(
            url,
            {
                "partner": self.partner.pk,
                "phase": 4,
                "agreement_date": "",
                "de_occupied": "on",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.community.refresh_from_db()
        self.assertEqual((self.community.phase, self.community.de_occupied), (4, True))
        self.assertTrue(
            AuditEvent.objects.filter(
                action="registry_changed", actor=self.coordinator
            ).exists()
        )

    def test_an_admin_grant_goes_through_the_service(self) -> None:
        self.login(self.coordinator)
        for url in ("/admin/accounts/membership/add/", "/admin/accounts/user/add/"):
            self.assertEqual(self.client.get(url).status_code, 200, url)
        response = self.client.post(
            "/admin/accounts/membership/add/",
            {
                "user": self.wg_member.pk,
                "organisation": self.other_partner.pk,
                "role": "facilitator",
            },
        )
        self.assertEqual(response.status_code, 302)
        granted = Membership.objects.filter(user=self.wg_member)
        self.assertEqual([m.organisation for m in granted], [self.other_partner])
        event = AuditEvent.objects.get(
            action="permission_granted", actor=self.coordinator
        )
        self.assertEqual(event.detail["organisation"], self.other_partner.name_uk)

    def test_the_admin_offers_no_way_to_make_a_superuser(self) -> None:
        self.login(self.coordinator)
        page = self.client.get(f"/admin/accounts/user/{self.facilitator.pk}/change/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "is_superuser")
        self.assertNotContains(page, "user_permissions")

    def test_an_admin_revocation_goes_through_the_service(self) -> None:
        self.login(self.coordinator)
        membership = Membership.objects.get(user=self.facilitator)
        response = self.client.post(
            f"/admin/accounts/membership/{membership.pk}/delete/", {"post": "yes"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())
        self.assertTrue(AuditEvent.objects.filter(action="permission_revoked").exists())

    @refuses("admin:index")
    def test_it_refuses_everyone_but_the_coordinator(self) -> None:
        for name in ("facilitator", "other_facilitator", "wg_member", "council_viewer"):
            self.login(self.persona(name))
            for url in ("/admin/", "/admin/communities/community/", "/admin/login/"):
                self.assertEqual(self.client.get(url).status_code, 404, (name, url))
        self.login(None)
        response = self.client.get("/admin/communities/community/")
        self.assertRedirects(
            response,
            "/login/?next=/admin/communities/community/",
            fetch_redirect_response=False,
        )
