"""Bradley-Terry by MM against a direct maximisation of the likelihood (§9)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

import hromada.core as core


def votes(pairs: list[tuple[object, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["ballot", "winner", "loser"])


def likelihood_maximum(wins: np.ndarray) -> np.ndarray:
    """Strengths maximising sum_ij w_ij log(p_i / (p_i + p_j)), summing to 1."""

    def negative(theta_rest: np.ndarray) -> tuple[float, np.ndarray]:
        theta = np.concatenate([[0.0], theta_rest])
        diff = theta[:, None] - theta[None, :]
        # log(p_i / (p_i + p_j)) = -log(1 + exp(theta_j - theta_i))
        value = -(wins * -np.logaddexp(0.0, -diff)).sum()
        beaten = 1 / (1 + np.exp(diff))  # p_j / (p_i + p_j)
        games = wins + wins.T
        gradient = -(wins.sum(axis=1) - (games * (1 - beaten)).sum(axis=1))
        return value, gradient[1:]

    found = minimize(
        negative,
        np.zeros(len(wins) - 1),
        jac=True,
        method="BFGS",
        options={"gtol": 1e-12, "maxiter": 10_000},
    )
    p = np.exp(np.concatenate([[0.0], found.x]))
    return p / p.sum()


CONNECTED = votes(
    [
        (1, "a", "b"),
        (1, "a", "c"),
        (1, "d", "a"),
        (2, "b", "c"),
        (2, "c", "d"),
        (2, "b", "a"),
        (3, "a", "b"),
        (3, "c", "b"),
        (3, "d", "b"),
        (4, "a", "d"),
        (4, "a", "c"),
    ]
)


def wins_of(frame: pd.DataFrame, items: list[str]) -> np.ndarray:
    code = {item: k for k, item in enumerate(items)}
    wins = np.zeros((len(items), len(items)))
    for winner, loser in zip(frame["winner"], frame["loser"], strict=True):
        wins[code[winner], code[loser]] += 1
    return wins


def test_two_items_by_hand() -> None:
    fit = core.bradley_terry(
        votes([(1, "a", "b"), (2, "a", "b"), (3, "a", "b"), (4, "b", "a")])
    )
    # The MLE makes p_a / (p_a + p_b) the observed share of a's wins: 3/4.
    assert fit.strongly_connected
    assert fit.scores["strength"].to_numpy() == pytest.approx([0.75, 0.25], abs=1e-10)
    assert fit.scores["score"].to_numpy() == pytest.approx([0.75, 0.25], abs=1e-10)
    assert fit.scores["rank"].tolist() == [1, 2]


def test_mm_reaches_the_likelihood_maximum() -> None:
    items = ["a", "b", "c", "d"]
    fit = core.bradley_terry(CONNECTED, items=items)
    assert fit.strongly_connected
    expected = likelihood_maximum(wins_of(CONNECTED, items))
    assert fit.scores["strength"].to_numpy() == pytest.approx(expected, abs=1e-7)
    assert fit.iterations > 1


def test_mm_satisfies_the_score_equations() -> None:
    items = ["a", "b", "c", "d"]
    p = core.bradley_terry(CONNECTED, items=items).scores["strength"].to_numpy()
    wins = wins_of(CONNECTED, items)
    games = wins + wins.T
    expected_wins = (games * p[:, None] / (p[:, None] + p[None, :])).sum(axis=1)
    assert expected_wins == pytest.approx(wins.sum(axis=1), abs=1e-8)


def test_a_graph_that_is_not_strongly_connected_gets_a_virtual_item() -> None:
    chain = votes([(1, "a", "b"), (2, "b", "c"), (3, "a", "c")])
    items = ["a", "b", "c", "d"]
    fit = core.bradley_terry(chain, items=items)
    assert not fit.strongly_connected
    augmented = np.full((5, 5), 0.5)
    augmented[:4, :4] = wins_of(chain, items)
    augmented[4, 4] = 0.0
    expected = likelihood_maximum(augmented)[:4]
    expected /= expected.sum()
    assert fit.scores["strength"].to_numpy() == pytest.approx(expected, abs=1e-7)
    # b (one win, one loss) comes out level with the never-compared d; b won more.
    assert expected[1] == pytest.approx(expected[3], abs=1e-7)
    assert fit.scores["rank"].tolist() == [1, 2, 4, 3]


def test_scores_average_one_half() -> None:
    fit = core.bradley_terry(CONNECTED)
    scores = fit.scores["score"].to_numpy()
    # Each pair's two chances add to one: sum_i s_i = K / 2.
    assert scores.sum() == pytest.approx(len(scores) / 2, abs=1e-12)
    assert ((scores > 0) & (scores < 1)).all()
    strength = fit.scores["strength"].to_numpy()
    assert strength.sum() == pytest.approx(1.0, abs=1e-12)
    assert fit.scores["wins"].tolist() == [5, 2, 2, 2]
    assert fit.scores["losses"].tolist() == [2, 4, 3, 2]


def test_bootstrap_is_seeded_and_brackets_plausible_values() -> None:
    first = core.bradley_terry(CONNECTED, n_boot=200, random_state=7).scores
    again = core.bradley_terry(CONNECTED, n_boot=200, random_state=7).scores
    other = core.bradley_terry(CONNECTED, n_boot=200, random_state=8).scores
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["ci_low"], other["ci_low"])
    assert (first["ci_low"] <= first["ci_high"]).all()
    assert ((first["ci_low"] >= 0) & (first["ci_high"] <= 1)).all()
    inside = (first["ci_low"] <= first["score"]) & (first["score"] <= first["ci_high"])
    assert inside.all()
    assert "ci_low" not in core.bradley_terry(CONNECTED).scores.columns


def test_a_wider_level_gives_a_wider_interval() -> None:
    narrow = core.bradley_terry(CONNECTED, n_boot=300, level=0.5, random_state=1)
    wide = core.bradley_terry(CONNECTED, n_boot=300, level=0.95, random_state=1)
    width = wide.scores["ci_high"] - wide.scores["ci_low"]
    assert (width >= narrow.scores["ci_high"] - narrow.scores["ci_low"]).all()


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"n_boot": -1}, "invalid_option"),
        ({"n_boot": True}, "invalid_option"),
        ({"level": 1.0}, "invalid_option"),
        ({"max_iter": 1}, "not_converged"),
    ],
)
def test_bradley_terry_refuses_bad_options(
    options: dict[str, object], code: str
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.bradley_terry(CONNECTED, **options)  # type: ignore[arg-type]
    assert caught.value.code == code


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 4), st.integers(0, 4)).filter(
            lambda v: v[1] != v[2]
        ),
        min_size=1,
        max_size=25,
    ),
    st.data(),
)
def test_row_order_and_ballot_names_change_nothing(
    rows: list[tuple[int, int, int]], data: st.DataObject
) -> None:
    frame = votes([(b, f"i{w}", f"i{lo}") for b, w, lo in rows])
    items = [f"i{k}" for k in range(5)]
    order = data.draw(st.permutations(range(len(frame))))
    shuffled = frame.iloc[list(order)].reset_index(drop=True)
    shuffled["ballot"] = shuffled["ballot"] + 100
    fit = core.bradley_terry(frame, items=items)
    moved = core.bradley_terry(shuffled, items=items)
    assert fit.strongly_connected == moved.strongly_connected
    pd.testing.assert_frame_equal(fit.scores, moved.scores, atol=1e-12, rtol=0)
    assert fit.scores["score"].sum() == pytest.approx(2.5, abs=1e-9)
