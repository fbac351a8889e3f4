"""The stakeholder map of a community: who matters for its safety, how they
relate, and the working group that carries the programme (domain-model.md).

``*`` fields are personal data: ``Stakeholder.contact`` and a working-group
member's ``person_name`` are shown only to those who may edit the map, never in
the API to anyone else, never in exports, never in the audit log.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from hromada.web.communities.models import Bilingual, Community

SCORE_MESSAGE = _("Give a whole number from 1 (lowest) to 5 (highest).")
STRENGTH_MESSAGE = _("Give a whole number from 1 (weak) to 3 (strong).")


def _score(label: StrOrPromise) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(
        label,
        validators=[
            MinValueValidator(1, SCORE_MESSAGE),
            MaxValueValidator(5, SCORE_MESSAGE),
        ],
    )


class StakeholderQuerySet(models.QuerySet["Stakeholder"]):
    def of(self, community: Community) -> StakeholderQuerySet:
        return self.filter(community=community)


class Stakeholder(Bilingual, models.Model):
    class Type(models.TextChoices):
        # The codes are hromada.core.STAKEHOLDER_TYPES, in its order (a test checks).
        LOCAL_GOVERNMENT = "local_government", _("local self-government")
        MILITARY_ADMINISTRATION = (
            "military_administration",
            _("military administration"),
        )
        POLICE = "police", _("police")
        COMMUNITY_POLICE_OFFICER = (
            "community_police_officer",
            _("community police officer"),
        )
        EMERGENCY_SERVICE = "emergency_service", _("State Emergency Service")
        HEALTH = "health", _("health care")
        EDUCATION = "education", _("education")
        SOCIAL_SERVICES = "social_services", _("social services")
        CSO = "cso", _("civil-society organisation")
        VETERANS_ASSOCIATION = "veterans_association", _("veterans' association")
        IDP_COUNCIL = "idp_council", _("IDP council")
        YOUTH = "youth", _("youth")
        BUSINESS = "business", _("business")
        RELIGIOUS = "religious", _("religious community")
        MEDIA = "media", _("media")
        OTHER = "other", _("other")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="stakeholders",
    )
    name_uk = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("Shown on the charts, such as ДСНС or ЦНАП."),
    )
    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    mandate = models.TextField(_("mandate and role in safety"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    influence = _score(_("influence"))
    interest = _score(_("interest"))
    in_working_group = models.BooleanField(_("in the working group"), default=False)
    contact = models.TextField(
        _("contact"),
        blank=True,
        help_text=_(
            "Personal data: only what the work needs, such as a reception's "
            "phone. Seen only by those who edit the map; never exported."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering: ClassVar = ["name_uk", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["community", "name_uk"], name="stakeholder_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(influence__gte=1, influence__lte=5),
                name="stakeholder_influence_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5),
                name="stakeholder_interest_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        # The Ukrainian name, whatever the page's language: it reaches the audit log.
        return self.name_uk

    @property
    def label(self) -> str:
        """The name the charts draw: the short name when there is one."""
        return self.short_name or self.name

    def clean(self) -> None:
        if self.community_id is None or not self.name_uk:
            return
        # Compared in Python: SQLite folds the case of ASCII letters only.
        names = (
            Stakeholder.objects.filter(community_id=self.community_id)
            .exclude(pk=self.pk)
            .values_list("name_uk", flat=True)
        )
        if self.name_uk.strip().casefold() in {n.casefold() for n in names}:
            message = _("This community already has a stakeholder of that name.")
            raise ValidationError(
                {"name_uk": ValidationError(message, code="duplicate_name")}
            )


class RelationQuerySet(models.QuerySet["StakeholderRelation"]):
    def of(self, community: Community) -> RelationQuerySet:
        return self.filter(community=community)


class StakeholderRelation(models.Model):
    """How two stakeholders of one community relate. A pair has one relation,
    whichever way round it was entered; the network reads it undirected."""

    class Kind(models.TextChoices):
        # The codes are hromada.core.RELATION_KINDS, in its order (a test checks).
        COOPERATES = "cooperates", _("cooperates")
        INFORMATION_ONLY = "information_only", _("information only")
        CONFLICT = "conflict", _("conflict")
        NO_CONTACT = "no_contact", _("no contact")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="stakeholder_relations",
    )
    source = models.ForeignKey(
        Stakeholder,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="relations_from",
    )
    target = models.ForeignKey(
        Stakeholder,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="relations_to",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, STRENGTH_MESSAGE),
            MaxValueValidator(3, STRENGTH_MESSAGE),
        ],
        help_text=_("1 weak, 2 medium, 3 strong; none for “no contact”."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering: ClassVar = ["source__name_uk", "target__name_uk", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relation_not_to_itself"
            ),
            models.UniqueConstraint(
                Least("source", "target"),
                Greatest("source", "target"),
                name="relation_one_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(strength__isnull=True)
                | Q(strength__gte=1, strength__lte=3),
                name="relation_strength_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.target}: {self.get_kind_display()}"

    def clean(self) -> None:
        if self.source_id is None or self.target_id is None:
            return
        errors: dict[str, list[ValidationError]] = {}
        if self.source_id == self.target_id:
            errors.setdefault("target", []).append(
                ValidationError(
                    _("A stakeholder cannot be in a relation with itself."),
                    code="self_relation",
                )
            )
        if {self.source.community_id, self.target.community_id} != {self.community_id}:
            errors.setdefault("target", []).append(
                ValidationError(
                    _("Both stakeholders must belong to this community."),
                    code="other_community",
                )
            )
        if self._twin_exists():
            errors.setdefault("target", []).append(
                ValidationError(
                    _("These two already have a relation; change that one instead."),
                    code="duplicate_relation",
                )
            )
        errors.update(self._strength_errors())
        if errors:
            raise ValidationError(errors)

    def _twin_exists(self) -> bool:
        pair = Q(source_id=self.source_id, target_id=self.target_id) | Q(
            source_id=self.target_id, target_id=self.source_id
        )
        return StakeholderRelation.objects.filter(pair).exclude(pk=self.pk).exists()

    def _strength_errors(self) -> dict[str, list[ValidationError]]:
        if self.kind == self.Kind.COOPERATES and self.strength is None:
            message = _("Say how strong the cooperation is: 1, 2 or 3.")
            return {"strength": [ValidationError(message, code="strength_required")]}
        if self.kind == self.Kind.NO_CONTACT and self.strength is not None:
            message = _("“No contact” has no strength; leave it empty.")
            return {"strength": [ValidationError(message, code="strength_not_allowed")]}
        return {}


class WorkingGroup(models.Model):
    """The community's working group on safety and the order that founded it."""

    community = models.OneToOneField(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="working_group",
    )
    founding_document_title = models.CharField(
        _("founding document"),
        max_length=300,
        blank=True,
        help_text=_(
            "Such as: order of the head of the hromada “On the working group on "
            "community safety”."
        ),
    )
    founding_document_number = models.CharField(
        _("document number"), max_length=50, blank=True
    )
    founding_document_date = models.DateField(_("document date"), null=True, blank=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return str(_("Working group: %(community)s") % {"community": self.community})

    @property
    def founded(self) -> bool:
        return bool(self.founding_document_number and self.founding_document_date)


class WorkingGroupMember(models.Model):
    """A member: one of the map's stakeholders, or a person (named only for editors)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        DEPUTY_CHAIR = "deputy_chair", _("deputy chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    person_name = models.CharField(
        _("person"),
        max_length=200,
        blank=True,
        help_text=_("Personal data: seen only by those who edit the map."),
    )
    position = models.CharField(
        _("position or whom they represent"), max_length=200, blank=True
    )
    role = models.CharField(
        _("role in the group"), max_length=16, choices=Role.choices, default=Role.MEMBER
    )

    class Meta:
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        ordering: ClassVar = ["pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(Q(stakeholder__isnull=False) & Q(person_name=""))
                | (Q(stakeholder__isnull=True) & ~Q(person_name="")),
                name="member_is_stakeholder_or_person",
                violation_error_code="stakeholder_or_person",
                violation_error_message=_(
                    "Choose a stakeholder or give a person's name (one, not both)."
                ),
            ),
            models.UniqueConstraint(
                fields=["working_group", "stakeholder"],
                condition=Q(stakeholder__isnull=False),
                name="member_stakeholder_once",
            ),
        ]

    def __str__(self) -> str:
        # Never the person's name: this text reaches the audit log.
        if self.stakeholder is not None:
            return self.stakeholder.name_uk
        return self.position or str(_("a person"))

    def clean(self) -> None:
        # "A stakeholder or a person" is the check constraint's, with its message.
        if self.stakeholder_id is not None:
            self._check_stakeholder()

    def _check_stakeholder(self) -> None:
        assert self.stakeholder is not None
        if self.stakeholder.community_id != self.community_id:
            message = _("The stakeholder must belong to this community.")
            raise ValidationError(
                {"stakeholder": ValidationError(message, code="other_community")}
            )
        twins = WorkingGroupMember.objects.filter(
            working_group_id=self.working_group_id, stakeholder=self.stakeholder
        ).exclude(pk=self.pk)
        if twins.exists():
            message = _("This stakeholder is already in the group.")
            raise ValidationError(
                {"stakeholder": ValidationError(message, code="duplicate_member")}
            )
