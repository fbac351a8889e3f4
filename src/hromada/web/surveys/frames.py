"""Responses → one pandas DataFrame, the way the analysis reads a round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from hromada import core

if TYPE_CHECKING:
    from hromada.web.surveys.models import Assessment, ResponseQuerySet

TYPED = (
    "respondent",
    "weight",
    "design_weight",
    "stratum",
    "psu",
    "sex",
    "age_group",
    "idp",
    "veteran_household",
    "disability_household",
    "settlement",
)
TEXT = ("respondent", "stratum", "psu", "sex", "age_group", "settlement")
FLAGS = ("idp", "veteran_household", "disability_household")


def assessment_frame(assessment: Assessment) -> pd.DataFrame:
    """All responses of an assessment, with every item of its framework."""
    from hromada.web.surveys.frameworks import framework_of
    from hromada.web.surveys.models import Response

    framework = framework_of(assessment.framework)
    return responses_frame(Response.objects.for_assessment(assessment), framework)


def responses_frame(
    responses: ResponseQuerySet, framework: core.Framework | None = None
) -> pd.DataFrame:
    """One row per response, in import order.

    Columns: ``respondent`` (pseudonym), ``weight`` (the analysis weight:
    raked, else the design weight, else 1), ``design_weight`` (float, NaN
    without a weight column), ``stratum``, ``psu``, ``sex``, ``age_group``,
    ``settlement`` (str, NaN when not set), ``idp``, ``veteran_household``,
    ``disability_household`` (pandas ``boolean``, NA for "prefer not to say"),
    then the answers: one float column per survey item (NaN = no valid answer),
    ``D7`` (str), ``R1/RK01`` … (float 0/1, NaN where R1 was not answered),
    kept free text (str). With ``framework``, every item and option is a
    column even when nobody answered it.
    """
    rows = list(responses.order_by("pk").values_list(*TYPED, "answers"))
    typed = pd.DataFrame([row[:-1] for row in rows], columns=list(TYPED))
    for column in TEXT:
        typed[column] = typed[column].replace("", np.nan).astype("str")
    for column in FLAGS:
        typed[column] = typed[column].astype("boolean")
    typed["weight"] = typed["weight"].astype(np.float64)
    typed["design_weight"] = typed["design_weight"].astype(np.float64)
    answers = _answers([row[-1] for row in rows], framework)
    return pd.concat([typed, answers], axis=1)


def _answers(
    records: list[dict[str, Any]], framework: core.Framework | None
) -> pd.DataFrame:
    items: list[str] = list(framework.items) if framework is not None else []
    multiple: dict[str, list[str]] = {}
    if framework is not None:
        question = framework.risk_perception
        multiple[question.code] = [choice.name for choice in question.choices]
    keys = dict.fromkeys([*items, *(key for r in records for key in r)])
    for record in records:
        for key, value in record.items():
            if isinstance(value, list) and key not in multiple:
                multiple[key] = sorted(
                    {str(v) for r in records for v in r.get(key) or ()}
                )
    data: dict[str, object] = {}
    for key in keys:
        if key in multiple:
            continue
        values = [record.get(key) for record in records]
        if key in items or all(_number(v) for v in values):
            data[key] = np.array(values, dtype=np.float64)
        else:
            data[key] = pd.Series(values, dtype="str")
    for code, options in multiple.items():
        chosen = [record.get(code) for record in records]
        for option in options:
            data[f"{code}/{option}"] = np.array(
                [np.nan if c is None else float(option in c) for c in chosen]
            )
    return pd.DataFrame(data, index=pd.RangeIndex(len(records)))


def _number(value: object) -> bool:
    return value is None or (
        isinstance(value, int | float) and not isinstance(value, bool)
    )
