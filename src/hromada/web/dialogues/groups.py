"""The groups attendance is counted by, and the ones a dialogue should include.

Dimensions and categories are codes (stored as they are, passed to the core);
the labels are translated here. Age groups follow the resident survey's bands.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

Label = str | StrPromise

DIMENSIONS: dict[str, Label] = {
    "sex": _("Sex"),
    "age_group": _("Age group"),
    "idp": _("Internally displaced"),
    "veteran": _("Veterans"),
    "disability": _("With a disability"),
    "stakeholder_type": _("Stakeholder type"),
}

CATEGORIES: dict[str, dict[str, Label]] = {
    "sex": {"female": _("women"), "male": _("men")},
    "age_group": {
        "under_18": _("under 18"),
        "18_29": _("18–29"),
        "30_44": _("30–44"),
        "45_59": _("45–59"),
        "60_plus": _("60 and over"),
    },
    "idp": {"yes": _("internally displaced people")},
    "veteran": {"yes": _("veterans")},
    "disability": {"yes": _("people with a disability")},
    "stakeholder_type": {
        "resident": _("residents"),
        "local_government": _("local self-government"),
        "military_administration": _("military administration"),
        "police": _("police"),
        "community_police_officer": _("community police officer"),
        "emergency_service": _("State Emergency Service"),
        "health": _("health care"),
        "education": _("education"),
        "social_services": _("social services"),
        "cso": _("civil-society organisation"),
        "veterans_association": _("veterans' association"),
        "idp_council": _("IDP council"),
        "youth": _("youth organisation"),
        "business": _("business"),
        "religious": _("religious community"),
        "media": _("media"),
        "other": _("other"),
    },
}

# Groups the methodology names as the ones a dialogue must not leave out: flagged
# as missing when their dimension was counted and nobody of them came.
EXPECTED: tuple[tuple[str, str], ...] = (
    ("sex", "female"),
    ("sex", "male"),
    ("age_group", "18_29"),
    ("age_group", "60_plus"),
    ("idp", "yes"),
    ("veteran", "yes"),
    ("disability", "yes"),
)

# Population shares can be entered for these (the registry has the total only).
POPULATION_DIMENSIONS = ("sex", "age_group")

# The yes/no dimensions of a roster: an attendee is counted in "yes" or not at all.
FLAGS = ("idp", "veteran", "disability")


def dimension_label(dimension: str) -> Label:
    return DIMENSIONS.get(dimension, dimension)


def category_label(dimension: str, category: str) -> Label:
    return CATEGORIES.get(dimension, {}).get(category, category)


def category_choices(dimension: str) -> list[tuple[str, Label]]:
    return list(CATEGORIES[dimension].items())
