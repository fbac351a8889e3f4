"""The risk register and the community's security potential (domain-model.md).

Risks: area ``risks`` (facilitator and working group RW; coordinator and council
viewer R). A risk's ``location`` is internal geodata: shown only to those who
may read ``internal_geodata``, never in public outputs.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Community
from hromada.web.stakeholders.models import Stakeholder
from hromada.web.surveys.models import Assessment

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class RiskQuerySet(models.QuerySet["Risk"]):
    def of(self, community: Community) -> RiskQuerySet:
        return self.filter(community=community)

    def in_register(self) -> RiskQuerySet:
        """Risks the working group keeps: suggestions and dismissed ones excluded."""
        return self.exclude(status__in=[Risk.Status.SUGGESTED, Risk.Status.DISMISSED])


class Risk(models.Model):
    class Trend(models.TextChoices):
        UP = "up", _("growing")
        SAME = "same", _("unchanged")
        DOWN = "down", _("falling")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested from the evidence")
        OPEN = "open", _("open")
        ADDRESSED = "addressed", _("addressed by the programme")
        CLOSED = "closed", _("closed")
        DISMISSED = "dismissed", _("dismissed")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="risks",
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
    )
    code = models.CharField(_("catalogue code"), max_length=8, blank=True)
    domain = models.CharField(_("domain"), max_length=8, blank=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    location = models.TextField(_("location (internal)"), blank=True)
    affected_groups = models.JSONField(_("affected groups"), default=list, blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), null=True, blank=True, validators=ONE_TO_FIVE
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), null=True, blank=True, validators=ONE_TO_FIVE
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    perception_share = models.FloatField(_("perception share"), null=True, blank=True)
    perception_ci_low = models.FloatField(null=True, blank=True)
    perception_ci_high = models.FloatField(null=True, blank=True)
    perception_n = models.PositiveIntegerField(null=True, blank=True)
    equity_flag = models.BooleanField(_("equity flag"), default=False)
    equity_groups = models.JSONField(_("groups worse off"), default=list, blank=True)
    trend = models.CharField(
        _("trend"), max_length=8, choices=Trend.choices, blank=True
    )
    dialogue_rank = models.PositiveSmallIntegerField(
        _("dialogue rank"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering: ClassVar = ["community", "dialogue_rank", "-score", "code", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def name(self) -> str:
        """The title in the page's language (Ukrainian unless English is set)."""
        return self.title_en if get_language() == "en" and self.title_en else self.title


class RiskEvidence(models.Model):
    """A link from a risk to what shows it: a result, a statistic, a hotspot…"""

    class Kind(models.TextChoices):
        RESULT = "result", _("survey or index result")
        STATISTIC = "statistic", _("official statistic")
        HOTSPOT = "hotspot", _("safety-walk hotspot")
        DIALOGUE = "dialogue", _("dialogue decision")
        OTHER = "other", _("other")

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    reference = models.CharField(_("reference"), max_length=64)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        ordering: ClassVar = ["risk", "kind", "reference"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["risk", "kind", "reference"], name="risk_evidence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.reference}"


class Capacity(models.Model):
    """A score 1–5 of the security potential, for a stakeholder or community-wide."""

    class Dimension(models.TextChoices):
        COMPETENCE = "competence", _("competence")
        RESOURCES = "resources", _("resources")
        COOPERATION = "cooperation", _("cooperation")
        LEADERSHIP = "leadership", _("leadership")
        PLATFORMS = "platforms", _("platforms")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="capacities",
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="capacities",
    )
    dimension = models.CharField(
        _("dimension"), max_length=12, choices=Dimension.choices
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=ONE_TO_FIVE)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        ordering: ClassVar = ["community", "stakeholder", "dimension"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["community", "stakeholder", "dimension"],
                name="capacity_unique",
            ),
            models.UniqueConstraint(
                fields=["community", "dimension"],
                condition=models.Q(stakeholder=None),
                name="capacity_community_wide_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.score}"
