"""Behaviour of survey_estimate beyond the R goldens: domains, levels, labels,
missing values, warnings and bad input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hromada.core import InputError, SurveyDesign, survey_estimate
from tests.core.survey_api import read_api

STRAT = SurveyDesign(strata="stype", weights="pw", fpc="fpc")


@pytest.fixture(scope="module")
def strat() -> pd.DataFrame:
    return read_api("apistrat")


def _refused(frame: pd.DataFrame, variables: Any, **options: Any) -> InputError:
    design = options.pop("design", SurveyDesign(weights="w"))
    with pytest.raises(InputError) as raised:
        survey_estimate(frame, design, variables, **options)
    return raised.value


def test_domains_follow_number_order_when_every_label_is_a_number() -> None:
    frame = pd.DataFrame({"y": [1.0, 2, 3, 4], "g": ["10", "9", "10", "9"]})
    table = survey_estimate(frame, SurveyDesign(), ["y"], by="g").table
    assert table["domain"].tolist() == ["9", "10"]


def test_domains_follow_text_order_otherwise() -> None:
    frame = pd.DataFrame({"y": [1.0, 2, 3, 4], "g": ["b", "10", "a", "9"]})
    table = survey_estimate(frame, SurveyDesign(), ["y"], by="g").table
    assert table["domain"].tolist() == ["10", "9", "a", "b"]


def test_labels_are_the_text_as_written(strat: pd.DataFrame) -> None:
    frame = pd.DataFrame({"y": [1.0, 2, 3, 4], "g": ["3", "3.0", "03", "3"]})
    table = survey_estimate(frame, SurveyDesign(), ["y"], by="g").table
    assert sorted(table["domain"]) == ["03", "3", "3.0"]


def test_numeric_columns_are_labelled_without_a_trailing_zero() -> None:
    frame = pd.DataFrame({"y": [1.0, 2, 3, 4], "g": [3.0, 3.0, 0.5, np.nan]})
    table = survey_estimate(frame, SurveyDesign(), ["y"], by="g").table
    assert table["domain"].tolist() == ["0.5", "3"]
    flags = pd.DataFrame({"y": [1.0, 2, 3, 4], "g": [True, False, True, True]})
    labels = survey_estimate(flags, SurveyDesign(), ["y"], by="g").table["domain"]
    assert labels.tolist() == ["False", "True"]


def test_values_that_read_the_same_are_one_level() -> None:
    frame = pd.DataFrame({"y": [1, "1", 2, 2.0]}, dtype=object)
    table = survey_estimate(frame, SurveyDesign(), ["y"], statistic="proportion").table
    assert table["level"].tolist() == ["1", "2"]
    assert table["estimate"].tolist() == [0.5, 0.5]


def test_every_domain_reports_every_level(strat: pd.DataFrame) -> None:
    table = survey_estimate(
        strat, STRAT, ["stype"], statistic="proportion", by="stype"
    ).table
    assert len(table) == 9
    diagonal = table[table["domain"] == table["level"]]
    assert (diagonal["estimate"] == 1).all()
    absent = table[table["domain"] != table["level"]]
    assert (absent["estimate"] == 0).all()
    assert set(table["ci_method"]) == {"clopper_pearson"}
    # Clopper-Pearson on the unweighted n: for p = 0, [0, 1 - (alpha/2)^(1/n)].
    e_in_h = table[(table["domain"] == "H") & (table["level"] == "E")].iloc[0]
    assert e_in_h.ci_low == 0
    assert e_in_h.ci_high == pytest.approx(1 - 0.025 ** (1 / 50))


def test_blank_text_is_missing_not_a_level() -> None:
    frame = pd.DataFrame({"y": ["yes", " ", "no", "yes", None]})
    result = survey_estimate(frame, SurveyDesign(), ["y"], statistic="proportion")
    assert result.table["level"].tolist() == ["no", "yes"]
    assert result.missing == {"y": 2}
    assert result.table["n"].tolist() == [3, 3]


def test_a_column_of_words_is_categorical_under_mean_and_total(
    strat: pd.DataFrame,
) -> None:
    means = survey_estimate(strat, STRAT, ["awards"]).table
    counts = survey_estimate(strat, STRAT, ["awards"], statistic="total").table
    assert means["level"].tolist() == ["No", "Yes"]
    assert means["estimate"].sum() == pytest.approx(1)
    assert counts["estimate"].sum() == pytest.approx(6194, rel=1e-6)
    assert means["ci_method"].tolist() == ["logit", "logit"]
    assert counts["ci_method"].tolist() == ["wald", "wald"]


def test_mixed_numbers_and_words_are_categorical_with_a_warning() -> None:
    frame = pd.DataFrame({"y": ["1", "2", "don't know", "2"]})
    result = survey_estimate(frame, SurveyDesign(), ["y"])
    assert result.table["level"].tolist() == ["1", "2", "don't know"]
    codes = [w.code for w in result.warnings]
    assert "mixed_values" in codes
    assert (
        "row 3" in next(w for w in result.warnings if w.code == "mixed_values").message
    )


def test_several_groupings_in_one_pass_equal_separate_calls(
    strat: pd.DataFrame,
) -> None:
    by: list[Any] = [None, "stype", ("stype", "comp.imp"), "awards"]
    variables = ["api00", "enroll", "sch.wide"]
    together = survey_estimate(strat, STRAT, variables, by=by).table
    apart = pd.concat(
        [survey_estimate(strat, STRAT, variables, by=b).table for b in by],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(together, apart, rtol=1e-12)


def test_a_crossed_grouping_equals_grouping_by_the_joined_column(
    strat: pd.DataFrame,
) -> None:
    crossed = survey_estimate(strat, STRAT, ["api00"], by=("stype", "comp.imp")).table
    joined = strat.assign(both=strat["stype"] + " × " + strat["comp.imp"])
    single = survey_estimate(joined, STRAT, ["api00"], by="both").table
    assert crossed["grouping"].iloc[0] == "stype × comp.imp"
    assert crossed["domain"].tolist() == single["domain"].tolist()
    cols = ["estimate", "se", "df", "n", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(crossed[cols], single[cols])


def test_rows_without_a_domain_keep_their_psus(strat: pd.DataFrame) -> None:
    holes = strat.assign(g=strat["comp.imp"].where(strat.index % 3 > 0))
    dropped = holes[holes["g"].notna()]
    kept = survey_estimate(holes, STRAT, ["api00"], by="g").table
    subset = survey_estimate(dropped, STRAT, ["api00"], by="g").table
    assert np.allclose(kept["estimate"], subset["estimate"])
    # Dropping rows shrinks n_h and changes the fpc: the SEs must differ.
    assert not np.allclose(kept["se"], subset["se"])


def test_it_counts_missing_answers(strat: pd.DataFrame) -> None:
    result = survey_estimate(strat, STRAT, ["acs.k3", "api00"], by="stype")
    assert result.missing == {"acs.k3": 103, "api00": 0}
    k3 = result.table[result.table["variable"] == "acs.k3"]
    assert k3["n_missing"].tolist() == [3, 50, 50]
    assert (k3["n"] + k3["n_missing"]).tolist() == [100, 50, 50]


def test_a_domain_without_answers_has_no_estimate_and_says_so(
    strat: pd.DataFrame,
) -> None:
    result = survey_estimate(strat, STRAT, ["acs.k3"], by="stype")
    h = result.table[result.table["domain"] == "H"].iloc[0]
    assert np.isnan(h.estimate) and np.isnan(h.se) and h.n == 0
    (warning,) = [w for w in result.warnings if w.code == "no_valid_answers"]
    assert warning.column == "acs.k3" and "H, M" in warning.message


def test_a_domain_in_one_psu_has_no_interval_and_says_so() -> None:
    frame = pd.DataFrame(
        {"y": [1.0, 2, 3, 4, 5, 6], "p": [1, 1, 2, 2, 3, 3], "g": list("aabbcc")}
    )
    result = survey_estimate(frame, SurveyDesign(psu="p"), ["y"], by=[None, "g"])
    domains = result.table.iloc[1:]
    assert (domains["df"] == 0).all()
    assert domains["ci_low"].isna().all() and domains["se"].notna().all()
    (warning,) = [w for w in result.warnings if w.code == "no_degrees_of_freedom"]
    assert "a, b, c" in warning.message
    inf = survey_estimate(frame, SurveyDesign(psu="p"), ["y"], by="g", ci_df="inf")
    assert inf.table["ci_low"].notna().all()
    assert "no_degrees_of_freedom" not in [w.code for w in inf.warnings]


def test_many_domains_are_summarised_in_one_warning() -> None:
    frame = pd.DataFrame({"y": np.arange(10.0), "g": list("abcdefghij")})
    result = survey_estimate(frame, SurveyDesign(), ["y"], by="g")
    (warning,) = [w for w in result.warnings if w.code == "no_degrees_of_freedom"]
    assert "a, b, c and 7 more" in warning.message


def test_average_without_any_ordinary_stratum_has_no_variance() -> None:
    frame = pd.DataFrame(
        {"y": [1.0, 2, 3, 4, 5], "h": list("aabcd"), "g": list("xxyyy")}
    )
    design = SurveyDesign(strata="h", lonely_psu="average")
    result = survey_estimate(frame, design, ["y"], by="g")
    rows: list[Any] = list(result.table.itertuples(index=False))
    x, y = rows
    assert x.se == pytest.approx(0.5) and np.isnan(y.se) and y.estimate == 4
    (warning,) = [w for w in result.warnings if w.code == "variance_undefined"]
    assert "in y" in warning.message


def test_replicates_without_an_estimate_are_dropped_as_r_does() -> None:
    frame = pd.DataFrame(
        {"y": [1.0, 2, 3, 4, 5, 6], "p": [1, 1, 2, 2, 3, 3], "g": list("aabbbb")}
    )
    design = SurveyDesign(psu="p", replicates="jk1")
    result = survey_estimate(frame, design, ["y"], by="g")
    a = result.table.iloc[0]
    # Replicate 1 zeroes domain a; the other two give 1.5: variance 0.
    assert a.estimate == 1.5 and a.se == 0
    (warning,) = [w for w in result.warnings if w.code == "replicates_discarded"]
    assert warning.message.endswith("in a")


def test_it_records_what_produced_the_result(strat: pd.DataFrame) -> None:
    result = survey_estimate(
        strat, STRAT, ["api00"], by="stype", level=0.9, ci_df="inf"
    )
    assert (result.design, result.statistic, result.by) == (
        STRAT,
        "mean",
        (("stype",),),
    )
    assert (result.level, result.ci_df, result.denominator) == (0.9, "inf", None)
    assert dict(result.versions)["numpy"] == np.__version__
    row = result.table.iloc[0]
    z = stats.norm.ppf(0.95)
    assert row.ci_high - row.estimate == pytest.approx(z * row.se)


@pytest.mark.parametrize(
    ("variables", "options", "code", "column"),
    [
        (["api00"], {"statistic": "median"}, "invalid_option", None),
        (["api00"], {"statistic": "ratio"}, "invalid_option", None),
        (["api00"], {"denominator": "enroll"}, "invalid_option", "enroll"),
        (["api00"], {"level": 1.5}, "invalid_option", None),
        (["api00"], {"ci_df": "large"}, "invalid_option", None),
        ("api00", {}, "invalid_option", None),
        ([], {}, "invalid_option", None),
        (["api2000"], {}, "missing_column", "api2000"),
        (["api00"], {"by": "district"}, "missing_column", "district"),
        (["api00"], {"by": []}, "invalid_option", None),
        (["flag"], {}, "all_missing", "flag"),
        (
            ["stype"],
            {"statistic": "ratio", "denominator": "enroll"},
            "not_a_number",
            "stype",
        ),
        (
            ["enroll"],
            {"statistic": "ratio", "denominator": "name"},
            "not_a_number",
            "name",
        ),
    ],
)
def test_it_refuses_bad_requests(
    strat: pd.DataFrame,
    variables: Any,
    options: dict[str, Any],
    code: str,
    column: str | None,
) -> None:
    error = _refused(strat, variables, design=STRAT, **options)
    assert (error.code, error.column) == (code, column)


def test_a_ratio_names_the_row_that_is_not_a_number(strat: pd.DataFrame) -> None:
    frame = strat.assign(enroll=strat["enroll"].where(strat.index != 4, "many"))
    error = _refused(
        frame, ["api.stu"], design=STRAT, statistic="ratio", denominator="enroll"
    )
    assert (error.code, error.column, error.row) == ("not_a_number", "enroll", 5)


def test_infinity_is_not_an_answer() -> None:
    frame = pd.DataFrame({"y": [1.0, np.inf, 3.0], "w": [1.0, 1.0, 1.0]})
    error = _refused(frame, ["y"])
    assert (error.code, error.column, error.row) == ("not_a_number", "y", 2)
    text = pd.DataFrame({"y": ["1", "inf", "3"], "w": [1.0, 1.0, 1.0]})
    result = survey_estimate(text, SurveyDesign(weights="w"), ["y"])
    assert result.table["level"].tolist() == ["1", "3", "inf"]
    assert "mixed_values" in [w.code for w in result.warnings]
