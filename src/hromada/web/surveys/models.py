"""The resident survey: framework versions, assessments, imports and responses.

Respondent-level data (``Response``) is area ``survey_data``: the community's
facilitators read and write it, the network coordinator reads it, everyone else
gets 404. Responses carry a pseudonym (a keyed hash of the submission id), never
the id itself.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Bilingual, Community

if TYPE_CHECKING:
    import pandas as pd

ROUND_PATTERN = r"\d{4}-\d{1,2}"
round_validator = RegexValidator(
    rf"^{ROUND_PATTERN}$", _("A round is a year and a number, such as 2026-1.")
)


class FrameworkVersion(Bilingual, models.Model):
    """One version of an indicator framework, as the YAML text it was read from."""

    code = models.CharField(_("framework"), max_length=64)
    version = models.CharField(_("version"), max_length=32)
    name_uk = models.CharField(_("title (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("title (English)"), max_length=200)
    text = models.TextField(_("YAML text"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    shipped = models.BooleanField(_("shipped with Hromada"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering: ClassVar = ["code", "-added_at", "-pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["code", "version"], name="framework_code_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Settlement(Bilingual, models.Model):
    """A settlement or starosta district of a community: a choice of D6.

    Codes (``s01``, ``s02``…) are given once and never reused, so a form made
    before the list changed still imports.
    """

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="settlements",
    )
    code = models.CharField(_("code"), max_length=8)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering: ClassVar = ["community", "position", "code"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["community", "code"], name="settlement_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def of(self, community: Community) -> AssessmentQuerySet:
        return self.filter(community=community)

    def with_counts(self) -> AssessmentQuerySet:
        return self.annotate(n_responses=models.Count("responses"))


class Assessment(models.Model):
    """One round of evidence in a community, on one framework version."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        COLLECTING = "collecting", _("collecting")
        CLOSED = "closed", _("closed")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    round = models.CharField(_("round"), max_length=8, validators=[round_validator])
    period_start = models.DateField(_("fieldwork from"), null=True, blank=True)
    period_end = models.DateField(_("fieldwork to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    # The sampling design: which column holds what ("" = none: equal weights,
    # one stratum, each respondent a PSU).
    weight_column = models.CharField(_("weight column"), max_length=16, blank=True)
    strata_column = models.CharField(_("stratum column"), max_length=16, blank=True)
    psu_column = models.CharField(_("PSU column"), max_length=16, blank=True)
    raking_margins = models.JSONField(_("raking margins"), default=dict, blank=True)
    raking_converged = models.BooleanField(_("raking converged"), null=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering: ClassVar = ["community", "-round"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["community", "round"], name="assessment_round_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.round}"


class SurveyImport(models.Model):
    """One export file imported into an assessment (refused files leave no trace)."""

    class Via(models.TextChoices):
        WEB = "web", _("web page")
        API = "api", _("API")
        CLI = "cli", _("command line")
        DEMO = "demo", _("demo")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    file_format = models.CharField(_("format"), max_length=8)
    form_version = models.CharField(_("form version"), max_length=100)
    rows = models.PositiveIntegerField(_("rows in the file"))
    imported = models.PositiveIntegerField(_("new responses"))
    duplicates = models.PositiveIntegerField(_("already imported"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    via = models.CharField(_("via"), max_length=8, choices=Via.choices)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")
        ordering: ClassVar = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_assessment(self, assessment: Assessment) -> ResponseQuerySet:
        return self.filter(assessment=assessment)

    def to_frame(self) -> pd.DataFrame:
        """The responses as one DataFrame for analysis (see docs/evidence.md)."""
        from hromada.web.surveys.frames import responses_frame

        return responses_frame(self)


class Response(models.Model):
    """One respondent's answers in an assessment.

    ``answers`` maps item and question codes to values: survey items to their
    score (L5, F5: 1–5; YN: 0–1), D7 to its choice name, R1 to the list of risk
    codes chosen, kept free text to its text, and the design columns of the
    export (``W``, ``STRATUM``, ``PSU``) to their raw values. Missing answers
    are absent keys.
    """

    class Sex(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("other or not said")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    survey_import = models.ForeignKey(
        SurveyImport,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    respondent = models.CharField(_("respondent pseudonym"), max_length=32)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    design_weight = models.FloatField(_("design weight"), null=True, blank=True)
    weight = models.FloatField(_("weight"), default=1.0)
    stratum = models.CharField(_("stratum"), max_length=64, blank=True)
    psu = models.CharField(_("PSU"), max_length=64, blank=True)
    sex = models.CharField(_("sex"), max_length=8, blank=True)
    age_group = models.CharField(_("age group"), max_length=8, blank=True)
    idp = models.BooleanField(_("internally displaced"), null=True)
    veteran_household = models.BooleanField(_("veteran in household"), null=True)
    disability_household = models.BooleanField(_("disability in household"), null=True)
    settlement = models.CharField(_("settlement"), max_length=16, blank=True)
    answers: models.JSONField[dict[str, Any]] = models.JSONField(
        _("answers"), default=dict
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering: ClassVar = ["assessment", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assessment", "respondent"], name="response_respondent_unique"
            )
        ]

    def __str__(self) -> str:
        return self.respondent[:8]
