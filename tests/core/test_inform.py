from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import hromada.core as core


def test_goalposts_map_to_0_10_and_clip() -> None:
    assert core.goalpost_scores([0, 5, 10, 20, -3, np.nan], low=0, high=10).tolist()[
        :5
    ] == [
        0,
        5,
        10,
        10,
        0,
    ]
    worst_low = core.goalpost_scores([0, 2.5, 10], low=0, high=10, direction=-1)
    assert worst_low.tolist() == [10, 7.5, 0]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"low": 1, "high": 1}, "invalid_goalposts"),
        ({"low": 0, "high": 1, "direction": 0}, "invalid_direction"),
    ],
)
def test_goalposts_refuse_bad_parameters(kwargs: dict[str, float], code: str) -> None:
    with pytest.raises(core.InputError) as caught:
        core.goalpost_scores([1.0], **kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_geometric_mean_of_dimensions_with_a_zero_is_zero() -> None:
    dims = pd.DataFrame(
        {
            "he": [8.0, 0.0, 4.0, np.nan],
            "v": [1.0, 5.0, np.nan, np.nan],
            "lcc": [8.0, 5.0, 9.0, np.nan],
        }
    )
    risk = core.inform_geometric_mean(dims)
    assert risk.iloc[0] == pytest.approx(4.0)  # (8 · 1 · 8)^(1/3)
    assert risk.iloc[1] == 0.0
    assert risk.iloc[2] == pytest.approx(6.0)  # renormalised over two dimensions
    assert np.isnan(risk.iloc[3])
    weighted = core.inform_geometric_mean(dims, {"v": 2, "lcc": 0})
    assert weighted.iloc[0] == pytest.approx((8 * 1 * 1) ** (1 / 3))
    assert weighted.iloc[2] == pytest.approx(4.0)  # the zero weight drops lcc


def test_a_zero_weight_on_a_zero_dimension_does_not_zero_the_score() -> None:
    dims = pd.DataFrame({"a": [0.0], "b": [4.0]})
    assert core.inform_geometric_mean(dims, {"a": 0}).iloc[0] == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("dims", "weights", "code", "column", "row"),
    [
        (pd.DataFrame({"a": [1.0, 11.0]}), None, "out_of_range", "a", 2),
        (pd.DataFrame({"a": [1.0]}), {"b": 1.0}, "invalid_weight", None, None),
        (pd.DataFrame({"a": [1.0]}), {"a": -1.0}, "invalid_weight", None, None),
    ],
)
def test_geometric_mean_refuses_bad_input(
    dims: pd.DataFrame,
    weights: dict[str, float] | None,
    code: str,
    column: str | None,
    row: int | None,
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.inform_geometric_mean(dims, weights)
    assert (caught.value.code, caught.value.column, caught.value.row) == (
        code,
        column,
        row,
    )


def test_risk_classes_are_fixed_thresholds() -> None:
    scores = [0, 1.99, 2.0, 3.49, 3.5, 4.99, 5.0, 6.49, 6.5, 10, np.nan]
    assert core.risk_class(scores).tolist() == [
        "very_low",
        "very_low",
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "very_high",
        "very_high",
        None,
    ]


def test_indicator_classes_break_every_two_points() -> None:
    assert core.indicator_class([0, 1.9, 2, 5, 7.99, 8, 10, np.nan]).tolist() == [
        1,
        1,
        2,
        3,
        4,
        5,
        5,
        None,
    ]
    with pytest.raises(core.InputError) as caught:
        core.indicator_class([5, -0.1])
    assert (caught.value.code, caught.value.row) == ("out_of_range", 2)
