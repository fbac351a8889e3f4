"""Forms of the risk register and the capacity scores."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada import core
from hromada.web.risks.catalogue import label
from hromada.web.risks.models import Capacity, Risk

ONE_TO_FIVE = [("", "—"), *[(str(n), str(n)) for n in range(1, 6)]]
LIKELIHOOD_HELP = _("1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain.")
IMPACT_HELP = _("1 minor, 2 moderate, 3 serious, 4 severe, 5 catastrophic.")
EDITABLE_STATUSES = [
    (s.value, s.label) for s in Risk.Status if s not in (Risk.Status.SUGGESTED,)
]


def _one_to_five(field_label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=field_label,
        choices=ONE_TO_FIVE,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=help_text,
    )


class RiskForm(forms.Form):
    """A risk's own fields; ``code`` only when adding, ``location`` only for
    those who may read internal geodata."""

    code = forms.ChoiceField(label=_("From the catalogue"), required=False)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("For a risk of the catalogue, leave empty to use its name."),
    )
    title_en = forms.CharField(
        label=_("Title (English)"), max_length=200, required=False
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    location = forms.CharField(
        label=_("Location (internal)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Where it happens; seen only by those who may see internal geodata."
        ),
    )
    likelihood = _one_to_five(_("Likelihood"), LIKELIHOOD_HELP)
    impact = _one_to_five(_("Impact"), IMPACT_HELP)
    status = forms.ChoiceField(label=_("Status"), choices=EDITABLE_STATUSES)

    def __init__(
        self,
        *args: Any,
        catalogue: list[core.Risk] | None = None,
        show_location: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if catalogue is None:
            del self.fields["code"]
        else:
            code = self.fields["code"]
            assert isinstance(code, forms.ChoiceField)
            code.choices = [
                ("", _("— a custom risk —")),
                *[(i.code, f"{i.code} {label(i)}") for i in catalogue],
            ]
        if not show_location:
            del self.fields["location"]


class CapacityForm(forms.Form):
    """The five dimensions of one subject (community-wide or a stakeholder)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for dimension in Capacity.Dimension:
            self.fields[dimension.value] = _one_to_five(dimension.label)

    def scores(self) -> dict[str, int | None]:
        return {d: self.cleaned_data.get(d) for d in Capacity.Dimension.values}
