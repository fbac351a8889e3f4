"""Consensus from counts per statement: paper tallies beside online votes (§8.7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hromada.core as core
from tests.core.test_opinion_properties import conversations


def counts(rows: list[tuple[int, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["statement", "agree", "disagree", "passes"])


def matrix_counts(matrix: core.VoteMatrix) -> pd.DataFrame:
    votes = matrix.votes
    return pd.DataFrame(
        {
            "statement": matrix.statements,
            "agree": np.sum(votes == 1, axis=0),
            "disagree": np.sum(votes == -1, axis=0),
            "passes": np.sum(votes == 0, axis=0),
        }
    )


def test_a_clear_majority_each_way_is_consensus() -> None:
    result = core.tally_consensus(
        counts([(7, 18, 1, 1), (3, 2, 15, 3), (5, 6, 6, 8), (1, 12, 0, 0)])
    )
    # 12 of 12 (p·z ≈ 3.35) beats 18 of 20 (≈ 3.20).
    assert [c.tid for c in result.agree] == [1, 7]
    assert [c.tid for c in result.disagree] == [3]
    top = result.agree[1]
    assert (top.n_success, top.n_trials) == (18, 20)
    assert top.p_success == pytest.approx(19 / 22)
    assert top.p_test == pytest.approx(2 * np.sqrt(21) * (19 / 21 - 0.5))


def test_excluded_statements_never_count() -> None:
    result = core.tally_consensus(counts([(7, 18, 1, 1), (1, 12, 0, 0)]), exclude=[7])
    assert [c.tid for c in result.agree] == [1]


def test_text_counts_are_read_as_numbers() -> None:
    frame = counts([(1, 12, 0, 0)]).astype(str)
    assert core.tally_consensus(frame).agree[0].n_success == 12


def test_ties_go_to_the_smaller_id_whatever_the_row_order() -> None:
    result = core.tally_consensus(counts([(9, 10, 0, 0), (2, 10, 0, 0)]))
    assert [c.tid for c in result.agree] == [2, 9]


@pytest.mark.parametrize(
    ("frame", "code", "row"),
    [
        (counts([(1, -1, 0, 0)]), "out_of_range", 1),
        (counts([(1, 1, 0, 0), (1, 2, 0, 0)]), "duplicate_statement", 2),
        (counts([(1, 1, 0, 0)]).drop(columns="passes"), "missing_column", None),
        (counts([(1, 1, 0, 0)]).assign(agree=1.5), "not_a_whole_number", 1),
    ],
)
def test_it_refuses_bad_counts(frame: pd.DataFrame, code: str, row: int | None) -> None:
    with pytest.raises(core.InputError) as caught:
        core.tally_consensus(frame)
    assert (caught.value.code, caught.value.row) == (code, row)


@settings(max_examples=40, deadline=None)
@given(conversations(), st.data())
def test_on_a_matrix_it_equals_majority_consensus(
    votes: pd.DataFrame, data: st.DataObject
) -> None:
    meta = data.draw(st.lists(st.integers(0, 6), max_size=3))
    matrix = core.build_vote_matrix(votes, meta=meta)
    frame = matrix_counts(matrix)
    shuffled = frame.iloc[list(data.draw(st.permutations(range(len(frame)))))]
    excluded = matrix.statements[matrix.mod_out].tolist()
    assert core.tally_consensus(shuffled, exclude=excluded) == core.majority_consensus(
        matrix
    )
