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

from hromada.core._survey_cells import Cells, sum_by
from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_replicates import (
    MemberTotals,
    Replicates,
    replicate_df,
    replicate_variance,
)
from hromada.core._survey_taylor import UnitTotals, group_pairs, taylor_variance
from hromada.core._survey_values import BoolArray, FloatArray, IntArray

Kind = Literal["mean", "total", "ratio"]


@dataclass(frozen=True, slots=True)
class Block:
    """Row values of K columns: ``y`` and ``x`` (ratio denominators) are 0 where
    not valid; ``valid`` is 1.0 where the answer counts; ``centre`` (K,) is any
    value near the column's mean, subtracted for numerical accuracy."""

    kind: Kind
    y: FloatArray
    x: FloatArray | None
    valid: FloatArray
    centre: FloatArray
    share: BoolArray  # (K,) proportions, whose intervals are on the logit scale


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
    """One pass over the rows for the whole block."""
    k = block.valid.shape[1]
    if block.kind == "ratio" and block.x is not None:
        y, x = block.y, block.x
        stacked = cells.weighted @ np.hstack([y, x, block.valid, y * y, x * y, x * x])
        parts = np.hsplit(stacked, 6)
        y_sum, x_sum, weight, yy, xy, xx = parts
    else:
        centred = (block.y - block.centre) * block.valid
        stacked = cells.weighted @ np.hstack([centred, block.valid, centred * centred])
        y_sum, weight, yy = np.hsplit(stacked, 3)
        x_sum, xy, xx = weight, None, None
    counts = np.hstack([cells.positive @ block.valid, cells.rows @ block.valid])
    return CellSums(
        y=y_sum,
        x=x_sum,
        weight=weight,
        yy=yy,
        xy=xy,
        xx=xx,
        positive=counts[:, :k],
        rows=counts[:, k:],
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


def domain_result(block: Block, sums: CellSums, domain: IntArray, size: int) -> tuple[
    DomainResult, CellSums
]:
    """Domain estimates and SRS variances; also the domain-level sums."""
    keep = domain >= 0
    index = domain[keep]

    def total(values: FloatArray | None) -> FloatArray:
        assert values is not None
        return sum_by(index, values[keep], size)

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
        srs = s2 / n
        fraction = np.where(weight > n, (weight - n) / weight, np.nan)
    return (
        DomainResult(
            estimate=estimate,
            weight=weight,
            n=n,
            rows=d.rows,
            srs_variance=srs,
            srs_fraction=fraction,
        ),
        d,
    )


def _estimate(block: Block, d: CellSums) -> tuple[FloatArray, FloatArray]:
    """Estimate and sum of w (u - u-bar)^2 of the linearised variable u."""
    if block.kind == "ratio":
        assert d.xy is not None and d.xx is not None
        ratio = d.y / d.x
        squares = d.yy - 2 * ratio * d.xy + ratio * ratio * d.xx
        # The ratio's u = (y - R x)/X-hat: its s^2 is on that scale.
        return ratio, squares / (d.x * d.x)
    mean = d.y / d.weight
    squares = d.yy - mean * d.y
    if block.kind == "mean":
        return block.centre + mean, squares
    return d.y + block.centre * d.weight, squares


def cell_scores(
    block: Block, sums: CellSums, domain_sums: CellSums, estimate: FloatArray,
    domain: IntArray,
) -> FloatArray:
    """Score totals z per cell in its domain (rows: cells with a domain)."""
    keep = domain >= 0
    index = domain[keep]
    with np.errstate(divide="ignore", invalid="ignore"):
        if block.kind == "total":
            z = sums.y[keep] + block.centre * sums.weight[keep]
        elif block.kind == "mean":
            shifted = (estimate - block.centre)[index]
            z = (sums.y[keep] - shifted * sums.weight[keep]) / domain_sums.weight[index]
        else:
            z = (sums.y[keep] - estimate[index] * sums.x[keep]) / domain_sums.x[index]
    # A domain without valid answers has no estimate; its zeros stay zeros.
    return np.where(np.isfinite(z), z, 0.0)


def target_result(
    design: ResolvedDesign,
    replicates: Replicates | None,
    block: Block,
    cells: Cells,
    sums: CellSums,
    domain: IntArray,
    members: Members,
    scores: FloatArray,
) -> TargetResult:
    """Variance and df of every target of one grouping."""
    keep = domain >= 0
    member = domain[keep]
    target = members.target[member]
    used = target >= 0
    target, member = target[used], member[used]
    unit, psu = cells.unit[keep][used], cells.psu[keep][used]
    positive, rows = sums.positive[keep][used], sums.rows[keep][used]
    t_index, t_target, t_psu = group_pairs(target, psu, design.n_psu)
    present = sum_by(t_index, positive, t_target.size) > 0
    if replicates is None:
        z = scores[used] * members.coef[member][:, None]
        u_index, u_target, u_unit = group_pairs(target, unit, _units(design))
        totals = UnitTotals(
            target=u_target,
            unit=u_unit,
            z=sum_by(u_index, z, u_target.size),
            rows=sum_by(u_index, rows, u_target.size),
        )
        variance = taylor_variance(design, totals, members.n_targets)
        df = _design_df(design, t_target, t_psu, present, members.n_targets)
        nothing = np.full_like(variance, np.nan)
        return TargetResult(variance, nothing, df, np.zeros_like(variance))
    totals_r = _member_totals(design, block, cells, sums, keep, used, member, members)
    variance, logit, dropped = replicate_variance(
        design, replicates, totals_r, members.n_targets
    )
    df = replicate_df(design, replicates, t_target, t_psu, present, members.n_targets)
    return TargetResult(variance, logit, df, dropped)


def _units(design: ResolvedDesign) -> int:
    if design.stage2 and design.ssu_psu is not None:
        return int(design.ssu_psu.size)
    return design.n_psu


def _design_df(
    design: ResolvedDesign,
    target: IntArray,
    psu: IntArray,
    present: BoolArray,
    n_targets: int,
) -> FloatArray:
    """PSUs minus strata with valid, positively weighted rows (R ``degf``)."""
    flags = present.astype(np.float64)
    psus = sum_by(target, flags, n_targets)
    index, h_target, _ = group_pairs(target, design.psu_stratum[psu], design.n_strata)
    strata_present = sum_by(index, flags, h_target.size) > 0
    strata = sum_by(h_target, strata_present.astype(np.float64), n_targets)
    return psus - strata


def _member_totals(
    design: ResolvedDesign,
    block: Block,
    cells: Cells,
    sums: CellSums,
    keep: BoolArray,
    used: BoolArray,
    member: IntArray,
    members: Members,
) -> MemberTotals:
    psu = cells.psu[keep][used]
    index, pair_member, pair_psu = group_pairs(member, psu, design.n_psu)
    size = pair_member.size
    y, x = sums.y[keep][used], sums.x[keep][used]
    if block.kind == "total":
        y = y + block.centre * x
    offset = block.centre if block.kind == "mean" else np.zeros_like(block.centre)
    return MemberTotals(
        pair_member=pair_member,
        pair_psu=pair_psu,
        numerator=sum_by(index, y, size),
        denominator=sum_by(index, x, size),
        offset=offset,
        ratio=block.kind != "total",
        target=members.target,
        coef=members.coef,
        logit=block.share & (block.kind == "mean"),
    )
