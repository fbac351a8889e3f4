"""INFORM-style risk scheme (statistics.md §5): fixed goalposts, a geometric mean
in which a 0 dimension gives 0, and fixed map classes that compare across rounds.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

from hromada.core._errors import InputError

RISK_CLASSES = ("very_low", "low", "medium", "high", "very_high")
RISK_BREAKS = (2.0, 3.5, 5.0, 6.5)
INDICATOR_BREAKS = (2.0, 4.0, 6.0, 8.0)


def goalpost_scores(
    values: npt.ArrayLike, *, low: float, high: float, direction: int = 1
) -> npt.NDArray[np.float64]:
    """Indicator values → 0–10 by fixed goalposts, clipped (``n_goalposts``, scale 10).

    Parameters
    ----------
    values : array-like of float, shape (n,)
        Original units; NaN stays NaN.
    low, high : float
        Goalposts in original units, ``high > low``.
    direction : {1, -1}
        +1: ``high`` maps to 10; −1: ``low`` maps to 10 (10 = worst).

    Returns
    -------
    ndarray of float, shape (n,), in [0, 10]

    Raises
    ------
    InputError
        ``invalid_goalposts`` unless low < high; ``invalid_direction``.
    """
    if not high > low:
        raise InputError(
            "invalid_goalposts", f"goalposts need low < high, got {low} and {high}"
        )
    if direction not in (1, -1):
        raise InputError("invalid_direction", f"direction {direction} is not 1 or -1")
    x = np.asarray(values, dtype=float)
    share = (x - low) / (high - low) if direction == 1 else (high - x) / (high - low)
    return np.asarray(10 * np.clip(share, 0, 1), dtype=float)


def inform_geometric_mean(
    dimensions: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> pd.Series:
    """Weighted geometric mean (Π x_d^{w_d})^{1/Σw} of 0–10 dimensions.

    Unlike COINr ``a_gmean`` a dimension of 0 gives 0 (INFORM's
    (H&E · V · LCC)^{1/3}). Weights are renormalised over the non-missing
    dimensions of each row; a row with every dimension missing is missing.

    Parameters
    ----------
    dimensions : DataFrame, rows × dimensions (float, 0–10)
    weights : mapping of column → weight ≥ 0, optional (default all 1)

    Returns
    -------
    Series of float, 0–10, same index

    Raises
    ------
    InputError
        ``out_of_range`` for a value outside 0–10 (naming column and row);
        ``invalid_weight`` for a negative or unknown weight.
    """
    given = dict(weights or {})
    unknown = sorted(set(given) - set(dimensions.columns))
    if unknown:
        raise InputError(
            "invalid_weight", f"weight for unknown dimension {unknown[0]!r}"
        )
    w = np.array([float(given.get(c, 1.0)) for c in dimensions.columns])
    if (w < 0).any():
        raise InputError("invalid_weight", "weights must be ≥ 0")
    x = dimensions.to_numpy(dtype=float)
    outside = ~np.isnan(x) & ((x < 0) | (x > 10))
    if outside.any():
        row, col = np.argwhere(outside)[0]
        raise InputError(
            "out_of_range",
            f"{x[row, col]} is outside 0–10",
            column=str(dimensions.columns[col]),
            row=int(row) + 1,
        )
    present = ~np.isnan(x)
    total = present @ w
    with np.errstate(divide="ignore"):
        logs = np.where(present, np.log(np.where(present, x, 1.0)), 0.0)
    # A zero weight must not turn ln 0 = −inf into NaN.
    weighted = (np.where(w > 0, logs, 0.0) * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.exp(weighted / total)
    return pd.Series(np.where(total > 0, result, np.nan), index=dimensions.index)


def risk_class(scores: npt.ArrayLike) -> npt.NDArray[np.object_]:
    """Fixed map classes of a 0–10 risk score (never quantiles).

    very_low < 2.0 ≤ low < 3.5 ≤ medium < 5.0 ≤ high < 6.5 ≤ very_high.

    Parameters
    ----------
    scores : array-like of float, shape (n,)

    Returns
    -------
    ndarray of object, shape (n,)
        One of ``RISK_CLASSES`` per score, ``None`` where the score is missing.
    """
    return _classes(scores, RISK_BREAKS, RISK_CLASSES)


def indicator_class(scores: npt.ArrayLike) -> npt.NDArray[np.object_]:
    """Map class of a 0–10 indicator: breaks 0–2–4–6–8–10, classes 1 … 5.

    Returns
    -------
    ndarray of object, shape (n,)
        1 for [0, 2), 2 for [2, 4), … 5 for [8, 10]; ``None`` where missing.
    """
    return _classes(scores, INDICATOR_BREAKS, (1, 2, 3, 4, 5))


def _classes(
    scores: npt.ArrayLike, breaks: tuple[float, ...], labels: tuple[object, ...]
) -> npt.NDArray[np.object_]:
    x = np.asarray(scores, dtype=float)
    outside = ~np.isnan(x) & ((x < 0) | (x > 10))
    if outside.any():
        row = int(np.flatnonzero(outside)[0]) + 1
        raise InputError("out_of_range", f"{x[row - 1]} is outside 0–10", row=row)
    index = np.searchsorted(np.asarray(breaks), x, side="right")
    out = np.array(
        [labels[i] for i in np.minimum(index, len(labels) - 1)], dtype=object
    )
    out[np.isnan(x)] = None
    return out
