"""Forms of the map. Field rules live on the models (``clean``), so a form, the
API and the services refuse the same input with the same words."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Community
from hromada.web.stakeholders.models import (
    SCORE_MESSAGE,
    STRENGTH_MESSAGE,
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)


def _score(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=5,
        help_text=help_text,
        error_messages={
            key: SCORE_MESSAGE for key in ("invalid", "min_value", "max_value")
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class StakeholderForm(forms.ModelForm[Stakeholder]):
    influence = _score(
        _("Influence"), _("1 lowest, 5 highest: power to help or to block.")
    )
    interest = _score(
        _("Interest"),
        _("1 lowest, 5 highest: how much community safety concerns them."),
    )
    in_working_group = forms.BooleanField(
        label=_("In the working group"), required=False
    )

    class Meta:
        model = Stakeholder
        fields: ClassVar = [
            "name_uk",
            "name_en",
            "short_name",
            "type",
            "mandate",
            "resources",
            "influence",
            "interest",
            "contact",
        ]
        widgets: ClassVar = {
            "mandate": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts: ClassVar = {
            "name_en": _("For institutions, as they name themselves in English."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["type"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("— choose —")), *Stakeholder.Type.choices]
        if self.instance.pk is not None:
            self.initial["in_working_group"] = self.instance.in_working_group


class StakeholderChoice(forms.ModelChoiceField[Stakeholder]):
    def label_from_instance(self, obj: Stakeholder) -> str:
        return obj.name  # in the page's language


def _choose_from(field: forms.Field, community: Community, empty: Any) -> None:
    # Another community's stakeholder is not a choice: it answers "not valid".
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Stakeholder.objects.of(community)
    field.empty_label = empty


class RelationForm(forms.ModelForm[StakeholderRelation]):
    # Any whole number reaches the model, whose rule words the refusal of 4.
    strength = forms.IntegerField(
        label=_("Strength"),
        required=False,
        widget=forms.Select(
            choices=[
                ("", "—"),
                (1, _("1 weak")),
                (2, _("2 medium")),
                (3, _("3 strong")),
            ]
        ),
        error_messages={"invalid": STRENGTH_MESSAGE},
        help_text=_("Needed for cooperation; none for “no contact”."),
    )

    class Meta:
        model = StakeholderRelation
        fields: ClassVar = ["source", "target", "kind", "strength", "note"]
        field_classes: ClassVar = {
            "source": StakeholderChoice,
            "target": StakeholderChoice,
        }
        widgets: ClassVar = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            _choose_from(self.fields[name], community, _("— choose —"))
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = StakeholderRelation.Kind.choices
        if self.instance.pk is None:
            self.initial.setdefault("strength", 2)
            self.initial.setdefault("kind", StakeholderRelation.Kind.COOPERATES)


class WorkingGroupForm(forms.ModelForm[WorkingGroup]):
    class Meta:
        model = WorkingGroup
        fields: ClassVar = [
            "founding_document_title",
            "founding_document_number",
            "founding_document_date",
        ]
        widgets: ClassVar = {
            "founding_document_date": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            )
        }


class MemberForm(forms.ModelForm[WorkingGroupMember]):
    class Meta:
        model = WorkingGroupMember
        fields: ClassVar = ["stakeholder", "person_name", "position", "role"]
        field_classes: ClassVar = {"stakeholder": StakeholderChoice}
        help_texts: ClassVar = {
            "stakeholder": _("A stakeholder of the map, or else a person below."),
            "person_name": _(
                "Only for a member who is not on the map. Personal data: seen "
                "only by those who edit the map."
            ),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_from(
            self.fields["stakeholder"], community, _("— a person, not a stakeholder —")
        )
