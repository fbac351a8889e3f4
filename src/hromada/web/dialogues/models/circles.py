"""Restorative circles: private records of the facilitator assigned to them.

They are not dialogue sessions on purpose: no session list, count, export, API
or analysis reads this table, and only the assigned facilitator opens a record
(``Area.RESTORATIVE_CIRCLES``, scope ``ASSIGNED``). Parties are pseudonyms.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Community


class RestorativeCircleQuerySet(models.QuerySet["RestorativeCircle"]):
    def assigned_to(self, user_id: int | None) -> RestorativeCircleQuerySet:
        return self.filter(facilitator_id=user_id)


class RestorativeCircle(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FOLLOW_UP = "follow_up", _("in follow-up")
        CLOSED = "closed", _("closed")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Deleting the account leaves the record closed to everyone rather than
    # deleting it or telling the person who deletes accounts that it exists.
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned facilitator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    purpose = models.TextField(_("what the circle is about"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestorativeCircleQuerySet.as_manager()

    class Meta:
        verbose_name = _("restorative circle")
        verbose_name_plural = _("restorative circles")
        ordering: ClassVar = ["-date", "-pk"]

    def __str__(self) -> str:
        # Generic on purpose: a string can end up in logs or error pages.
        return str(_("restorative circle"))

    def get_absolute_url(self) -> str:
        return reverse("dialogues:circle", args=[self.community.katotth, self.pk])


class CircleParty(models.Model):
    class Role(models.TextChoices):
        HARMED = "harmed", _("person harmed")
        RESPONSIBLE = "responsible", _("person responsible for the harm")
        SUPPORTER = "supporter", _("supporter")
        COMMUNITY = "community", _("community member")
        OTHER = "other", _("other")

    circle = models.ForeignKey(
        RestorativeCircle,
        verbose_name=_("restorative circle"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=40)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering: ClassVar = ["circle", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["circle", "pseudonym"], name="dialogue_circle_party_once"
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym


class CircleAgreementItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        KEPT = "kept", _("kept")
        NOT_KEPT = "not_kept", _("not kept")

    circle = models.ForeignKey(
        RestorativeCircle,
        verbose_name=_("restorative circle"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    text = models.TextField(_("agreement item"))
    owner = models.CharField(_("owner (pseudonym or role)"), max_length=100)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("agreement item")
        verbose_name_plural = _("agreement items")
        ordering: ClassVar = ["circle", "deadline", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class CircleFollowUp(models.Model):
    circle = models.ForeignKey(
        RestorativeCircle,
        verbose_name=_("restorative circle"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    date = models.DateField(_("date"))
    note = models.TextField(_("what happened"))

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering: ClassVar = ["circle", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}"
