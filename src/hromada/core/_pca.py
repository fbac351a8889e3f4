"""Pol.is PCA and its sparsity-aware projections (§8.4)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hromada.core._votes import VoteMatrix

# Below this a singular value is numerical noise: its vector is arbitrary.
_RANK_TOLERANCE = 1e-10


@dataclass(frozen=True, slots=True)
class OpinionPCA:
    """Two principal components of the rating matrix, in Pol.is signs (agree = -1).

    Attributes
    ----------
    center : ndarray of float64, shape (n_statements,)
        Column means of the observed ratings (0 for mod-out columns).
    comps : ndarray of float64, shape (2, n_statements)
        PC1 and PC2; each is signed so its largest absolute loading is positive.
    participant_xy : ndarray of float64, shape (n_participants, 2)
        Sparsity-aware projection of every participant (rows of the matrix).
    statement_xy : ndarray of float64, shape (n_statements, 2)
        Projection of a participant who agreed with that statement only.
    extremity : ndarray of float64, shape (n_statements,)
        Euclidean norm of ``statement_xy``.
    """

    center: np.ndarray
    comps: np.ndarray
    participant_xy: np.ndarray
    statement_xy: np.ndarray
    extremity: np.ndarray


def opinion_pca(matrix: VoteMatrix) -> OpinionPCA:
    """Fit Pol.is's PCA with a full SVD and project participants and statements.

    Parameters
    ----------
    matrix : VoteMatrix
        The votes; mod-out columns (moderated out or meta) are zeroed for every
        row and count as voted, as in Pol.is.

    Returns
    -------
    OpinionPCA
        Center, components and projections in Pol.is's sign convention, where
        agree is -1: the result matches Pol.is's ``pca`` output up to one sign
        per component (Pol.is's power iteration leaves the sign arbitrary).
    """
    # Pol.is math flips the files' signs: agree = -1.
    rating = -matrix.rating
    observed = ~np.isnan(rating)
    n_statements = rating.shape[1]
    center = _column_means(rating, observed)
    centred = np.where(observed, rating - center, 0.0)
    comps = _components(centred, rating)
    voted = np.maximum(observed.sum(axis=1), 1)
    scale = np.sqrt(n_statements / voted)
    participant_xy = (centred @ comps.T) * scale[:, None]
    statement_xy = (np.sqrt(n_statements) * (-1.0 - center))[:, None] * comps.T
    return OpinionPCA(
        center=center,
        comps=comps,
        participant_xy=participant_xy,
        statement_xy=statement_xy,
        extremity=np.linalg.norm(statement_xy, axis=1),
    )


def _column_means(rating: np.ndarray, observed: np.ndarray) -> np.ndarray:
    counts = observed.sum(axis=0)
    sums = np.where(observed, rating, 0.0).sum(axis=0)
    means: np.ndarray = sums / np.maximum(counts, 1)
    return means


def _components(centred: np.ndarray, rating: np.ndarray) -> np.ndarray:
    n_rows, n_statements = centred.shape
    comps = np.zeros((2, n_statements))
    if n_rows == 1:
        # One participant has no variance; Pol.is takes the row itself as PC1.
        row = np.nan_to_num(rating[0])
        norm = np.linalg.norm(row)
        comps[0] = row / norm if norm > 0 else row
        return _signed(comps)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    threshold = _RANK_TOLERANCE * singular[0] * max(n_rows, n_statements)
    for k in range(min(2, len(singular))):
        if singular[k] > threshold:
            comps[k] = vt[k]
    return _signed(comps)


def _signed(comps: np.ndarray) -> np.ndarray:
    signs = np.sign(comps[np.arange(2), np.argmax(np.abs(comps), axis=1)])
    signs[signs == 0] = 1.0
    signed: np.ndarray = comps * signs[:, None]
    return signed
