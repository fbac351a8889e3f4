"""Change between rounds (§6), equity flags and perception shares (§10)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hromada.core import (
    CHANGE_CLASSES,
    InputError,
    SurveyDesign,
    benjamini_hochberg,
    change_independent,
    classify_change,
    equity_flags,
    perception_shares,
    survey_change,
    survey_contrast,
    survey_estimate,
)
from tests.core.survey_api import read_api

STRAT = SurveyDesign(strata="stype", weights="pw", fpc="fpc")
CLUS1 = SurveyDesign(psu="dnum", weights="pw", fpc="fpc")


@pytest.fixture(scope="module")
def strat() -> pd.DataFrame:
    return read_api("apistrat")


def test_benjamini_hochberg_adjusts_as_worked_by_hand() -> None:
    p = [0.01, 0.04, 0.03, 0.005, np.nan]
    # Sorted 0.005 0.01 0.03 0.04 (m = 4): 0.02 0.02 0.04 0.04 after the
    # running minimum from the top.
    q = benjamini_hochberg(p)
    assert np.allclose(q[:4], [0.02, 0.04, 0.04, 0.02])
    assert np.isnan(q[4])
    assert np.isnan(benjamini_hochberg([np.nan])).all()
    assert benjamini_hochberg([0.9, 0.95]).tolist() == [0.95, 0.95]


def test_classify_change_has_four_classes() -> None:
    classes = classify_change(
        [0.8, -0.2, 0.6, 0.1, np.nan], [True, True, False, False, True], threshold=0.5
    )
    assert classes.tolist() == [*CHANGE_CLASSES, None]


def _round(estimate: float, se: float, df: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "domain": ["x"],
            "variable": ["v"],
            "estimate": [estimate],
            "se": [se],
            "df": [df],
        }
    )


def test_independent_change_uses_welch_satterthwaite() -> None:
    table = change_independent(_round(5.0, 0.3, 12), _round(5.8, 0.4, 30))
    row = table.iloc[0]
    v1, v2 = 0.09, 0.16
    df = (v1 + v2) ** 2 / (v1**2 / 12 + v2**2 / 30)
    assert row.difference == pytest.approx(0.8)
    assert row.se == pytest.approx(0.5)
    assert row.df == pytest.approx(df)
    assert row.ci_high - row.difference == pytest.approx(stats.t.ppf(0.975, df) * 0.5)
    assert row.p_value == pytest.approx(2 * stats.t.sf(1.6, df))
    assert row.q_value == row.p_value and not row.significant
    assert row.change == "unclear"


def test_independent_change_without_variance_is_exact() -> None:
    row = change_independent(_round(1.0, 0.0, 5), _round(2.0, 0.0, 7)).iloc[0]
    assert (row.df, row.se, row.ci_low, row.ci_high) == (12, 0, 1, 1)
    assert row.p_value == 0 and row.change == "change"


def test_independent_change_can_use_normal_quantiles() -> None:
    row = change_independent(
        _round(5.0, 0.3, 2), _round(5.1, 0.4, 2), ci_df="inf"
    ).iloc[0]
    assert row.ci_high - row.difference == pytest.approx(stats.norm.ppf(0.975) * 0.5)
    assert row.p_value == pytest.approx(2 * stats.norm.sf(0.2))


def test_independent_change_adjusts_each_list_of_domains(strat: pd.DataFrame) -> None:
    first = survey_estimate(strat, STRAT, ["api99", "api00"], by="stype").table
    second = first.assign(estimate=first["estimate"] + [70, 0, 1, 90, 0, 2])
    table = change_independent(first, second, threshold=20)
    assert len(table) == 6
    for _, group in table.groupby("variable"):
        assert np.allclose(group["q_value"], benjamini_hochberg(group["p_value"]))
    assert table["change"].tolist() == [
        "change",
        "no_detectable_change",
        "no_detectable_change",
        "change",
        "no_detectable_change",
        "no_detectable_change",
    ]


def test_independent_change_needs_estimates_and_errors() -> None:
    with pytest.raises(InputError) as raised:
        change_independent(_round(1, 1, 1).drop(columns="se"), _round(1, 1, 1))
    assert (raised.value.code, raised.value.column) == ("missing_column", "se")


def test_shared_psus_change_is_the_contrast_of_rounds() -> None:
    clus1 = read_api("apiclus1")
    change = survey_change(
        clus1, CLUS1, ["api00"], round_column="both", first="No", second="Yes"
    ).table.iloc[0]
    contrast = survey_contrast(
        clus1, CLUS1, ["api00"], between="both", first="Yes", second="No"
    ).table.iloc[0]
    assert change.difference == contrast.difference
    assert change.se == contrast.se
    assert change.estimate_first == contrast.estimate_second
    assert change.n_first == contrast.n_second
    assert change.p_value == pytest.approx(contrast.p_value)
    # Both rounds share the 15 districts: the covariance lowers the SE.
    rounds = survey_estimate(clus1, CLUS1, ["api00"], by="both").table
    assert change.se < np.sqrt((rounds["se"] ** 2).sum())
    assert change.change in CHANGE_CLASSES


def test_shared_psus_change_adjusts_across_domains(strat: pd.DataFrame) -> None:
    table = survey_change(
        strat,
        STRAT,
        ["api00"],
        round_column="comp.imp",
        first="No",
        second="Yes",
        within="stype",
    ).table
    assert table["domain"].tolist() == ["E", "H", "M"]
    assert np.allclose(table["q_value"], benjamini_hochberg(table["p_value"]))
    assert table["significant"].tolist() == list(table["q_value"] <= 0.05)


@pytest.mark.parametrize(
    ("options", "code", "column"),
    [
        ({"between": "comp.imp", "first": "Maybe"}, "unknown_level", "comp.imp"),
        (
            {"between": "comp.imp", "first": "Yes", "second": "Maybe"},
            "unknown_level",
            "comp.imp",
        ),
        ({"between": "stage", "first": "Yes"}, "missing_column", "stage"),
        (
            {"between": "comp.imp", "first": "Yes", "within": ["stype", "awards"]},
            "invalid_option",
            None,
        ),
    ],
)
def test_a_contrast_names_what_is_wrong(
    strat: pd.DataFrame, options: dict[str, Any], code: str, column: str | None
) -> None:
    with pytest.raises(InputError) as raised:
        survey_contrast(strat, STRAT, ["api00"], **options)
    assert (raised.value.code, raised.value.column) == (code, column)


def _community(group_shift: float, n_group: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = 400
    group = np.zeros(rows, dtype=int)
    group[:n_group] = 1
    score = rng.normal(6, 1, rows) + group * group_shift
    return pd.DataFrame(
        {
            "settlement": np.arange(rows) % 20,
            "w": 50.0,
            "idp": np.where(group == 1, "yes", "no"),
            "safety": score.clip(0, 10),
            "worried": (rng.random(rows) < 0.3 + 0.3 * group).astype(int),
        }
    )


def test_the_equity_flag_needs_every_condition() -> None:
    design = SurveyDesign(weights="w", psu="settlement")
    frame = _community(-1.5, 100)
    flags = equity_flags(frame, design, ["safety"], group="idp", member="yes")
    row = flags.table.iloc[0]
    assert row.difference < -0.5 and row.ci_high < 0 and row.flagged
    assert (row.worse, row.threshold, row.n_first) == ("lower", 0.5, 100)
    higher = equity_flags(
        frame, design, ["safety"], group="idp", member="yes", worse="higher"
    )
    assert not higher.table.iloc[0].flagged
    few = equity_flags(
        _community(-1.5, 9), design, ["safety"], group="idp", member="yes"
    )
    assert few.table.iloc[0].ci_high < 0 and not few.table.iloc[0].flagged
    small = equity_flags(
        _community(-0.3, 200), design, ["safety"], group="idp", member="yes"
    )
    assert abs(small.table.iloc[0].difference) < 0.5
    assert not small.table.iloc[0].flagged


def test_the_equity_flag_on_shares_uses_ten_points() -> None:
    design = SurveyDesign(weights="w", psu="settlement")
    flags = equity_flags(
        _community(0, 150),
        design,
        ["worried"],
        group="idp",
        member="yes",
        worse={"worried": "higher"},
        scale="share",
    )
    row = flags.table.iloc[0]
    assert row.threshold == 0.10 and row.difference > 0.10 and row.flagged


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"scale": "percent"}, "invalid_option"),
        ({"worse": "sideways"}, "invalid_option"),
        ({"worse": {"other": "lower"}}, "invalid_option"),
        ({"scale": "share"}, "not_binary"),
    ],
)
def test_the_equity_flag_refuses_bad_options(
    options: dict[str, Any], code: str
) -> None:
    design = SurveyDesign(weights="w", psu="settlement")
    with pytest.raises(InputError) as raised:
        equity_flags(
            _community(0, 50), design, ["safety"], group="idp", member="yes", **options
        )
    assert raised.value.code == code


def test_perception_shares_are_proportions_of_naming_a_risk(
    strat: pd.DataFrame,
) -> None:
    frame = strat.assign(
        floods=(strat["sch.wide"] == "Yes").astype(int).astype(str),
        fires=(strat["awards"] == "Yes").astype(float),
    )
    shares = perception_shares(frame, STRAT, ["floods", "fires"], by="stype").table
    levels = survey_estimate(
        frame, STRAT, ["floods", "fires"], statistic="proportion", by="stype"
    ).table
    ones = levels[levels["level"] == "1"].reset_index(drop=True)
    columns = ["domain", "variable", "estimate", "se", "ci_low", "ci_high", "df"]
    pd.testing.assert_frame_equal(shares[columns], ones[columns])
    assert (shares["ci_method"] == "logit").all()


def test_perception_shares_refuse_answers_other_than_zero_or_one(
    strat: pd.DataFrame,
) -> None:
    frame = strat.assign(floods=np.where(strat.index == 3, 2, 1))
    with pytest.raises(InputError) as raised:
        perception_shares(frame, STRAT, ["floods"])
    assert (raised.value.code, raised.value.column, raised.value.row) == (
        "not_binary",
        "floods",
        4,
    )
    text = strat.assign(floods=np.where(strat.index == 5, "often", "1"))
    with pytest.raises(InputError) as raised:
        perception_shares(text, STRAT, ["floods"])
    assert (raised.value.code, raised.value.row) == ("not_binary", 6)
