"""Forms of the dialogue pages: plain HTML forms that work without JavaScript."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hromada.web.accounts.models import Membership, User
from hromada.web.communities.models import Community
from hromada.web.dialogues import codes
from hromada.web.dialogues.ballot_forms import risk_links_field
from hromada.web.dialogues.groups import (
    CATEGORIES,
    POPULATION_DIMENSIONS,
    category_label,
    dimension_label,
)
from hromada.web.dialogues.models import (
    ActionItem,
    Agreement,
    Attendee,
    CircleAgreementItem,
    CircleFollowUp,
    CircleParty,
    DialogueSession,
    RestorativeCircle,
    Statement,
)
from hromada.web.dialogues.services.outcomes import (
    action_reference,
    agreement_reference,
    linked_risks,
)
from hromada.web.risks.models import Risk

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGE_CHOICES = [("uk", _("Ukrainian")), ("en", _("English"))]
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def partner_facilitators(community: Community) -> QuerySet[User]:
    if community.partner_id is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id=community.partner_id,
        memberships__role=Membership.Role.FACILITATOR,
    ).order_by("last_name", "first_name", "username")


class FacilitatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class SessionForm(forms.ModelForm[DialogueSession]):
    facilitator = FacilitatorChoice(
        label=_("Facilitator"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = DialogueSession
        fields: ClassVar = [
            "kind",
            "title",
            "date",
            "place",
            "facilitator",
            "purpose",
            "agenda",
            "minutes",
            "attendance_mode",
        ]
        widgets: ClassVar = {
            "date": DATE,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["facilitator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partner_facilitators(community)


def count_field_name(dimension: str, category: str) -> str:
    return f"{dimension}__{category}"


class AttendanceForm(forms.Form):
    """The head count and counts by group; a group left blank was not counted."""

    attendees = forms.IntegerField(
        label=_("People who attended"), min_value=0, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for dimension, categories in CATEGORIES.items():
            for category in categories:
                self.fields[count_field_name(dimension, category)] = forms.IntegerField(
                    label=category_label(dimension, category),
                    min_value=0,
                    required=False,
                )

    def dimensions(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (
                dimension_label(dimension),
                [self[count_field_name(dimension, c)] for c in categories],
            )
            for dimension, categories in CATEGORIES.items()
        ]

    def counts(self) -> dict[tuple[str, str], int]:
        """A dimension with any figure is counted: its blank categories are 0."""
        data = self.cleaned_data
        counts: dict[tuple[str, str], int] = {}
        for dimension, categories in CATEGORIES.items():
            values = {c: data.get(count_field_name(dimension, c)) for c in categories}
            if any(v is not None for v in values.values()):
                counts |= {(dimension, c): v or 0 for c, v in values.items()}
        return counts

    @staticmethod
    def initial_for(
        attendees: int | None, counts: dict[tuple[str, str], int]
    ) -> dict[str, Any]:
        initial: dict[str, Any] = {"attendees": attendees}
        initial |= {count_field_name(d, c): n for (d, c), n in counts.items()}
        return initial


class PopulationSharesForm(forms.Form):
    """Population shares in per cent (the registry has only the total)."""

    SCOPES: ClassVar = [
        ("community", _("for the whole community")),
        ("session", _("for this session only")),
    ]
    scope = forms.ChoiceField(
        label=_("Use these shares"), choices=SCOPES, initial="community"
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("For example: the State Statistics Service, 2024 estimate."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for dimension in POPULATION_DIMENSIONS:
            for category in CATEGORIES[dimension]:
                self.fields[count_field_name(dimension, category)] = forms.DecimalField(
                    label=category_label(dimension, category),
                    min_value=0,
                    max_value=100,
                    decimal_places=1,
                    required=False,
                )

    def dimensions(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (
                dimension_label(dimension),
                [self[count_field_name(dimension, c)] for c in CATEGORIES[dimension]],
            )
            for dimension in POPULATION_DIMENSIONS
        ]

    def shares(self) -> dict[tuple[str, str], float | None]:
        data = self.cleaned_data
        return {
            (d, c): (
                None
                if data[count_field_name(d, c)] is None
                else float(data[count_field_name(d, c)]) / 100.0
            )
            for d in POPULATION_DIMENSIONS
            for c in CATEGORIES[d]
        }

    @staticmethod
    def initial_for(shares: dict[tuple[str, str], float]) -> dict[str, Any]:
        return {
            count_field_name(d, c): round(100.0 * share, 1)
            for (d, c), share in shares.items()
        }


class AttendeeForm(forms.ModelForm[Attendee]):
    class Meta:
        model = Attendee
        fields: ClassVar = [
            "pseudonym",
            "sex",
            "age_group",
            "idp",
            "veteran",
            "disability",
            "stakeholder_type",
        ]
        help_texts: ClassVar = {
            "pseudonym": _("A label such as P07, never a name."),
        }


class StatementsForm(forms.Form):
    texts = forms.CharField(
        label=_("Statements, one per line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text=_(
            "Type or paste statements participants can agree or disagree with, "
            "one per line."
        ),
    )
    language = forms.ChoiceField(
        label=_("Written in"), choices=LANGUAGE_CHOICES, initial="uk"
    )
    is_meta = forms.BooleanField(
        label=_("Questions about the participant (meta)"),
        required=False,
        help_text=Statement._meta.get_field("is_meta").help_text,
    )

    def lines(self) -> list[str]:
        texts: str = self.cleaned_data["texts"]
        return [line.strip() for line in texts.splitlines() if line.strip()]


class StatementEditForm(forms.ModelForm[Statement]):
    class Meta:
        model = Statement
        fields: ClassVar = ["text_uk", "text_en", "is_meta"]
        widgets: ClassVar = {
            "text_uk": forms.Textarea(attrs={"rows": 2}),
            "text_en": forms.Textarea(attrs={"rows": 2}),
        }


def tally_field_names(number: int) -> tuple[str, str, str]:
    return (f"s{number}_agree", f"s{number}_disagree", f"s{number}_pass")


class TallyForm(forms.Form):
    """Counts per statement from the paper sheets; three blanks remove a tally."""

    def __init__(self, *args: Any, statements: list[Statement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        labels = (_("agree"), _("disagree"), _("pass / unsure"))
        for statement in statements:
            for name, label in zip(
                tally_field_names(statement.number), labels, strict=True
            ):
                self.fields[name] = forms.IntegerField(
                    label=label, min_value=0, max_value=100_000, required=False
                )

    def rows(self) -> list[tuple[Statement, list[forms.BoundField]]]:
        return [
            (s, [self[name] for name in tally_field_names(s.number)])
            for s in self.statements
        ]

    def tallies(self) -> dict[int, tuple[int, int, int] | None]:
        data = self.cleaned_data
        out: dict[int, tuple[int, int, int] | None] = {}
        for statement in self.statements:
            values = [data[name] for name in tally_field_names(statement.number)]
            if all(v is None for v in values):
                out[statement.number] = None
            else:
                out[statement.number] = (values[0] or 0, values[1] or 0, values[2] or 0)
        return out


_IDS = re.compile(r"^\s*(\d+(\s*-\s*\d+)?)(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")


def parse_ids(text: str) -> list[int]:
    """``0-14, 20`` → [0, 1, …, 14, 20]; raises ValueError for anything else."""
    if not text.strip():
        return []
    if not _IDS.match(text):
        raise ValueError(text)
    ids: list[int] = []
    for part in text.split(","):
        low, _dash, high = part.strip().partition("-")
        first, last = int(low), int(high or low)
        if last < first or last - first > 10_000:
            raise ValueError(text)
        ids.extend(range(first, last + 1))
    return ids


class PolisImportForm(forms.Form):
    votes = forms.FileField(label=_("votes.csv of the Pol.is export"))
    comments = forms.FileField(label=_("comments.csv of the Pol.is export"))
    language = forms.ChoiceField(
        label=_("Language of the statements"), choices=LANGUAGE_CHOICES, initial="uk"
    )
    meta = forms.CharField(
        label=_("Meta statements"),
        required=False,
        max_length=200,
        help_text=_(
            "Ids of statements about the participants, if the export does not "
            "mark them, e.g. 0-14, 20."
        ),
    )
    attribution = forms.CharField(
        label=_("Source and licence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the session when the data is someone else's."),
    )

    def clean_meta(self) -> list[int]:
        try:
            return parse_ids(self.cleaned_data["meta"])
        except ValueError as error:
            raise forms.ValidationError(
                _("Write ids and ranges separated by commas, such as 0-14, 20.")
            ) from error

    def _clean_file(self, name: str) -> Any:
        upload = self.cleaned_data[name]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload

    def clean_votes(self) -> Any:
        return self._clean_file("votes")

    def clean_comments(self) -> Any:
        return self._clean_file("comments")


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Session code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
            }
        ),
    )

    def clean_code(self) -> str:
        return codes.normalise(self.cleaned_data["code"])


class VoteForm(forms.Form):
    CHOICES: ClassVar = {"agree": 1, "disagree": -1, "pass": 0}
    statement = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=[(k, k) for k in CHOICES])

    def value(self) -> int:
        return self.CHOICES[self.cleaned_data["choice"]]


class ProposeForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text=_(
            "One clear idea others can agree or disagree with. The facilitator "
            "reviews it before it is shown."
        ),
    )


def _add_risk_links(form: forms.ModelForm[Any], session: DialogueSession) -> None:
    form.fields["risks"] = risk_links_field(
        Risk.objects.of(session.community).in_register().order_by("code", "title")
    )
    if form.instance.pk:
        reference = (
            agreement_reference(form.instance)
            if isinstance(form.instance, Agreement)
            else action_reference(form.instance)
        )
        form.fields["risks"].initial = [
            r.pk for r in linked_risks([reference]).get(reference, [])
        ]


class AgreementForm(forms.ModelForm[Agreement]):
    class Meta:
        model = Agreement
        fields: ClassVar = ["text"]
        widgets: ClassVar = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, session: DialogueSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_risk_links(self, session)


class ActionItemForm(forms.ModelForm[ActionItem]):
    class Meta:
        model = ActionItem
        fields: ClassVar = ["text", "owner", "due_date", "status", "agreement"]
        widgets: ClassVar = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due_date": DATE,
        }
        help_texts: ClassVar = {
            "owner": _("A role or an organisation, not a private person's name."),
        }

    def __init__(self, *args: Any, session: DialogueSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = session.agreements.all()
        _add_risk_links(self, session)


class CircleForm(forms.ModelForm[RestorativeCircle]):
    class Meta:
        model = RestorativeCircle
        fields: ClassVar = ["date", "place", "purpose", "notes", "status"]
        widgets: ClassVar = {
            "date": DATE,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }


class CircleNewForm(forms.ModelForm[RestorativeCircle]):
    class Meta:
        model = RestorativeCircle
        fields: ClassVar = ["date", "place", "purpose"]
        widgets: ClassVar = {
            "date": DATE,
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }


class CirclePartyForm(forms.ModelForm[CircleParty]):
    class Meta:
        model = CircleParty
        fields: ClassVar = ["pseudonym", "role"]
        help_texts: ClassVar = {
            "pseudonym": _("A label such as A, B, C: never a name.")
        }


class CircleItemForm(forms.ModelForm[CircleAgreementItem]):
    class Meta:
        model = CircleAgreementItem
        fields: ClassVar = ["text", "owner", "deadline"]
        widgets: ClassVar = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "deadline": DATE,
        }


class CircleItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=CircleAgreementItem.Status.choices
    )


class CircleFollowUpForm(forms.ModelForm[CircleFollowUp]):
    class Meta:
        model = CircleFollowUp
        fields: ClassVar = ["date", "note"]
        widgets: ClassVar = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class HandOverForm(forms.Form):
    facilitator = FacilitatorChoice(
        label=_("Hand over to"), queryset=User.objects.none()
    )

    def __init__(
        self, *args: Any, community: Community, current: User, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["facilitator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partner_facilitators(community).exclude(pk=current.pk)
