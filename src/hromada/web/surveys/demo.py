"""Demo step: a survey round in every demo community past preparation.

Each round is simulated by the core's seeded generator (``core.simulate_survey``:
correlated items, "hard to say", displaced people reporting less inclusion),
written as a KoboToolbox export (XLSX or CSV, XML values or Ukrainian labels)
and imported through the same service as an upload, so the demo exercises the
real import path.
"""

from __future__ import annotations

import zlib

from hromada import core
from hromada.web.communities.demo import OTHER_COMMUNITIES, PARTNER_COMMUNITIES
from hromada.web.communities.models import Community, Phase
from hromada.web.demo import Demo
from hromada.web.surveys import services
from hromada.web.surveys.frameworks import default_version, framework_of
from hromada.web.surveys.models import Assessment, Settlement, SurveyImport
from hromada.xlsx import workbook_bytes

ROUND = "2025-1"
# Share of each sex and age group in the adult-and-teen population, for raking.
SEX_SHARES = {"female": 0.54, "male": 0.46}
AGE_SHARES = {
    "14_17": 0.06,
    "18_29": 0.15,
    "30_44": 0.25,
    "45_59": 0.25,
    "60plus": 0.29,
}
# War risks weigh more in front-line communities.
FRONT_LINE_RISKS = {"RK09": 4.0, "RK10": 3.0, "RK11": 3.0, "RK12": 2.0}
OTHER_RISKS = {"RK11": 2.5, "RK09": 2.0, "RK05": 1.5, "RK04": 1.5}


def surveyed(demo: Demo) -> list[Community]:
    """Demo communities at the evidence phase or later."""
    return [
        c
        for c in [*demo.communities, *demo.other_communities]
        if c.phase >= Phase.EVIDENCE
    ]


def load(demo: Demo) -> None:
    framework_version = default_version()
    framework = framework_of(framework_version)
    home = demo.home
    services.settlements_set(
        community=home,
        names=[
            (home.centre_name_uk, home.centre_name_en),
            ("Старостинський округ № 1", "Starosta district No. 1"),
            ("Старостинський округ № 2", "Starosta district No. 2"),
        ],
        actor=None,
    )
    for index, community in enumerate(surveyed(demo)):
        facilitator = (
            demo.users["facilitator"]
            if community in demo.communities
            else demo.users["outsider"]
        )
        assessment = services.assessment_create(
            community=community,
            round=ROUND,
            framework=framework_version,
            actor=facilitator,
        )
        blob, name = _export(community, framework, index)
        outcome = services.survey_import_create(
            assessment=assessment,
            blob=blob,
            file_name=name,
            actor=facilitator,
            via=SurveyImport.Via.DEMO,
        )
        if outcome.refused:  # the demo must import cleanly: fail loudly
            raise RuntimeError(f"demo import refused: {outcome.problems[:3]}")
        _design(assessment, community)
    demo.extra["assessments"] = list(
        Assessment.objects.filter(round=ROUND, community__in=surveyed(demo))
    )


def _export(
    community: Community, framework: core.Framework, index: int
) -> tuple[bytes, str]:
    settlements = services.settlement_choices(community)
    seed = zlib.crc32(community.katotth.encode())
    spec = core.SurveySimulation(
        n=int(min(420, max(220, community.population / 250))),
        seed=seed,
        settlements=tuple(settlements),
        idp_share=0.24 if community.front_line else 0.15,
        front_line=community.front_line,
        risk_weights=FRONT_LINE_RISKS if community.front_line else OTHER_RISKS,
    )
    responses = core.simulate_survey(framework, spec)
    labels = "uk" if index % 3 == 1 else None
    table = core.kobo_export_table(
        responses, framework, labels=labels, settlements=settlements
    )
    stem = f"kobo-{community.katotth}-{ROUND}"
    if index % 2 == 0:
        return workbook_bytes({"Hromada survey": table}), f"{stem}.xlsx"
    return core.export_csv(table).encode("utf-8"), f"{stem}.csv"


def _design(assessment: Assessment, community: Community) -> None:
    has_settlements = Settlement.objects.filter(community=community).exists()
    population = community.population * 0.86  # residents aged 14 and over
    margins = {
        "D1": {k: round(population * v) for k, v in SEX_SHARES.items()},
        "D2": {k: round(population * v) for k, v in AGE_SHARES.items()},
    }
    services.assessment_design_set(
        assessment=assessment,
        actor=None,
        strata_column="D6" if has_settlements else "",
        psu_column="PSU",
        margins=margins,
    )


def demo_katotths() -> list[str]:
    return [row[0] for row in (*PARTNER_COMMUNITIES, *OTHER_COMMUNITIES)]


def reset(demo: Demo) -> None:
    katotths = demo_katotths()
    for assessment in Assessment.objects.filter(community__katotth__in=katotths):
        services.assessment_delete(assessment=assessment, actor=None)
    for community in Community.objects.filter(katotth__in=katotths):
        if community.settlements.exists():
            services.settlements_set(community=community, names=[], actor=None)
