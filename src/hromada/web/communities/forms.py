from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Community, Organisation, Phase


def oblast_choices() -> list[tuple[str, str]]:
    field = "oblast_name_en" if get_language() == "en" else "oblast_name_uk"
    pairs = (
        Community.objects.values_list("oblast_katotth", field)
        .distinct()
        .order_by(field)
    )
    return [(code, name) for code, name in pairs]


class RegistryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    oblast = forms.ChoiceField(label=_("Oblast"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        required=False,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER),
        empty_label=_("all"),
    )
    phase = forms.TypedChoiceField(label=_("Phase"), required=False, coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self._choices("oblast", everything + oblast_choices())
        self._choices("type", everything + list(Community.Type.choices))
        phases = [(value, f"{value}. {label}") for value, label in Phase.choices]
        self._choices("phase", everything + phases)

    def _choices(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class CommunityRegistryForm(forms.ModelForm[Community]):
    """The fields of a community the network coordinator keeps."""

    class Meta:
        model = Community
        fields: ClassVar = [
            "partner",
            "phase",
            "agreement_date",
            "front_line",
            "de_occupied",
        ]
        widgets: ClassVar = {"agreement_date": forms.DateInput(attrs={"type": "date"})}
