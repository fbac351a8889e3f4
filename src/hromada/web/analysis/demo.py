"""Demo step: every demo round analysed, and an earlier round in the home community.

Sloviansk (``demo.home``) gets round ``2024-2`` before the survey step's
``2025-1``: simulated like the other rounds (another seed) with somewhat worse
answers, so the analysis of ``2025-1`` has a previous round and change to show.
Rounds are analysed oldest first, inline, through the same runs as the page.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from hromada import core
from hromada.web.analysis.comparison import round_key
from hromada.web.analysis.models import AnalysisRun
from hromada.web.analysis.runs import analysis_run_now
from hromada.web.communities.models import Community
from hromada.web.demo import Demo
from hromada.web.surveys import services
from hromada.web.surveys.demo import (
    AGE_SHARES,
    FRONT_LINE_RISKS,
    OTHER_RISKS,
    SEX_SHARES,
    demo_katotths,
)
from hromada.web.surveys.frameworks import default_version, framework_of
from hromada.web.surveys.models import Assessment, SurveyImport

EARLIER_ROUND = "2024-2"
# Share of answers moved one step towards "worse" in the earlier round.
WORSE_SHARE = 0.3


def load(demo: Demo) -> None:
    _earlier_round(demo)
    rounds = Assessment.objects.filter(community__katotth__in=demo_katotths())
    for assessment in sorted(rounds, key=lambda a: round_key(a.round)):
        run = analysis_run_now(assessment=assessment, actor=None)
        if run.status != AnalysisRun.Status.DONE:  # the demo must analyse cleanly
            raise RuntimeError(f"demo analysis of {assessment} failed: {run.problems}")


def reset(demo: Demo) -> None:
    # Results go with their rounds (the survey step deletes them); runs too.
    AnalysisRun.objects.filter(
        assessment__community__katotth__in=demo_katotths()
    ).delete()


def _earlier_round(demo: Demo) -> None:
    home = demo.home
    version = default_version()
    framework = framework_of(version)
    assessment = services.assessment_create(
        community=home,
        round=EARLIER_ROUND,
        framework=version,
        actor=demo.users["facilitator"],
    )
    settlements = services.settlement_choices(home)
    seed = zlib.crc32(f"{home.katotth}/{EARLIER_ROUND}".encode())
    spec = core.SurveySimulation(
        n=int(min(420, max(220, home.population / 250))),
        seed=seed,
        settlements=tuple(settlements),
        idp_share=0.24 if home.front_line else 0.15,
        front_line=home.front_line,
        risk_weights=FRONT_LINE_RISKS if home.front_line else OTHER_RISKS,
    )
    answers = _worse(core.simulate_survey(framework, spec), framework, seed)
    table = core.kobo_export_table(answers, framework, settlements=settlements)
    outcome = services.survey_import_create(
        assessment=assessment,
        blob=core.export_csv(table).encode("utf-8"),
        file_name=f"kobo-{home.katotth}-{EARLIER_ROUND}.csv",
        actor=demo.users["facilitator"],
        via=SurveyImport.Via.DEMO,
    )
    if outcome.refused:
        raise RuntimeError(f"demo import refused: {outcome.problems[:3]}")
    _design(assessment, home)


def _worse(answers: pd.DataFrame, framework: core.Framework, seed: int) -> pd.DataFrame:
    """Move some 1–5 answers one step in the direction that is worse."""
    rng = np.random.default_rng(seed)
    answers = answers.copy()
    for indicator in framework.survey_indicators():
        for code in indicator.items:
            item = framework.items[code]
            if item.scale == "YN":
                continue
            # Lower is worse for a positive indicator, unless the item is reversed.
            step = -1 if (indicator.polarity >= 0) != item.reverse else 1
            values = answers[code]
            numeric = values.isin(["1", "2", "3", "4", "5"])
            moved = numeric & (rng.random(len(values)) < WORSE_SHARE)
            shifted = (pd.to_numeric(values.where(moved), errors="coerce") + step).clip(
                1, 5
            )
            answers[code] = values.where(
                ~moved, shifted.astype("Int64").astype(str)
            ).astype(object)
    return answers


def _design(assessment: Assessment, community: Community) -> None:
    population = community.population * 0.86  # residents aged 14 and over
    services.assessment_design_set(
        assessment=assessment,
        actor=None,
        strata_column="D6" if community.settlements.exists() else "",
        psu_column="PSU",
        margins={
            "D1": {k: round(population * v) for k, v in SEX_SHARES.items()},
            "D2": {k: round(population * v) for k, v in AGE_SHARES.items()},
        },
    )
