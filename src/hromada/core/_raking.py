"""Raking survey weights to population margins (iterative proportional fitting).

As R ``survey::rake``: post-stratify on each margin in turn, w_i ← w_i · T_l /
Σ_{j: x_j = l} w_j for every level l of the margin, and repeat until every margin
is met. The result does not depend on the order of the margins once converged.
Unlike R, a respondent whose category is missing in a margin (sex "other or
prefer not to say", no answer) is not refused: the margins are met by the
respondents with a category in every margin, and the others keep their
starting weight times the mean factor of the raked respondents, so the
population total grows by their share and no group is pushed towards zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.core._errors import InputError

# Margins entered by hand from two statistical sources rarely agree exactly.
TOTALS_TOLERANCE = 0.02


@dataclass(frozen=True, slots=True)
class Raking:
    """Raked weights and how the iteration went.

    Attributes
    ----------
    weights : Series of float
        Same index as the frame, population-scaled.
    iterations : int
        Passes over all margins.
    converged : bool
        Every margin met to ``tol`` (relative) within ``max_iter`` passes.
    margins : mapping
        The margins used: column → level → population total.
    """

    weights: pd.Series
    iterations: int
    converged: bool
    margins: Mapping[str, Mapping[str, float]]


def rake_weights(
    frame: pd.DataFrame,
    margins: Mapping[str, Mapping[str, float]],
    *,
    weights: pd.Series | None = None,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> Raking:
    """Rake weights so that weighted counts match population margins.

    Parameters
    ----------
    frame : DataFrame, one row per respondent
        One column per margin (e.g. ``D1`` sex, ``D2`` age group), holding
        the level as text; missing or unlisted-as-missing levels are left out.
    margins : mapping of column → {level: population total}
        Every level that occurs in the column must have a total; a level
        without respondents must have total 0. The margins' grand totals must
        agree within 2 %; the later margins are scaled to the first one's total.
    weights : Series of float, optional
        Starting (design) weights, positive; default 1 for everyone.
    max_iter : int
    tol : float
        Largest relative gap |Σw − T|/T over all levels at which to stop.

    Returns
    -------
    Raking

    Raises
    ------
    InputError
        ``missing_column``, ``no_margins``, ``missing_margin`` (a level in the
        data without a total; ``column`` names the margin), ``bad_margin`` (a
        negative or non-finite total), ``empty_cell`` (a positive total but
        no respondent), ``margin_totals_differ``, ``not_positive`` (a weight).
    """
    if not margins:
        raise InputError("no_margins", "give at least one margin")
    start = _start(frame, weights)
    complete = np.ones(len(frame), dtype=bool)
    for column in margins:
        if column in frame.columns:
            complete &= frame[column].notna().to_numpy()
    w = start.copy()
    steps = [
        _margin(frame, column, totals, complete) for column, totals in margins.items()
    ]
    _check_totals(margins)
    # Figures from two sources rarely add up to the same person: the first
    # margin's total stands, the others are scaled to it.
    grand = sum(steps[0][1])
    steps = [
        (masks, [t * grand / sum(targets) for t in targets]) for masks, targets in steps
    ]
    iterations, converged = 0, False
    while iterations < max_iter and not converged:
        iterations += 1
        for masks, targets in steps:
            for mask, target in zip(masks, targets, strict=True):
                current = w[mask].sum()
                if current > 0:
                    w[mask] *= target / current
        converged = _gap(w, steps) <= tol
    if (~complete).any():
        factor = w[complete].sum() / start[complete].sum()
        w[~complete] = start[~complete] * factor
    clean = {c: {str(k): float(v) for k, v in t.items()} for c, t in margins.items()}
    return Raking(pd.Series(w, index=frame.index), iterations, converged, clean)


def _start(frame: pd.DataFrame, weights: pd.Series | None) -> np.ndarray:
    if weights is None:
        return np.ones(len(frame))
    w = pd.to_numeric(weights, errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(w) | (w <= 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0]) + 1
        raise InputError(
            "not_positive", f"row {row}: a weight must be above 0", row=row
        )
    return w.copy()


def _margin(
    frame: pd.DataFrame,
    column: str,
    totals: Mapping[str, float],
    complete: np.ndarray,
) -> tuple[list[np.ndarray], list[float]]:
    if column not in frame.columns:
        raise InputError("missing_column", f"missing column {column!r}", column=column)
    values = frame[column].astype(object).where(frame[column].notna(), None)
    present = {str(v) for v in values if v is not None}
    unknown = sorted(present - {str(level) for level in totals})
    if unknown:
        raise InputError(
            "missing_margin",
            f"{column}: the level {unknown[0]!r} has respondents but no total",
            column=column,
        )
    masks, targets = [], []
    for level, total in totals.items():
        target = float(total)
        if not np.isfinite(target) or target < 0:
            raise InputError(
                "bad_margin",
                f"{column}={level}: the total must be 0 or more",
                column=column,
            )
        mask = (values.astype(str) == str(level)).to_numpy() & complete
        if target > 0 and not mask.any():
            raise InputError(
                "empty_cell",
                f"{column}={level}: a total of {target:g} but no respondent",
                column=column,
            )
        masks.append(mask)
        targets.append(target)
    return masks, targets


def _check_totals(margins: Mapping[str, Mapping[str, float]]) -> None:
    sums = [sum(float(v) for v in totals.values()) for totals in margins.values()]
    if max(sums) <= 0:
        raise InputError("bad_margin", "the margins add up to 0")
    if (max(sums) - min(sums)) / max(sums) > TOTALS_TOLERANCE:
        names = ", ".join(f"{c} {s:g}" for c, s in zip(margins, sums, strict=True))
        raise InputError(
            "margin_totals_differ",
            f"the margins describe different populations ({names})",
        )


def _gap(w: np.ndarray, steps: list[tuple[list[np.ndarray], list[float]]]) -> float:
    gaps = [
        abs(w[mask].sum() - target) / target
        for masks, targets in steps
        for mask, target in zip(masks, targets, strict=True)
        if target > 0
    ]
    return float(max(gaps))
