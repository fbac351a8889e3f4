"""Level-by-level aggregation over many weight sets at once (statistics.md §3.2.6).

One routine serves a single build (one weight set) and an uncertainty analysis
(thousands of weight sets), so both give the same numbers. Each aggregate
combines its non-missing children with their weights renormalised over them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hromada.core._errors import InputError
from hromada.core._index_framework import IndexFramework

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Tree:
    """The hierarchy as index arrays: which parent each child feeds, level by level.

    ``codes`` lists every node, indicators first, then each level in order;
    ``membership[l]`` is the 0/1 matrix (children of level l + 1 × aggregates
    of level l + 2).
    """

    codes: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    membership: tuple[FloatArray, ...]

    @classmethod
    def of(cls, framework: IndexFramework) -> Tree:
        """Build the tree of a framework."""
        membership = []
        for below, above in zip(framework.levels, framework.levels[1:], strict=False):
            matrix = np.zeros((len(below), len(above)))
            for i, code in enumerate(below):
                matrix[i, above.index(str(framework.parent[code]))] = 1.0
            membership.append(matrix)
        codes = tuple(c for level in framework.levels for c in level)
        return cls(codes=codes, levels=framework.levels, membership=tuple(membership))

    def offset(self, level: int) -> int:
        """Position in ``codes`` of the first node of ``level`` (1-based)."""
        return sum(len(codes) for codes in self.levels[: level - 1])


class AggregationFailure(Exception):
    """A geometric mean met a value ≤ 0: (run, unit index, child code)."""

    def __init__(self, run: int, unit: int, code: str) -> None:
        super().__init__(run, unit, code)
        self.run, self.unit, self.code = run, unit, code


def aggregate_runs(
    values: FloatArray,
    tree: Tree,
    weights: FloatArray,
    methods: tuple[str, ...],
    thresholds: tuple[float | None, ...],
    *,
    fail_fast: bool,
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Aggregate one indicator matrix under many weight sets.

    Parameters
    ----------
    values : ndarray, shape (n_units, n_indicators)
        Normalised indicators (NaN = missing), columns in ``tree.levels[0]``.
    weights : ndarray, shape (n_runs, n_nodes)
        Weight of every node (``tree.codes`` order) in every run.
    methods, thresholds : tuples, one per level 2 … L
        Aggregation function (arithmetic, geometric, harmonic) and the optional
        share of non-missing children below which the aggregate is missing.
    fail_fast : bool
        Raise ``AggregationFailure`` at the first geometric mean over a value
        ≤ 0 (a single build); otherwise mark that run as failed.

    Returns
    -------
    (ndarray, ndarray)
        Scores of every aggregate, shape (n_runs, n_units, n_aggregates) in
        ``tree.codes`` order after the indicators, and a bool array
        (n_runs,) of failed runs (their scores are NaN).
    """
    n_runs = weights.shape[0]
    failed = np.zeros(n_runs, dtype=bool)
    outputs = []
    current: FloatArray = values[None, :, :]
    for step, matrix in enumerate(tree.membership):
        level = step + 1
        start = tree.offset(level)
        w = weights[:, start : start + matrix.shape[0]]
        if current.shape[0] == 1:
            unique, inverse = np.unique(w, axis=0, return_inverse=True)
            block = _level(current, unique, matrix, methods[step], thresholds[step])
            result, bad = block[0][inverse.ravel()], block[1][inverse.ravel()]
        else:
            result, bad = _level(current, w, matrix, methods[step], thresholds[step])
        if fail_fast and bad.any():
            run = int(np.flatnonzero(bad.any(axis=(1, 2)))[0])
            unit, child = np.argwhere(bad[run])[0]
            raise AggregationFailure(run, int(unit), tree.levels[step][int(child)])
        failed |= bad.any(axis=(1, 2))
        outputs.append(result)
        current = result
    scores = np.concatenate(outputs, axis=2)
    scores[failed] = np.nan
    return scores, failed


def _level(
    children: FloatArray,
    weights: FloatArray,
    membership: FloatArray,
    method: str,
    threshold: float | None,
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    present = ~np.isnan(children)
    w = weights[:, None, :]
    if method == "geometric":
        bad = present & (children <= 0)
        safe = np.where(present & ~bad, children, 1.0)
        terms = np.log(safe)
    elif method == "harmonic":
        bad = np.zeros(children.shape, dtype=bool)
        with np.errstate(divide="ignore"):
            terms = np.where(present, 1.0 / np.where(present, children, 1.0), 0.0)
    else:
        bad = np.zeros(children.shape, dtype=bool)
        terms = np.where(present, children, 0.0)
    numerator = (terms * w) @ membership
    denominator = (present * w) @ membership
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "geometric":
            result = np.exp(numerator / denominator)
        elif method == "harmonic":
            result = denominator / numerator
        else:
            result = numerator / denominator
    result = np.where(denominator > 0, result, np.nan)
    if threshold is not None:
        share = (present * 1.0) @ membership / membership.sum(axis=0)
        result = np.where(share >= threshold, result, np.nan)
    return np.asarray(result, dtype=float), np.broadcast_to(bad, _shape(bad, w))


def _shape(bad: npt.NDArray[np.bool_], w: FloatArray) -> tuple[int, ...]:
    return (max(bad.shape[0], w.shape[0]), *bad.shape[1:])


def weight_vector(
    framework: IndexFramework, tree: Tree, overrides: dict[str, float]
) -> FloatArray:
    """Node weights in ``tree.codes`` order, iMeta weights with ``overrides``."""
    unknown = sorted(set(overrides) - set(tree.codes))
    if unknown:
        raise InputError(
            "unknown_code", f"weight for {unknown[0]!r}, which is not in the index"
        )
    return np.array([overrides.get(c, framework.weight[c]) for c in tree.codes])
