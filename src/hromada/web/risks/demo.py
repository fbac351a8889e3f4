"""Demo step: a risk register in every demo community with a survey round,
and the home community's capacity scores.

Runs after the analysis step: the refresh brings the round's perception
shares, equity flags, trends, evidence links and suggestions. Without results
(the analysis not run) the registers are still made, their numbers empty.
"""

from __future__ import annotations

import zlib

from hromada.web.communities.models import Community
from hromada.web.demo import Demo
from hromada.web.risks import services
from hromada.web.stakeholders.models import Stakeholder
from hromada.web.surveys.demo import demo_katotths
from hromada.web.surveys.models import Assessment

# (code, likelihood, impact): the working groups' first scoring.
FRONT_LINE = (
    ("RK09", 5, 5),
    ("RK10", 4, 5),
    ("RK11", 4, 4),
    ("RK12", 3, 5),
    ("RK13", 3, 3),
    ("RK07", 3, 2),
)
ELSEWHERE = (
    ("RK11", 4, 3),
    ("RK05", 4, 3),
    ("RK04", 3, 3),
    ("RK09", 2, 5),
    ("RK18", 4, 2),
    ("RK07", 3, 2),
)
LOCATIONS = {
    "RK10": "Поле за вул. Світлодарською, біля старого кар’єру",
    "RK07": "Прохід між будинками біля зупинки «Центральна»",
}
COMMUNITY_CAPACITY = {
    "competence": 3,
    "resources": 2,
    "cooperation": 4,
    "leadership": 4,
    "platforms": 3,
}
# Capacity by stakeholder type: the police and rescuers bring competence, the
# council resources and platforms, civil society cooperation and leadership.
STAKEHOLDER_CAPACITY = {
    "local_government": {"resources": 4, "platforms": 5, "leadership": 3},
    "police": {"competence": 4, "resources": 3, "cooperation": 2},
    "emergency_service": {"competence": 5, "resources": 3, "cooperation": 4},
    "cso": {"cooperation": 5, "leadership": 4, "resources": 2},
}


def load(demo: Demo) -> None:
    facilitator = demo.users["facilitator"]
    for assessment in _rounds(demo):
        community = assessment.community
        # Sloviansk, the home, is within reach of the shelling too.
        war = community.front_line or community.de_occupied or community == demo.home
        spec = FRONT_LINE if war else ELSEWHERE
        nudge = zlib.crc32(community.katotth.encode()) % 2  # some variety
        for number, (code, likelihood, impact) in enumerate(spec):
            shift = nudge if number % 3 == 2 else 0
            services.risk_create(
                community=community,
                actor=facilitator,
                code=code,
                likelihood=max(1, likelihood - shift),
                impact=impact,
                location=LOCATIONS.get(code, "") if community == demo.home else "",
            )
        services.risk_register_refresh(assessment=assessment)
    _capacities(demo.home, demo)


def _rounds(demo: Demo) -> list[Assessment]:
    rounds = demo.extra.get("assessments")
    if rounds is None:
        rounds = list(Assessment.objects.filter(community__katotth__in=demo_katotths()))
    # The latest round of each community, in a fixed order.
    latest: dict[int, Assessment] = {}
    for assessment in sorted(rounds, key=lambda a: (a.community_id, a.round)):
        latest[assessment.community_id] = assessment
    return [latest[k] for k in sorted(latest)]


def _capacities(home: Community, demo: Demo) -> None:
    actor = demo.users["facilitator"]
    services.capacity_set(community=home, actor=actor, scores=COMMUNITY_CAPACITY)
    seen: set[str] = set()
    for stakeholder in Stakeholder.objects.of(home).order_by("pk"):
        scores = STAKEHOLDER_CAPACITY.get(stakeholder.type)
        if scores and stakeholder.type not in seen:
            seen.add(stakeholder.type)
            services.capacity_set(
                community=home, actor=actor, stakeholder=stakeholder, scores=scores
            )


def reset(demo: Demo) -> None:
    for community in Community.objects.filter(katotth__in=demo_katotths()):
        services.risk_register_clear(community=community, actor=None)
