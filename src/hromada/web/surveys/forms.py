from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.web.surveys.models import ROUND_PATTERN, Assessment, FrameworkVersion

AGE_GROUPS = (
    ("14_17", _("14–17")),
    ("18_29", _("18–29")),
    ("30_44", _("30–44")),
    ("45_59", _("45–59")),
    ("60plus", _("60 and older")),
)
SEXES = (("female", _("women")), ("male", _("men")))


class AssessmentForm(forms.Form):
    round = forms.RegexField(
        label=_("Round"),
        regex=rf"^{ROUND_PATTERN}$",
        max_length=8,
        help_text=_("A year and a number, such as 2026-1."),
        error_messages={
            "invalid": _("A round is a year and a number, such as 2026-1.")
        },
    )
    framework = forms.ModelChoiceField(
        label=_("Framework version"),
        queryset=FrameworkVersion.objects.all(),
        empty_label=None,
    )
    period_start = forms.DateField(
        label=_("Fieldwork from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period_end = forms.DateField(
        label=_("Fieldwork to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_round(self) -> str:
        value: str = self.cleaned_data["round"]
        if Assessment.objects.filter(community=self.community, round=value).exists():
            raise forms.ValidationError(_("This round already exists."))
        return value


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Export file (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )


class SettlementsForm(forms.Form):
    names = forms.CharField(
        label=_("Settlements and starosta districts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line: the Ukrainian name, then optionally “|” and the "
            "English name."
        ),
    )

    def pairs(self) -> list[tuple[str, str]]:
        out = []
        for line in self.cleaned_data["names"].splitlines():
            uk, _bar, en = line.partition("|")
            if uk.strip():
                out.append((uk.strip()[:100], en.strip()[:100]))
        return out


class DesignForm(forms.Form):
    weight_column = forms.ChoiceField(
        label=_("Weights"),
        required=False,
        choices=[("", _("none: equal weights")), ("W", _("column W of the export"))],
    )
    strata_column = forms.ChoiceField(
        label=_("Strata"),
        required=False,
        choices=[
            ("", _("none: one stratum")),
            ("STRATUM", _("column STRATUM of the export")),
            ("D6", _("settlement (D6)")),
        ],
    )
    psu_column = forms.ChoiceField(
        label=_("Primary sampling units"),
        required=False,
        choices=[
            ("", _("none: each respondent")),
            ("PSU", _("cluster or route (PSU)")),
        ],
    )
    rake = forms.BooleanField(
        label=_("Rake the weights to the population by sex and age group"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in (*SEXES, *AGE_GROUPS):
            self.fields[f"margin_{code}"] = forms.IntegerField(
                label=label, required=False, min_value=0
            )

    def margins(self) -> dict[str, dict[str, float]]:
        data = self.cleaned_data
        if not data.get("rake"):
            return {}
        return {
            "D1": {code: float(data[f"margin_{code}"] or 0) for code, _l in SEXES},
            "D2": {code: float(data[f"margin_{code}"] or 0) for code, _l in AGE_GROUPS},
        }

    @classmethod
    def for_assessment(cls, assessment: Assessment) -> DesignForm:
        margins = assessment.raking_margins or {}
        initial: dict[str, Any] = {
            "weight_column": assessment.weight_column,
            "strata_column": assessment.strata_column,
            "psu_column": assessment.psu_column,
            "rake": bool(margins),
        }
        for totals in margins.values():
            for code, total in totals.items():
                initial[f"margin_{code}"] = int(total)
        return cls(initial=initial)


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Framework file (YAML)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml"}),
    )
