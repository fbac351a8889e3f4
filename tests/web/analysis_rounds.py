"""Survey rounds for the analysis tests: simulated Kobo exports, imported for real."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from hromada import core
from hromada.web.communities.models import Community
from hromada.web.surveys import services
from hromada.web.surveys.frameworks import default_version
from hromada.web.surveys.models import Assessment, Response, SurveyImport
from tests.survey_files import FRAMEWORK, export_blob


def imported_round(
    community: Community, round_: str = "2026-1", *, n: int = 150, seed: int = 1
) -> Assessment:
    assessment = services.assessment_create(
        community=community, round=round_, framework=default_version(), actor=None
    )
    outcome = services.survey_import_create(
        assessment=assessment,
        blob=export_blob(n, seed=seed),
        file_name=f"{round_}.csv",
        actor=None,
        via=SurveyImport.Via.CLI,
    )
    assert not outcome.refused, outcome.problems[:3]
    return assessment


def set_answers(
    assessment: Assessment, answers: Mapping[str, float], **where: object
) -> int:
    """Overwrite some answers of the respondents matching ``where``."""
    changed = list(Response.objects.for_assessment(assessment).filter(**where))
    for response in changed:
        response.answers = {**response.answers, **answers}
    Response.objects.bulk_update(changed, ["answers"])
    return len(changed)


def scored_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with 0–10 scores, composites and yes/no group labels, as the
    analysis builds it, but from the core directly."""
    scores = {
        code: core.scale_scores(frame, FRAMEWORK.scale_items(code))
        for code in (i.code for i in FRAMEWORK.survey_indicators())
    }
    scored = pd.concat([frame, pd.DataFrame(scores)], axis=1)
    # PSI of indicator-framework.md: S1–S6, S2 and S6 turned round, every part valid.
    oriented = [scored[c] for c in ("S1", "S3", "S4", "S5")]
    oriented += [10 - scored[c] for c in ("S2", "S6")]
    scored["PSI"] = pd.concat(oriented, axis=1).mean(axis=1, skipna=False)
    for flag in ("idp", "veteran_household", "disability_household"):
        values = frame[flag]
        scored[flag] = pd.Series(
            np.where(values.fillna(False).to_numpy(dtype=bool), "yes", "no"),
            dtype=object,
        ).where(values.notna().to_numpy(dtype=bool), None)
    return scored
