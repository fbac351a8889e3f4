"""Aggregation invariants (hypothesis) on a small random index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import hromada.core as core
from tests.core.index_data import tiny_frames

SCORES = arrays(np.float64, (6, 4), elements=st.floats(1.0, 100.0, allow_nan=False))


def _build(
    values: np.ndarray,
    method: str,
    weights: dict[str, float] | None = None,
    order: list[int] | None = None,
) -> core.IndexResult:
    idata, imeta = tiny_frames()
    idata = pd.concat([idata, idata.iloc[[0]].assign(uCode="F")], ignore_index=True)
    idata[["i1", "i2", "i3", "i4"]] = values
    if order is not None:
        idata = idata.iloc[order].reset_index(drop=True)
    framework = core.index_framework(idata, imeta)
    aggregate: dict[str, object] = {"method": method}
    if weights:
        aggregate["weights"] = weights
    return core.build_index(
        framework, core.parse_index_pipeline({"steps": [{"aggregate": aggregate}]})
    )


@settings(max_examples=40, deadline=None)
@given(
    SCORES,
    st.floats(0.01, 100.0),
    st.sampled_from(["arithmetic", "geometric", "harmonic"]),
)
def test_scaling_all_weights_changes_nothing(
    values: np.ndarray, factor: float, method: str
) -> None:
    base = _build(values, method).scores
    codes = ["i1", "i2", "i3", "i4", "P1", "P2", "Idx"]
    weights = {"i1": 1, "i2": 1, "i3": 1, "i4": 2, "P1": 1, "P2": 1, "Idx": 1}
    scaled = _build(values, method, {c: weights[c] * factor for c in codes}).scores
    assert np.allclose(base.to_numpy(), scaled.to_numpy(), rtol=1e-10)


@settings(max_examples=40, deadline=None)
@given(SCORES, st.permutations(range(6)))
def test_row_order_does_not_matter(values: np.ndarray, order: list[int]) -> None:
    base = _build(values, "arithmetic")
    shuffled = _build(values, "arithmetic", order=order)
    assert list(shuffled.scores.index) == [base.framework.units[i] for i in order]
    pd.testing.assert_frame_equal(
        shuffled.scores.loc[list(base.scores.index)], base.scores
    )
    pd.testing.assert_series_equal(
        shuffled.ranks.loc[list(base.ranks.index)], base.ranks
    )


@settings(max_examples=40, deadline=None)
@given(
    SCORES, st.integers(0, 5), st.sampled_from(["arithmetic", "geometric", "harmonic"])
)
def test_a_missing_child_is_renormalised_away(
    values: np.ndarray, row: int, method: str
) -> None:
    with_gap = values.copy()
    with_gap[row, 1] = np.nan
    p1 = _build(with_gap, method).scores["P1"].iloc[row]
    assert p1 == pytest.approx(values[row, 0], rel=1e-12)
