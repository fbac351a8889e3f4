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

from hromada.core._survey_declaration import CERTAINTY_TOLERANCE
from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_sums import Aggregator, group_pairs
from hromada.core._survey_values import BoolArray, FloatArray, IntArray


def _coefficient(
    n: IntArray, f: FloatArray, certain: BoolArray, lonely: BoolArray
) -> FloatArray:
    """(1 - f) n/(n - 1) for ordinary units, 1 - f for lonely ones, 0 for census
    units."""
    ordinary = np.where(n > 1, n / np.maximum(n - 1, 1), 1.0)
    coefficient = (1.0 - f) * np.where(lonely, 1.0, ordinary)
    return np.asarray(np.where(certain, 0.0, coefficient), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _Stage:
    """Units grouped into their stratum (stage 1) or PSU (stage 2), per target."""

    into: Aggregator  # units -> groups
    full: FloatArray  # units per group in the full design
    coefficient: FloatArray  # per group; lonely groups use Z^2 (adjust)
    lonely: BoolArray
    to_target: Aggregator  # groups -> targets

    def variance(self, z: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Target variances, and the group totals (the next stage's units)."""
        total = self.into(z)
        mean = total / self.full[:, None]
        deviation = z - mean[np.maximum(self.into.index, 0)]
        squares = self.into(deviation * deviation)
        squares += (self.full - self.into.count)[:, None] * mean * mean
        # adjust centres a lonely unit at 0 (R 4.1.1), not at the mean of totals.
        squares = np.where(self.lonely[:, None], total * total, squares)
        return self.to_target(self.coefficient[:, None] * squares), total


class TaylorPlan:
    """Variance of score totals given per (target, unit) pair, unit being the
    SSU at two stages and the PSU otherwise."""

    def __init__(
        self,
        design: ResolvedDesign,
        target: IntArray,
        unit: IntArray,
        n_targets: int,
    ) -> None:
        option = design.declaration.lonely_psu
        self.stage2: _Stage | None = None
        psu = unit
        if design.stage2 and design.ssu_psu is not None:
            index, target, psu = group_pairs(target, design.ssu_psu[unit], design.n_psu)
            lonely = design.lonely_a[psu]
            certain = 1.0 - design.f_a[psu] < CERTAINTY_TOLERANCE
            coefficient = design.f_h[design.psu_stratum[psu]] * _coefficient(
                design.m_a[psu], design.f_a[psu], certain, lonely
            )
            if option != "adjust":
                coefficient = np.where(lonely, 0.0, coefficient)
            self.stage2 = _Stage(
                into=Aggregator(index, target.size),
                full=design.m_a[psu].astype(np.float64),
                coefficient=coefficient,
                lonely=lonely,
                to_target=Aggregator(target, n_targets),
            )
        index, target_h, stratum = group_pairs(
            target, design.psu_stratum[psu], design.n_strata
        )
        lonely = design.lonely_h[stratum]
        coefficient = _coefficient(
            design.n_h[stratum], design.f_h[stratum], design.certain_h[stratum], lonely
        )
        if option != "adjust":
            coefficient = np.where(lonely, 0.0, coefficient)
        self.stage1 = _Stage(
            into=Aggregator(index, target_h.size),
            full=design.n_h[stratum].astype(np.float64),
            coefficient=coefficient,
            lonely=lonely,
            to_target=Aggregator(target_h, n_targets),
        )
        self.average = option == "average"

    def __call__(self, z: FloatArray, rows: FloatArray) -> FloatArray:
        """Variance (targets x K) from pair score totals and valid-row counts."""
        extra: FloatArray | float = 0.0
        if self.stage2 is not None:
            extra, z = self.stage2.variance(z)
            rows = self.stage2.into(rows)
        variance, _ = self.stage1.variance(z)
        if self.average:
            # R scales by strata reached / strata with two or more PSUs.
            stage = self.stage1
            present = (stage.into(rows) > 0).astype(np.float64)
            strata = stage.to_target(present)
            ok = strata - stage.to_target(present * stage.lonely[:, None])
            with np.errstate(divide="ignore", invalid="ignore"):
                variance = np.where(ok > 0, variance * strata / ok, np.nan)
        return np.asarray(variance + extra, dtype=np.float64)
