"""Parsing Pol.is records and building the vote matrix (statistics.md §8.1-8.2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import hromada.core as core


def _records(rows: list[tuple[object, object, object, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["pid", "tid", "vote", "modified"])


def test_it_normalises_api_and_csv_keys() -> None:
    api = core.parse_polis_votes(
        pd.DataFrame(
            {
                "participant_id": [3],
                "statement_id": [4],
                "vote": [-1],
                "modified": [9.0],
            }
        )
    )
    csv = core.parse_polis_votes(
        pd.DataFrame(
            {"voter-id": ["3"], "comment-id": ["4"], "vote": ["-1"], "timestamp": ["9"]}
        )
    )
    for frame in (api, csv):
        assert frame.to_dict("records") == [
            {"participant": 3, "statement": 4, "vote": -1, "time": 9.0}
        ]
        assert frame["vote"].dtype == np.int64


@pytest.mark.parametrize(
    ("rows", "code", "column", "row"),
    [
        ([(1, 0, 2, 1)], "unknown_vote", "vote", 1),
        ([(1, 0, 1, 1), (1, 1, None, 2)], "missing_value", "vote", 2),
        ([(1, 0, "yes", 1)], "not_a_number", "vote", 1),
        ([(1, 0, True, 1)], "not_a_number", "vote", 1),
        ([(1, 0, 1, 1), (1, 1, True, 2)], "not_a_number", "vote", 2),
        ([(1.5, 0, 1, 1)], "not_an_id", "pid", 1),
        ([(1, -2, 1, 1)], "not_an_id", "tid", 1),
        ([(1, 0, 1, "later")], "not_a_number", "modified", 1),
    ],
)
def test_it_names_the_bad_vote_record(
    rows: list[tuple[object, object, object, object]], code: str, column: str, row: int
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.parse_polis_votes(_records(rows))
    assert (caught.value.code, caught.value.column, caught.value.row) == (
        code,
        column,
        row,
    )


def test_it_refuses_an_empty_vote_file_and_missing_keys() -> None:
    with pytest.raises(core.InputError) as empty:
        core.parse_polis_votes(_records([]))
    assert empty.value.code == "empty_votes"
    with pytest.raises(core.InputError) as missing:
        core.parse_polis_votes(pd.DataFrame({"pid": [1], "vote": [1], "modified": [1]}))
    assert (missing.value.code, missing.value.column) == ("missing_column", "tid")
    assert "'statement_id'" in missing.value.message
    with pytest.raises(core.InputError) as no_votes:
        core.build_vote_matrix(
            core.parse_polis_votes(_records([(1, 0, 1, 1)])).iloc[:0]
        )
    assert no_votes.value.code == "empty_votes"


def test_it_reads_statement_moderation_and_meta() -> None:
    frame = core.parse_polis_statements(
        pd.DataFrame(
            {
                "tid": [0, 1, 2, 3],
                "mod": [-1, 0, 1, "1"],
                "is_meta": [True, "false", None, 1.0],
            }
        )
    )
    assert frame["moderation"].tolist() == [-1, 0, 1, 1]
    assert frame["is_meta"].tolist() == [True, False, False, True]
    bare = core.parse_polis_statements(pd.DataFrame({"comment-id": ["5"]}))
    assert bare.to_dict("records") == [
        {"statement": 5, "moderation": 0, "is_meta": False}
    ]


@pytest.mark.parametrize(
    ("frame", "code", "column", "row"),
    [
        (pd.DataFrame({"tid": [0, 1, 0]}), "duplicate_statement", "tid", 3),
        (
            pd.DataFrame({"tid": [0], "moderated": [2]}),
            "unknown_moderation",
            "moderated",
            1,
        ),
        (
            pd.DataFrame({"tid": [0], "is_meta": ["maybe"]}),
            "not_a_boolean",
            "is_meta",
            1,
        ),
        (pd.DataFrame({"txt": ["hi"]}), "missing_column", "tid", None),
    ],
)
def test_it_names_the_bad_statement_record(
    frame: pd.DataFrame, code: str, column: str, row: int | None
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.parse_polis_statements(frame)
    assert (caught.value.code, caught.value.column, caught.value.row) == (
        code,
        column,
        row,
    )
    assert "np." not in caught.value.message


def test_latest_vote_wins_and_rows_follow_first_vote() -> None:
    votes = core.parse_polis_votes(
        _records(
            [
                (7, 2, 1, 50),  # participant 7 changes their mind later
                (7, 2, -1, 90),
                (4, 5, 0, 60),
                (9, 2, 1, 20),
                (3, 2, 1, 60),  # same first time as 4: ids break the tie
            ]
        )
    )
    matrix = core.build_vote_matrix(votes)
    assert matrix.participants.tolist() == [9, 7, 3, 4]
    assert matrix.statements.tolist() == [2, 5]
    np.testing.assert_array_equal(
        matrix.votes, [[1, np.nan], [-1, np.nan], [1, np.nan], [np.nan, 0]]
    )
    assert matrix.first_times[1, 0] == 50
    assert matrix.vote_counts().tolist() == [1, 1, 1, 1]
    assert not matrix.mod_out.any()


def test_mod_out_columns_are_zero_for_every_row() -> None:
    votes = core.parse_polis_votes(
        _records([(1, 0, 1, 1), (1, 1, -1, 2), (2, 1, 1, 3), (2, 2, 1, 4)])
    )
    statements = core.parse_polis_statements(
        pd.DataFrame({"tid": [0, 1, 2], "mod": [-1, 0, 0]})
    )
    matrix = core.build_vote_matrix(votes, statements, meta=[2, 99])
    assert matrix.moderated_out.tolist() == [True, False, False]
    assert matrix.meta.tolist() == [False, False, True]
    np.testing.assert_array_equal(matrix.rating, [[0, -1, 0], [0, 1, 0]])
    assert np.isnan(matrix.votes[1, 0])  # the raw votes keep the gap


def test_a_vote_on_an_unlisted_statement_is_refused() -> None:
    votes = core.parse_polis_votes(_records([(1, 0, 1, 1), (1, 8, 1, 2)]))
    statements = core.parse_polis_statements(pd.DataFrame({"tid": [0]}))
    with pytest.raises(core.InputError) as caught:
        core.build_vote_matrix(votes, statements)
    assert (caught.value.code, caught.value.row) == ("unknown_statement", 2)
    assert "statement 8" in caught.value.message
