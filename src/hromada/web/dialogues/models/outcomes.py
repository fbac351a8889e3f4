"""What a session decided: agreements and the action items that carry them out.

Both will link to the risks they answer (a ``risks`` many-to-many to
``risks.Risk``, added with the risk register), and then show in each risk's
evidence trail.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.web.dialogues.models.sessions import DialogueSession


class Agreement(models.Model):
    """Something the participants agreed on, in their words."""

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    text = models.TextField(_("agreement"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering: ClassVar = ["session", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(models.Model):
    """Who does what by when, to carry out an agreement (or the session's own)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    text = models.TextField(_("action"))
    # A role or an organisation ("community police officer", "youth council"),
    # not a private person's name.
    owner = models.CharField(_("owner"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering: ClassVar = ["session", "due_date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
