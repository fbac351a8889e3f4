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


class Gap(models.Model):
    """A vulnerable group against the rest of the community (statistics.md §1.4).

    ``difference`` = group − rest; ``worse`` says the difference lies in the
    direction that hurts the group (the indicator's polarity decides), and
    ``significant`` that its 95 % CI excludes 0. A gap whose group or rest has
    fewer than ``n_min`` respondents is kept ``suppressed`` with no numbers.
    """

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="gaps",
    )
    code = models.CharField(_("code"), max_length=16)
    dimension = models.CharField(_("group dimension"), max_length=32)
    category = models.CharField(_("group"), max_length=64)
    estimate_group = models.FloatField(_("group estimate"), null=True, blank=True)
    estimate_rest = models.FloatField(_("estimate for the rest"), null=True, blank=True)
    difference = models.FloatField(_("difference"), null=True, blank=True)
    se = models.FloatField(_("standard error"), null=True, blank=True)
    ci_low = models.FloatField(_("confidence interval, low"), null=True, blank=True)
    ci_high = models.FloatField(_("confidence interval, high"), null=True, blank=True)
    p_value = models.FloatField(_("p-value"), null=True, blank=True)
    n_group = models.PositiveIntegerField(_("respondents in the group"), default=0)
    n_rest = models.PositiveIntegerField(_("respondents in the rest"), default=0)
    significant = models.BooleanField(_("significant"), default=False)
    worse = models.BooleanField(_("worse for the group"), default=False)
    suppressed = models.BooleanField(_("suppressed"), default=False)
    method_version = models.CharField(_("method version"), max_length=64)

    class Meta:
        verbose_name = _("gap")
        verbose_name_plural = _("gaps")
        ordering: ClassVar = ["assessment", "code", "dimension", "category"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assessment", "code", "dimension", "category"],
                name="gap_cell_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.dimension}:{self.category}"


class Change(models.Model):
    """A result against the same cell of the previous round (statistics.md §6)."""

    class Verdict(models.TextChoices):
        CHANGE = "change", _("change")
        SMALL = "small", _("small change")
        UNCLEAR = "unclear", _("unclear")
        NONE = "none", _("no detectable change")
        NOT_COMPARABLE = "not_comparable", _("not comparable")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    previous = models.ForeignKey(
        Assessment,
        verbose_name=_("previous assessment"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=16)
    dimension = models.CharField(_("group dimension"), max_length=32, default=ALL)
    category = models.CharField(_("group"), max_length=64, blank=True)
    difference = models.FloatField(_("difference"), null=True, blank=True)
    se = models.FloatField(_("standard error"), null=True, blank=True)
    ci_low = models.FloatField(_("confidence interval, low"), null=True, blank=True)
    ci_high = models.FloatField(_("confidence interval, high"), null=True, blank=True)
    p_value = models.FloatField(_("p-value"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    method_version = models.CharField(_("method version"), max_length=64)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering: ClassVar = ["assessment", "code", "dimension", "category"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assessment", "code", "dimension", "category"],
                name="change_cell_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.verdict}"


class Reliability(models.Model):
    """Internal consistency of an indicator's items in a round (Cronbach's α)."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="reliabilities",
    )
    code = models.CharField(_("code"), max_length=16)
    alpha = models.FloatField(_("Cronbach's alpha"), null=True, blank=True)
    items = models.PositiveSmallIntegerField(_("items"))
    n = models.PositiveIntegerField(_("complete responses"), default=0)

    class Meta:
        verbose_name = _("reliability")
        verbose_name_plural = _("reliabilities")
        ordering: ClassVar = ["assessment", "code"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assessment", "code"], name="reliability_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} α={self.alpha}"


class AnalysisRun(models.Model):
    """One computation of a round, queued for the worker or run inline when small.

    The page polls its ``progress``; results become visible only when the run
    finishes, because the service replaces them in one transaction.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="analysis_runs",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    stage = models.CharField(_("stage"), max_length=64, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    method_version = models.CharField(_("method version"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        ordering: ClassVar = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.assessment} {self.status}"
