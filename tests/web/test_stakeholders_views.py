"""The stakeholders tab for every role: who reads, who edits, who gets 404."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse

from hromada.web.audit.models import AuditEvent
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)
from tests.web.base import KHARKIV
from tests.web.refusals import refuses
from tests.web.stakeholders_base import CONTACT, PERSON, MapTestCase

READERS = ("coordinator", "wg_member", "council_viewer")
READ_ROUTES = ("map", "network", "working-group")


class RoutesMixin(MapTestCase):
    def routes(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(method, url, data) of every write route, with valid data."""
        return [
            ("get", self.url("add"), {}),
            ("post", self.url("add"), self.stakeholder_data()),
            ("get", self.url("edit", self.police.pk), {}),
            ("post", self.url("edit", self.police.pk), self.stakeholder_data()),
            ("get", self.url("delete", self.youth.pk), {}),
            ("post", self.url("delete", self.youth.pk), {}),
            ("post", self.url("relation-add"), self.relation_data()),
            ("get", self.url("relation-edit", self.conflict.pk), {}),
            ("post", self.url("relation-edit", self.conflict.pk), self.relation_data()),
            ("post", self.url("relation-delete", self.conflict.pk), {}),
            ("post", self.url("working-group-edit"), {"founding_document_number": "1"}),
            ("post", self.url("member-add"), {"person_name": "Х", "role": "member"}),
            ("get", self.url("member-edit", self.person.pk), {}),
            (
                "post",
                self.url("member-edit", self.person.pk),
                {"person_name": "Х", "role": "member"},
            ),
            ("post", self.url("member-delete", self.person.pk), {}),
        ]

    def stakeholder_data(self, **extra: object) -> dict[str, object]:
        return {
            "name_uk": "ДСНС",
            "name_en": "State Emergency Service",
            "type": "emergency_service",
            "influence": "4",
            "interest": "5",
        } | extra

    def relation_data(self, **extra: object) -> dict[str, object]:
        return {
            "source": self.cso.pk,
            "target": self.youth.pk,
            "kind": "cooperates",
            "strength": "2",
        } | extra

    def call(self, method: str, url: str, data: dict[str, Any]) -> HttpResponse:
        response: HttpResponse = getattr(self.client, method)(url, data)
        return response

    def counts(self) -> tuple[int, ...]:
        return (
            Stakeholder.objects.count(),
            StakeholderRelation.objects.count(),
            WorkingGroupMember.objects.count(),
            AuditEvent.objects.count(),
        )


