"""Taylor-linearised variance of score totals, one or two stages (§1.3, §1.5).

Inputs are score totals per (target, unit) pair, where a target is a domain or
a contrast of domains and the unit is the finest variance unit. A PSU or SSU
without members of a target is a zero that still counts in n_h and m_ha: the
centred sum over all n_h PSUs is the sum over present ones plus the absent ones'
(n_h - k) Z-bar^2, so absent units are never materialised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.core._survey_cells import sum_by
from hromada.core._survey_design import CERTAINTY_TOLERANCE, ResolvedDesign
from hromada.core._survey_values import BoolArray, FloatArray, IntArray


@dataclass(frozen=True, slots=True)
class UnitTotals:
    """Per (target, unit) pair: target code, unit code, score totals (m x K),
    and counts of valid rows of any weight (m x K)."""

    target: IntArray
    unit: IntArray
    z: FloatArray
    rows: FloatArray


def group_pairs(
    target: IntArray, unit: IntArray, n_units: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Group index of each (target, unit) item, and each group's target and unit."""
    key = target.astype(np.int64) * n_units + unit
    index, uniques = pd.factorize(key)
    uniques = np.asarray(uniques, dtype=np.int64)
    return (
        index.astype(np.intp),
        (uniques // n_units).astype(np.intp),
        (uniques % n_units).astype(np.intp),
    )


def _centred(
    z: FloatArray, index: IntArray, size: int, full: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Group totals, and the sum of squares about the mean of all ``full`` units
    of the group (absent units are zeros)."""
    total = sum_by(index, z, size)
    present = np.bincount(index, minlength=size)
    mean = total / full[:, None]
    deviation = z - mean[index]
    squares = sum_by(index, deviation * deviation, size)
    squares += (full - present)[:, None] * mean * mean
    return total, squares


def _coefficient(
    n: IntArray, f: FloatArray, certain: BoolArray, lonely: BoolArray
) -> FloatArray:
    """(1 - f) n/(n - 1) for ordinary units, 1 - f for lonely ones (used only by
    ``adjust``), 0 for census units."""
    ordinary = np.where(n > 1, n / np.maximum(n - 1, 1), 1.0)
    coefficient = (1.0 - f) * np.where(lonely, 1.0, ordinary)
    return np.where(certain, 0.0, coefficient)


def taylor_variance(
    design: ResolvedDesign, totals: UnitTotals, n_targets: int
) -> FloatArray:
    """Variance (n_targets x K) of each target's score total."""
    option = design.declaration.lonely_psu
    target, psu, z, rows = totals.target, totals.unit, totals.z, totals.rows
    stage2 = np.zeros((n_targets, z.shape[1]))
    if design.stage2 and design.ssu_psu is not None:
        ssu_psu = design.ssu_psu[totals.unit]
        index, target, psu = group_pairs(totals.target, ssu_psu, design.n_psu)
        size = target.size
        total, squares = _centred(z, index, size, design.m_a[psu])
        lonely = design.lonely_a[psu]
        certain = 1.0 - design.f_a[psu] < CERTAINTY_TOLERANCE
        coefficient = design.f_h[design.psu_stratum[psu]] * _coefficient(
            design.m_a[psu], design.f_a[psu], certain, lonely
        )
        squares = np.where(lonely[:, None], total * total, squares)
        if option != "adjust":
            coefficient = np.where(lonely, 0.0, coefficient)
        stage2 = sum_by(target, coefficient[:, None] * squares, n_targets)
        z, rows = total, sum_by(index, rows, size)
    return _stage1(design, target, psu, z, rows, n_targets) + stage2


def _stage1(
    design: ResolvedDesign,
    target: IntArray,
    psu: IntArray,
    z: FloatArray,
    rows: FloatArray,
    n_targets: int,
) -> FloatArray:
    option = design.declaration.lonely_psu
    index, target_h, stratum = group_pairs(
        target, design.psu_stratum[psu], design.n_strata
    )
    size = target_h.size
    total, squares = _centred(z, index, size, design.n_h[stratum])
    lonely = design.lonely_h[stratum]
    coefficient = _coefficient(
        design.n_h[stratum],
        design.f_h[stratum],
        design.certain_h[stratum],
        lonely,
    )
    # adjust centres a lonely PSU at 0 (R 4.1.1), not at the mean of PSU totals.
    squares = np.where(lonely[:, None], total * total, squares)
    if option != "adjust":
        coefficient = np.where(lonely, 0.0, coefficient)
    variance = sum_by(target_h, coefficient[:, None] * squares, n_targets)
    if option == "average":
        present = sum_by(index, rows, size) > 0
        strata = sum_by(target_h, present.astype(np.float64), n_targets)
        lonely_present = present & lonely[:, None]
        ok = strata - sum_by(target_h, lonely_present.astype(np.float64), n_targets)
        with np.errstate(divide="ignore", invalid="ignore"):
            variance = np.where(ok > 0, variance * strata / ok, np.nan)
    return variance
