"""Survey estimation against R `survey` 4.1.1 on the API samples (§1.9).

The expected values are in golden/survey_api.json, written by
golden/make_survey_api.R; these tests never run R.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from hromada.core import InputError, survey_contrast, survey_estimate
from tests.core.survey_api import (
    as_list,
    case_design,
    case_frame,
    cases,
    close,
    golden,
)

ESTIMATES = cases("analyses")


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["domain"], row["variable"], row["level"])


def _indexed(table: pd.DataFrame) -> dict[tuple[Any, ...], Any]:
    return {(r.domain, r.variable, r.level): r for r in table.itertuples(index=False)}


def _run(case: dict[str, Any], analysis: dict[str, Any], **options: Any) -> Any:
    return survey_estimate(
        case_frame(case, typed=options.pop("typed", False)),
        case_design(case),
        as_list(analysis["variables"]),
        statistic=analysis["statistic"],
        denominator=analysis["denominator"],
        by=analysis["by"],
        **options,
    )


def _mismatches(
    analysis: dict[str, Any], design_df: pd.DataFrame, inf_df: pd.DataFrame
) -> list[str]:
    ours, ours_inf = _indexed(design_df), _indexed(inf_df)
    problems: list[str] = []
    for row in analysis["rows"]:
        key = _key(row)
        mine, mine_inf = ours[key], ours_inf[key]
        if row.get("empty"):
            if not np.isnan(mine.estimate) or mine.n != 0:
                problems.append(f"{key}: expected no estimate, got {mine.estimate}")
            continue
        checks = [
            ("estimate", mine.estimate, row["estimate"]),
            ("se", mine.se, row["se"]),
            ("df", mine.df, row["df"]),
            ("n", mine.n, row["n"]),
            ("ci_low", mine.ci_low, row["ci_design"][0]),
            ("ci_high", mine.ci_high, row["ci_design"][1]),
            ("ci_low inf", mine_inf.ci_low, row["ci_inf"][0]),
            ("ci_high inf", mine_inf.ci_high, row["ci_inf"][1]),
        ]
        for name in ("deff", "deff_wr"):
            if name in row:
                checks.append((name, getattr(mine, name), row[name]))
        problems += [
            f"{key} {name}: ours {o!r}, R {t!r}"
            for name, o, t in checks
            if not close(float(o), t)
        ]
        if mine.ci_method != row["ci_method"]:
            problems.append(f"{key}: interval {mine.ci_method}, R {row['ci_method']}")
    return problems


@pytest.mark.parametrize("case", ESTIMATES, ids=[c["id"] for c in ESTIMATES])
def test_it_reproduces_r_survey(case: dict[str, Any]) -> None:
    problems: list[str] = []
    for analysis in case["analyses"]:
        design_df = _run(case, analysis).table
        inf_df = _run(case, analysis, ci_df="inf").table
        assert len(design_df) == len(analysis["rows"])
        problems += _mismatches(analysis, design_df, inf_df)
    assert problems == []


@pytest.mark.parametrize("case_id", ["strat", "clus2", "strat_jkn", "lonely_adjust"])
def test_it_reads_typed_columns_as_it_reads_text(case_id: str) -> None:
    case = next(c for c in ESTIMATES if c["id"] == case_id)
    for analysis in case["analyses"]:
        text = _run(case, analysis).table
        typed = _run(case, analysis, typed=True).table
        pd.testing.assert_frame_equal(text, typed, rtol=1e-12)


ERRORS = cases("error")
ERROR_CODES = {
    "clus1_not_nested": ("psu_in_two_strata", "dnum"),
    "lonely_fail": ("lonely_psu", "stype"),
    "lonely_ssu_fail": ("lonely_ssu", "snum"),
}


@pytest.mark.parametrize("case", ERRORS, ids=[c["id"] for c in ERRORS])
def test_it_refuses_what_r_refuses(case: dict[str, Any]) -> None:
    code, column = ERROR_CODES[case["id"]]
    with pytest.raises(InputError) as raised:
        survey_estimate(case_frame(case), case_design(case), ["api00"])
    assert (raised.value.code, raised.value.column) == (code, column)
    assert raised.value.row is not None


CONTRASTS = cases("contrast")


@pytest.mark.parametrize("case", CONTRASTS, ids=[c["id"] for c in CONTRASTS])
def test_it_reproduces_r_contrasts(case: dict[str, Any]) -> None:
    spec = case["contrast"]
    result = survey_contrast(
        case_frame(case),
        case_design(case),
        as_list(spec["variables"]),
        between=spec["between"],
        first=spec["first"],
        second=spec["second"],
        within=spec["within"],
        statistic=spec["statistic"],
    )
    ours = {(r.domain, r.variable): r for r in result.table.itertuples(index=False)}
    assert spec["rows"]
    for row in spec["rows"]:
        mine = ours[(row["domain"], row["variable"])]
        for name in ("estimate_first", "estimate_second", "difference", "se", "df"):
            assert close(float(getattr(mine, name)), row[name]), (row, name)


def test_the_golden_file_says_where_it_comes_from() -> None:
    data = golden()
    assert data["survey_version"] == "4.1.1"
    assert data["generator"] == "tests/core/golden/make_survey_api.R"
