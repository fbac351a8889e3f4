"""Dialogue sessions and who attended them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Community
from hromada.web.dialogues.groups import CATEGORIES, DIMENSIONS

DIMENSION_CHOICES = list(DIMENSIONS.items())


class DialogueSessionQuerySet(models.QuerySet["DialogueSession"]):
    def of(self, community: Community) -> DialogueSessionQuerySet:
        return self.filter(community=community)

    def open_for_voting(self) -> DialogueSessionQuerySet:
        return self.filter(voting_open=True)


class DialogueSession(models.Model):
    """One meeting: a working group, a community or police–community dialogue, a
    focus group. Restorative circles are kept apart (``RestorativeCircle``)."""

    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("working-group meeting")
        COMMUNITY_DIALOGUE = "community_dialogue", _("community dialogue")
        POLICE_COMMUNITY = "police_community", _("police–community dialogue")
        FOCUS_GROUP = "focus_group", _("focus group")

    class AttendanceMode(models.TextChoices):
        COUNTS = "counts", _("counts by group")
        ROSTER = "roster", _("pseudonymous participants")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="dialogue_sessions",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.TextField(_("purpose"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    attendance_mode = models.CharField(
        _("attendance recorded as"),
        max_length=8,
        choices=AttendanceMode.choices,
        default=AttendanceMode.COUNTS,
    )
    # The head count of a COUNTS session; a ROSTER session counts its attendees.
    attendees = models.PositiveIntegerField(_("attendees"), null=True, blank=True)
    code = models.CharField(
        _("session code"), max_length=8, unique=True, null=True, blank=True
    )
    voting_open = models.BooleanField(_("open for voting"), default=False)
    # Bumped by every change the opinion analysis depends on (votes, tallies,
    # moderation, meta flags); an analysis of an older revision is stale.
    revision = models.PositiveIntegerField(default=0, editable=False)
    attribution = models.TextField(
        _("source and licence of imported statements and votes"), blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DialogueSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")
        ordering: ClassVar = ["-date", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(voting_open=True) | Q(code__isnull=False),
                name="dialogue_open_session_has_a_code",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:session", args=[self.community.katotth, self.pk])

    @property
    def code_display(self) -> str:
        """The code in two halves (``ABC-DEF``), easier to read out and type."""
        if not self.code:
            return ""
        half = len(self.code) // 2
        return f"{self.code[:half]}-{self.code[half:]}"

    def head_count(self) -> int | None:
        """People present: the recorded head count, or the roster's length."""
        if self.attendance_mode == self.AttendanceMode.ROSTER:
            return self.roster.count() or None
        return self.attendees


class AttendanceCount(models.Model):
    """Attendees of one category (women, 18–29, IDPs, police…) in a COUNTS session."""

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance_counts",
    )
    dimension = models.CharField(
        _("dimension"), max_length=20, choices=DIMENSION_CHOICES
    )
    category = models.CharField(_("category"), max_length=32)
    n = models.PositiveIntegerField(_("attendees"))

    class Meta:
        verbose_name = _("attendance count")
        verbose_name_plural = _("attendance counts")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["session", "dimension", "category"],
                name="dialogue_one_count_per_category",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}/{self.category}: {self.n}"


def _choices(dimension: str) -> list[tuple[str, object]]:
    return list(CATEGORIES[dimension].items())


class Attendee(models.Model):
    """A pseudonymous participant of a ROSTER session: a label, never a name."""

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="roster",
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=40)
    sex = models.CharField(_("sex"), max_length=8, choices=_choices("sex"), blank=True)
    age_group = models.CharField(
        _("age group"), max_length=8, choices=_choices("age_group"), blank=True
    )
    idp = models.BooleanField(_("internally displaced"), default=False)
    veteran = models.BooleanField(_("veteran"), default=False)
    disability = models.BooleanField(_("with a disability"), default=False)
    stakeholder_type = models.CharField(
        _("stakeholder type"),
        max_length=32,
        choices=_choices("stakeholder_type"),
        blank=True,
    )

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering: ClassVar = ["pseudonym"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["session", "pseudonym"], name="dialogue_unique_pseudonym"
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym


class PopulationShare(models.Model):
    """A group's share of the community's population, for the inclusion metrics.

    With ``session`` empty it holds for the whole community; a session's own
    shares replace the community's for that session.
    """

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="population_shares",
    )
    dimension = models.CharField(
        _("dimension"), max_length=20, choices=DIMENSION_CHOICES
    )
    category = models.CharField(_("category"), max_length=32)
    share = models.FloatField(
        _("share"), validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("population share")
        verbose_name_plural = _("population shares")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["community", "dimension", "category"],
                condition=Q(session__isnull=True),
                name="dialogue_one_community_share",
            ),
            models.UniqueConstraint(
                fields=["session", "dimension", "category"],
                condition=Q(session__isnull=False),
                name="dialogue_one_session_share",
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0.0) & Q(share__lte=1.0),
                name="dialogue_share_0_to_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}/{self.category}: {self.share:.3f}"
