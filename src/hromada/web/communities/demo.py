"""Demo step: the network's organisations and 20 real hromadas assigned to partners."""

from __future__ import annotations

import datetime as dt

from hromada.web.communities import services
from hromada.web.communities.models import Community, Organisation, Phase
from hromada.web.demo import Demo

COORDINATOR = ("Мережа «Безпечна громада» (демо)", "Safe Community Network (demo)")
PARTNER = ("ГО «Східний діалог» (демо)", "East Dialogue (demo)")
OTHER_PARTNER = (
    "ГО «Слобожанський центр медіації» (демо)",
    "Sloboda Mediation Centre (demo)",
)

# (KATOTTH, phase, front-line, de-occupied): Donetsk and Luhansk oblasts for the
# demo facilitator's partner, Kharkiv oblast for the other partner.
PARTNER_COMMUNITIES = (
    ("UA14120210000056793", Phase.DRAFTING, False, False),  # Слов'янська
    ("UA14120090000098500", Phase.ANALYSIS, False, False),  # Краматорська
    ("UA14120030000057882", Phase.EVIDENCE, True, False),  # Дружківська
    ("UA14120070000090878", Phase.PREPARATION, True, False),  # Костянтинівська
    ("UA14120110000031497", Phase.DIALOGUE, True, True),  # Лиманська
    ("UA14120190000021407", Phase.ENTRY, True, True),  # Святогірська
    ("UA14160070000097326", Phase.APPROVAL, True, False),  # Добропільська
    ("UA14120130000086767", Phase.IMPLEMENTATION, False, False),  # Миколаївська
    ("UA14120170000011133", Phase.MONITORING, False, False),  # Олександрівська
    ("UA14120230000038918", Phase.EVIDENCE, False, False),  # Черкаська
    ("UA44140010000036188", Phase.PREPARATION, False, False),  # Біловодська
    ("UA44140050000026566", Phase.ENTRY, False, False),  # Марківська
    ("UA44140090000072167", Phase.ENTRY, False, False),  # Новопсковська
    ("UA44100110000061602", Phase.PREPARATION, True, False),  # Сватівська
)
OTHER_COMMUNITIES = (
    ("UA63040090000021240", Phase.ANALYSIS, False, True),  # Ізюмська
    ("UA63040010000010092", Phase.EVIDENCE, False, True),  # Балаклійська
    ("UA63080090000067457", Phase.DIALOGUE, True, True),  # Куп'янська
    ("UA63140170000087785", Phase.DRAFTING, False, False),  # Чугуївська
    ("UA63100050000079487", Phase.PREPARATION, False, False),  # Лозівська
    ("UA63140030000091352", Phase.APPROVAL, False, False),  # Зміївська
)
FIRST_AGREEMENT = dt.date(2025, 3, 3)


def is_loaded() -> bool:
    return Organisation.objects.filter(name_uk=COORDINATOR[0]).exists()


def load(demo: Demo) -> None:
    demo.organisations = {
        "coordinator": services.organisation_create(
            name_uk=COORDINATOR[0],
            name_en=COORDINATOR[1],
            kind=Organisation.Kind.NETWORK_COORDINATOR,
        ),
        "partner": services.organisation_create(
            name_uk=PARTNER[0],
            name_en=PARTNER[1],
            kind=Organisation.Kind.PARTNER,
            oblast_katotth="UA14000000000091971",
        ),
        "other_partner": services.organisation_create(
            name_uk=OTHER_PARTNER[0],
            name_en=OTHER_PARTNER[1],
            kind=Organisation.Kind.PARTNER,
            oblast_katotth="UA63000000000041885",
        ),
    }
    demo.communities = _assign(PARTNER_COMMUNITIES, demo.partner)
    demo.other_communities = _assign(OTHER_COMMUNITIES, demo.other_partner)


def _assign(
    rows: tuple[tuple[str, Phase, bool, bool], ...], partner: Organisation
) -> list[Community]:
    communities = []
    for index, (katotth, phase, front_line, de_occupied) in enumerate(rows):
        community = Community.objects.get(katotth=katotth)
        services.community_update(
            community=community,
            actor=None,
            partner=partner,
            phase=phase,
            agreement_date=FIRST_AGREEMENT + dt.timedelta(weeks=3 * index),
            front_line=front_line,
            de_occupied=de_occupied,
        )
        communities.append(community)
    return communities


def reset(demo: Demo) -> None:
    katotths = [row[0] for row in PARTNER_COMMUNITIES + OTHER_COMMUNITIES]
    for community in Community.objects.filter(katotth__in=katotths):
        services.community_update(
            community=community,
            actor=None,
            partner=None,
            phase=Phase.ENTRY,
            agreement_date=None,
            front_line=False,
            de_occupied=False,
        )
    names = [COORDINATOR[0], PARTNER[0], OTHER_PARTNER[0]]
    for organisation in Organisation.objects.filter(name_uk__in=names):
        services.organisation_delete(organisation=organisation, actor=None)