class ReadingTest(RoutesMixin):
    def test_the_facilitator_and_readers_open_every_page(self) -> None:
        for persona in ("facilitator", *READERS):
            self.login(self.persona(persona))
            for name in READ_ROUTES:
                with self.subTest(persona=persona, page=name):
                    response = self.client.get(self.url(name))
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response.context["active"].slug, "stakeholders")
                    self.assertIs(
                        response.context["can_edit"], persona == "facilitator"
                    )

    def test_the_workspace_tab_leads_to_the_map(self) -> None:
        self.login(self.wg_member)
        response = self.client.get(f"/communities/{self.community.katotth}/")
        tabs = dict((t.slug, url) for t, url in response.context["tabs"])
        self.assertEqual(tabs["stakeholders"], self.url("map"))

    def test_only_editors_see_contacts_and_peoples_names(self) -> None:
        for persona in ("facilitator", *READERS):
            self.login(self.persona(persona))
            editor = persona == "facilitator"
            with self.subTest(persona=persona):
                page = self.client.get(self.url("map")).content.decode()
                self.assertIs(CONTACT in page, editor)
                self.assertIs("Додати зацікавлену сторону" in page, editor)
                roster = self.client.get(self.url("working-group")).content.decode()
                self.assertIs(PERSON in roster, editor)
                self.assertIn("фасилітаторка", roster)

    def test_the_map_lists_stakeholders_with_their_approach_and_the_grid(
        self,
    ) -> None:
        self.login(self.council_viewer)
        response = self.client.get("/en" + self.url("map"))
        rows = response.context["rows"]
        # In the alphabet of the page: English names when the page is English.
        self.assertEqual(
            [(s.name, q.value) for s, q in rows],
            [
                ("City council", "manage_closely"),
                ("Dialogue", "keep_informed"),
                ("Police", "keep_satisfied"),
                ("Youth council", "keep_informed"),
            ],
        )
        self.assertContains(response, 'role="img"')
        self.assertContains(response, "Manage closely")
        uk = self.client.get(self.url("map"))
        self.assertEqual(
            [s.name for s, _q in uk.context["rows"]],
            ["ГО «Діалог»", "Міська рада", "Молодіжна рада", "Поліція"],
        )

    def test_the_network_page_shows_graph_findings_and_measures(self) -> None:
        self.login(self.coordinator)
        response = self.client.get("/en" + self.url("network"))
        self.assertContains(response, 'class="chart-svg chart-network"')
        texts = [f.text for f in response.context["concerns"]]
        self.assertIn("Police — Youth council: in conflict.", texts)
        self.assertIn(
            "Police: a key actor whose only cooperation partner is City council.",
            texts,
        )
        self.assertIn("1 stakeholder has no cooperation ties: Youth council.", texts)
        self.assertEqual(
            [f.text for f in response.context["brokers"]],
            [
                "City council: a broker; without this stakeholder its group would "
                "fall into 2 parts."
            ],
        )
        summary = response.context["summary"]
        self.assertEqual((summary["ties"], summary["isolates"]), (2, 1))
        self.assertEqual(summary["density"], "33%")
        metrics = response.context["metrics"]
        self.assertEqual((metrics[0].stakeholder, metrics[0].degree), (self.council, 2))
        # On one of the 3 paths between the others: normalised 1/3.
        self.assertEqual(metrics[0].betweenness_text, "0.333")
        self.assertNotIn("form", response.context)  # a reader adds nothing
        uk = self.client.get(self.url("network"))
        self.assertIn(
            "Поліція — Молодіжна рада: конфлікт.",
            [f.text for f in uk.context["concerns"]],
        )

    def test_an_empty_map_says_where_to_start(self) -> None:
        self.login(self.other_facilitator)
        Stakeholder.objects.filter(pk=self.foreign.pk).delete()
        response = self.client.get(
            "/en" + self.url("network", community=self.other_community)
        )
        self.assertContains(response, "Add stakeholders to the map first")
        self.assertNotIn("chart", response.context)
        response = self.client.get(
            "/en" + self.url("map", community=self.other_community)
        )
        self.assertContains(response, "No stakeholders on the map yet.")
        response = self.client.get(
            self.url("working-group", community=self.other_community)
        )
        self.assertContains(response, "ще немає документа про створення")


class RefusalTest(RoutesMixin):
    @refuses(
        "stakeholders:map",
        "stakeholders:network",
        "stakeholders:working-group",
        "stakeholders:add",
        "stakeholders:edit",
        "stakeholders:delete",
        "stakeholders:relation-add",
        "stakeholders:relation-edit",
        "stakeholders:relation-delete",
        "stakeholders:working-group-edit",
        "stakeholders:member-add",
        "stakeholders:member-edit",
        "stakeholders:member-delete",
    )
    def test_another_partners_facilitator_gets_404_everywhere(self) -> None:
        self.login(self.other_facilitator)
        before = self.counts()
        routes: list[tuple[str, str, dict[str, Any]]] = [
            ("get", self.url(name), {}) for name in READ_ROUTES
        ]
        routes += self.routes()
        for method, url, data in routes:
            with self.subTest(method=method, url=url):
                self.assertEqual(self.call(method, url, data).status_code, 404)
        self.assertEqual(self.counts(), before)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        self.login(None)
        for method, url, data in [("get", self.url("map"), {})] + self.routes():
            with self.subTest(method=method, url=url):
                response = self.call(method, url, data)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/login/"))

    def test_readers_may_not_change_anything(self) -> None:
        before = self.counts()
        for persona in READERS:
            self.login(self.persona(persona))
            for method, url, data in self.routes():
                with self.subTest(persona=persona, method=method, url=url):
                    self.assertEqual(self.call(method, url, data).status_code, 403)
        self.assertEqual(self.counts(), before)

    def test_a_community_where_she_has_no_role_is_404(self) -> None:
        self.login(self.facilitator)
        url = self.url("map").replace(self.community.katotth, KHARKIV)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_another_communitys_records_are_404_through_her_own_community(
        self,
    ) -> None:
        self.login(self.facilitator)
        before = self.counts()
        foreign_relation = StakeholderRelation(
            community=self.other_community,
            source=self.foreign,
            target=self.foreign,
            kind="conflict",
        )
        other = Stakeholder.objects.create(
            community=self.other_community,
            name_uk="Ізюмська поліція",
            type="police",
            influence=3,
            interest=3,
        )
        foreign_relation.target = other
        foreign_relation.save()
        member = WorkingGroupMember.objects.create(
            working_group=WorkingGroup.objects.create(community=self.other_community),
            community=self.other_community,
            stakeholder=self.foreign,
        )
        for url in (
            self.url("edit", self.foreign.pk),
            self.url("delete", self.foreign.pk),
            self.url("relation-edit", foreign_relation.pk),
            self.url("relation-delete", foreign_relation.pk),
            self.url("member-edit", member.pk),
            self.url("member-delete", member.pk),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, {}).status_code, 404)
        self.assertEqual(self.counts()[3], before[3])
        self.assertTrue(Stakeholder.objects.filter(pk=self.foreign.pk).exists())


