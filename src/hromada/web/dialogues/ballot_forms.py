"""Forms of risk ranking: set-up, the phone ballot, paper sheets, priorities."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.web.dialogues.groups import category_choices
from hromada.web.dialogues.models import Ballot
from hromada.web.dialogues.services.ballots import MAX_PRIORITIES, MIN_PRIORITIES
from hromada.web.risks.models import Risk


class RiskChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}".strip()


class RiskChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}".strip()


def risk_links_field(risks: Any) -> RiskChoices:
    """The risks an agreement or action answers (shown in their evidence trail)."""
    return RiskChoices(
        label=_("Risks it answers"),
        queryset=risks,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Linked risks list this in their evidence trail."),
    )


class BallotSetupForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=Ballot.Method.choices)
    risks = RiskChoices(
        label=_("Risks on the ballot"),
        queryset=Risk.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    budget = forms.IntegerField(
        label=_("Dots, places or pairs per person"),
        min_value=1,
        max_value=20,
        required=False,
        help_text=_("Leave empty for a third of the risks, rounded up."),
    )

    def __init__(self, *args: Any, risks: list[Risk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["risks"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Risk.objects.filter(pk__in=[r.pk for r in risks]).order_by(
            "code", "title"
        )
        field.initial = [r.pk for r in risks]


def group_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("I am here as"),
        choices=[("", _("choose…")), *category_choices("stakeholder_type")],
    )


def _title(by_pk: dict[int, Risk], pk: int) -> str:
    risk = by_pk.get(pk)
    return risk.title if risk else str(pk)


class CastForm(forms.Form):
    """The phone ballot: a group, then dots or places per risk, or pairs."""

    def __init__(
        self,
        *args: Any,
        ballot: Ballot,
        risks: list[Risk],
        pairs: list[tuple[int, int]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.ballot, self.risks = ballot, risks
        self.fields["group"] = group_field()
        by_pk = {r.pk: r for r in risks}
        if ballot.method == Ballot.Method.PAIRWISE:
            for n, (a, b) in enumerate(pairs or []):
                self.fields[f"pair_{n}"] = forms.CharField(
                    widget=forms.HiddenInput, initial=f"{a}-{b}"
                )
                self.fields[f"choice_{n}"] = forms.ChoiceField(
                    label=_("Which is more urgent?"),
                    # An item off the ballot stays a choice here so that the
                    # service refuses it with its own message.
                    choices=[(str(x), _title(by_pk, x)) for x in (a, b)],
                    widget=forms.RadioSelect,
                    required=False,
                )
            return
        if ballot.method == Ballot.Method.DOTS:
            choices = [(str(n), str(n)) for n in range(ballot.budget + 1)]
        else:
            choices = [("", "—")] + [
                (str(n), str(n)) for n in range(1, ballot.budget + 1)
            ]
        for risk in risks:
            self.fields[f"risk_{risk.pk}"] = forms.TypedChoiceField(
                label=risk.title,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )

    def risk_fields(self) -> list[forms.BoundField]:
        return [
            self[f"risk_{r.pk}"] for r in self.risks if f"risk_{r.pk}" in self.fields
        ]

    def pair_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[name], self[name.replace("pair_", "choice_")])
            for name in self.fields
            if name.startswith("pair_")
        ]

    def marks(self) -> dict[int, int]:
        return {
            r.pk: self.cleaned_data.get(f"risk_{r.pk}") or 0
            for r in self.risks
            if f"risk_{r.pk}" in self.fields
        }

    def comparisons(self) -> list[tuple[int, int]]:
        """(winner, loser) risk ids of the pairs the participant answered."""
        found = []
        for name in self.fields:
            if not name.startswith("pair_"):
                continue
            first, _sep, second = self.data.get(self.add_prefix(name), "").partition(
                "-"
            )
            chosen = self.data.get(self.add_prefix(name.replace("pair_", "choice_")))
            if not (first.isdigit() and second.isdigit()) or not chosen:
                continue
            pair = (int(first), int(second))
            if chosen == first:
                found.append(pair)
            elif chosen == second:
                found.append((pair[1], pair[0]))
        return found


class PaperCountForm(forms.Form):
    group = forms.ChoiceField(label=_("Stakeholder group"))
    voters = forms.IntegerField(
        label=_("People who voted"),
        min_value=0,
        help_text=_("0 removes the group's sheet."),
    )

    def __init__(self, *args: Any, risks: list[Risk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.risks = risks
        group = self.fields["group"]
        assert isinstance(group, forms.ChoiceField)
        group.choices = category_choices("stakeholder_type")
        for risk in risks:
            self.fields[f"dots_{risk.pk}"] = forms.IntegerField(
                label=risk.title, min_value=0, required=False
            )

    def dot_fields(self) -> list[forms.BoundField]:
        return [self[f"dots_{r.pk}"] for r in self.risks]

    def dots(self) -> dict[int, int]:
        return {r.pk: self.cleaned_data.get(f"dots_{r.pk}") or 0 for r in self.risks}


class PrioritiesForm(forms.Form):
    rationale = forms.CharField(
        label=_("Why the order differs from the computed ranking"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the agreed order is not the computed one."),
    )

    def __init__(self, *args: Any, risks: list[Risk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Risk.objects.filter(pk__in=[r.pk for r in risks]).order_by(
            "code", "title"
        )
        fields = {}
        for n in range(1, MAX_PRIORITIES + 1):
            fields[f"priority_{n}"] = RiskChoice(
                label=_("Priority %(n)s") % {"n": n},
                queryset=queryset,
                required=n <= MIN_PRIORITIES,
            )
        self.fields = {**fields, **self.fields}

    def priority_fields(self) -> list[forms.BoundField]:
        return [self[f"priority_{n}"] for n in range(1, MAX_PRIORITIES + 1)]

    def ordered(self) -> list[Risk]:
        chosen = [
            self.cleaned_data.get(f"priority_{n}") for n in range(1, MAX_PRIORITIES + 1)
        ]
        return [risk for risk in chosen if risk is not None]
