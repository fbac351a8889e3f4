"""Design declaration and its validation against a frame (§1.1, §1.5)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from hromada.core import InputError, SurveyDesign, survey_estimate
from tests.core.survey_api import read_api


def _frame(**columns: Any) -> pd.DataFrame:
    base: dict[str, Any] = {
        "y": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        "h": ["a", "a", "a", "b", "b", "b"],
        "p": [1, 1, 2, 3, 3, 4],
        "w": [2.0, 2.0, 2.0, 3.0, 3.0, 3.0],
    }
    base.update(columns)
    return pd.DataFrame(base)


def _refused(frame: pd.DataFrame, design: SurveyDesign, **options: Any) -> InputError:
    with pytest.raises(InputError) as raised:
        survey_estimate(frame, design, options.pop("variables", ["y"]), **options)
    return raised.value


@pytest.mark.parametrize(
    ("options", "column"),
    [
        ({"lonely_psu": "drop"}, None),
        ({"replicates": "bootstrap"}, None),
        ({"ssu": "s"}, "s"),
        ({"psu": "p", "fpc2": "f"}, "f"),
        ({"strata": "h", "replicates": "jk1"}, "h"),
        ({"replicates": "jkn"}, None),
    ],
)
def test_it_refuses_inconsistent_declarations(
    options: dict[str, Any], column: str | None
) -> None:
    with pytest.raises(InputError) as raised:
        SurveyDesign(**options)
    assert (raised.value.code, raised.value.column) == ("invalid_option", column)


def test_it_lists_the_columns_it_reads() -> None:
    design = SurveyDesign(weights="w", strata="h", psu="p", ssu="s", fpc="f", fpc2="g")
    assert design.columns() == ["w", "h", "p", "s", "f", "g"]


def test_it_names_a_missing_design_column() -> None:
    error = _refused(_frame(), SurveyDesign(weights="weight"))
    assert (error.code, error.column) == ("missing_column", "weight")


def test_it_refuses_an_empty_frame() -> None:
    error = _refused(_frame().iloc[:0], SurveyDesign(weights="w"))
    assert error.code == "empty_frame"


def test_it_names_the_row_of_a_weight_that_is_not_a_number() -> None:
    frame = _frame(w=["2", "2", "two", "3", "3", "3"])
    error = _refused(frame, SurveyDesign(weights="w"))
    assert (error.code, error.column, error.row) == ("not_a_number", "w", 3)
    assert "'two'" in error.message


def test_it_refuses_a_missing_weight() -> None:
    error = _refused(
        _frame(w=[2.0, None, 2.0, 3.0, 3.0, 3.0]), SurveyDesign(weights="w")
    )
    assert (error.code, error.row) == ("missing_design_value", 2)


def test_it_refuses_a_negative_weight() -> None:
    error = _refused(
        _frame(w=[2.0, 2.0, 2.0, 3.0, -1.0, 3.0]), SurveyDesign(weights="w")
    )
    assert (error.code, error.column, error.row) == ("negative_weight", "w", 5)


def test_a_zero_weight_keeps_its_row_in_the_design_as_r_does() -> None:
    frame = _frame(w=[2.0, 0.0, 2.0, 3.0, 3.0, 3.0])
    result = survey_estimate(
        frame, SurveyDesign(weights="w", strata="h", psu="p"), ["y"]
    )
    row = result.table.iloc[0]
    # The zero-weight row is not counted in n but its PSU still counts in n_h.
    assert row.n == 5
    assert row.estimate == pytest.approx((2 * 1 + 2 * 3 + 3 * 15) / 13)


def test_it_refuses_a_missing_stratum() -> None:
    error = _refused(_frame(h=["a", "a", "", "b", "b", "b"]), SurveyDesign(strata="h"))
    assert (error.code, error.column, error.row) == ("missing_design_value", "h", 3)


def test_it_refuses_a_psu_in_two_strata_unless_nested() -> None:
    frame = _frame(p=[1, 1, 2, 2, 3, 3])
    error = _refused(frame, SurveyDesign(weights="w", strata="h", psu="p"))
    assert (error.code, error.column, error.row) == ("psu_in_two_strata", "p", 4)
    nested = SurveyDesign(weights="w", strata="h", psu="p", nest=True)
    assert survey_estimate(frame, nested, ["y"]).table.iloc[0].df == 2


def test_weights_come_from_the_fpc_when_absent() -> None:
    srs = read_api("apisrs")
    result = survey_estimate(srs, SurveyDesign(fpc="fpc"), ["api00"], statistic="total")
    row = result.table.iloc[0]
    assert row.weight_sum == pytest.approx(6194)
    assert row.estimate == pytest.approx(6194 / 200 * srs["api00"].astype(float).sum())
    assert result.warnings == ()


def test_weights_from_fractions_equal_weights_from_sizes() -> None:
    srs = read_api("apisrs")
    srs["fraction"] = 200 / srs["fpc"].astype(float)
    sizes = survey_estimate(srs, SurveyDesign(fpc="fpc"), ["api00"]).table
    fractions = survey_estimate(srs, SurveyDesign(fpc="fraction"), ["api00"]).table
    pd.testing.assert_frame_equal(sizes, fractions, rtol=1e-12)


def test_it_assumes_equal_probability_with_a_warning() -> None:
    result = survey_estimate(_frame(), SurveyDesign(), ["y"], statistic="total")
    assert result.table.iloc[0].estimate == 21
    assert [w.code for w in result.warnings] == ["equal_probability"]


def test_a_stage_without_fpc_contributes_the_factor_one() -> None:
    frame = _frame(s=[1, 2, 1, 1, 2, 1], m=[4, 4, 2, 3, 3, 2])
    design = SurveyDesign(psu="p", ssu="s", fpc2="m")
    result = survey_estimate(frame, design, ["y"], statistic="total")
    # w = M/m: PSU 1 has 2 of 4 SSUs, PSU 2 1 of 2, PSU 3 2 of 3, PSU 4 1 of 2.
    weights = np.array([2, 2, 2, 1.5, 1.5, 2])
    assert result.table.iloc[0].estimate == pytest.approx(weights @ np.arange(1, 7))


@pytest.mark.parametrize(
    ("fpc", "code", "row"),
    [
        ([10, 10, 10, 0, 0, 0], "fpc_not_positive", 4),
        ([10, 10, 10, 0.5, 0.5, 0.5], "fpc_mixed", 4),
        ([10, 10, 11, 5, 5, 5], "fpc_not_constant", 3),
        ([10, 10, 10, 1, 1, 1], "fpc_below_sample", 4),
        ([10, 10, None, 5, 5, 5], "missing_design_value", 3),
    ],
)
def test_it_checks_the_fpc(fpc: list[Any], code: str, row: int) -> None:
    error = _refused(_frame(f=fpc), SurveyDesign(strata="h", psu="p", fpc="f"))
    assert (error.code, error.column, error.row) == (code, "f", row)


def test_it_checks_the_stage_two_fpc() -> None:
    frame = _frame(s=[1, 2, 1, 1, 2, 1], m=[4, 4, 2, 1, 1, 2], f=[5] * 6)
    design = SurveyDesign(psu="p", ssu="s", fpc="f", fpc2="m")
    error = _refused(frame, design)
    assert (error.code, error.column, error.row) == ("fpc_below_sample", "m", 4)


def test_a_census_stage_two_unit_is_never_lonely() -> None:
    # apiclus2 has districts with one school out of one: R gives no error there.
    clus2 = read_api("apiclus2")
    design = SurveyDesign(psu="dnum", ssu="snum", fpc="fpc1", fpc2="fpc2")
    strict = SurveyDesign(
        psu="dnum", ssu="snum", fpc="fpc1", fpc2="fpc2", lonely_psu="fail"
    )
    assert survey_estimate(clus2, design, ["api00"]).table.equals(
        survey_estimate(clus2, strict, ["api00"]).table
    )


def test_a_lonely_psu_under_fail_names_its_stratum() -> None:
    frame = _frame(h=["a", "a", "a", "b", "b", "c"], p=[1, 1, 2, 3, 5, 4])
    error = _refused(frame, SurveyDesign(strata="h", psu="p", lonely_psu="fail"))
    assert (error.code, error.column, error.row) == ("lonely_psu", "h", 6)
    assert "'c'" in error.message


def test_a_single_psu_design_under_fail_says_so() -> None:
    frame = _frame(p=[1] * 6)
    error = _refused(frame, SurveyDesign(psu="p", lonely_psu="fail"))
    assert (error.code, error.column) == ("lonely_psu", None)
    assert error.message.startswith("the design has only one PSU")


def test_it_warns_about_lonely_psus_it_handles() -> None:
    labels = [f"s{i}" for i in range(7)]
    frame = pd.DataFrame({"y": range(7), "h": labels, "w": [1.0] * 7})
    result = survey_estimate(frame, SurveyDesign(weights="w", strata="h"), ["y"])
    (warning,) = [w for w in result.warnings if w.code == "lonely_psu"]
    assert warning.code == "lonely_psu" and warning.column == "h"
    assert "'s0'" in warning.message and "and 2 more" in warning.message


def test_it_warns_about_lonely_second_stage_units() -> None:
    frame = _frame(s=[1, 2, 1, 1, 2, 1], f=[5] * 6, m=[4, 4, 2, 3, 3, 2])
    design = SurveyDesign(psu="p", ssu="s", fpc="f", fpc2="m", lonely_psu="remove")
    codes = [w.code for w in survey_estimate(frame, design, ["y"]).warnings]
    assert codes == ["lonely_ssu"]


@pytest.mark.parametrize(
    ("strata", "option"),
    [(["a"] * 6, "adjust"), (["a", "a", "b", "b", "c", "c"], "remove")],
)
def test_jackknife_needs_a_stratum_with_replicates(
    strata: list[str], option: str
) -> None:
    frame = _frame(h=strata, p=[1, 1, 2, 2, 3, 3] if option == "remove" else [1] * 6)
    design = SurveyDesign(
        weights="w",
        strata="h",
        psu="p",
        lonely_psu=option,  # type: ignore[arg-type]
        replicates="jkn",
    )
    assert _refused(frame, design).code == "no_replicates"


def test_a_grouping_column_without_values_is_refused() -> None:
    frame = _frame(g=[None] * 6)
    error = _refused(frame, SurveyDesign(weights="w"), by="g")
    assert (error.code, error.column) == ("all_missing", "g")
