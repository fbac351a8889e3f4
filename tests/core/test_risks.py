"""Expert risk scores, bands, ranks, and rank lists side by side (§10)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import kendalltau

import hromada.core as core


def test_every_product_of_the_matrix_falls_in_its_band() -> None:
    likelihood, impact = np.meshgrid(np.arange(1, 6), np.arange(1, 6))
    risks = pd.DataFrame({"likelihood": likelihood.ravel(), "impact": impact.ravel()})
    scored = core.risk_scores(risks)
    expected = {
        "low": {1, 2, 3, 4},
        "medium": {5, 6, 8, 9},
        "high": {10, 12, 15, 16},
        "very_high": {20, 25},
    }
    for band, scores in expected.items():
        assert set(scored.loc[scored["band"] == band, "score"]) == scores
    assert scored["score"].dtype == np.float64


def test_half_point_medians_fall_in_the_band_they_reach() -> None:
    risks = pd.DataFrame({"likelihood": [1.5, 2.5, 3.5, 4.5], "impact": [3, 2, 5, 4.5]})
    scored = core.risk_scores(risks)
    # 4.5 is not yet medium; 17.5 is past 16 but short of 20; 20.25 is very high.
    assert scored["score"].tolist() == [4.5, 5.0, 17.5, 20.25]
    assert scored["band"].tolist() == ["low", "medium", "high", "very_high"]


def test_ranks_put_the_most_urgent_first_and_ties_to_higher_impact() -> None:
    risks = pd.DataFrame(
        {"likelihood": [2, 4, 3, 5, 1], "impact": [4, 2, 4, 3, 1]},
        index=pd.Index(["RK01", "RK02", "RK03", "RK04", "RK05"], name="risk"),
    )
    scored = core.risk_scores(risks)
    # Scores 8, 8, 12, 15, 1: RK01 and RK02 tie on 8; RK01's impact is higher.
    assert scored["rank"].tolist() == [3, 4, 2, 1, 5]
    assert scored.index.equals(risks.index)
    same = core.risk_scores(risks.assign(impact=[4, 4, 4, 3, 1], likelihood=2))
    assert same["rank"].tolist() == [1, 1, 1, 4, 5]


RATINGS = pd.DataFrame(
    {
        "risk": ["RK01", "RK01", "RK01", "RK02", "RK02", "RK03"],
        "rater": ["ann", "bo", "cy", "ann", "bo", "ann"],
        "likelihood": [2, 4, 5, 3, 4, 1],
        "impact": [5, 5, 3, 2, 5, 2],
    }
)


def test_several_raters_give_medians_and_spread() -> None:
    combined = core.combine_expert_ratings(RATINGS)
    assert combined.index.tolist() == ["RK01", "RK02", "RK03"]
    assert combined["likelihood"].tolist() == [4.0, 3.5, 1.0]
    assert combined["impact"].tolist() == [5.0, 3.5, 2.0]
    assert combined["raters"].tolist() == [3, 2, 1]
    assert combined["likelihood_min"].tolist() == [2, 3, 1]
    assert combined["likelihood_max"].tolist() == [5, 4, 1]
    assert combined["impact_min"].tolist() == [3, 2, 2]
    assert combined["impact_max"].tolist() == [5, 5, 2]
    scored = core.risk_scores(combined)
    assert scored["score"].tolist() == [20.0, 12.25, 2.0]
    assert scored["band"].tolist() == ["very_high", "high", "low"]


@pytest.mark.parametrize(
    ("change", "code", "row", "column"),
    [
        ({"likelihood": [2, 4, 6, 3, 4, 1]}, "out_of_range", 3, "likelihood"),
        ({"impact": [5, 5, 3, 2.5, 5, 2]}, "not_a_whole_number", 4, "impact"),
        (
            {"rater": ["ann", "bo", "bo", "ann", "bo", "ann"]},
            "duplicate_rating",
            3,
            "rater",
        ),
        (
            {"risk": ["RK01", None, "RK01", "RK02", "RK02", "RK03"]},
            "missing_value",
            2,
            "risk",
        ),
    ],
)
def test_ratings_name_the_bad_cell(
    change: dict[str, Any], code: str, row: int, column: str
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.combine_expert_ratings(RATINGS.assign(**change))
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        code,
        row,
        column,
    )


def test_ratings_without_raters_or_rows() -> None:
    combined = core.combine_expert_ratings(RATINGS.drop(columns="rater"))
    assert combined["raters"].tolist() == [3, 2, 1]
    with pytest.raises(core.InputError) as caught:
        core.combine_expert_ratings(RATINGS.iloc[:0])
    assert caught.value.code == "no_ratings"


def test_perception_gets_its_own_rank_and_is_never_blended() -> None:
    risks = pd.DataFrame(
        {
            "likelihood": [5, 2, 3],
            "impact": [5, 2, 3],
            "perceived_share": [0.10, 0.45, None],
        }
    )
    scored = core.risk_scores(risks)
    assert scored["rank"].tolist() == [1, 3, 2]
    assert scored["perception_rank"].tolist() == [2, 1, pd.NA]
    assert str(scored["perception_rank"].dtype) == "Int64"
    assert "priority" not in scored.columns


def test_a_declared_perception_weight_adds_a_separate_priority() -> None:
    risks = pd.DataFrame(
        {
            "likelihood": [5, 2, 3],
            "impact": [5, 2, 3],
            "perceived_share": [0.1, 0.9, None],
        }
    )
    scored = core.risk_scores(risks, perception_weight=0.75)
    expected = [0.25 * 1 + 0.75 * 0.1, 0.25 * 3 / 24 + 0.75 * 0.9]
    assert scored["priority"].iloc[:2].tolist() == pytest.approx(expected)
    assert np.isnan(scored["priority"].iloc[2])
    assert scored["priority_rank"].tolist() == [2, 1, pd.NA]
    assert scored["rank"].tolist() == [1, 3, 2]


@pytest.mark.parametrize(
    ("risks", "options", "code", "column"),
    [
        (pd.DataFrame({"likelihood": [3]}), {}, "missing_column", "impact"),
        (
            pd.DataFrame({"likelihood": [3], "impact": [2]}),
            {"perception_weight": 0.5},
            "missing_column",
            "perceived_share",
        ),
        (
            pd.DataFrame({"likelihood": [3], "impact": [2], "perceived_share": [1.2]}),
            {},
            "out_of_range",
            "perceived_share",
        ),
        (
            pd.DataFrame({"likelihood": [3], "impact": [2], "perceived_share": [0.2]}),
            {"perception_weight": 1.5},
            "invalid_option",
            None,
        ),
        (
            pd.DataFrame({"likelihood": [0.5], "impact": [2]}),
            {},
            "out_of_range",
            "likelihood",
        ),
        (
            pd.DataFrame({"likelihood": ["x"], "impact": [2]}),
            {},
            "not_a_number",
            "likelihood",
        ),
    ],
)
def test_risk_scores_refuse_bad_input(
    risks: pd.DataFrame, options: dict[str, float], code: str, column: str | None
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.risk_scores(risks, **options)
    assert (caught.value.code, caught.value.column) == (code, column)


def test_rank_lists_side_by_side_flag_discordance() -> None:
    ranks = pd.DataFrame(
        {
            "expert": [1, 2, 3, 4, 5, 6, 7],
            "perception": [6, 1, 2, 3, 4, 5, None],
            "dialogue": [1, 3, 2, 4, None, 7, None],
        },
        index=pd.Index([f"RK0{k}" for k in range(1, 8)], name="risk"),
    )
    compared = core.compare_risk_ranks(ranks)
    table = compared.ranks
    assert table["largest_gap"].tolist()[:6] == [5, 2, 1, 1, 1, 2]
    assert np.isnan(table["largest_gap"].iloc[6])
    assert table["discordant"].tolist() == [True] + [False] * 6
    tau = compared.tau
    assert tau[["first", "second"]].values.tolist() == [
        ["expert", "perception"],
        ["expert", "dialogue"],
        ["perception", "dialogue"],
    ]
    assert tau["n"].tolist() == [6, 5, 5]
    for row in tau.itertuples():
        both = ranks[[row.first, row.second]].dropna()
        assert row.tau == pytest.approx(
            kendalltau(both[row.first], both[row.second]).statistic, abs=1e-12
        )


def test_a_smaller_gap_flags_more() -> None:
    ranks = pd.DataFrame({"a": [1, 2, 3], "b": [3, 2, 1]})
    compared = core.compare_risk_ranks(ranks, gap=2)
    assert compared.ranks["discordant"].tolist() == [True, False, True]
    assert compared.tau["tau"].tolist() == pytest.approx([-1.0])


def test_undefined_tau_is_missing_not_invented() -> None:
    ranks = pd.DataFrame({"a": [1, 1, 1], "b": [1, 2, 3], "c": [None, None, 1]})
    tau = core.compare_risk_ranks(ranks).tau.set_index(["first", "second"])["tau"]
    assert np.isnan(tau[("a", "b")])  # a is constant
    assert np.isnan(tau[("a", "c")])  # one common risk
    assert np.isnan(kendalltau([1, 1, 1], [1, 2, 3]).statistic)


@pytest.mark.parametrize(
    ("ranks", "options", "code"),
    [
        (pd.DataFrame({"a": [1, 2]}), {}, "too_few_lists"),
        (pd.DataFrame({"a": [1, 2], "b": [0, 1]}), {}, "out_of_range"),
        (pd.DataFrame({"a": [1, 2], "b": [1, 2]}), {"gap": 0}, "invalid_option"),
    ],
)
def test_rank_comparison_refuses_bad_input(
    ranks: pd.DataFrame, options: dict[str, int], code: str
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.compare_risk_ranks(ranks, **options)
    assert caught.value.code == code


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6)), min_size=2, max_size=25)
)
def test_tau_b_matches_scipy_with_ties(pairs: list[tuple[int, int]]) -> None:
    x = np.array([p[0] for p in pairs], dtype=float)
    y = np.array([p[1] for p in pairs], dtype=float)
    ours = core.kendall_tau_b(x, y)
    theirs = kendalltau(x, y).statistic
    if np.isnan(theirs):
        assert np.isnan(ours)
    else:
        assert ours == pytest.approx(theirs, abs=1e-12)
