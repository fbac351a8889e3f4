"""Every write to a stakeholder map goes through a service that checks it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hromada import core
from hromada.web.audit.models import AuditEvent
from hromada.web.stakeholders import services
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)
from tests.web.stakeholders_base import CONTACT, PERSON, MapTestCase


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {
        field: [e.code or "" for e in errors]
        for field, errors in error.error_dict.items()
    }


class ChoicesTest(MapTestCase):
    def test_types_and_kinds_are_the_cores_codes_in_its_order(self) -> None:
        self.assertEqual(Stakeholder.Type.values, list(core.STAKEHOLDER_TYPES))
        self.assertEqual(StakeholderRelation.Kind.values, list(core.RELATION_KINDS))


class StakeholderServiceTest(MapTestCase):
    def test_it_creates_a_stakeholder_with_trimmed_names(self) -> None:
        made = services.stakeholder_create(
            community=self.community,
            actor=self.facilitator,
            name_uk="  ДСНС  ",
            type="emergency_service",
            influence=4,
            interest=4,
            short_name=" ДСНС ",
        )
        self.assertEqual((made.name_uk, made.short_name), ("ДСНС", "ДСНС"))
        self.assertFalse(made.in_working_group)

    def test_it_refuses_scores_outside_one_to_five(self) -> None:
        for influence, interest in ((6, 3), (0, 3), (3, 6), (3, -1)):
            with self.subTest(influence=influence, interest=interest):
                with self.assertRaises(ValidationError) as caught:
                    self.add("Інший", "other", influence, interest)
                self.assertEqual(len(caught.exception.error_dict), 1)
        self.assertFalse(Stakeholder.objects.filter(name_uk="Інший").exists())

    def test_it_refuses_an_unknown_type_and_a_name_already_on_the_map(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.add("Хтось", "ngo", 3, 3)
        self.assertIn("type", caught.exception.error_dict)
        with self.assertRaises(ValidationError) as caught:
            self.add("поліція", "police", 3, 3)
        self.assertEqual(codes(caught.exception), {"name_uk": ["duplicate_name"]})
        # The same name in another community is another stakeholder.
        services.stakeholder_create(
            community=self.other_community,
            actor=None,
            name_uk="Поліція",
            type="police",
            influence=3,
            interest=3,
        )

    def test_the_database_refuses_what_the_service_would(self) -> None:
        with transaction.atomic(), self.assertRaises(IntegrityError):
            Stakeholder.objects.filter(pk=self.police.pk).update(influence=6)

    def test_it_updates_only_what_changed(self) -> None:
        changed = services.stakeholder_update(
            stakeholder=self.police,
            actor=self.facilitator,
            name_uk="Поліція",
            influence=5,
            contact=CONTACT,
        )
        self.assertEqual(changed, ["influence"])
        self.police.refresh_from_db()
        self.assertEqual(self.police.influence, 5)
        with self.assertRaises(TypeError):
            services.stakeholder_update(
                stakeholder=self.police, actor=None, community=self.other_community
            )

    def test_the_working_group_flag_follows_membership_both_ways(self) -> None:
        services.stakeholder_update(
            stakeholder=self.police, actor=self.facilitator, in_working_group=True
        )
        self.police.refresh_from_db()
        self.assertTrue(self.police.in_working_group)
        self.assertTrue(self.group.members.filter(stakeholder=self.police).exists())
        changed = services.stakeholder_update(
            stakeholder=self.council, actor=self.facilitator, in_working_group=False
        )
        self.assertEqual(changed, ["in_working_group"])
        self.council.refresh_from_db()
        self.assertFalse(self.council.in_working_group)
        self.assertFalse(self.group.members.filter(stakeholder=self.council).exists())

    def test_a_stakeholder_made_a_member_joins_the_group(self) -> None:
        made = self.add("ДСНС", "emergency_service", 4, 4, in_working_group=True)
        self.assertTrue(made.in_working_group)
        self.assertEqual(made.memberships.get().working_group, self.group)

    def test_deleting_takes_relations_and_membership_and_is_audited(self) -> None:
        services.stakeholder_delete(stakeholder=self.council, actor=self.facilitator)
        self.assertFalse(
            StakeholderRelation.objects.filter(pk=self.cooperation.pk).exists()
        )
        self.assertEqual(self.group.members.count(), 1)  # the person stays
        event = AuditEvent.objects.get(action=AuditEvent.Action.DELETION)
        self.assertEqual(
            (event.actor, event.community, event.object_repr),
            (self.facilitator, self.community, "Міська рада"),
        )
        self.assertEqual(
            event.detail,
            {
                "name": "Міська рада",
                "type": "local_government",
                "relations": 2,
                "working_group": True,
            },
        )

    def test_the_audit_log_never_holds_a_contact(self) -> None:
        services.stakeholder_delete(stakeholder=self.police, actor=self.facilitator)
        event = AuditEvent.objects.get(action=AuditEvent.Action.DELETION)
        self.assertNotIn(CONTACT, str(event.detail) + event.object_repr)


class RelationServiceTest(MapTestCase):
    def relate_with(self, **kwargs: object) -> StakeholderRelation:
        arguments: dict[str, object] = {
            "community": self.community,
            "actor": self.facilitator,
            "source": self.cso,
            "target": self.youth,
            "kind": "cooperates",
            "strength": 2,
        } | kwargs
        return services.relation_create(**arguments)  # type: ignore[arg-type]

    def refused(self, **kwargs: object) -> dict[str, list[str]]:
        with self.assertRaises(ValidationError) as caught:
            self.relate_with(**kwargs)
        return codes(caught.exception)

    def test_it_relates_two_stakeholders(self) -> None:
        relation = self.relate_with(note="Спільні проєкти")
        self.assertEqual(
            (relation.kind, relation.strength, relation.community),
            ("cooperates", 2, self.community),
        )

    def test_it_refuses_a_stakeholder_related_to_itself(self) -> None:
        self.assertEqual(self.refused(target=self.cso), {"target": ["self_relation"]})

    def test_it_refuses_a_second_relation_of_a_pair_either_way_round(self) -> None:
        self.assertEqual(
            self.refused(source=self.council, target=self.police),
            {"target": ["duplicate_relation"]},
        )
        self.assertEqual(
            self.refused(source=self.police, target=self.council, kind="conflict"),
            {"target": ["duplicate_relation"]},
        )

    def test_the_database_refuses_a_pair_twice_and_a_self_relation(self) -> None:
        for source, target in ((self.council, self.police), (self.cso, self.cso)):
            with self.subTest(source=source, target=target):
                with transaction.atomic(), self.assertRaises(IntegrityError):
                    StakeholderRelation.objects.create(
                        community=self.community,
                        source=source,
                        target=target,
                        kind="conflict",
                    )

    def test_it_refuses_a_relation_across_communities(self) -> None:
        self.assertEqual(
            self.refused(target=self.foreign), {"target": ["other_community"]}
        )
        self.assertEqual(
            self.refused(
                community=self.other_community, source=self.foreign, target=self.cso
            ),
            {"target": ["other_community"]},
        )

    def test_strength_is_needed_for_cooperation_and_refused_for_no_contact(
        self,
    ) -> None:
        self.assertEqual(
            self.refused(strength=None), {"strength": ["strength_required"]}
        )
        self.assertEqual(
            self.refused(kind="no_contact", strength=1),
            {"strength": ["strength_not_allowed"]},
        )
        self.assertIn("strength", self.refused(strength=4))
        self.assertIsNone(self.relate_with(kind="no_contact", strength=None).strength)

    def test_it_updates_and_deletes_with_an_audit_record(self) -> None:
        services.relation_update(
            relation=self.conflict,
            actor=self.facilitator,
            kind="information_only",
            strength=None,
            note="Помирилися",
        )
        self.conflict.refresh_from_db()
        self.assertEqual(
            (self.conflict.kind, self.conflict.strength, self.conflict.note),
            ("information_only", None, "Помирилися"),
        )
        with self.assertRaises(ValidationError):
            services.relation_update(
                relation=self.conflict, actor=None, target=self.police
            )
        self.conflict.refresh_from_db()
        services.relation_delete(relation=self.conflict, actor=self.facilitator)
        event = AuditEvent.objects.get(action=AuditEvent.Action.DELETION)
        self.assertEqual(
            event.detail,
            {
                "from": "Поліція",
                "to": "Молодіжна рада",
                "kind": "information_only",
                "strength": None,
            },
        )


class WorkingGroupServiceTest(MapTestCase):
    def test_it_saves_the_founding_document_of_the_one_group(self) -> None:
        services.working_group_save(
            community=self.community,
            actor=self.facilitator,
            founding_document_number=" 13-р ",
        )
        group = WorkingGroup.objects.get(community=self.community)
        self.assertEqual(group.pk, self.group.pk)
        self.assertEqual(group.founding_document_number, "13-р")
        self.assertFalse(group.founded)  # no date any more

    def test_the_first_member_founds_the_group_record(self) -> None:
        member = services.working_group_member_add(
            community=self.other_community, actor=None, stakeholder=self.foreign
        )
        self.assertEqual(member.working_group.community, self.other_community)
        self.foreign.refresh_from_db()
        self.assertTrue(self.foreign.in_working_group)

    def test_a_member_is_a_stakeholder_or_a_person_once(self) -> None:
        cases: tuple[dict[str, Any], ...] = (
            {},
            {"stakeholder": self.police, "person_name": "Іван Петренко"},
            {"person_name": "   "},
        )
        for kwargs in cases:
            with self.subTest(kwargs=kwargs), self.assertRaises(ValidationError):
                services.working_group_member_add(
                    community=self.community,
                    actor=None,
                    **kwargs,
                )
        with self.assertRaises(ValidationError) as caught:
            services.working_group_member_add(
                community=self.community, actor=None, stakeholder=self.council
            )
        self.assertEqual(codes(caught.exception), {"stakeholder": ["duplicate_member"]})
        with self.assertRaises(ValidationError) as caught:
            services.working_group_member_add(
                community=self.community, actor=None, stakeholder=self.foreign
            )
        self.assertEqual(codes(caught.exception), {"stakeholder": ["other_community"]})

    def test_changing_a_member_moves_the_flag(self) -> None:
        services.working_group_member_update(
            member=self.chair, actor=None, stakeholder=self.police, role="chair"
        )
        self.police.refresh_from_db()
        self.council.refresh_from_db()
        self.assertTrue(self.police.in_working_group)
        self.assertFalse(self.council.in_working_group)

    def test_removing_a_member_is_audited_without_the_persons_name(self) -> None:
        services.working_group_member_remove(member=self.person, actor=self.facilitator)
        services.working_group_member_remove(member=self.chair, actor=self.facilitator)
        self.council.refresh_from_db()
        self.assertFalse(self.council.in_working_group)
        events = AuditEvent.objects.filter(action=AuditEvent.Action.DELETION)
        self.assertEqual(events.count(), 2)
        for event in events:
            self.assertNotIn(PERSON, str(event.detail) + event.object_repr)
        self.assertEqual(
            sorted(e.object_repr for e in events), ["Міська рада", "фасилітаторка"]
        )

    def test_the_whole_map_is_deleted_with_one_audit_event(self) -> None:
        count = services.stakeholder_map_delete(
            community=self.community, actor=self.coordinator
        )
        self.assertEqual(count, 4)
        self.assertFalse(Stakeholder.objects.of(self.community).exists())
        self.assertFalse(WorkingGroupMember.objects.exists())
        self.assertTrue(Stakeholder.objects.filter(pk=self.foreign.pk).exists())
        event = AuditEvent.objects.get(action=AuditEvent.Action.DELETION)
        self.assertEqual(event.detail["relations"], 3)
        self.assertEqual(
            services.stakeholder_map_delete(community=self.community, actor=None), 0
        )


class AdminTest(MapTestCase):
    def test_the_coordinator_reads_a_working_group_with_its_members(self) -> None:
        url = f"/admin/stakeholders/workinggroup/{self.group.pk}/change/"
        self.login(self.coordinator)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Міська рада")  # the member row, inline
        self.assertNotContains(page, 'name="_save"')  # nothing to save
        self.assertEqual(
            self.client.get("/admin/stakeholders/stakeholder/add/").status_code, 403
        )
        self.login(self.facilitator)
        self.assertEqual(self.client.get(url).status_code, 404)
