"""Estimates, variances, design effects and df for one block of value columns.

A block holds K value columns of one statistic (numeric variables, or the 0/1
indicators of categorical levels). Rows are summed into cells once; each
grouping then works on cell sums: domain estimates, cell scores z (§1.2, the
domain's scores being zero outside it, §1.4), and the variance of score
totals by Taylor linearisation or jackknife replicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from hromada.core._survey_cells import Cells
from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_df import DfPlan
from hromada.core._survey_replicates import ReplicatePlan, Replicates
from hromada.core._survey_sums import Aggregator, group_pairs
from hromada.core._survey_taylor import TaylorPlan
from hromada.core._survey_values import BoolArray, FloatArray, IntArray

Kind = Literal["mean", "total", "ratio"]


@dataclass(frozen=True, slots=True)
class Block:
    """Row values of K columns, as (K, n) arrays with rows in cell order.

    ``y`` and ``x`` (ratio denominators) are 0 where not valid; ``valid`` is 1.0
    where the answer counts; ``centre`` (K,) is any value near the column's mean,
    subtracted for numerical accuracy; ``share`` marks proportions.
    """

    kind: Kind
    y: FloatArray
    x: FloatArray | None
    valid: FloatArray
    centre: FloatArray
    share: BoolArray


@dataclass(frozen=True, slots=True)
class CellSums:
    """Per cell (C x K): weighted sums and counts of valid rows."""

    y: FloatArray  # sum w (y - c) for mean/total, sum w y for ratio
    x: FloatArray  # sum w v, or sum w x for ratio
    weight: FloatArray  # sum w v
    yy: FloatArray  # sum w (y - c)^2, or sum w y^2 for ratio
    xy: FloatArray | None
    xx: FloatArray | None
    positive: FloatArray  # valid rows with w > 0
    rows: FloatArray  # valid rows, any weight


def cell_sums(cells: Cells, block: Block) -> CellSums:
    """One pass over the rows for the whole block; each row-sized product is
    reduced to cells as soon as it is made, to keep memory flat."""
    w, valid = cells.weights, block.valid
    weight = cells.reduce(w * valid)
    positive = cells.reduce(valid * (w > 0))
    rows = cells.reduce(valid)
    if block.kind == "ratio" and block.x is not None:
        y, x = block.y, block.x
        wy, wx = w * y, w * x
        return CellSums(
            y=cells.reduce(wy),
            x=cells.reduce(wx),
            weight=weight,
            yy=cells.reduce(wy * y),
            xy=cells.reduce(wx * y),
            xx=cells.reduce(wx * x),
            positive=positive,
            rows=rows,
        )
    centred = block.y - block.centre[:, None] * valid
    wy = w * centred
    return CellSums(
        y=cells.reduce(wy),
        x=weight,
        weight=weight,
        yy=cells.reduce(wy * centred),
        xy=None,
        xx=None,
        positive=positive,
        rows=rows,
    )


@dataclass(frozen=True, slots=True)
class Members:
    """Which target each domain of a grouping feeds, with what sign.

    A plain estimate is its own target (coef 1); a contrast D1 - D2 is one target
    fed by two domains with coef +1 and -1. ``target`` is -1 for unused domains.
    """

    target: IntArray
    coef: FloatArray
    n_targets: int


@dataclass(frozen=True, slots=True)
class DomainResult:
    """Per domain (D x K)."""

    estimate: FloatArray
    weight: FloatArray  # N-hat: sum of w over valid rows
    n: FloatArray  # valid rows with w > 0
    rows: FloatArray  # valid rows of any weight
    srs_variance: FloatArray  # s^2_w scaled as the statistic, without fpc (wr)
    srs_fraction: FloatArray  # (N - n)/N, NaN when N <= n


@dataclass(frozen=True, slots=True)
class TargetResult:
    """Per target (T x K)."""

    variance: FloatArray
    logit_variance: FloatArray  # replicate variance of the logit, NaN otherwise
    df: FloatArray
    dropped: FloatArray  # replicates discarded (no estimate)


class GroupPlan:
    """Everything about one grouping that does not depend on the values: which
    cells feed which domains, targets, units and PSUs. Built once, used for
    every column block."""

    def __init__(
        self,
        design: ResolvedDesign,
        replicates: Replicates | None,
        cells: Cells,
        domain: IntArray,
        n_domains: int,
        members: Members,
    ) -> None:
        self.domain = domain
        self.anchor = np.maximum(domain, 0)
        self.has = domain >= 0
        self.to_domain = Aggregator(domain, n_domains)
        target = np.where(self.has, members.target[self.anchor], -1)
        coef = np.where(self.has, members.coef[self.anchor], 0.0)
        tp_index, tp_target, tp_psu = group_pairs(target, cells.psu, design.n_psu)
        self.to_target_psu = Aggregator(tp_index, tp_target.size)
        self.df = DfPlan(design, replicates, tp_target, tp_psu, members.n_targets)
        self.taylor: TaylorPlan | None = None
        self.replicate: ReplicatePlan | None = None
        if replicates is None:
            units = _units(design)
            index, u_target, u_unit = group_pairs(target, cells.unit, units)
            self.to_pair = Aggregator(index, u_target.size, scale=coef)
            self.rows_to_pair = Aggregator(index, u_target.size)
            self.taylor = TaylorPlan(design, u_target, u_unit, members.n_targets)
        else:
            member = np.where(target >= 0, domain, -1)
            index, pair_member, pair_psu = group_pairs(member, cells.psu, design.n_psu)
            self.to_pair = Aggregator(index, pair_member.size)
            self.replicate = ReplicatePlan(
                design, replicates, pair_member, pair_psu, members.target, members.coef
            )

    def run(self, block: Block, sums: CellSums) -> tuple[DomainResult, TargetResult]:
        result, domain_sums = self._domains(block, sums)
        present = self.to_target_psu(sums.positive) > 0
        df = self.df(present)
        if self.taylor is not None:
            z = self._scores(block, sums, domain_sums, result.estimate)
            variance = self.taylor(self.to_pair(z), self.rows_to_pair(sums.rows))
            nothing = np.full_like(variance, np.nan)
            return result, TargetResult(variance, nothing, df, np.zeros_like(variance))
        assert self.replicate is not None
        numerator, denominator = sums.y, sums.x
        if block.kind == "total":
            numerator = numerator + block.centre * denominator
        offset = block.centre if block.kind == "mean" else np.zeros_like(block.centre)
        variance, logit, dropped = self.replicate(
            self.to_pair(numerator),
            self.to_pair(denominator),
            offset,
            block.kind != "total",
            block.share & (block.kind == "mean"),
        )
        return result, TargetResult(variance, logit, df, dropped)

    def _domains(self, block: Block, sums: CellSums) -> tuple[DomainResult, CellSums]:
        total = self.to_domain
        d = CellSums(
            y=total(sums.y),
            x=total(sums.x),
            weight=total(sums.weight),
            yy=total(sums.yy),
            xy=None if sums.xy is None else total(sums.xy),
            xx=None if sums.xx is None else total(sums.xx),
            positive=total(sums.positive),
            rows=total(sums.rows),
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            estimate, squares = _estimate(block, d)
            n, weight = d.positive, d.weight
            s2 = np.where(n > 1, n / (n - 1) * squares / weight, np.nan)
            if block.kind != "mean":
                s2 = s2 * weight * weight
            fraction = np.where(weight > n, (weight - n) / weight, np.nan)
        result = DomainResult(
            estimate=estimate,
            weight=weight,
            n=n,
            rows=d.rows,
            srs_variance=s2 / np.where(n > 0, n, np.nan),
            srs_fraction=fraction,
        )
        return result, d

    def _scores(
        self, block: Block, sums: CellSums, d: CellSums, estimate: FloatArray
    ) -> FloatArray:
        """Score totals z per cell in its domain (zero for cells in none)."""
        at = self.anchor
        with np.errstate(divide="ignore", invalid="ignore"):
            if block.kind == "total":
                z = sums.y + block.centre * sums.weight
            elif block.kind == "mean":
                shifted = (estimate - block.centre)[at]
                z = (sums.y - shifted * sums.weight) / d.weight[at]
            else:
                z = (sums.y - estimate[at] * sums.x) / d.x[at]
        # A domain without valid answers has no estimate; its cells add nothing.
        return np.where(np.isfinite(z) & self.has[:, None], z, 0.0)


def _estimate(block: Block, d: CellSums) -> tuple[FloatArray, FloatArray]:
    """Estimate and sum of w (u - u-bar)^2 of the linearised variable u."""
    if block.kind == "ratio":
        assert d.xy is not None and d.xx is not None
        ratio = d.y / d.x
        squares = d.yy - 2 * ratio * d.xy + ratio * ratio * d.xx
        squares = np.where(squares <= 1e-12 * d.yy, 0.0, squares)
        # The ratio's u = (y - R x)/X-hat: its s^2 is on that scale.
        return ratio, squares / (d.x * d.x)
    mean = d.y / d.weight
    squares = d.yy - mean * d.y
    # Equal values leave rounding noise, not spread: an exact 0 keeps deff undefined.
    squares = np.where(squares <= 1e-12 * d.yy, 0.0, squares)
    # Adding the centre back leaves rounding noise where the answer is exactly 0.
    if block.kind == "mean":
        estimate = block.centre + mean
        noise = 1e-13 * np.abs(block.centre)
    else:
        estimate = d.y + block.centre * d.weight
        noise = 1e-13 * np.abs(block.centre) * d.weight
    return np.where(np.abs(estimate) <= noise, 0.0, estimate), squares


def _units(design: ResolvedDesign) -> int:
    if design.stage2 and design.ssu_psu is not None:
        return int(design.ssu_psu.size)
    return design.n_psu
