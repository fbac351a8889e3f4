"""Invariants of the opinion map (statistics.md §8), checked with hypothesis."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import hromada.core as core

CELL = st.sampled_from([-1, 0, 1, None, None])


@st.composite
def conversations(draw: st.DrawFn) -> pd.DataFrame:
    n_statements = draw(st.integers(2, 7))
    n_participants = draw(st.integers(2, 24))
    rows = []
    for p in range(n_participants):
        cells = draw(st.lists(CELL, min_size=n_statements, max_size=n_statements))
        if all(c is None for c in cells):
            cells[draw(st.integers(0, n_statements - 1))] = 1
        rows += [(p, s, v) for s, v in enumerate(cells) if v is not None]
    order = draw(st.permutations(range(len(rows))))
    frame = pd.DataFrame(rows, columns=["participant", "statement", "vote"])
    # Distinct times, drawn in a shuffled order so first votes interleave.
    frame["time"] = np.asarray(order, dtype=np.float64)
    return frame


def _partition(result: core.OpinionMap) -> set[frozenset[int]]:
    return {frozenset(g.members) for g in result.groups}


def _xy(result: core.OpinionMap) -> dict[int, tuple[float, float]]:
    return dict(
        zip(
            result.matrix.participants.tolist(),
            map(tuple, result.pca.participant_xy.tolist()),
            strict=True,
        )
    )


@settings(max_examples=40, deadline=None)
@given(conversations(), st.data())
def test_shuffling_vote_rows_changes_nothing(
    votes: pd.DataFrame, data: st.DataObject
) -> None:
    order = data.draw(st.permutations(range(len(votes))))
    shuffled = votes.iloc[list(order)]
    first, second = core.analyse_opinions(votes), core.analyse_opinions(shuffled)
    np.testing.assert_array_equal(first.matrix.votes, second.matrix.votes)
    np.testing.assert_array_equal(first.pca.participant_xy, second.pca.participant_xy)
    assert first.groups == second.groups
    assert first.repness == second.repness
    assert first.consensus == second.consensus


@settings(max_examples=40, deadline=None)
@given(conversations())
def test_relabelling_statements_in_order_only_renames(votes: pd.DataFrame) -> None:
    renamed = votes.assign(statement=votes["statement"] * 3 + 5)
    first, second = core.analyse_opinions(votes), core.analyse_opinions(renamed)
    np.testing.assert_allclose(
        first.pca.participant_xy, second.pca.participant_xy, atol=1e-12
    )
    assert first.groups == second.groups
    for gid, reps in first.repness.items():
        assert [r.tid * 3 + 5 for r in reps] == [r.tid for r in second.repness[gid]]
    assert [c.tid * 3 + 5 for c in first.consensus.agree] == [
        c.tid for c in second.consensus.agree
    ]


@settings(max_examples=40, deadline=None)
@given(conversations(), st.data())
def test_any_relabelling_of_statements_keeps_the_map(
    votes: pd.DataFrame, data: st.DataObject
) -> None:
    ids = range(int(votes["statement"].max()) + 1)
    mapping = np.array(data.draw(st.permutations(ids))) * 2
    renamed = votes.assign(statement=mapping[votes["statement"]])
    first, second = core.analyse_opinions(votes), core.analyse_opinions(renamed)
    # Columns come in another order: projections agree up to a sign per axis.
    a, b = first.pca.participant_xy, second.pca.participant_xy
    signs = np.where(np.sum(a * b, axis=0) < 0, -1.0, 1.0)
    np.testing.assert_allclose(a, b * signs, atol=1e-9)
    np.testing.assert_allclose(
        first.group_aware_consensus[np.argsort(mapping[first.matrix.statements])],
        second.group_aware_consensus,
    )


@settings(max_examples=40, deadline=None)
@given(conversations())
def test_flipping_every_vote_flips_the_pca_signs_only(votes: pd.DataFrame) -> None:
    flipped = votes.assign(vote=-votes["vote"])
    first, second = core.analyse_opinions(votes), core.analyse_opinions(flipped)
    np.testing.assert_allclose(first.pca.center, -second.pca.center, atol=1e-12)
    a, b = first.pca.comps, second.pca.comps
    np.testing.assert_allclose(np.abs(a), np.abs(b), atol=1e-9)
    np.testing.assert_allclose(
        np.abs(first.pca.participant_xy), np.abs(second.pca.participant_xy), atol=1e-9
    )
    assert _partition(first) == _partition(second)


@settings(max_examples=60, deadline=None)
@given(conversations())
def test_every_clustered_participant_is_in_exactly_one_group(
    votes: pd.DataFrame,
) -> None:
    result = core.analyse_opinions(votes)
    members = [p for g in result.groups for p in g.members]
    clustered = result.matrix.participants[result.in_conv]
    assert sorted(members) == sorted(clustered.tolist())
    assert result.in_conv.sum() >= min(15, len(result.matrix.participants))
    assert 1 <= result.k <= 5
    assert all(len(reps) <= 5 for reps in result.repness.values())
    assert np.all(result.comment_priorities >= 0)
