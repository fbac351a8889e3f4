from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hromada.core as core

X = np.array([4.0, 1.0, np.nan, 3.0, 3.0])


def _n(method: str, direction: int = 1, **params: float) -> list[float]:
    values = core.normalise_values(
        X,
        core.NormaliseParams(method=method, **params),
        direction=direction,
    )
    return values.tolist()


def test_minmax_to_any_range_with_direction_first() -> None:
    assert _n("minmax", low=0, high=100) == pytest.approx(
        [100, 0, np.nan, 200 / 3, 200 / 3], nan_ok=True
    )
    assert _n("minmax", -1, low=1, high=10) == pytest.approx(
        [1, 10, np.nan, 4, 4], nan_ok=True
    )


def test_zscore_uses_the_sample_sd() -> None:
    valid = X[~np.isnan(X)]
    z = (X - valid.mean()) / valid.std(ddof=1) * 2 + 10
    assert _n("zscore", mean=10, sd=2) == pytest.approx(z.tolist(), nan_ok=True)


def test_ranks_with_ties_at_the_minimum() -> None:
    assert _n("rank") == pytest.approx([4, 1, np.nan, 2, 2], nan_ok=True)
    assert _n("rank", -1) == pytest.approx([1, 4, np.nan, 2, 2], nan_ok=True)
    assert _n("borda") == pytest.approx([3, 0, np.nan, 1, 1], nan_ok=True)
    assert _n("prank") == pytest.approx([1, 0, np.nan, 1 / 3, 1 / 3], nan_ok=True)


def test_goalposts_clip_and_scale_with_direction() -> None:
    assert _n("goalposts", goal_low=2, goal_high=4, scale=10) == pytest.approx(
        [10, 0, np.nan, 5, 5], nan_ok=True
    )
    assert _n("goalposts", -1, goal_low=2, goal_high=4, scale=10) == pytest.approx(
        [0, 10, np.nan, 5, 5], nan_ok=True
    )
    with pytest.raises(core.InputError) as caught:
        _n("goalposts", goal_low=4, goal_high=4)
    assert caught.value.code == "missing_goalposts"


def test_prank_needs_two_values() -> None:
    out = core.normalise_values([5.0, np.nan], core.NormaliseParams(method="prank"))
    assert np.isnan(out).all()


@pytest.mark.parametrize("method", ["minmax", "zscore"])
def test_no_spread_gives_missing(method: str) -> None:
    for values in ([2.0, 2.0, np.nan], [np.nan, np.nan], [5.0]):
        out = core.normalise_values(values, core.NormaliseParams(method=method))
        assert np.isnan(out).all()


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=30),
    st.floats(-100, 100),
    st.floats(0.001, 100),
)
def test_minmax_stays_within_its_range(
    values: list[float], low: float, width: float
) -> None:
    high = low + width
    out = core.normalise_values(
        values, core.NormaliseParams("minmax", low=low, high=high)
    )
    if max(values) > min(values):
        assert np.nanmin(out) >= low - 1e-9 * (1 + abs(low))
        assert np.nanmax(out) <= high + 1e-9 * (1 + abs(high))


def test_baseline_normaliser_fixes_bounds_for_later_rounds() -> None:
    baseline = pd.DataFrame({"a": [0.0, 5.0, 10.0], "b": [1.0, 2.0, 3.0]})
    later = pd.DataFrame({"a": [12.0, 5.0, -1.0], "b": [2.0, 3.0, 0.0]})
    normaliser = core.BaselineNormaliser().fit(baseline, {"b": -1})
    assert normaliser.lower_.tolist() == [0, 1] and normaliser.upper_.tolist() == [
        10,
        3,
    ]
    out = normaliser.transform(later)
    assert out["a"].tolist() == [10, 5, 0]
    assert out["b"].tolist() == [5, 0, 10]
    unclipped = core.BaselineNormaliser(low=0, high=100, clip=False).fit(baseline)
    assert unclipped.transform(later)["a"].tolist() == pytest.approx([120, 50, -10])


def test_a_baseline_step_reproduces_transform_in_a_pipeline() -> None:
    baseline = pd.DataFrame({"a": [0.0, 5.0, 10.0], "b": [1.0, 2.0, 3.0]})
    normaliser = core.BaselineNormaliser().fit(baseline, {"a": 1, "b": -1})
    step = normaliser.to_step()
    later = pd.DataFrame({"a": [12.0, 5.0, -1.0], "b": [2.0, 3.0, 0.0]})
    for code, direction in (("a", 1), ("b", -1)):
        values = core.normalise_values(
            later[code], step.params_for(code), direction=direction
        )
        assert values.tolist() == normaliser.transform(later)[code].tolist()


def test_baseline_normaliser_refuses_flat_or_missing_indicators() -> None:
    with pytest.raises(core.InputError) as caught:
        core.BaselineNormaliser().fit(pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 3.0]}))
    assert (caught.value.code, caught.value.column) == ("zero_range", "b")
    fitted = core.BaselineNormaliser().fit(pd.DataFrame({"a": [1.0, 2.0]}))
    with pytest.raises(core.InputError) as missing:
        fitted.transform(pd.DataFrame({"b": [1.0]}))
    assert (missing.value.code, missing.value.column) == ("missing_column", "a")
