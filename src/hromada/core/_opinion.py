"""The whole Pol.is opinion map in one call (statistics.md §8)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.core._clusters import (
    Clustering,
    base_clusters,
    entry_order,
    group_clusters,
    in_conversation,
)
from hromada.core._errors import InputError
from hromada.core._pca import OpinionPCA, opinion_pca
from hromada.core._repness import (
    Consensus,
    DivisiveStatement,
    RepresentativeStatement,
    UncertainStatement,
    divisive_statements,
    group_aware_consensus,
    group_tallies,
    majority_consensus,
    representative_statements,
    uncertain_statements,
)
from hromada.core._routing import comment_priorities
from hromada.core._votes import VoteMatrix, build_vote_matrix


@dataclass(frozen=True, slots=True)
class OpinionGroup:
    """One opinion group.

    Attributes
    ----------
    id : int
        0 ... k - 1 in clustering seed order (Pol.is's own ids may differ:
        compare groups by members).
    members : tuple of int
        Participant ids, ascending.
    center : tuple of float
        Member-weighted mean of the group's base-cluster centers.
    """

    id: int
    members: tuple[int, ...]
    center: tuple[float, float]


@dataclass(frozen=True, slots=True)
class OpinionMap:
    """Everything Pol.is's math computes for one conversation, from its votes.

    Attributes
    ----------
    matrix : VoteMatrix
        Latest votes (file signs: agree +1).
    in_conv : ndarray of bool, shape (n_participants,)
        Rows that were clustered.
    pca : OpinionPCA
        Center, components, projections and extremity (Pol.is signs).
    base : Clustering
        Base clusters of the clustered rows, in entry order.
    base_members : tuple of tuple of int
        Participant ids of each base cluster (ascending), by base-cluster id.
    groups : tuple of OpinionGroup
        The chosen grouping (k = ``len(groups)``).
    silhouettes : mapping of int to float
        Mean silhouette of every k tried.
    labels : ndarray of int64, shape (n_participants,)
        Group id of every row, -1 outside the conversation.
    repness : mapping of int to tuple of RepresentativeStatement
    consensus : Consensus
    group_aware_consensus : ndarray of float64, shape (n_statements,)
    comment_priorities : ndarray of float64, shape (n_statements,)
        Priorities under the current groups (§8.8).
    uncertain : tuple of UncertainStatement
    divisive : tuple of DivisiveStatement
    """

    matrix: VoteMatrix
    in_conv: np.ndarray
    pca: OpinionPCA
    base: Clustering
    base_members: tuple[tuple[int, ...], ...]
    groups: tuple[OpinionGroup, ...]
    silhouettes: Mapping[int, float]
    labels: np.ndarray
    repness: Mapping[int, tuple[RepresentativeStatement, ...]]
    consensus: Consensus
    group_aware_consensus: np.ndarray
    comment_priorities: np.ndarray
    uncertain: tuple[UncertainStatement, ...]
    divisive: tuple[DivisiveStatement, ...]

    @property
    def k(self) -> int:
        """Number of opinion groups."""
        return len(self.groups)


def analyse_opinions(
    votes: pd.DataFrame,
    statements: pd.DataFrame | None = None,
    *,
    meta: Iterable[int] = (),
    in_conv: Iterable[int] | None = None,
    sticky: Iterable[int] = (),
    entry: Iterable[int] | None = None,
) -> OpinionMap:
    """Map the opinions of a conversation as Pol.is does.

    Parameters
    ----------
    votes : DataFrame
        From :func:`parse_polis_votes`: ``participant``, ``statement``,
        ``vote`` (+1 agree, -1 disagree, 0 pass), ``time``.
    statements : DataFrame, optional
        From :func:`parse_polis_statements` (moderation, ``is_meta``).
    meta : iterable of int
        Further statement ids treated as meta.
    in_conv : iterable of int, optional
        The clustered participants, exactly (e.g. Pol.is's ``in-conv``).
        Without it the rule of §8.3 picks them.
    sticky : iterable of int
        Participants kept in the conversation from an earlier run (with the
        rule only).
    entry : iterable of int, optional
        Seed order of the clustered participants for the base clusters (e.g.
        Pol.is's base-cluster order); by default the entry order of §8.5.

    Returns
    -------
    OpinionMap

    Raises
    ------
    InputError
        For unusable votes (see :func:`build_vote_matrix`), or an ``in_conv``
        or ``entry`` id that cast no vote.
    """
    matrix = build_vote_matrix(votes, statements, meta=meta)
    chosen = _chosen(matrix, in_conv, sticky)
    pca = opinion_pca(matrix)
    rows = _seed_order(matrix, chosen, entry)
    labels = np.full(len(matrix.participants), -1, dtype=np.int64)
    silhouettes: dict[int, float] = {}
    base = Clustering(np.zeros(0, np.int64), np.zeros((0, 2)))
    groups: tuple[OpinionGroup, ...] = ()
    if len(rows):
        base = base_clusters(pca.participant_xy[rows])
        sizes = np.bincount(base.labels)
        grouping, silhouettes = group_clusters(base.centers, sizes)
        labels[rows] = grouping.labels[base.labels]
        groups = _groups(matrix, labels, grouping)
    tallies = group_tallies(matrix, labels)
    return OpinionMap(
        matrix=matrix,
        in_conv=chosen,
        pca=pca,
        base=base,
        base_members=_members(matrix, rows, base.labels),
        groups=groups,
        silhouettes=silhouettes,
        labels=labels,
        repness=representative_statements(matrix, labels),
        consensus=majority_consensus(matrix),
        group_aware_consensus=group_aware_consensus(matrix, labels),
        comment_priorities=comment_priorities(tallies, pca.extremity, matrix.meta),
        uncertain=uncertain_statements(matrix),
        divisive=divisive_statements(matrix, labels),
    )


def _chosen(
    matrix: VoteMatrix, in_conv: Iterable[int] | None, sticky: Iterable[int]
) -> np.ndarray:
    if in_conv is None:
        return in_conversation(matrix, sticky=sticky)
    ids = np.fromiter(in_conv, dtype=np.int64)
    _check_known(matrix, ids, "in_conv")
    return np.isin(matrix.participants, ids)


def _seed_order(
    matrix: VoteMatrix, chosen: np.ndarray, entry: Iterable[int] | None
) -> np.ndarray:
    rows = np.flatnonzero(chosen)
    if entry is None:
        return entry_order(matrix, rows)
    ids = np.fromiter(entry, dtype=np.int64)
    _check_known(matrix, ids, "entry")
    ordered = pd.Index(matrix.participants).get_indexer(ids)
    ordered = ordered[np.isin(ordered, rows)]
    # Clustered rows the given order leaves out follow in entry order.
    rest = entry_order(matrix, rows[~np.isin(rows, ordered)])
    return np.concatenate([ordered, rest]).astype(np.int64)


def _check_known(matrix: VoteMatrix, ids: np.ndarray, field: str) -> None:
    unknown = ids[~np.isin(ids, matrix.participants)]
    if len(unknown):
        raise InputError(
            "unknown_participant",
            f"participant {unknown[0]} cast no vote",
            column=field,
        )


def _groups(
    matrix: VoteMatrix, labels: np.ndarray, grouping: Clustering
) -> tuple[OpinionGroup, ...]:
    return tuple(
        OpinionGroup(
            id=g,
            members=tuple(int(p) for p in np.sort(matrix.participants[labels == g])),
            center=(float(center[0]), float(center[1])),
        )
        for g, center in enumerate(grouping.centers)
    )


def _members(
    matrix: VoteMatrix, rows: np.ndarray, base_labels: np.ndarray
) -> tuple[tuple[int, ...], ...]:
    n_base = int(base_labels.max()) + 1 if len(base_labels) else 0
    return tuple(
        tuple(int(p) for p in np.sort(matrix.participants[rows[base_labels == b]]))
        for b in range(n_base)
    )
