"""Computed results of an assessment round: replaceable, never edited by hand.

A ``Result`` is one published cell: an indicator, statistic, expert score or index
for the whole community (``dimension="all"``) or one subgroup (``dimension="sex"``,
``category="female"``). Area ``results`` of the rights table.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.web.surveys.models import Assessment

ALL = "all"


class ResultQuerySet(models.QuerySet["Result"]):
    def for_assessment(self, assessment: Assessment) -> ResultQuerySet:
        return self.filter(assessment=assessment)

    def overall(self) -> ResultQuerySet:
        return self.filter(dimension=ALL)

    def published(self) -> ResultQuerySet:
        return self.filter(suppressed=False)


class Result(models.Model):
    class Kind(models.TextChoices):
        SURVEY = "survey", _("survey indicator")
        STATISTIC = "statistic", _("official statistic")
        EXPERT = "expert", _("expert rating")
        INDEX = "index", _("index")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    code = models.CharField(_("code"), max_length=16)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    dimension = models.CharField(_("group dimension"), max_length=32, default=ALL)
    category = models.CharField(_("group"), max_length=64, blank=True)
    estimate = models.FloatField(_("estimate"), null=True, blank=True)
    se = models.FloatField(_("standard error"), null=True, blank=True)
    ci_low = models.FloatField(_("confidence interval, low"), null=True, blank=True)
    ci_high = models.FloatField(_("confidence interval, high"), null=True, blank=True)
    df = models.FloatField(_("degrees of freedom"), null=True, blank=True)
    deff = models.FloatField(_("design effect"), null=True, blank=True)
    n = models.PositiveIntegerField(_("respondents (unweighted)"), default=0)
    suppressed = models.BooleanField(_("suppressed"), default=False)
    method_version = models.CharField(_("method version"), max_length=64)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering: ClassVar = ["assessment", "code", "dimension", "category"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assessment", "code", "dimension", "category"],
                name="result_cell_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.group}"

    @property
    def group(self) -> str:
        """``all`` or ``dimension:category`` (the API's ``group``)."""
        return ALL if self.dimension == ALL else f"{self.dimension}:{self.category}"
