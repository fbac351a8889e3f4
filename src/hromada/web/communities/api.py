"""The registry: public fields of the 1,469 hromadas, for every signed-in user."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from hromada.web.accounts.access import get_public_community
from hromada.web.api_errors import ApiInputError, check_katotth
from hromada.web.communities.models import (
    Community,
    CommunityQuerySet,
    Organisation,
    Phase,
)

router = Router(tags=["communities"])


class OrganisationOut(Schema):
    id: int
    name_uk: str
    name_en: str


class CommunityOut(Schema):
    katotth: str
    name_uk: str
    name_en: str
    type: str
    oblast_katotth: str
    oblast_name_uk: str
    oblast_name_en: str
    raion_katotth: str
    raion_name_uk: str
    raion_name_en: str
    centre_katotth: str
    centre_name_uk: str
    centre_name_en: str
    latitude: float
    longitude: float
    population: int
    area_km2: float | None
    occupied_before_2022: bool
    border_distance_km: float
    front_line: bool
    de_occupied: bool
    partner: OrganisationOut | None
    phase: int
    phase_name: str

    @staticmethod
    def resolve_phase_name(obj: Community) -> str:
        return str(Phase(obj.phase).label)


class CommunityPage(Schema):
    count: int
    items: list[CommunityOut]


@router.get("", response=CommunityPage, url_name="communities")
def community_list(
    request: HttpRequest,
    oblast: str | None = None,
    q: str | None = None,
    phase: int | None = None,
    partner: int | None = None,
    page: int = 1,
    page_size: int = 50,
) -> dict[str, object]:
    """The registry, filtered and paged. ``oblast`` is the oblast's KATOTTH code
    (``UA14000000000091971``) or its first four characters (``UA14``); ``partner``
    is an organisation id; ``q`` searches names in Ukrainian and English."""
    communities = _filtered(
        Community.objects.all().select_related("partner"), oblast, q, phase, partner
    )
    limit = settings.HROMADA_API_MAX_PAGE_SIZE
    if not 1 <= page_size <= limit:
        raise ApiInputError(
            "page_size",
            _("“page_size” must be between 1 and %(limit)s.") % {"limit": limit},
            field="page_size",
        )
    if page < 1:
        raise ApiInputError("page", _("“page” must be 1 or more."), field="page")
    start = (page - 1) * page_size
    return {
        "count": communities.count(),
        "items": list(communities[start : start + page_size]),
    }


def _filtered(
    communities: CommunityQuerySet,
    oblast: str | None,
    q: str | None,
    phase: int | None,
    partner: int | None,
) -> CommunityQuerySet:
    if oblast:
        communities = communities.in_oblast(_oblast_code(oblast))
    if q:
        communities = communities.search(q)
    if phase is not None:
        if phase not in Phase.values:
            raise ApiInputError(
                "phase", _("“phase” must be between 0 and 8."), field="phase"
            )
        communities = communities.filter(phase=phase)
    if partner is not None:
        if not Organisation.objects.filter(
            pk=partner, kind=Organisation.Kind.PARTNER
        ).exists():
            raise ApiInputError(
                "unknown_partner",
                _("There is no partner organisation %(id)s.") % {"id": partner},
                field="partner",
            )
        communities = communities.of_partner(partner)
    return communities


def _oblast_code(oblast: str) -> str:
    codes = Community.objects.values_list("oblast_katotth", flat=True).distinct()
    for code in codes:
        if oblast.upper() in (code, code[:4]):
            return code
    raise ApiInputError(
        "unknown_oblast",
        _("There is no oblast “%(oblast)s”; give its KATOTTH code, such as UA14.")
        % {"oblast": oblast[:40]},
        field="oblast",
    )


@router.get("/{katotth}", response=CommunityOut, url_name="community")
def community_detail(request: HttpRequest, katotth: str) -> Community:
    """One community's public registry record."""
    return get_public_community(request.user, check_katotth(katotth))
