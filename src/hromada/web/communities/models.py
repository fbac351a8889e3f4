"""The registry: organisations of the network and the 1,469 hromadas."""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

KATOTTH_PATTERN = r"UA\d{17}"
katotth_validator = RegexValidator(
    rf"^{KATOTTH_PATTERN}$", _("A KATOTTH code is UA followed by 17 digits.")
)


class Bilingual:
    """The name in the active language: Ukrainian unless the page is English."""

    name_uk: str
    name_en: str

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_uk


class Organisation(Bilingual, models.Model):
    class Kind(models.TextChoices):
        NETWORK_COORDINATOR = "network_coordinator", _("network coordinator")
        PARTNER = "partner", _("partner CSO")
        COUNCIL = "council", _("council")
        OTHER = "other", _("other")

    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    oblast_katotth = models.CharField(
        _("oblast"), max_length=19, blank=True, validators=[katotth_validator]
    )
    contact = models.TextField(_("contact"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering: ClassVar = ["name_uk"]

    def __str__(self) -> str:
        return self.name


class Phase(models.IntegerChoices):
    """The methodology's nine phases (methodology.md)."""

    ENTRY = 0, _("Entry and agreement")
    PREPARATION = 1, _("Preparation")
    EVIDENCE = 2, _("Evidence")
    ANALYSIS = 3, _("Analysis and security passport")
    DIALOGUE = 4, _("Dialogue")
    DRAFTING = 5, _("Programme drafting")
    APPROVAL = 6, _("Council approval")
    IMPLEMENTATION = 7, _("Implementation")
    MONITORING = 8, _("Monitoring and re-assessment")


class CommunityQuerySet(models.QuerySet["Community"]):
    def search(self, text: str) -> CommunityQuerySet:
        return self.filter(search_text__contains=text.strip().lower())

    def in_oblast(self, katotth: str) -> CommunityQuerySet:
        return self.filter(oblast_katotth=katotth)

    def of_partner(self, organisation_id: int) -> CommunityQuerySet:
        return self.filter(partner_id=organisation_id)


class Community(Bilingual, models.Model):
    class Type(models.TextChoices):
        URBAN = "urban", _("urban")
        SETTLEMENT = "settlement", _("settlement")
        RURAL = "rural", _("rural")

    katotth = models.CharField(
        _("KATOTTH code"), max_length=19, unique=True, validators=[katotth_validator]
    )
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    oblast_katotth = models.CharField(_("oblast code"), max_length=19, db_index=True)
    oblast_name_uk = models.CharField(_("oblast (Ukrainian)"), max_length=60)
    oblast_name_en = models.CharField(_("oblast (English)"), max_length=60)
    raion_katotth = models.CharField(_("raion code"), max_length=19)
    raion_name_uk = models.CharField(_("raion (Ukrainian)"), max_length=60)
    raion_name_en = models.CharField(_("raion (English)"), max_length=60)
    centre_katotth = models.CharField(_("centre code"), max_length=19)
    centre_name_uk = models.CharField(_("centre (Ukrainian)"), max_length=100)
    centre_name_en = models.CharField(_("centre (English)"), max_length=100)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population (2022)"))
    area_km2 = models.FloatField(_("area, km²"), null=True, blank=True)
    occupied_before_2022 = models.BooleanField(_("occupied before 2022"))
    border_distance_km = models.FloatField(
        _("distance to the Russian or Belarusian border, km")
    )
    front_line = models.BooleanField(_("front-line"), default=False)
    de_occupied = models.BooleanField(_("de-occupied"), default=False)
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communities",
        limit_choices_to={"kind": Organisation.Kind.PARTNER},
    )
    phase = models.PositiveSmallIntegerField(
        _("phase"),
        choices=Phase.choices,
        default=Phase.ENTRY,
        validators=[MaxValueValidator(Phase.MONITORING)],
    )
    agreement_date = models.DateField(_("agreement date"), null=True, blank=True)
    search_text = models.TextField(editable=False)
    name_sort = models.CharField(max_length=200, editable=False, db_index=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering: ClassVar = ["name_sort", "katotth"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(phase__lte=8), name="community_phase_0_to_8"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:workspace", args=[self.katotth])

    @property
    def oblast_name(self) -> str:
        return self.oblast_name_en if get_language() == "en" else self.oblast_name_uk

    @property
    def raion_name(self) -> str:
        return self.raion_name_en if get_language() == "en" else self.raion_name_uk

    @property
    def centre_name(self) -> str:
        return self.centre_name_en if get_language() == "en" else self.centre_name_uk


# Databases order Cyrillic by code point, which puts Є, І, Ї before А and Ґ after Я.
_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_ORDER = {letter: f"{index:02d}" for index, letter in enumerate(_ALPHABET, start=10)}


def search_text(name_uk: str, name_en: str) -> str:
    """Both names lower-cased: SQLite's LIKE folds ASCII only, not Cyrillic."""
    return f"{name_uk} {name_en}".lower()


def name_sort(name_uk: str) -> str:
    """A key that sorts Ukrainian names in the order of the Ukrainian alphabet."""
    return "".join(_ORDER.get(char, "99") for char in name_uk.lower() if char.isalpha())
