from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hromada.core as core
from tests.core.index_data import asem_framework, cell

ITEMS = [
    core.ScaleItem("a"),
    core.ScaleItem("b", reverse=True),
    core.ScaleItem("c", low=0, high=1),
]


def test_scores_reverse_code_and_rescale_to_0_10() -> None:
    responses = pd.DataFrame(
        {"a": [5, 1, 3, np.nan], "b": [1, 5, np.nan, np.nan], "c": [1, 0, 1, 1]}
    )
    scores = core.scale_scores(responses, ITEMS)
    # Row 1: a 5 → 1, b 1 reversed → 5 → 1, c yes → 1: score 10.
    # Row 3: a 3 → 0.5, c → 1: 7.5 from two valid items; row 4 has one.
    assert scores.tolist()[:3] == [10.0, 0.0, 7.5]
    assert np.isnan(scores.iloc[3])
    assert core.scale_scores(responses, ITEMS, min_valid=1).iloc[3] == 10.0


def test_equal_ranges_give_the_mean_formula() -> None:
    responses = pd.DataFrame({"a": [2, 4], "b": [4, 2], "d": [3, 3]})
    items = [core.ScaleItem("a"), core.ScaleItem("b"), core.ScaleItem("d")]
    expected = (responses.mean(axis=1) - 1) / 4 * 10
    assert core.scale_scores(responses, items).tolist() == expected.tolist()


@pytest.mark.parametrize(
    ("responses", "items", "code", "column", "row"),
    [
        (pd.DataFrame({"a": [1]}), ITEMS[:2], "too_few_items", None, None),
        (pd.DataFrame({"a": [1], "b": [1]}), ITEMS, "missing_column", "c", None),
        (
            pd.DataFrame({"a": [1, 6], "b": [1, 1], "c": [0, 1]}),
            ITEMS,
            "out_of_range",
            "a",
            2,
        ),
        (
            pd.DataFrame({"a": [1, "x"], "b": [1, 1], "c": [0, 1]}),
            ITEMS,
            "not_a_number",
            "a",
            2,
        ),
        (
            pd.DataFrame({"a": [1], "b": [1], "c": [0]}),
            [*ITEMS[:2], core.ScaleItem("c", low=1, high=1)],
            "invalid_range",
            "c",
            None,
        ),
    ],
)
def test_bad_items_are_refused(
    responses: pd.DataFrame,
    items: list[core.ScaleItem],
    code: str,
    column: str | None,
    row: int | None,
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.scale_scores(responses, items)
    assert (caught.value.code, caught.value.column, caught.value.row) == (
        code,
        column,
        row,
    )


def test_min_valid_must_fit_the_items() -> None:
    with pytest.raises(core.InputError) as caught:
        core.scale_scores(
            pd.DataFrame({"a": [1], "b": [1], "c": [1]}), ITEMS, min_valid=4
        )
    assert caught.value.code == "invalid_min_valid"


@given(st.lists(st.tuples(*[st.sampled_from([1, 2, 3, 4, 5, None])] * 3), min_size=1))
def test_scores_stay_within_0_and_10(rows: list[tuple[int | None, ...]]) -> None:
    responses = pd.DataFrame(rows, columns=["a", "b", "d"], dtype=float)
    items = [
        core.ScaleItem("a"),
        core.ScaleItem("b", reverse=True),
        core.ScaleItem("d"),
    ]
    scores = core.scale_scores(responses, items).dropna()
    assert ((scores >= 0) & (scores <= 10)).all()


def _hadamard_items(noise: float) -> pd.DataFrame:
    # Orthogonal ±1 columns: a common factor plus independent noise per item,
    # so every item has variance (1 + noise²)·8/7 and every covariance 8/7.
    h = np.array([[1, 1], [1, -1]])
    h8 = np.kron(np.kron(h, h), h).astype(float)
    factor = h8[:, 1]
    return pd.DataFrame({f"x{j}": factor + noise * h8[:, 2 + j] for j in range(3)})


def test_alpha_matches_spearman_brown_on_parallel_items() -> None:
    # Inter-item correlation 0.5 and k = 3: α = 3·0.5/(1 + 2·0.5) = 0.75.
    assert core.cronbach_alpha(_hadamard_items(1.0)) == pytest.approx(0.75, abs=1e-12)
    identical = pd.DataFrame({"a": [1.0, 2, 4], "b": [1.0, 2, 4], "c": [1.0, 2, 4]})
    assert core.cronbach_alpha(identical) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(4))
