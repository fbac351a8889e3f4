"""Evidence beside the survey: official statistics, expert ratings, hotspots.

Statistics and ratings are aggregate evidence (area ``results``: read by the
coordinator, the working group and the council viewer, written by the
community's facilitators). Hotspots of the safety walk are internal geodata
(area ``internal_geodata``): never in public outputs, every export audited.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Community
from hromada.web.surveys.models import Assessment


class StatisticValue(models.Model):
    """One official figure for a year: the count as given, and its rate."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="statistics",
    )
    indicator = models.CharField(_("indicator"), max_length=8)
    period = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1991), MaxValueValidator(2100)]
    )
    value = models.FloatField(_("value"), validators=[MinValueValidator(0)])
    rate = models.FloatField(_("rate"))
    population = models.PositiveIntegerField(_("population used"))
    source = models.CharField(_("source"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("statistic")
        verbose_name_plural = _("statistics")
        ordering: ClassVar = ["community", "indicator", "-period"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["community", "indicator", "period"],
                name="statistic_indicator_period_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"


class ExpertRating(models.Model):
    """A rater's checklist for an expert or audit indicator (E1–E4), scored 0–10."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="expert_ratings",
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="expert_ratings",
    )
    indicator = models.CharField(_("indicator"), max_length=8)
    rater = models.CharField(_("rater"), max_length=100)
    criteria: models.JSONField[dict[str, Any]] = models.JSONField(
        _("checklist"), default=dict
    )
    score = models.FloatField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert rating")
        verbose_name_plural = _("expert ratings")
        ordering: ClassVar = ["community", "indicator", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.rater}"


class HotspotQuerySet(models.QuerySet["Hotspot"]):
    def of(self, community: Community) -> HotspotQuerySet:
        return self.filter(community=community)


class Hotspot(models.Model):
    """A place the safety walk found unsafe. Internal: never published."""

    class Category(models.TextChoices):
        LIGHTING = "lighting", _("poor lighting")
        ABANDONED = "abandoned", _("abandoned building or ruin")
        TRAFFIC = "traffic", _("traffic danger")
        UXO = "uxo", _("mines or unexploded ordnance")
        ALCOHOL = "alcohol", _("drinking or drug use")
        ANIMALS = "animals", _("stray animals")
        SHELTER = "shelter", _("shelter access")
        VANDALISM = "vandalism", _("vandalism")
        OTHER = "other", _("other")

    class TimeOfDay(models.TextChoices):
        DAY = "day", _("day")
        EVENING = "evening", _("evening")
        NIGHT = "night", _("night")
        ANY = "any", _("any time")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("being addressed")
        RESOLVED = "resolved", _("resolved")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="hotspots",
    )
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(44.0), MaxValueValidator(52.5)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(22.0), MaxValueValidator(40.5)]
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    time_of_day = models.CharField(
        _("time of day"), max_length=8, choices=TimeOfDay.choices
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("noted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("noted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = HotspotQuerySet.as_manager()

    class Meta:
        verbose_name = _("hotspot")
        verbose_name_plural = _("hotspots")
        ordering: ClassVar = ["community", "-created_at", "-pk"]

    def __str__(self) -> str:
        return (
            f"{self.get_category_display()} ({self.latitude:.4f}, {self.longitude:.4f})"
        )
