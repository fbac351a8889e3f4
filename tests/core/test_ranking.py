"""Dot votes, Borda counts, All Our Ideas scores and group rankings (§9)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hromada.core as core


def frame(rows: Sequence[tuple[object, ...]], columns: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns.split())


# Six items, so the default budget is ceil(6 / 3) = 2 dots per person.
DOTS = frame(
    [
        (1, "A", 2),
        (2, "A", 1),
        (2, "B", 1),
        (3, "B", 1),
        (3, "C", 1),
        (4, "C", 1),
        (4, "E", 1),
        (5, "D", 1),
        (6, "C", 1),
        (6, "D", 1),
    ],
    "ballot item value",
)
ITEMS = ["A", "B", "C", "D", "E", "F"]


def test_dots_are_counted_and_ties_go_to_more_voters() -> None:
    table = core.dot_vote_scores(DOTS, items=ITEMS)
    assert table.index.tolist() == ITEMS
    assert table["score"].tolist() == [3, 2, 3, 2, 1, 0]
    assert table["voters"].tolist() == [2, 2, 3, 2, 1, 0]
    # C and A both have 3 dots; C's come from three people, A's from two.
    assert table["rank"].tolist() == [2, 3, 1, 3, 5, 6]
    assert table["share"].tolist() == pytest.approx(
        [3 / 11, 2 / 11, 3 / 11, 2 / 11, 1 / 11, 0]
    )
    assert table["score"].dtype == np.int64


def test_dots_default_items_follow_first_appearance() -> None:
    table = core.dot_vote_scores(DOTS)
    assert table.index.tolist() == ["A", "B", "C", "E", "D"]


def test_dots_refuse_a_ballot_over_the_default_budget() -> None:
    ballots = pd.concat([DOTS, frame([(6, "E", 1)], "ballot item value")])
    with pytest.raises(core.InputError) as caught:
        core.dot_vote_scores(ballots.reset_index(drop=True), items=ITEMS)
    error = caught.value
    assert (error.code, error.row, error.column) == ("over_budget", 11, "value")
    assert "budget of 2" in error.message


def test_dots_accept_a_larger_budget_and_rows_per_dot() -> None:
    ballots = frame([(1, "A", 1), (1, "A", 1), (1, "A", 1)], "ballot item value")
    table = core.dot_vote_scores(ballots, items=["A", "B"], budget=3)
    assert table.loc["A"].to_dict() == {
        "score": 3,
        "share": 1.0,
        "voters": 1,
        "rank": 1,
    }
    with pytest.raises(core.InputError, match="budget of 1"):
        core.dot_vote_scores(ballots, items=["A", "B"])


def test_dots_with_no_dot_placed_have_zero_shares() -> None:
    ballots = frame([(1, "A", 0), (2, "B", 0)], "ballot item value")
    table = core.dot_vote_scores(ballots)
    assert table["share"].tolist() == [0.0, 0.0]
    assert table["voters"].tolist() == [0, 0]
    assert table["rank"].tolist() == [1, 1]


@pytest.mark.parametrize(
    ("rows", "code", "row", "column"),
    [
        ([(1, "A", -1)], "out_of_range", 1, "value"),
        ([(1, "A", 1), (2, "B", 1.5)], "not_a_whole_number", 2, "value"),
        ([(1, "A", "x")], "not_a_number", 1, "value"),
        ([(1, "A", None)], "missing_value", 1, "value"),
        ([(1, "", 1)], "missing_value", 1, "item"),
        ([(None, "A", 1)], "missing_value", 1, "ballot"),
        ([(1, "A", 1), (2, "Z", 1)], "unknown_item", 2, "item"),
    ],
)
def test_dots_name_the_bad_cell(
    rows: list[tuple[object, ...]], code: str, row: int, column: str
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.dot_vote_scores(frame(rows, "ballot item value"), items=ITEMS)
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        code,
        row,
        column,
    )


def test_dots_refuse_missing_columns_empty_files_and_bad_options() -> None:
    with pytest.raises(core.InputError) as caught:
        core.dot_vote_scores(frame([(1, "A")], "ballot item"))
    assert (caught.value.code, caught.value.column) == ("missing_column", "value")
    with pytest.raises(core.InputError, match="no ballots"):
        core.dot_vote_scores(frame([], "ballot item value"))
    for budget in (0, True, 1.5):
        with pytest.raises(core.InputError) as caught:
            core.dot_vote_scores(DOTS, budget=budget)  # type: ignore[arg-type]
        assert caught.value.code == "invalid_option"
    with pytest.raises(core.InputError) as caught:
        core.dot_vote_scores(DOTS, items=["A", "B", "A"])
    assert caught.value.code == "duplicate_item"


BORDA = frame(
    [
        (1, "A", 1),
        (1, "B", 2),
        (1, "C", 3),
        (2, "B", 1),
        (2, "A", 2),
        (3, "C", 1),
        (3, "D", 2),
        (3, "A", 3),
        (4, "B", 1),
    ],
    "ballot item value",
)


def test_borda_points_by_hand() -> None:
    table = core.borda_scores(BORDA)
    # m = 3: A 3 + 2 + 1, B 2 + 3 + 3, C 1 + 3, D 2.
    assert table["score"].tolist() == [6, 8, 4, 2]
    assert table["voters"].tolist() == [3, 3, 2, 1]
    assert table["firsts"].tolist() == [1, 2, 1, 0]
    assert table["rank"].tolist() == [2, 1, 3, 4]


def test_borda_positions_widen_the_points() -> None:
    table = core.borda_scores(BORDA, items=["A", "B", "C", "D", "E"], positions=5)
    # m = 5 adds two points to every ranking made.
    assert table["score"].tolist() == [6 + 6, 8 + 6, 4 + 4, 2 + 2, 0]
    assert table.loc["E", "rank"] == 5


def test_borda_ties_go_to_more_voters_then_more_firsts() -> None:
    voters = frame(
        [(1, "X", 1), (2, "Y", 2), (2, "Z", 1), (3, "Y", 3), (3, "Z", 1)],
        "ballot item value",
    )
    # X: 3 points from one voter; Y: 2 + 1 from two voters.
    table = core.borda_scores(voters, positions=3)
    assert table.loc[["X", "Y"], "score"].tolist() == [3, 3]
    assert table.loc[["X", "Y"], "rank"].tolist() == [3, 2]
    firsts = frame(
        [(1, "X", 1), (2, "X", 3), (3, "Y", 2), (4, "Y", 2)], "ballot item value"
    )
    table = core.borda_scores(firsts)
    assert table["score"].tolist() == [4, 4]
    assert table["rank"].tolist() == [1, 2]


@pytest.mark.parametrize(
    ("rows", "positions", "code", "row", "column"),
    [
        ([(1, "A", 1), (1, "B", 1)], None, "duplicate_rank", 2, "value"),
        ([(1, "A", 1), (2, "A", 1), (2, "A", 2)], None, "duplicate_item", 3, "item"),
        ([(1, "A", 0)], None, "out_of_range", 1, "value"),
        ([(1, "A", 1), (1, "B", 4)], 3, "out_of_range", 2, "value"),
        ([(1, "A", 1)], 0, "invalid_option", None, None),
    ],
)
def test_borda_names_the_bad_cell(
    rows: list[tuple[object, ...]],
    positions: int | None,
    code: str,
    row: int | None,
    column: str | None,
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.borda_scores(frame(rows, "ballot item value"), positions=positions)
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        code,
        row,
        column,
    )


PAIRS = frame(
    [
        ("p1", "a", "b"),
        ("p1", "b", "c"),
        ("p2", "c", "a"),
        ("p2", "a", "c"),
        ("p3", "a", "b"),
        ("p3", "b", "c"),
    ],
    "ballot winner loser",
)


def test_all_our_ideas_scores_by_hand() -> None:
    table = core.pairwise_scores(PAIRS, items=["a", "b", "c", "d"])
    assert table["wins"].tolist() == [3, 2, 1, 0]
    assert table["losses"].tolist() == [1, 2, 3, 0]
    # 100 (W + 1) / (W + L + 2); an item never shown stays at 50.
    assert table["score"].tolist() == pytest.approx([400 / 6, 50, 200 / 6, 50])
    # b and d both score 50; b has won more.
    assert table["rank"].tolist() == [1, 2, 4, 3]


def test_pairwise_ties_on_score_go_to_more_wins() -> None:
    votes = frame([(1, "a", "b"), (2, "b", "a"), (3, "c", "d")], "ballot winner loser")
    table = core.pairwise_scores(votes, items=["a", "b", "c", "d", "e"])
    # a, b: 2/4; c: 2/3; d: 1/3; e: 1/2 with no wins.
    assert table["rank"].tolist() == [2, 2, 1, 5, 4]


@pytest.mark.parametrize(
    ("rows", "code", "row", "column"),
    [
        ([(1, "a", "a")], "self_comparison", 1, "loser"),
        ([(1, "a", "b"), (2, "a", "")], "missing_value", 2, "loser"),
        ([(1, "a", "b"), (2, "q", "a")], "unknown_item", 2, "winner"),
    ],
)
def test_pairwise_names_the_bad_cell(
    rows: list[tuple[object, ...]], code: str, row: int, column: str
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.pairwise_scores(frame(rows, "ballot winner loser"), items=["a", "b"])
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        code,
        row,
        column,
    )


def test_pairwise_needs_two_items_and_some_votes() -> None:
    with pytest.raises(core.InputError) as caught:
        core.pairwise_scores(frame([(1, "a", "b")], "ballot winner loser"), items=["a"])
    assert caught.value.code == "unknown_item"
    with pytest.raises(core.InputError) as caught:
        core.pairwise_pair_weights(frame([], "ballot winner loser"), items=["a"])
    assert caught.value.code == "too_few_items"
    with pytest.raises(core.InputError) as caught:
        core.pairwise_scores(frame([], "ballot winner loser"), items=["a", "b"])
    assert caught.value.code == "no_ballots"


def test_pair_weights_follow_the_catch_up_rule() -> None:
    busy = frame(
        [(v, "a", "b") if v % 2 else (v, "b", "a") for v in range(39)]
        + [(100, "c", "a")],
        "ballot winner loser",
    )
    weights = core.pairwise_pair_weights(busy, items=["a", "b", "c"])
    assert weights[["first", "second"]].values.tolist() == [
        ["a", "b"],
        ["a", "c"],
        ["b", "c"],
    ]
    assert weights["n"].tolist() == [39, 1, 0]
    raw = np.array([1 / 40, 0.05, 0.05])
    assert weights["weight"].to_numpy() == pytest.approx(raw / raw.sum(), abs=1e-15)


def test_pair_weights_before_the_first_vote_are_uniform() -> None:
    weights = core.pairwise_pair_weights(
        frame([], "ballot winner loser"), items=["a", "b", "c", "d"]
    )
    assert len(weights) == 6
    assert weights["weight"].tolist() == pytest.approx([1 / 6] * 6)


GROUPED_DOTS = frame(
    [
        (1, "A", 1, "police"),
        (1, "B", 1, "police"),
        (2, "A", 2, "police"),
        (3, "C", 2, "youth"),
        (4, "C", 1, "youth"),
        (4, "A", 1, "youth"),
        (5, "B", 2, ""),
    ],
    "ballot item value role",
)


def test_group_rankings_by_hand() -> None:
    ranked = core.group_rankings(GROUPED_DOTS, by="role", method="dots", budget=2)
    assert ranked.method == "dots"
    assert ranked.voters.to_dict() == {"police": 2, "youth": 2}
    police = ranked.groups.loc["police"]
    assert police["score"].tolist() == [3, 1, 0]
    assert police["rank"].tolist() == [1, 2, 3]
    youth = ranked.groups.loc["youth"]
    assert youth["score"].tolist() == [1, 0, 3]
    assert youth["rank"].tolist() == [2, 3, 1]
    # (v + 1) / (n + 2): A has 2 police and 1 youth voter, B 1 and 0, C 0 and 2.
    expected = [(3 / 4) * (2 / 4), (2 / 4) * (1 / 4), (1 / 4) * (3 / 4)]
    across = ranked.across
    assert across["score"].tolist() == pytest.approx(expected)
    assert across["min_group_rank"].tolist() == [1, 2, 1]
    assert across["rank"].tolist() == [1, 3, 2]


def test_group_rankings_break_across_ties_by_the_best_group_rank() -> None:
    ballots = frame(
        [
            (1, "Q", 1, "x"),
            (1, "P", 1, "x"),
            (2, "Q", 1, "x"),
            (3, "Q", 1, "x"),
            (4, "P", 1, "y"),
            (5, "R", 1, "y"),
            (6, "R", 1, "y"),
        ],
        "ballot item value g",
    )
    ranked = core.group_rankings(ballots, by="g", method="dots", budget=2)
    across = ranked.across
    # P: (2/5)(2/5), Q: (4/5)(1/5), equal; Q tops group x, P tops no group.
    assert across["score"].tolist() == pytest.approx([4 / 25, 4 / 25, 3 / 25])
    assert across["min_group_rank"].tolist() == [1, 2, 1]
    assert across["rank"].tolist() == [1, 2, 3]


def test_group_rankings_of_borda_use_the_sessions_m() -> None:
    ballots = BORDA.assign(g=["x", "x", "x", "y", "y", "x", "x", "x", "y"])
    ranked = core.group_rankings(ballots, by="g", method="borda")
    y = ranked.groups.loc["y"]
    # Ballots 2 and 4 (group y) rank with m = 3 although y only uses 1 and 2.
    assert y["score"].tolist() == [2, 6, 0, 0]
    assert ranked.across["score"].tolist() == pytest.approx(
        [(3 / 4) * (2 / 4), (2 / 4) * (3 / 4), (3 / 4) * (1 / 4), (2 / 4) * (1 / 4)]
    )


def test_group_rankings_of_pairwise_use_each_groups_wins() -> None:
    votes = PAIRS.assign(g=["x", "x", "y", "y", "x", "x"])
    ranked = core.group_rankings(votes, by="g", method="pairwise")
    x = ranked.groups.loc["x"]
    assert x["wins"].tolist() == [2, 2, 0]
    assert x["losses"].tolist() == [0, 2, 2]
    y = ranked.groups.loc["y"]
    assert y["score"].tolist() == pytest.approx([50, 50, 50])
    assert ranked.across["score"].tolist() == pytest.approx(
        [(3 / 4) * (2 / 4), (3 / 6) * (1 / 2), (1 / 4) * (2 / 4)]
    )


def test_group_rankings_of_bradley_terry_per_group() -> None:
    votes = PAIRS.assign(g=["x", "x", "y", "y", "x", "x"])
    ranked = core.group_rankings(
        votes, by="g", method="bradley_terry", n_boot=20, random_state=3
    )
    x = ranked.groups.loc["x"]
    alone = core.bradley_terry(votes[votes["g"] == "x"], items=["a", "b", "c"])
    assert x["score"].to_numpy() == pytest.approx(alone.scores["score"].to_numpy())
    assert {"ci_low", "ci_high"} <= set(ranked.groups.columns)


def test_group_labels_sort_numerically_when_they_are_numbers() -> None:
    ballots = frame(
        [(1, "A", 1, "10"), (2, "A", 1, "9"), (3, "A", 1, "9.5")],
        "ballot item value g",
    )
    ranked = core.group_rankings(ballots, by="g", method="dots")
    assert ranked.voters.index.tolist() == ["9", "9.5", "10"]


def test_group_rankings_refuse_bad_groups_and_methods() -> None:
    two = GROUPED_DOTS.copy()
    two.loc[1, "role"] = "youth"
    with pytest.raises(core.InputError) as caught:
        core.group_rankings(two, by="role", method="dots", budget=2)
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        "ballot_in_two_groups",
        2,
        "role",
    )
    with pytest.raises(core.InputError) as caught:
        core.group_rankings(
            GROUPED_DOTS.assign(role=""), by="role", method="dots", budget=2
        )
    assert caught.value.code == "no_groups"
    with pytest.raises(core.InputError) as caught:
        core.group_rankings(GROUPED_DOTS, by="team", method="dots", budget=2)
    assert (caught.value.code, caught.value.column) == ("missing_column", "team")
    with pytest.raises(core.InputError) as caught:
        core.group_rankings(GROUPED_DOTS, by="role", method="approval")  # type: ignore[arg-type]
    assert caught.value.code == "unknown_method"
    with pytest.raises(core.InputError) as caught:
        core.group_rankings(BORDA.assign(g="x"), by="g", method="borda", positions=0)
    assert caught.value.code == "invalid_option"


# Property tests: the order of rows and the names of ballots carry no information.

ballot_sets = st.lists(
    st.tuples(
        st.integers(0, 7),
        st.lists(st.integers(0, 5), min_size=1, max_size=6, unique=True),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda b: b[0],
)


def ranked_rows(ballots: list[tuple[int, list[int]]]) -> pd.DataFrame:
    rows = [
        (f"b{ballot}", f"i{item}", position + 1)
        for ballot, order in ballots
        for position, item in enumerate(order)
    ]
    return frame(rows, "ballot item value")


@settings(max_examples=60, deadline=None)
@given(ballot_sets, st.data())
def test_row_order_and_ballot_names_change_nothing(
    ballots: list[tuple[int, list[int]]], data: st.DataObject
) -> None:
    rows = ranked_rows(ballots)
    items = [f"i{k}" for k in range(6)]
    order = data.draw(st.permutations(range(len(rows))))
    shuffled = rows.iloc[list(order)].reset_index(drop=True)
    shuffled["ballot"] = "renamed-" + shuffled["ballot"]
    pd.testing.assert_frame_equal(
        core.borda_scores(rows, items=items), core.borda_scores(shuffled, items=items)
    )
    pd.testing.assert_frame_equal(
        core.dot_vote_scores(rows, items=items, budget=21),
        core.dot_vote_scores(shuffled, items=items, budget=21),
    )


@settings(max_examples=60, deadline=None)
@given(ballot_sets)
def test_borda_points_add_up_over_ballots(ballots: list[tuple[int, list[int]]]) -> None:
    rows = ranked_rows(ballots)
    m = int(rows["value"].max())
    table = core.borda_scores(rows)
    assert table["score"].sum() == sum(m - r + 1 for r in rows["value"])
    assert table["voters"].sum() == len(rows)
    assert table["firsts"].sum() == len(ballots)


@settings(max_examples=60, deadline=None)
@given(ballot_sets, st.integers(0, 5))
def test_one_more_dot_never_hurts_an_item(
    ballots: list[tuple[int, list[int]]], item: int
) -> None:
    rows = ranked_rows(ballots).assign(value=1)
    items = [f"i{k}" for k in range(6)]
    before = core.dot_vote_scores(rows, items=items, budget=6)
    extra = frame([("newcomer", f"i{item}", 1)], "ballot item value")
    after = core.dot_vote_scores(
        pd.concat([rows, extra], ignore_index=True), items=items, budget=6
    )
    name = f"i{item}"
    assert after["score"].to_dict()[name] == before["score"].to_dict()[name] + 1
    assert after["rank"].to_dict()[name] <= before["rank"].to_dict()[name]
    assert after["share"].sum() == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 4), st.integers(0, 4)).filter(
            lambda v: v[1] != v[2]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_pairwise_wins_and_losses_balance(votes: list[tuple[int, int, int]]) -> None:
    rows = frame([(b, f"i{w}", f"i{lo}") for b, w, lo in votes], "ballot winner loser")
    table = core.pairwise_scores(rows)
    assert table["wins"].sum() == table["losses"].sum() == len(votes)
    assert ((table["score"] > 0) & (table["score"] < 100)).all()
    reversed_rows = rows.iloc[::-1].reset_index(drop=True)
    items = table.index.tolist()
    pd.testing.assert_frame_equal(
        table, core.pairwise_scores(reversed_rows, items=items)
    )
