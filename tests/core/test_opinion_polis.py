"""Opinion mapping against Pol.is's own output (statistics.md §8.9).

``math-pca2.json`` in each fixture is what Pol.is's math server computed; the
tests read it as it was published and compare with the §8.9 tolerances.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

import hromada.core as core
from tests.datasets import DATASETS

API_FIXTURES = ["polis-4cvkai2ctw", "polis-2dhnep37ie"]


def _load(name: str) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    folder = DATASETS / name
    votes = pd.DataFrame(json.loads((folder / "votes.json").read_text()))
    comments = pd.DataFrame(json.loads((folder / "comments.json").read_text()))
    polis = json.loads((folder / "math-pca2.json").read_text())
    return (
        core.parse_polis_votes(votes),
        core.parse_polis_statements(comments),
        polis,
    )


@pytest.fixture(scope="module", params=API_FIXTURES)
def case(request: pytest.FixtureRequest) -> tuple[core.OpinionMap, dict[str, Any]]:
    votes, statements, polis = _load(request.param)
    return core.analyse_opinions(votes, statements, in_conv=polis["in-conv"]), polis


def _signs(ours: core.OpinionMap, polis: dict[str, Any]) -> np.ndarray:
    comps = np.array(polis["pca"]["comps"])
    return np.sign(np.sum(comps * ours.pca.comps, axis=1))


def _polis_groups(polis: dict[str, Any]) -> dict[int, frozenset[int]]:
    base = polis["base-clusters"]
    members = dict(zip(base["id"], base["members"], strict=True))
    return {
        group["id"]: frozenset(p for b in group["members"] for p in members[b])
        for group in polis["group-clusters"]
    }


def _matched(ours: core.OpinionMap, polis: dict[str, Any]) -> dict[int, int]:
    by_members = {members: gid for gid, members in _polis_groups(polis).items()}
    return {g.id: by_members[frozenset(g.members)] for g in ours.groups}


def test_matrix_has_polis_shape_and_moderation(case: Any) -> None:
    ours, polis = case
    matrix = ours.matrix
    assert len(matrix.participants) == polis["n"]
    assert matrix.statements.tolist() == polis["tids"]
    assert sorted(matrix.statements[matrix.mod_out].tolist()) == sorted(
        polis["mod-out"]
    )
    assert sorted(matrix.statements[matrix.meta].tolist()) == sorted(polis["meta-tids"])
    counts = dict(
        zip(matrix.participants.tolist(), matrix.vote_counts().tolist(), strict=True)
    )
    assert counts == {int(p): n for p, n in polis["user-vote-counts"].items()}


def test_pca_center_and_components(case: Any) -> None:
    ours, polis = case
    np.testing.assert_allclose(
        ours.pca.center, polis["pca"]["center"], rtol=0, atol=1e-9
    )
    signs = _signs(ours, polis)
    assert set(np.abs(signs)) == {1.0}
    np.testing.assert_allclose(
        ours.pca.comps * signs[:, None], polis["pca"]["comps"], rtol=0, atol=1e-9
    )


def test_statement_projection_and_extremity(case: Any) -> None:
    ours, polis = case
    signs = _signs(ours, polis)
    np.testing.assert_allclose(
        (ours.pca.statement_xy * signs).T,
        polis["pca"]["comment-projection"],
        rtol=0,
        atol=1e-9,
    )
    np.testing.assert_allclose(
        ours.pca.extremity, polis["pca"]["comment-extremity"], rtol=0, atol=1e-9
    )


def test_participant_projections_give_base_cluster_centers(case: Any) -> None:
    ours, polis = case
    signs = _signs(ours, polis)
    row = {p: i for i, p in enumerate(ours.matrix.participants.tolist())}
    base = polis["base-clusters"]
    for members, x, y in zip(base["members"], base["x"], base["y"], strict=True):
        xy = ours.pca.participant_xy[[row[p] for p in members]].mean(axis=0) * signs
        np.testing.assert_allclose(xy, [x, y], rtol=0, atol=1e-9)


def test_partition_and_k_equal_polis(case: Any) -> None:
    ours, polis = case
    assert ours.k == len(polis["group-clusters"])
    assert {frozenset(g.members) for g in ours.groups} == set(
        _polis_groups(polis).values()
    )
    signs = _signs(ours, polis)
    centers = {g["id"]: g["center"] for g in polis["group-clusters"]}
    for group in ours.groups:
        np.testing.assert_allclose(
            np.array(group.center) * signs,
            centers[_matched(ours, polis)[group.id]],
            rtol=0,
            atol=1e-9,
        )


def test_repness_equals_polis(case: Any) -> None:
    ours, polis = case
    for gid, polis_gid in _matched(ours, polis).items():
        expected = polis["repness"][str(polis_gid)]
        got = ours.repness[gid]
        assert [(r.tid, r.repful_for) for r in got] == [
            (r["tid"], r["repful-for"]) for r in expected
        ]
        for mine, theirs in zip(got, expected, strict=True):
            assert mine.n_success == theirs["n-success"]
            assert mine.n_trials == theirs["n-trials"]
            assert mine.best_agree is theirs.get("best-agree", False)
            for field in ("p_success", "p_test", "repness"):
                key = field.replace("_", "-")
                assert getattr(mine, field) == pytest.approx(
                    theirs[key], rel=0, abs=1e-9
                )
            # Pol.is emits repness-test in single precision.
            assert np.float32(mine.repness_test) == np.float32(theirs["repness-test"])


def test_consensus_equals_polis(case: Any) -> None:
    ours, polis = case
    for side in ("agree", "disagree"):
        got = getattr(ours.consensus, side)
        expected = polis["consensus"][side]
        assert [(c.tid, c.n_success, c.n_trials) for c in got] == [
            (c["tid"], c["n-success"], c["n-trials"]) for c in expected
        ]
        np.testing.assert_allclose(
            np.array([(c.p_success, c.p_test) for c in got]).reshape(-1, 2),
            np.array([(c["p-success"], c["p-test"]) for c in expected]).reshape(-1, 2),
            rtol=0,
            atol=1e-9,
        )


def test_group_aware_consensus_and_priorities(case: Any) -> None:
    ours, polis = case
    tids = [str(t) for t in ours.matrix.statements]
    gac = [polis["group-aware-consensus"][t] for t in tids]
    np.testing.assert_allclose(ours.group_aware_consensus, gac, rtol=0, atol=1e-12)
    priorities = [polis["comment-priorities"][t] for t in tids]
    np.testing.assert_allclose(ours.comment_priorities, priorities, rtol=0, atol=1e-9)


@pytest.mark.parametrize("name", API_FIXTURES)
def test_polis_base_cluster_order_gives_polis_group_ids(name: str) -> None:
    votes, statements, polis = _load(name)
    base = polis["base-clusters"]
    seed = [p for members in base["members"] for p in members]
    ours = core.analyse_opinions(
        votes, statements, in_conv=polis["in-conv"], entry=seed
    )
    assert [list(m) for m in ours.base_members] == [sorted(m) for m in base["members"]]
    assert {g.id: frozenset(g.members) for g in ours.groups} == _polis_groups(polis)


def test_in_conv_rule_reproduces_a_conversation_without_history() -> None:
    votes, statements, polis = _load("polis-2dhnep37ie")
    matrix = core.build_vote_matrix(votes, statements)
    chosen = core.in_conversation(matrix)
    assert sorted(matrix.participants[chosen].tolist()) == sorted(polis["in-conv"])


def test_in_conv_sticky_history_is_needed_for_the_other_fixture() -> None:
    votes, statements, polis = _load("polis-4cvkai2ctw")
    matrix = core.build_vote_matrix(votes, statements)
    fresh = set(matrix.participants[core.in_conversation(matrix)].tolist())
    # Pol.is let in four light voters while the conversation was young.
    assert set(polis["in-conv"]) - fresh == {5, 10, 11, 14}
    sticky = core.in_conversation(matrix, sticky=polis["in-conv"])
    assert set(matrix.participants[sticky].tolist()) == set(polis["in-conv"])


def test_london_csv_export_gives_polis_groups() -> None:
    folder = DATASETS / "polis-london-youth-policing"
    votes = core.parse_polis_votes(pd.read_csv(folder / "votes.csv", dtype=str))
    statements = core.parse_polis_statements(
        pd.read_csv(folder / "comments.csv", dtype=str)
    )
    ours = core.analyse_opinions(votes, statements, meta=range(15))
    exported = pd.read_csv(folder / "participants-votes.csv").dropna(
        subset=["group-id"]
    )
    polis = {
        frozenset(group["participant"].astype(int))
        for _, group in exported.groupby("group-id")
    }
    assert ours.k == len(polis) == 3
    assert {frozenset(g.members) for g in ours.groups} == polis
