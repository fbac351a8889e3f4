"""Statements, the people who vote on them, votes, paper tallies and the analysis."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.web.dialogues.models.sessions import DialogueSession


class Moderation(models.IntegerChoices):
    """Pol.is's moderation values, so an import keeps them as they are."""

    REJECTED = -1, _("rejected")
    PENDING = 0, _("waiting for moderation")
    ACCEPTED = 1, _("accepted")


class StatementQuerySet(models.QuerySet["Statement"]):
    def accepted(self) -> StatementQuerySet:
        return self.filter(moderation=Moderation.ACCEPTED)

    def pending(self) -> StatementQuerySet:
        return self.filter(moderation=Moderation.PENDING)


class Statement(models.Model):
    """A statement participants agree or disagree with (Pol.is's "comment").

    ``number`` is the statement's id within its session (Pol.is's ``tid`` for an
    imported conversation) and the id the opinion analysis uses.
    """

    class Origin(models.TextChoices):
        FACILITATOR = "facilitator", _("written by the facilitator")
        PARTICIPANT = "participant", _("written by a participant")
        POLIS = "polis", _("imported from Pol.is")
        RISK = "risk", _("seeded from the risk register")
        SURVEY = "survey", _("seeded from survey findings")

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    number = models.PositiveIntegerField(_("number"))
    text_uk = models.TextField(_("text (Ukrainian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    is_meta = models.BooleanField(
        _("about the participant (meta)"),
        default=False,
        help_text=_(
            "A question about who is answering (age, sex, displacement…). Meta "
            "statements are left out of the opinion groups and shown only in "
            "groups of 10 or more."
        ),
    )
    moderation = models.SmallIntegerField(
        _("moderation"), choices=Moderation.choices, default=Moderation.ACCEPTED
    )
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.FACILITATOR
    )
    author = models.ForeignKey(
        "Participant",
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
    )
    # The register risk a seeded statement was written from.
    risk = models.ForeignKey(
        "risks.Risk",
        verbose_name=_("risk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering: ClassVar = ["session", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["session", "number"], name="dialogue_statement_number"
            ),
            models.CheckConstraint(
                condition=~Q(text_uk="") | ~Q(text_en=""),
                name="dialogue_statement_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    @property
    def text(self) -> str:
        """The text in the page's language when there is one, else the other."""
        if get_language() == "en":
            return self.text_en or self.text_uk
        return self.text_uk or self.text_en


class Participant(models.Model):
    """Whoever votes: a device with a signed cookie, or a Pol.is voter id.

    No personal data: the cookie holds a random key, of which only the SHA-256
    is stored.
    """

    class Origin(models.TextChoices):
        ONLINE = "online", _("online")
        POLIS = "polis", _("imported from Pol.is")

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    origin = models.CharField(_("origin"), max_length=8, choices=Origin.choices)
    key_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    external_id = models.CharField(_("Pol.is voter id"), max_length=40, blank=True)
    skipped_meta = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["session", "external_id"],
                condition=~Q(external_id=""),
                name="dialogue_one_participant_per_voter_id",
            )
        ]

    def __str__(self) -> str:
        return f"P{self.pk}"


class Vote(models.Model):
    """One participant's answer to one statement: there is only ever one."""

    class Value(models.IntegerChoices):
        AGREE = 1, _("agree")
        DISAGREE = -1, _("disagree")
        PASS = 0, _("pass / unsure")

    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="votes",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="votes",
    )
    value = models.SmallIntegerField(_("vote"), choices=Value.choices)
    voted_at = models.DateTimeField(_("voted at"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="dialogue_one_vote_each"
            ),
            models.CheckConstraint(
                condition=Q(value__in=[-1, 0, 1]), name="dialogue_vote_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.statement.number}: {self.value}"


class PaperTally(models.Model):
    """The counts of one statement from the session's paper tally sheets.

    A tally has no participant identity: it joins the statement's counts and
    the consensus, never the opinion groups.
    """

    statement = models.OneToOneField(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="paper_tally",
    )
    agree = models.PositiveIntegerField(_("agree"))
    disagree = models.PositiveIntegerField(_("disagree"))
    passes = models.PositiveIntegerField(_("pass / unsure"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        verbose_name = _("paper tally")
        verbose_name_plural = _("paper tallies")

    def __str__(self) -> str:
        return f"{self.statement.number}: {self.agree}/{self.disagree}/{self.passes}"

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passes


class OpinionAnalysis(models.Model):
    """The session's opinion map as last computed (replaced on every recompute)."""

    class Status(models.TextChoices):
        SHOWN = "shown", _("opinion groups shown")
        NO_VOTES = "no_votes", _("no votes yet")
        FEW_VOTERS = "few_voters", _("fewer than 7 voters")
        SMALL_GROUP = "small_group", _("a group of fewer than 3 people")

    session = models.OneToOneField(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="analysis",
    )
    revision = models.PositiveIntegerField()
    method_version = models.CharField(_("method"), max_length=60)
    computed_at = models.DateTimeField(_("computed"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    voters = models.PositiveIntegerField(_("voters"))
    votes = models.PositiveIntegerField(_("votes"))
    paper_votes = models.PositiveIntegerField(_("votes from paper"))
    k = models.PositiveSmallIntegerField(_("opinion groups"), null=True)
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("opinion analysis")
        verbose_name_plural = _("opinion analyses")

    def __str__(self) -> str:
        return f"{self.session} ({self.method_version}, r{self.revision})"

    @property
    def is_stale(self) -> bool:
        return self.revision != self.session.revision
