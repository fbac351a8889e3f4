"""The map's forms refuse bad input with the same words as the services."""

from __future__ import annotations

from django import forms
from django.utils import translation

from hromada.web.stakeholders.forms import MemberForm, RelationForm, StakeholderForm
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroupMember,
)
from tests.web.stakeholders_base import MapTestCase

ONE_OR_THE_OTHER = "Choose a stakeholder or give a person's name (one, not both)."


class StakeholderFormTest(MapTestCase):
    def form(self, **data: object) -> StakeholderForm:
        values = {
            "name_uk": "Центр безпеки",
            "type": "emergency_service",
            "influence": 3,
            "interest": 4,
        } | data
        return StakeholderForm(values, instance=Stakeholder(community=self.community))

    def test_it_accepts_a_whole_map_entry(self) -> None:
        form = self.form(in_working_group="on")
        self.assertTrue(form.is_valid(), form.errors)
        self.assertIs(form.cleaned_data["in_working_group"], True)

    def test_scores_outside_one_to_five_are_refused_in_both_languages(self) -> None:
        for language, message in (
            ("uk", "Вкажіть ціле число від 1 (найменше) до 5 (найбільше)."),
            ("en", "Give a whole number from 1 (lowest) to 5 (highest)."),
        ):
            for bad in (6, 0, "high", 2.5):
                with self.subTest(language=language, value=bad):
                    with translation.override(language):
                        form = self.form(influence=bad)
                        self.assertEqual(form.errors["influence"], [message])

    def test_a_name_and_a_known_type_are_needed(self) -> None:
        form = self.form(name_uk="", type="ngo")
        self.assertEqual(set(form.errors), {"name_uk", "type"})

    def test_editing_shows_the_working_group_flag(self) -> None:
        self.assertIs(
            StakeholderForm(instance=self.council).initial["in_working_group"], True
        )


class RelationFormTest(MapTestCase):
    def form(self, **data: object) -> RelationForm:
        values = {
            "source": self.cso.pk,
            "target": self.youth.pk,
            "kind": "cooperates",
            "strength": 1,
        } | data
        return RelationForm(
            values,
            community=self.community,
            instance=StakeholderRelation(community=self.community),
        )

    def test_it_offers_the_communitys_stakeholders_only(self) -> None:
        form = RelationForm(community=self.community)
        target = form.fields["target"]
        assert isinstance(target, forms.ModelChoiceField)
        assert target.queryset is not None
        self.assertEqual(
            set(target.queryset), {self.police, self.council, self.youth, self.cso}
        )
        with translation.override("en"):
            self.assertEqual(target.label_from_instance(self.police), "Police")
        self.assertEqual(form.initial, {"strength": 2, "kind": "cooperates"})
        self.assertTrue(self.form().is_valid())

    def test_it_refuses_self_duplicate_and_foreign_relations(self) -> None:
        with translation.override("en"):
            self.assertEqual(
                self.form(target=self.cso.pk).errors["target"],
                ["A stakeholder cannot be in a relation with itself."],
            )
            self.assertEqual(
                self.form(source=self.youth.pk, target=self.police.pk).errors["target"],
                ["These two already have a relation; change that one instead."],
            )
            self.assertEqual(
                self.form(target=self.foreign.pk).errors["target"],
                [
                    "Select a valid choice. That choice is not one of the available "
                    "choices."
                ],
            )

    def test_strength_rules(self) -> None:
        with translation.override("uk"):
            self.assertEqual(
                self.form(strength=6).errors["strength"],
                ["Вкажіть ціле число від 1 (слабкий) до 3 (сильний)."],
            )
            self.assertEqual(
                self.form(strength="").errors["strength"],
                ["Вкажіть, наскільки сильна співпраця: 1, 2 або 3."],
            )
        self.assertTrue(self.form(kind="no_contact", strength="").is_valid())
        self.assertTrue(self.form(kind="conflict", strength="").is_valid())


class MemberFormTest(MapTestCase):
    def form(self, **data: object) -> MemberForm:
        return MemberForm(
            {"role": "member"} | data,
            community=self.community,
            instance=WorkingGroupMember(
                community=self.community, working_group=self.group
            ),
        )

    def test_a_member_is_a_stakeholder_or_a_person(self) -> None:
        self.assertTrue(self.form(stakeholder=self.police.pk).is_valid())
        self.assertTrue(self.form(person_name="Іван Петренко").is_valid())
        with translation.override("en"):
            for data in ({}, {"stakeholder": self.police.pk, "person_name": "Іван"}):
                with self.subTest(data=data):
                    self.assertEqual(
                        self.form(**data).errors["__all__"],
                        [ONE_OR_THE_OTHER],
                    )
            self.assertEqual(
                self.form(stakeholder=self.council.pk).errors["stakeholder"],
                ["This stakeholder is already in the group."],
            )
            self.assertIn("stakeholder", self.form(stakeholder=self.foreign.pk).errors)
