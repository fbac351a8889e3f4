from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada import core
from hromada.web.evidence.models import Hotspot
from hromada.web.surveys.models import Assessment

LEVELS = [(2, _("yes")), (1, _("partly")), (0, _("no"))]


class StatisticForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    period = forms.IntegerField(label=_("Year"), min_value=1991, max_value=2100)
    value = forms.FloatField(label=_("Value"), min_value=0)
    source = forms.CharField(label=_("Source"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(
        self, *args: Any, framework: core.Framework, language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (i.code, f"{i.code} {i.label.text(language)}")
            for i in framework.indicators_of("statistics")
        ]


class StatisticsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Statistics file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class RatingForm(forms.Form):
    """One rater's checklist for one expert or audit indicator."""

    assessment = forms.ModelChoiceField(
        label=_("Round"), queryset=Assessment.objects.none(), empty_label=None
    )
    rater = forms.CharField(label=_("Rater (name or role)"), max_length=100)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(
        self,
        *args: Any,
        indicator: core.Indicator,
        assessments: Any,
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        field = self.fields["assessment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = assessments
        for criterion in indicator.checklist:
            self.fields[f"c_{criterion.code}"] = forms.TypedChoiceField(
                label=criterion.label.text(language),
                choices=LEVELS,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def criteria(self) -> dict[str, int]:
        return {
            c.code: int(self.cleaned_data[f"c_{c.code}"])
            for c in self.indicator.checklist
        }


class HotspotForm(forms.ModelForm[Hotspot]):
    class Meta:
        model = Hotspot
        fields = ("latitude", "longitude", "category", "time_of_day", "description")
        widgets = {
            "latitude": forms.NumberInput(attrs={"step": "0.000001"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "description": _("What makes the place unsafe. No names of people."),
        }


class HotspotStatusForm(forms.ModelForm[Hotspot]):
    class Meta:
        model = Hotspot
        fields = ("status", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
