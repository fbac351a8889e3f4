"""Who is clustered, base clusters and opinion groups, as Pol.is (§8.3, §8.5)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from hromada.core._errors import InputError
from hromada.core._votes import VoteMatrix

# Pol.is constants (conversation.clj).
_MIN_VOTES = 7
_MIN_IN_CONV = 15
_BASE_K = 100
_BASE_STEPS = 100
_GROUP_STEPS = 21
_MAX_GROUPS = 5
_MOVE_THRESHOLD = 0.01
_CHUNK = 256


@dataclass(frozen=True, slots=True)
class Clustering:
    """A (weighted) k-means clustering of points.

    Attributes
    ----------
    labels : ndarray of int64, shape (n_points,)
        Cluster of every point, 0 ... n_clusters - 1 in seed order.
    centers : ndarray of float64, shape (n_clusters, 2)
        Weighted mean of each cluster's points.
    """

    labels: np.ndarray
    centers: np.ndarray


def in_conversation(matrix: VoteMatrix, *, sticky: Iterable[int] = ()) -> np.ndarray:
    """Participants Pol.is clusters: enough votes, topped up to 15 (§8.3).

    Parameters
    ----------
    matrix : VoteMatrix
        The votes (passes and votes on mod-out statements count).
    sticky : iterable of int
        Participant ids already in the conversation: once in, always in
        (Pol.is keeps the set across updates, so pass it from the last run).

    Returns
    -------
    ndarray of bool, shape (n_participants,)
        True for the rows in the conversation.

    Raises
    ------
    InputError
        ``unknown_participant`` when a sticky id has no vote.
    """
    counts = matrix.vote_counts()
    needed = min(_MIN_VOTES, len(matrix.statements))
    chosen = counts >= needed
    sticky_ids = np.fromiter(sticky, dtype=np.int64)
    unknown = sticky_ids[~np.isin(sticky_ids, matrix.participants)]
    if len(unknown):
        raise InputError(
            "unknown_participant",
            f"participant {unknown[0]} is in the conversation but cast no vote",
            column="in_conv",
        )
    chosen |= np.isin(matrix.participants, sticky_ids)
    missing = _MIN_IN_CONV - int(chosen.sum())
    if missing > 0:
        # The most active voters first; ties keep the row order.
        waiting = np.flatnonzero(~chosen)
        ranked = waiting[np.argsort(-counts[waiting], kind="stable")]
        chosen[ranked[:missing]] = True
    return chosen


def entry_order(matrix: VoteMatrix, rows: np.ndarray) -> np.ndarray:
    """Order rows by when each had voted on min(7, n_cmts) distinct statements.

    Stand-in for Pol.is's sticky base-cluster ids (§8.5): a participant's
    time on a statement is their earliest vote on it; with fewer votes, the
    time of their last one. Ties keep the row order.

    Parameters
    ----------
    matrix : VoteMatrix
    rows : ndarray of int64
        Row positions to order.

    Returns
    -------
    ndarray of int64
        The same rows, in entry order.
    """
    needed = min(_MIN_VOTES, len(matrix.statements))
    times = np.sort(matrix.first_times[rows], axis=1)  # NaN sorts last
    counts = np.sum(~np.isnan(times), axis=1)
    position = np.clip(np.minimum(counts, needed) - 1, 0, None)
    entered = times[np.arange(len(rows)), position]
    return rows[np.lexsort((rows, entered))]


def opinion_kmeans(
    points: np.ndarray,
    weights: np.ndarray,
    *,
    k: int,
    max_steps: int,
) -> Clustering:
    """Pol.is's k-means: seeded with the first k distinct points, in order.

    A step assigns every point to its nearest center (ties: the later
    center), drops empty clusters and moves each center to the weighted mean
    of its points. It stops once every center, both lists sorted, moved less
    than 0.01, or after ``max_steps`` steps.

    Parameters
    ----------
    points : ndarray of float64, shape (n, 2)
    weights : ndarray of float64, shape (n,)
        Positive weights (1 for plain k-means).
    k : int
        Maximum number of clusters; fewer when there are fewer distinct points.
    max_steps : int
        At least 1.

    Returns
    -------
    Clustering
    """
    _, first = np.unique(points, axis=0, return_index=True)
    centers = points[np.sort(first)[:k]]
    labels, moved = _step(points, weights, centers)
    for _ in range(max_steps - 1):
        if _same(centers, moved):
            break
        centers = moved
        labels, moved = _step(points, weights, centers)
    return Clustering(labels=labels, centers=moved)


def _step(
    points: np.ndarray, weights: np.ndarray, centers: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    nearest = _nearest(points, centers)
    used = np.bincount(nearest, minlength=len(centers)) > 0
    labels = (np.cumsum(used) - 1)[nearest]
    n_used = int(used.sum())
    total = np.bincount(labels, weights=weights, minlength=n_used)
    moved = np.column_stack(
        [
            np.bincount(labels, weights=weights * points[:, axis], minlength=n_used)
            for axis in range(points.shape[1])
        ]
    )
    return labels.astype(np.int64), moved / total[:, None]


def _nearest(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    # Centers reversed: argmin keeps the first minimum, Clojure's min-key the last.
    x, y = centers[::-1, 0], centers[::-1, 1]
    size = min(_CHUNK, len(points))
    dx, dy = np.empty((size, len(centers))), np.empty((size, len(centers)))
    backwards = np.empty(len(points), dtype=np.int64)
    # Blocks of rows keep the distance table in cache: 2-3x faster than one pass.
    for start in range(0, len(points), size):
        block = points[start : start + size]
        n = len(block)
        np.subtract.outer(block[:, 0], x, out=dx[:n])
        np.multiply(dx[:n], dx[:n], out=dx[:n])
        np.subtract.outer(block[:, 1], y, out=dy[:n])
        np.multiply(dy[:n], dy[:n], out=dy[:n])
        np.add(dx[:n], dy[:n], out=dx[:n])
        backwards[start : start + n] = np.argmin(dx[:n], axis=1)
    return len(centers) - 1 - backwards


def _same(before: np.ndarray, after: np.ndarray) -> bool:
    old = before[np.lexsort(before.T[::-1])]
    new = after[np.lexsort(after.T[::-1])]
    n = min(len(old), len(new))
    return bool(np.all(np.linalg.norm(old[:n] - new[:n], axis=1) < _MOVE_THRESHOLD))


def base_clusters(xy: np.ndarray) -> Clustering:
    """Pol.is's 100 base clusters of the participants' projections.

    Parameters
    ----------
    xy : ndarray of float64, shape (n, 2)
        Projections of the clustered participants, in entry order (the order
        seeds the clusters and numbers them).

    Returns
    -------
    Clustering
        At most 100 clusters; with 100 distinct points or fewer, one per
        distinct point.
    """
    return opinion_kmeans(xy, np.ones(len(xy)), k=_BASE_K, max_steps=_BASE_STEPS)


def mean_silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of points under a labelling, unweighted Euclidean.

    s = (b - a) / max(a, b) per point, 0 for a point alone in its cluster.

    Parameters
    ----------
    points : ndarray of float64, shape (n, 2)
    labels : ndarray of int64, shape (n,)

    Returns
    -------
    float
        Mean over points; 0 when there is a single cluster.
    """
    distance = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    clusters = np.unique(labels)
    member = labels[None, :] == clusters[:, None]  # (clusters, points)
    sums = distance @ member.T  # (points, clusters)
    sizes = member.sum(axis=1)
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own]
    a = sums[np.arange(len(points)), own] / np.maximum(own_size - 1, 1)
    mean_other = sums / sizes[None, :]
    mean_other[np.arange(len(points)), own] = np.inf
    b = mean_other.min(axis=1)
    top = np.maximum(a, b)
    with np.errstate(invalid="ignore"):
        s = np.where((own_size > 1) & (top > 0) & np.isfinite(b), (b - a) / top, 0.0)
    return float(s.mean())


def group_clusters(
    centers: np.ndarray, sizes: np.ndarray
) -> tuple[Clustering, dict[int, float]]:
    """Opinion groups: weighted k-means of base clusters, k by silhouette.

    Parameters
    ----------
    centers : ndarray of float64, shape (n_base, 2)
        Base-cluster centers in base-cluster id order.
    sizes : ndarray of int64, shape (n_base,)
        Members of each base cluster (the k-means weights).

    Returns
    -------
    (Clustering, dict)
        The clustering of base clusters with the highest mean silhouette over
        k = 2 ... min(5, 2 + n_base // 12) (ties: the larger k), and the
        silhouette of every k tried.
    """
    max_k = min(_MAX_GROUPS, 2 + len(centers) // 12)
    tried: dict[int, Clustering] = {}
    scores: dict[int, float] = {}
    for k in range(2, max_k + 1):
        tried[k] = opinion_kmeans(
            centers, sizes.astype(np.float64), k=k, max_steps=_GROUP_STEPS
        )
        scores[k] = mean_silhouette(centers, tried[k].labels)
    best = max(scores, key=lambda k: (scores[k], k))
    return tried[best], scores