def test_alpha_is_the_variance_formula_on_complete_data(seed: int) -> None:
    rng = np.random.default_rng(seed)
    data = rng.normal(size=(40, 1)) + rng.normal(size=(40, 5))
    k = data.shape[1]
    direct = (
        k
        / (k - 1)
        * (1 - data.var(axis=0, ddof=1).sum() / data.sum(axis=1).var(ddof=1))
    )
    assert core.cronbach_alpha(pd.DataFrame(data)) == pytest.approx(direct, abs=1e-12)


def _pairwise_alpha(data: np.ndarray) -> float:
    k = data.shape[1]
    cov = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            both = ~np.isnan(data[:, i]) & ~np.isnan(data[:, j])
            x, y = data[both, i], data[both, j]
            cov[i, j] = ((x - x.mean()) * (y - y.mean())).sum() / (both.sum() - 1)
    total = cov.sum()
    return float(k**2 * (total - np.trace(cov)) / (k * (k - 1)) / total)


def test_alpha_of_asem_p2p_as_coinr_get_cronbach() -> None:
    framework = asem_framework()
    p2p = framework.data[list(framework.children("P2P"))]
    direct = _pairwise_alpha(p2p.to_numpy())
    assert core.cronbach_alpha(p2p) == pytest.approx(direct, abs=1e-12)
    assert p2p.isna().any().any()  # the pairwise-complete path is exercised


def test_alpha_needs_items_with_variance() -> None:
    with pytest.raises(core.InputError) as few:
        core.cronbach_alpha(pd.DataFrame({"a": [1.0, 2.0]}))
    assert few.value.code == "too_few_items"
    with pytest.raises(core.InputError) as flat:
        core.cronbach_alpha(pd.DataFrame({"a": [1.0, 1.0], "b": [2.0, 2.0]}))
    assert flat.value.code == "no_variance"


def test_item_analysis_flags_a_misfitting_item() -> None:
    base = _hadamard_items(0.5) * 0.8 + 3
    responses = base.rename(columns={"x0": "a", "x1": "b", "x2": "d"})
    responses["b"] = 6 - responses["b"]  # stored reversed; the item says so
    responses["e"] = [1, 5, 1, 5, 5, 1, 5, 1.0]  # unrelated to the others
    items = [
        core.ScaleItem("a"),
        core.ScaleItem("b", reverse=True),
        core.ScaleItem("d"),
        core.ScaleItem("e"),
    ]
    analysis = core.item_analysis(responses, items)
    assert analysis.n_complete == 8
    table = analysis.items
    assert cell(table, "e", "low_item_rest") and not float(
        cell(table, "a", "low_item_rest")
    )
    assert not cell(table, "b", "low_item_rest")  # reverse coding made it fit
    assert cell(table, "e", "alpha_if_deleted") > analysis.alpha
    u = (responses[["a", "d", "e"]] - 1) / 4
    u["b"] = (5 - responses["b"]) / 4  # 1 + 5 − x, then rescaled
    total = u.sum(axis=1)
    expected = np.corrcoef(u["a"], total - u["a"])[0, 1]
    assert cell(table, "a", "item_rest") == pytest.approx(expected, abs=1e-12)


def test_item_analysis_needs_three_items_and_complete_respondents() -> None:
    with pytest.raises(core.InputError) as few:
        core.item_analysis(pd.DataFrame({"a": [1]}), ITEMS[:1])
    assert few.value.code == "too_few_items"
    sparse = pd.DataFrame(
        {"a": [1, 2, 3, np.nan], "b": [2, 3, np.nan, 1], "c": [0, 1, 1, 0]}
    )
    with pytest.raises(core.InputError) as caught:
        core.item_analysis(sparse, ITEMS)
    assert caught.value.code == "too_few_respondents"


def test_item_rest_is_missing_for_a_constant_item() -> None:
    responses = pd.DataFrame(
        {"a": [1, 2, 3, 4.0], "b": [4, 3, 2, 2.0], "c": [1, 1, 1, 1.0]}
    )
    analysis = core.item_analysis(responses, ITEMS)
    assert np.isnan(cell(analysis.items, "c", "item_rest"))
    assert analysis.low_alpha == (analysis.alpha < 0.7)
