"""Opinion-mapping steps on small hand-worked cases (statistics.md §8.3-8.8)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import hromada.core as core


def _matrix(
    rows: list[tuple[int, int, int, float]], **kwargs: object
) -> core.VoteMatrix:
    votes = pd.DataFrame(rows, columns=["participant", "statement", "vote", "time"])
    return core.build_vote_matrix(votes, **kwargs)  # type: ignore[arg-type]


def _votes(rows: list[tuple[int, int, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["participant", "statement", "vote", "time"])


# PCA ---------------------------------------------------------------------------


def test_one_participant_takes_their_row_as_pc1() -> None:
    pca = core.opinion_pca(_matrix([(1, 0, 1, 1), (1, 1, -1, 2), (1, 2, 0, 3)]))
    # Pol.is signs: the agree on statement 0 is -1.
    np.testing.assert_allclose(pca.center, [-1, 1, 0])
    root = np.sqrt(0.5)
    np.testing.assert_allclose(pca.comps, [[root, -root, 0], [0, 0, 0]])
    np.testing.assert_allclose(pca.participant_xy, [[0, 0]])
    np.testing.assert_allclose(pca.statement_xy, [[0, 0], [np.sqrt(6), 0], [0, 0]])


def test_a_participant_who_only_passed_gives_no_direction() -> None:
    pca = core.opinion_pca(_matrix([(1, 0, 0, 1)]))
    np.testing.assert_array_equal(pca.comps, [[0], [0]])


def test_identical_voters_give_no_components() -> None:
    pca = core.opinion_pca(
        _matrix([(1, 0, 1, 1), (1, 1, -1, 2), (2, 0, 1, 3), (2, 1, -1, 4)])
    )
    np.testing.assert_array_equal(pca.comps, np.zeros((2, 2)))
    np.testing.assert_array_equal(pca.extremity, [0, 0])


def test_components_match_an_eigen_decomposition_and_project_sparsely() -> None:
    rng = np.random.default_rng(7)
    rows = [
        (p, s, int(rng.choice([-1, 0, 1])), float(p * 10 + s))
        for p in range(12)
        for s in range(6)
        if rng.random() < 0.7 or s == 0
    ]
    matrix = _matrix(rows)
    pca = core.opinion_pca(matrix)
    rating = -matrix.votes
    center = np.nanmean(rating, axis=0)
    filled = np.where(np.isnan(rating), center, rating) - center
    values, vectors = np.linalg.eigh(filled.T @ filled)
    top = vectors[:, np.argsort(values)[::-1][:2]].T
    np.testing.assert_allclose(np.abs(pca.comps @ top.T), np.eye(2), atol=1e-9)
    for comp in pca.comps:
        assert comp[np.argmax(np.abs(comp))] > 0
    for row in range(len(matrix.participants)):
        voted = ~np.isnan(rating[row])
        expected = np.sqrt(6 / voted.sum()) * (
            (rating[row, voted] - center[voted]) @ pca.comps[:, voted].T
        )
        np.testing.assert_allclose(pca.participant_xy[row], expected, atol=1e-12)
    np.testing.assert_allclose(
        pca.extremity, np.sqrt(np.sum(pca.statement_xy**2, axis=1)), atol=1e-12
    )


# In-conv and entry order --------------------------------------------------------


def test_in_conv_tops_up_to_fifteen_most_active_voters() -> None:
    rows = [(p, s, 1, float(p)) for p in range(20) for s in range(1 + p % 3)]
    rows += [(99, s, 1, 100.0 + s) for s in range(10)]  # 10 statements, 10 votes
    matrix = _matrix(rows)
    chosen = matrix.participants[core.in_conversation(matrix)]
    counts = dict(zip(matrix.participants, matrix.vote_counts(), strict=True))
    assert len(chosen) == 15
    assert 99 in chosen
    # The 6 voters with 3 votes, the 7 with 2, then the first 1-vote voter.
    assert sorted(counts[p] for p in chosen) == [1] + [2] * 7 + [3] * 6 + [10]
    assert 0 in chosen and 3 not in chosen


def test_sticky_participants_stay_in_and_unknown_ones_are_refused() -> None:
    rows = [(p, s, 1, float(p * 10 + s)) for p in range(20) for s in range(8)]
    rows.append((50, 0, 1, 500.0))
    matrix = _matrix(rows)
    assert not core.in_conversation(matrix)[-1]
    assert core.in_conversation(matrix, sticky=[50])[-1]
    with pytest.raises(core.InputError) as caught:
        core.in_conversation(matrix, sticky=[51])
    assert (caught.value.code, caught.value.column) == (
        "unknown_participant",
        "in_conv",
    )


def test_entry_order_is_the_time_of_the_seventh_distinct_statement() -> None:
    rows = [(1, s, 1, 100.0 + s) for s in range(8)]  # 7th statement at 106
    rows += [(2, s, 1, 10.0 * s) for s in range(8)]  # 7th statement at 60
    rows += [(3, 0, 1, 5.0), (3, 1, 1, 70.0)]  # two votes: their last at 70
    rows += [(4, 0, 1, 1.0), (4, 1, 1, 70.0)]  # same time: row order decides
    matrix = _matrix(rows)
    rows_in_order = core.entry_order(matrix, np.arange(4))
    assert matrix.participants[rows_in_order].tolist() == [2, 4, 3, 1]


# k-means and silhouette -----------------------------------------------------------


def test_kmeans_moves_centers_until_they_settle() -> None:
    points = np.array([[0, 0], [0, 0], [1, 0], [10, 0], [11, 0]], dtype=float)
    once = core.opinion_kmeans(points, np.ones(5), k=2, max_steps=1)
    assert once.labels.tolist() == [0, 0, 1, 1, 1]
    np.testing.assert_allclose(once.centers, [[0.0, 0.0], [22 / 3, 0.0]])
    settled = core.opinion_kmeans(points, np.ones(5), k=2, max_steps=21)
    assert settled.labels.tolist() == [0, 0, 0, 1, 1]
    np.testing.assert_allclose(settled.centers, [[1 / 3, 0.0], [10.5, 0.0]])


def test_kmeans_ties_go_to_the_later_center_and_empty_clusters_drop() -> None:
    points = np.array([[5, 5], [1, 1], [0, 2], [4, 3], [4, 2], [5, 2]], dtype=float)
    weights = np.array([4, 9, 18, 18, 13, 18], dtype=float)
    # (4, 2) is as far from (5, 5) as from (1, 1) and joins (1, 1) first; that
    # cluster then loses both its points and disappears.
    result = core.opinion_kmeans(points, weights, k=3, max_steps=21)
    assert result.labels.tolist() == [0, 1, 1, 0, 0, 0]
    np.testing.assert_allclose(result.centers, [[234 / 53, 136 / 53], [1 / 3, 5 / 3]])


def test_silhouette_by_hand() -> None:
    points = np.array([[0, 0], [1, 0], [10, 0]], dtype=float)
    expected = (0.9 + 8 / 9 + 0) / 3
    assert core.mean_silhouette(points, np.array([0, 0, 1])) == pytest.approx(expected)
    assert core.mean_silhouette(points, np.array([0, 0, 0])) == 0.0


def test_group_clusters_pick_the_best_silhouette() -> None:
    rng = np.random.default_rng(3)
    blobs = [(-5, 0), (5, 0), (0, 8)]
    centers = np.vstack([rng.normal(b, 0.3, size=(10, 2)) for b in blobs])
    order = rng.permutation(30)
    grouping, scores = core.group_clusters(centers[order], np.ones(30, np.int64))
    assert sorted(scores) == [2, 3, 4]
    assert max(scores, key=scores.__getitem__) == 3
    truth = np.repeat([0, 1, 2], 10)[order]
    assert len(set(zip(grouping.labels, truth, strict=True))) == 3


# Repness, consensus and friends -----------------------------------------------------


def _two_groups() -> tuple[core.VoteMatrix, np.ndarray]:
    rows = []
    for p in range(4):
        side = 1 if p < 2 else -1
        rows += [(p, 0, side, p * 10.0), (p, 1, 1, p * 10.0 + 1), (p, 2, 0, p * 10 + 2)]
    rows.append((9, 3, 0, 99.0))
    return _matrix(rows), np.array([0, 0, 1, 1, -1])


def test_divisive_statements_rank_the_spread_of_agree_shares() -> None:
    matrix, labels = _two_groups()
    divisive = core.divisive_statements(matrix, labels, top=2)
    assert [d.tid for d in divisive] == [0, 1]
    assert divisive[0].divisiveness == pytest.approx(0.5)
    assert divisive[0].agree_shares == pytest.approx((0.75, 0.25))
    assert (divisive[0].most_agree_group, divisive[0].least_agree_group) == (0, 1)
    assert core.divisive_statements(matrix, np.where(labels >= 0, 0, -1)) == ()


def test_uncertain_statements_have_many_passes() -> None:
    matrix, _ = _two_groups()
    uncertain = core.uncertain_statements(matrix)
    assert [(u.tid, u.n_pass, u.n_seen, u.p_pass) for u in uncertain] == [
        (2, 4, 4, 1.0),
        (3, 1, 1, 1.0),
    ]


def test_consensus_and_group_aware_consensus_by_hand() -> None:
    matrix, labels = _two_groups()
    consensus = core.majority_consensus(matrix)
    assert [c.tid for c in consensus.agree] == [1]
    assert consensus.agree[0].p_success == pytest.approx(5 / 6)
    assert consensus.agree[0].p_test == pytest.approx(2 * np.sqrt(5) * (5 / 5 - 0.5))
    assert consensus.disagree == ()
    gac = core.group_aware_consensus(matrix, labels)
    # Statement 3 was seen by nobody in a group: (1/2)(1/2).
    np.testing.assert_allclose(gac, [3 / 16, 9 / 16, 1 / 16, 1 / 4])


def test_repness_falls_back_to_the_best_test_when_nothing_agrees() -> None:
    rows = [(0, 0, 0, 1.0), (1, 0, 0, 2.0)]
    matrix = _matrix(rows)
    reps = core.representative_statements(matrix, np.array([0, 1]))
    # No agree or disagree anywhere: Pol.is still shows its "best" statement.
    assert [(r.tid, r.repful_for, r.n_success, r.best_agree) for r in reps[0]] == [
        (0, "disagree", 0, False)
    ]
    all_out = _matrix(rows, meta=[0])
    assert core.representative_statements(all_out, np.array([0, 1])) == {0: (), 1: ()}


def test_comment_priority_by_hand() -> None:
    tallies = np.array([[[1, 2], [1, 0], [3, 2]]])  # A, D, S for two statements
    priority = core.comment_priorities(
        tallies, np.array([0.5, 9.0]), np.array([False, True])
    )
    # importance = (1 - 2/5) · 1.5 · 2/5 = 0.36; × (1 + 8 · 2^(-3/5)), squared.
    assert priority[0] == pytest.approx(5.108013097991021, rel=1e-12)
    assert priority[1] == 49.0


def test_next_statement_draws_by_priority_among_unvoted() -> None:
    ids = np.array([10, 11, 12])
    draws = {
        core.next_statement(
            ids, np.array([5.0, 0.0, 1.0]), voted=np.array([10]), random_state=s
        )
        for s in range(30)
    }
    assert draws == {12}
    uniform = {
        core.next_statement(
            ids, np.zeros(3), voted=np.array([], np.int64), random_state=s
        )
        for s in range(60)
    }
    assert uniform == {10, 11, 12}
    assert core.next_statement(ids, np.ones(3), voted=ids) is None
    same = [
        core.next_statement(ids, np.ones(3), voted=ids[:0], random_state=4)
        for _ in "ab"
    ]
    assert same[0] == same[1]


@pytest.mark.parametrize("priorities", [np.array([1.0, -1.0, 0.0]), np.ones(2)])
def test_next_statement_refuses_bad_priorities(priorities: np.ndarray) -> None:
    with pytest.raises(core.InputError) as caught:
        core.next_statement(np.array([1, 2, 3]), priorities, voted=np.array([1]))
    assert caught.value.code == "bad_priority"


# The whole map -------------------------------------------------------------------


def test_an_empty_conversation_has_no_groups() -> None:
    result = core.analyse_opinions(
        _votes([(1, 0, 1, 1.0), (2, 0, -1, 2.0)]), in_conv=[]
    )
    assert (result.k, result.groups, result.base_members) == (0, (), ())
    assert result.repness == {} and result.divisive == ()
    assert result.labels.tolist() == [-1, -1]
    np.testing.assert_array_equal(result.group_aware_consensus, [1.0])


def test_entry_order_given_in_part_is_completed_in_entry_order() -> None:
    rows = [
        (p, s, 1 if s <= p else -1, p * 100.0 + s) for p in range(6) for s in range(7)
    ]
    votes = _votes(rows)
    default = core.analyse_opinions(votes)
    assert [m[0] for m in default.base_members] == [0, 1, 2, 3, 4, 5]
    seeded = core.analyse_opinions(votes, entry=[4, 2], in_conv=[0, 1, 2, 4, 5])
    assert [m[0] for m in seeded.base_members] == [4, 2, 0, 1, 5]
    with pytest.raises(core.InputError) as caught:
        core.analyse_opinions(votes, entry=[77])
    assert (caught.value.code, caught.value.column) == ("unknown_participant", "entry")
