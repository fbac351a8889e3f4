"""Risk-ranking ballots of a session, and the priorities the working group agreed.

A session has at most one ``Ballot`` over the community's register risks.
Participants cast a ``BallotResponse`` on their phones (one per device, a new
one replaces the old) under a declared stakeholder group; the facilitator
enters sticker-dot sheets as ``BallotPaperCount`` per group. Agreed priorities
(``PriorityDecision``) are what the register shows as the dialogue rank.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hromada.web.dialogues.groups import CATEGORIES
from hromada.web.dialogues.models.sessions import DialogueSession
from hromada.web.dialogues.models.votes import Participant

GROUP_CHOICES = list(CATEGORIES["stakeholder_type"].items())


class Ballot(models.Model):
    class Method(models.TextChoices):
        DOTS = "dots", _("dot voting")
        RANKING = "ranking", _("ranking (Borda count)")
        PAIRWISE = "pairwise", _("pairwise comparisons")

    session = models.OneToOneField(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="ballot",
    )
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    # Dots per person, places to rank, or pairs shown to each person.
    budget = models.PositiveSmallIntegerField(_("per person"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("risk-ranking ballot")
        verbose_name_plural = _("risk-ranking ballots")

    def __str__(self) -> str:
        return f"{self.session}: {self.method}"


class BallotItem(models.Model):
    """One risk on the ballot, in the order the ballot shows it."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="items"
    )
    risk = models.ForeignKey(
        "risks.Risk", verbose_name=_("risk"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("ballot item")
        verbose_name_plural = _("ballot items")
        ordering: ClassVar = ["ballot", "position"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["ballot", "risk"], name="dialogue_ballot_risk_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.risk)


class BallotResponse(models.Model):
    """One participant's ballot; casting again replaces it."""

    ballot = models.ForeignKey(
        Ballot,
        verbose_name=_("ballot"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="ballot_responses",
    )
    group = models.CharField(
        _("stakeholder group"), max_length=32, choices=GROUP_CHOICES
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        verbose_name = _("ballot response")
        verbose_name_plural = _("ballot responses")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["ballot", "participant"], name="dialogue_one_ballot_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.group})"


class BallotMark(models.Model):
    """Dots given to an item, or the place it was ranked at (1 = first)."""

    response = models.ForeignKey(
        BallotResponse, on_delete=models.CASCADE, related_name="marks"
    )
    item = models.ForeignKey(BallotItem, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["response", "item"], name="dialogue_one_mark_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class BallotComparison(models.Model):
    """One pairwise choice: ``winner`` was preferred over ``loser``."""

    response = models.ForeignKey(
        BallotResponse, on_delete=models.CASCADE, related_name="comparisons"
    )
    winner = models.ForeignKey(BallotItem, on_delete=models.CASCADE, related_name="+")
    loser = models.ForeignKey(BallotItem, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(winner=models.F("loser")),
                name="dialogue_comparison_two_items",
            )
        ]

    def __str__(self) -> str:
        return f"{self.winner_id} > {self.loser_id}"


class BallotPaperCount(models.Model):
    """A stakeholder group's sticker-dot sheet: how many voted, dots per item."""

    ballot = models.ForeignKey(
        Ballot,
        verbose_name=_("ballot"),
        on_delete=models.CASCADE,
        related_name="paper_counts",
    )
    group = models.CharField(
        _("stakeholder group"), max_length=32, choices=GROUP_CHOICES
    )
    voters = models.PositiveIntegerField(_("voters"))
    # {str(BallotItem pk): dots}; items without dots are left out.
    dots = models.JSONField(_("dots"), default=dict)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("paper ballot count")
        verbose_name_plural = _("paper ballot counts")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["ballot", "group"], name="dialogue_one_paper_count_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.voters}"


class PriorityDecision(models.Model):
    """The order of priorities a session agreed, and why it departs from the scores."""

    session = models.OneToOneField(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="priorities",
    )
    rationale = models.TextField(_("rationale"), blank=True)
    differs = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agreed priorities")
        verbose_name_plural = _("agreed priorities")

    def __str__(self) -> str:
        return str(self.session)


class PriorityItem(models.Model):
    decision = models.ForeignKey(
        PriorityDecision, on_delete=models.CASCADE, related_name="items"
    )
    risk = models.ForeignKey("risks.Risk", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering: ClassVar = ["decision", "rank"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["decision", "risk"], name="dialogue_priority_risk_once"
            ),
            models.UniqueConstraint(
                fields=["decision", "rank"], name="dialogue_priority_rank_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.risk_id}"
