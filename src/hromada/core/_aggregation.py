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


IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True, slots=True)
class Tree:
    """The hierarchy with every parent's children next to each other.

    ``levels`` holds the codes of each level, ordered top-down so that the
    children of a parent are contiguous (in iMeta order within a parent);
    ``codes`` is all of them, indicators first; ``starts[l]`` are the offsets
    of each level-(l + 2) aggregate's children within level l + 1, and
    ``order`` maps the framework's indicator columns to ``levels[0]``.
    """

    codes: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    starts: tuple[IntArray, ...]
    order: IntArray

    @classmethod
    def of(cls, framework: IndexFramework) -> Tree:
        """Build the tree of a framework."""
        ordered: list[tuple[str, ...]] = [framework.levels[-1]]
        for below in reversed(framework.levels[:-1]):
            position = {code: i for i, code in enumerate(ordered[0])}
            ordered.insert(
                0,
                tuple(sorted(below, key=lambda c: position[str(framework.parent[c])])),
            )
        starts = []
        for below, above in zip(ordered, ordered[1:], strict=False):
            parents = [above.index(str(framework.parent[c])) for c in below]
            starts.append(np.searchsorted(parents, np.arange(len(above))))
        column = {code: i for i, code in enumerate(framework.indicators)}
        return cls(
            codes=tuple(c for level in ordered for c in level),
            levels=tuple(ordered),
            starts=tuple(starts),
            order=np.array([column[c] for c in ordered[0]], dtype=np.intp),
        )

    @property
    def aggregates(self) -> tuple[str, ...]:
        """Aggregate codes in the order of ``aggregate_runs`` output."""
        return self.codes[len(self.levels[0]) :]

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
        Normalised indicators (NaN = missing), columns in framework order.
    tree : Tree
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
        ``tree.aggregates`` order, and a bool array (n_runs,) of failed runs
        (their scores are NaN).

    Notes
    -----
    Data are held children-first, (n_children, runs, units), so a parent's
    weighted sum is a sum over a contiguous block of rows: plain vectorised
    additions, no BLAS call (whose threads stall on a busy machine).
    """
    n_runs = weights.shape[0]
    failed = np.zeros(n_runs, dtype=bool)
    outputs = []
    current: FloatArray = np.ascontiguousarray(values[:, tree.order].T)[:, None, :]
    for step, starts in enumerate(tree.starts):
        first = tree.offset(step + 1)
        w = weights[:, first : first + current.shape[0]]
        if current.shape[1] == 1:
            # Shared children: compute once per distinct weight row.
            unique, inverse = np.unique(w, axis=0, return_inverse=True)
            result, bad = _level(
                current, unique, starts, methods[step], thresholds[step]
            )
            result = result[:, inverse.ravel(), :]
        else:
            result, bad = _level(current, w, starts, methods[step], thresholds[step])
        if fail_fast and bad.any():
            unit, child = np.argwhere(bad[:, 0, :].T)[0]
            raise AggregationFailure(0, int(unit), tree.levels[step][int(child)])
        failed |= np.broadcast_to(bad.any(axis=(0, 2)), failed.shape)
        outputs.append(result)
        current = result
    scores = np.concatenate(outputs, axis=0).transpose(1, 2, 0)
    scores[failed] = np.nan
    return scores, failed


def _level(
    children: FloatArray,
    weights: FloatArray,
    starts: IntArray,
    method: str,
    threshold: float | None,
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Children (n, runs or 1, units) and weights (runs, n) → (parents, runs, units)."""
    present = ~np.isnan(children)
    complete = bool(present.all())
    w = weights.T[:, :, None]
    bad = np.zeros((1, 1, 1), dtype=bool)
    with np.errstate(divide="ignore"):
        if method == "geometric":
            bad = present & (children <= 0)
            terms = np.log(np.where(bad, 1.0, children))
        elif method == "harmonic":
            terms = 1.0 / children
        else:
            terms = children
    if not complete:
        terms = np.where(present, terms, 0.0)
    numerator = np.add.reduceat(terms * w, starts, axis=0)
    # Without missing children the weight sums are the same for every unit.
    denominator = np.add.reduceat(w if complete else present * w, starts, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "geometric":
            result = np.exp(numerator / denominator)
        elif method == "harmonic":
            result = denominator / numerator
        else:
            result = numerator / denominator
    result = np.where(denominator > 0, result, np.nan)
    if threshold is not None:
        counts = np.diff(np.append(starts, children.shape[0]))[:, None, None]
        share = np.add.reduceat(present * 1.0, starts, axis=0) / counts
        result = np.where(share >= threshold, result, np.nan)
    return np.asarray(result, dtype=float), bad


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
