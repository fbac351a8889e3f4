"""Raking weights to population margins, against R survey::rake."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada import core

GOLDEN = json.loads((Path(__file__).parent / "golden" / "raking.json").read_text())


def golden_frame() -> pd.DataFrame:
    return pd.DataFrame({"D1": GOLDEN["sex"], "D2": GOLDEN["age"]})


def test_it_matches_r_survey_rake() -> None:
    raked = core.rake_weights(
        golden_frame(), GOLDEN["margins"], weights=pd.Series(GOLDEN["w"])
    )
    assert raked.converged
    np.testing.assert_allclose(raked.weights.to_numpy(), GOLDEN["raked"], atol=1e-6)
    assert raked.margins == {
        "D1": {"female": 5400.0, "male": 4600.0},
        "D2": {
            "14_17": 600.0,
            "18_29": 1500.0,
            "30_44": 2500.0,
            "45_59": 2500.0,
            "60plus": 2900.0,
        },
    }


def test_the_margins_are_met_and_order_does_not_matter() -> None:
    frame = golden_frame()
    forward = core.rake_weights(frame, GOLDEN["margins"])
    backward = core.rake_weights(
        frame, {"D2": GOLDEN["margins"]["D2"], "D1": GOLDEN["margins"]["D1"]}
    )
    np.testing.assert_allclose(forward.weights, backward.weights, rtol=1e-7)
    by_sex = forward.weights.groupby(frame["D1"]).sum()
    assert by_sex["female"] == pytest.approx(5400)
    assert forward.iterations > 1


def test_people_without_a_category_keep_their_share() -> None:
    frame = pd.DataFrame(
        {
            "D1": ["female", "male", None, "female", "male"],
            "D2": ["18_29", "60plus", "18_29", "60plus", "18_29"],
        }
    )
    margins = {"D1": {"female": 60, "male": 40}, "D2": {"18_29": 50, "60plus": 50}}
    raked = core.rake_weights(frame, margins, weights=pd.Series([1.0, 1, 2, 1, 1]))
    complete = frame["D1"].notna()
    assert raked.weights[complete].sum() == pytest.approx(100)
    mean_factor = raked.weights[complete].sum() / 4
    assert raked.weights[2] == pytest.approx(2 * mean_factor)


def test_totals_from_two_sources_are_reconciled_within_two_per_cent() -> None:
    frame = golden_frame()
    margins = {
        "D1": GOLDEN["margins"]["D1"],
        "D2": {k: v * 1.01 for k, v in GOLDEN["margins"]["D2"].items()},
    }
    raked = core.rake_weights(frame, margins)
    assert raked.converged
    assert raked.weights.sum() == pytest.approx(10_000)


@pytest.mark.parametrize(
    ("margins", "weights", "code"),
    [
        ({}, None, "no_margins"),
        ({"D9": {"a": 1}}, None, "missing_column"),
        ({"D1": {"female": 5400}}, None, "missing_margin"),
        ({"D1": {"female": -1, "male": 5}}, None, "bad_margin"),
        ({"D1": {"female": 0, "male": 0}}, None, "bad_margin"),
        ({"D1": {"female": 5, "male": 5, "other": 3}}, None, "empty_cell"),
        (
            {
                "D1": {"female": 50, "male": 50},
                "D2": {"14_17": 1, "18_29": 1, "30_44": 1, "45_59": 1, "60plus": 1},
            },
            None,
            "margin_totals_differ",
        ),
        ({"D1": {"female": 5, "male": 5}}, [0.0] * 60, "not_positive"),
    ],
)
def test_refusals(
    margins: dict[str, dict[str, float]], weights: list[float] | None, code: str
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.rake_weights(
            golden_frame(),
            margins,
            weights=None if weights is None else pd.Series(weights),
        )
    assert caught.value.code == code


def test_a_margin_that_cannot_be_met_is_reported_not_converged() -> None:
    frame = pd.DataFrame({"A": ["x", "x", "y"], "B": ["p", "q", "q"]})
    margins = {"A": {"x": 10, "y": 90}, "B": {"p": 99, "q": 1}}
    raked = core.rake_weights(frame, margins, max_iter=20)
    assert not raked.converged and raked.iterations == 20


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ab"), st.sampled_from("xyz")),
        min_size=6,
        max_size=40,
    ),
    st.floats(0.2, 0.8),
)
def test_raked_weights_are_positive_and_meet_a_feasible_margin(
    rows: list[tuple[str, str]], share: float
) -> None:
    frame = pd.DataFrame(rows, columns=["A", "B"])
    present = set(frame["A"])
    totals = {"a": 100 * share, "b": 100 * (1 - share)}
    margins = {"A": {k: (v if k in present else 0.0) for k, v in totals.items()}}
    if sum(margins["A"].values()) <= 0:
        return
    raked = core.rake_weights(frame, margins)
    assert (raked.weights > 0).all()
    assert raked.converged
    for level, total in margins["A"].items():
        assert raked.weights[frame["A"] == level].sum() == pytest.approx(total)
