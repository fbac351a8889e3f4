"""People and access: users, memberships, community roles and API tokens."""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.web.communities.models import Community, Organisation


class User(AbstractUser):
    """A person who signs in. Rights come from memberships and community roles."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    """A person's place in an organisation: a partner's facilitator or network staff."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("network coordinator")
        FACILITATOR = "facilitator", _("facilitator")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class CommunityRole(models.Model):
    """A role in one community held without an organisation's membership."""

    class Role(models.TextChoices):
        WORKING_GROUP_MEMBER = "working_group_member", _("working-group member")
        COUNCIL_VIEWER = "council_viewer", _("council viewer")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="community_roles",
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("community role")
        verbose_name_plural = _("community roles")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "community"], name="one_role_per_community"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.community} ({self.get_role_display()})"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at=None, user__is_active=True)

    def matching(self, secret: str) -> ApiTokenQuerySet:
        return self.filter(key_hash=hash_token(secret))


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored (a leaked table leaks none)."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("starts with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


def hash_token(secret: str) -> str:
    # The secret is 256 random bits, so a fast unsalted hash is enough.
    return hashlib.sha256(secret.encode()).hexdigest()