class EditingTest(RoutesMixin):
    def setUp(self) -> None:
        self.login(self.facilitator)

    def test_every_write_route_works_for_the_facilitator(self) -> None:
        for method, url, data in self.routes():
            # Each on the same map: what one route deletes, the next still finds.
            with self.subTest(method=method, url=url), transaction.atomic():
                response = self.call(method, url, data)
                expected = 302 if method == "post" else 200
                self.assertEqual(response.status_code, expected)
                transaction.set_rollback(True)

    def test_she_adds_a_stakeholder_and_it_joins_the_working_group(self) -> None:
        response = self.client.post(
            self.url("add"), self.stakeholder_data(in_working_group="on")
        )
        self.assertRedirects(response, self.url("map"), fetch_redirect_response=False)
        made = Stakeholder.objects.get(name_uk="ДСНС")
        self.assertEqual((made.influence, made.interest), (4, 5))
        self.assertTrue(made.memberships.exists())
        self.assertContains(
            self.client.get(self.url("map")), "Зацікавлену сторону додано на карту."
        )

    def test_bad_scores_are_refused_in_both_languages(self) -> None:
        for prefix, message in (
            ("", "Вкажіть ціле число від 1 (найменше) до 5 (найбільше)."),
            ("/en", "Give a whole number from 1 (lowest) to 5 (highest)."),
        ):
            with self.subTest(language=prefix or "uk"):
                response = self.client.post(
                    prefix + self.url("add"), self.stakeholder_data(influence="6")
                )
                self.assertEqual(response.status_code, 200)
                self.assertEqual(
                    response.context["form"].errors["influence"], [message]
                )
                self.assertContains(response, 'aria-invalid="true"')
                self.assertContains(response, 'role="alert"')
        self.assertFalse(Stakeholder.objects.filter(name_uk="ДСНС").exists())

    def test_a_name_already_on_the_map_is_refused(self) -> None:
        response = self.client.post(
            "/en" + self.url("add"), self.stakeholder_data(name_uk="ПОЛІЦІЯ")
        )
        self.assertEqual(
            response.context["form"].errors["name_uk"],
            ["This community already has a stakeholder of that name."],
        )

    def test_she_edits_a_stakeholder(self) -> None:
        response = self.client.post(
            self.url("edit", self.police.pk),
            self.stakeholder_data(name_uk="Поліція", type="police", influence="5"),
        )
        self.assertRedirects(response, self.url("map"))
        self.police.refresh_from_db()
        self.assertEqual((self.police.influence, self.police.interest), (5, 5))
        self.assertEqual(self.police.contact, "")  # the form cleared it

    def test_deleting_asks_first_then_deletes_with_an_audit_record(self) -> None:
        page = self.client.get("/en" + self.url("delete", self.police.pk))
        self.assertContains(page, "Its 2 relations go with it.")
        self.assertTrue(Stakeholder.objects.filter(pk=self.police.pk).exists())
        response = self.client.post(self.url("delete", self.police.pk))
        self.assertRedirects(response, self.url("map"))
        self.assertFalse(Stakeholder.objects.filter(pk=self.police.pk).exists())
        event = AuditEvent.objects.get(action=AuditEvent.Action.DELETION)
        self.assertEqual(event.actor, self.facilitator)

    def test_she_adds_a_relation_and_the_finding_changes(self) -> None:
        page = self.client.get("/en" + self.url("network"))
        self.assertIn(
            "1 stakeholder has no cooperation ties: Youth council.",
            [f.text for f in page.context["concerns"]],
        )
        response = self.client.post(self.url("relation-add"), self.relation_data())
        self.assertRedirects(
            response, self.url("network") + "#relations", fetch_redirect_response=False
        )
        page = self.client.get("/en" + self.url("network"))
        texts = [f.text for f in page.context["concerns"]]
        self.assertNotIn("1 stakeholder has no cooperation ties: Youth council.", texts)
        self.assertEqual(page.context["summary"]["ties"], 3)

    def test_bad_relations_are_refused_with_reasons(self) -> None:
        cases = (
            (
                {"target": self.cso.pk},
                "target",
                "A stakeholder cannot be in a relation with itself.",
            ),
            (
                {"source": self.council.pk, "target": self.police.pk},
                "target",
                "These two already have a relation; change that one instead.",
            ),
            (
                {"target": self.foreign.pk},
                "target",
                "Select a valid choice. That choice is not one of the available "
                "choices.",
            ),
            (
                {"strength": ""},
                "strength",
                "Say how strong the cooperation is: 1, 2 or 3.",
            ),
            (
                {"kind": "no_contact"},
                "strength",
                "“No contact” has no strength; leave it empty.",
            ),
            (
                {"strength": "4"},
                "strength",
                "Give a whole number from 1 (weak) to 3 (strong).",
            ),
        )
        before = StakeholderRelation.objects.count()
        for extra, field, message in cases:
            with self.subTest(extra=extra):
                response = self.client.post(
                    "/en" + self.url("relation-add"), self.relation_data(**extra)
                )
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["form"].errors[field], [message])
        self.assertEqual(StakeholderRelation.objects.count(), before)
        uk = self.client.post(
            self.url("relation-add"), self.relation_data(target=self.cso.pk)
        )
        self.assertEqual(
            uk.context["form"].errors["target"],
            ["Зацікавлена сторона не може мати зв’язок сама із собою."],
        )

    def test_she_edits_and_deletes_a_relation(self) -> None:
        self.client.post(
            self.url("relation-edit", self.conflict.pk),
            self.relation_data(
                source=self.police.pk, target=self.youth.pk, kind="information_only"
            ),
        )
        self.conflict.refresh_from_db()
        self.assertEqual(self.conflict.kind, "information_only")
        response = self.client.post(
            "/en" + self.url("relation-edit", self.conflict.pk),
            self.relation_data(source=self.police.pk, target=self.council.pk),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("target", response.context["form"].errors)
        self.client.post(self.url("relation-delete", self.conflict.pk))
        self.assertFalse(
            StakeholderRelation.objects.filter(pk=self.conflict.pk).exists()
        )

    def test_she_records_the_founding_order_and_keeps_the_roster(self) -> None:
        response = self.client.post(
            self.url("working-group-edit"),
            {
                "founding_document_title": "Розпорядження",
                "founding_document_number": "45-р",
                "founding_document_date": "2025-05-06",
            },
        )
        self.assertRedirects(response, self.url("working-group"))
        page = self.client.get("/en" + self.url("working-group"))
        self.assertContains(page, "No. 45-р of")
        bad = self.client.post(
            "/en" + self.url("working-group-edit"),
            {"founding_document_date": "14.14.2025"},
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("founding_document_date", bad.context["group_form"].errors)

    def test_she_adds_edits_and_removes_members(self) -> None:
        response = self.client.post(
            self.url("member-add"), {"stakeholder": self.police.pk, "role": "member"}
        )
        self.assertRedirects(
            response,
            self.url("working-group") + "#roster",
            fetch_redirect_response=False,
        )
        self.police.refresh_from_db()
        self.assertTrue(self.police.in_working_group)
        both = self.client.post(
            "/en" + self.url("member-add"),
            {"stakeholder": self.cso.pk, "person_name": "Іван", "role": "member"},
        )
        self.assertEqual(
            both.context["member_form"].errors["__all__"],
            ["Choose a stakeholder or give a person's name (one, not both)."],
        )
        again = self.client.post(
            "/en" + self.url("member-add"),
            {"stakeholder": self.police.pk, "role": "member"},
        )
        self.assertEqual(
            again.context["member_form"].errors["stakeholder"],
            ["This stakeholder is already in the group."],
        )
        self.client.post(
            self.url("member-edit", self.person.pk),
            {"person_name": PERSON, "position": "модераторка", "role": "secretary"},
        )
        self.person.refresh_from_db()
        self.assertEqual(self.person.position, "модераторка")
        self.client.post(self.url("member-delete", self.chair.pk))
        self.council.refresh_from_db()
        self.assertFalse(self.council.in_working_group)
