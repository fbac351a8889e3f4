"""Jackknife replicate variance (JK1, JKn; §1.8) without replicate weights.

A JK replicate zeroes one PSU a of stratum h and multiplies the rest of h by
g_h = n_h/(n_h - 1), so a domain total under that replicate is
T - T_h + g_h (T_h - T_ha), from the domain's total, stratum total and PSU total.
A replicate in a stratum the target never reaches reproduces the full-sample
estimate, so only replicates of reached strata are enumerated; the others enter
the mean and the sum of squares in closed form.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hromada.core._errors import InputError
from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_sums import Aggregator
from hromada.core._survey_values import BoolArray, FloatArray, IntArray


@dataclass(frozen=True, slots=True)
class Replicates:
    """The replicate structure of a design, per stratum."""

    replicated: BoolArray  # (H,) stratum has one replicate per PSU
    factor: FloatArray  # (H,) g_h
    rscale: FloatArray  # (H,) rscale of each of its replicates
    adjusted: IntArray  # lonely strata with an ``adjust`` replicate
    adjust_factor: float  # H/(H - 1)
    adjust_rscale: float  # (H - 1)/H
    scale: float
    count: int  # replicates in all
    rscale_total: float
    psu_order: IntArray  # PSUs sorted by stratum
    psu_start: IntArray  # (H + 1,) offsets into psu_order
    mse: bool


def build_replicates(design: ResolvedDesign) -> Replicates:
    """JK1 or JKn replicates of ``design`` (R ``jk1weights``/``jknweights``)."""
    n_h, f_h = design.n_h, design.f_h
    strata = design.n_strata
    replicated = (n_h > 1) & ~design.certain_h
    factor = n_h / np.maximum(n_h - 1, 1)
    if design.declaration.replicates == "jk1":
        rscale = np.ones(strata)
        scale = float((n_h[0] - 1) / n_h[0] * (1.0 - f_h[0]))
    else:
        rscale = (n_h - 1) / n_h * (1.0 - f_h)
        scale = 1.0
    option = design.declaration.lonely_psu
    adjusted = np.flatnonzero(design.lonely_h) if option == "adjust" else np.empty(0)
    if adjusted.size and strata < 2:
        raise InputError("no_replicates", "the design has only one PSU")
    count = int(n_h[replicated].sum()) + adjusted.size
    if count == 0:
        raise InputError(
            "no_replicates",
            "no stratum yields jackknife replicates (every stratum is a census "
            "or has one PSU)",
            column=design.declaration.strata,
        )
    if option == "average" and count < design.n_psu:
        scale *= design.n_psu / count
    adjust_rscale = (strata - 1) / strata
    order = np.argsort(design.psu_stratum, kind="stable").astype(np.intp)
    start = np.concatenate([[0], np.cumsum(n_h)]).astype(np.intp)
    return Replicates(
        replicated=replicated,
        factor=factor,
        rscale=np.where(replicated, rscale, 0.0),
        adjusted=adjusted.astype(np.intp),
        adjust_factor=strata / max(strata - 1, 1),
        adjust_rscale=adjust_rscale,
        scale=scale,
        count=count,
        rscale_total=float((n_h * np.where(replicated, rscale, 0.0)).sum())
        + adjusted.size * adjust_rscale,
        psu_order=order,
        psu_start=start,
        mse=design.declaration.mse,
    )


def _lookup(keys: IntArray, wanted: IntArray) -> tuple[IntArray, BoolArray]:
    """Positions of ``wanted`` in sorted ``keys``, and whether each was found."""
    # A sentinel past every key keeps positions valid, even with no keys at all.
    padded = np.append(keys, np.iinfo(np.int64).max)
    position = np.searchsorted(padded, wanted).astype(np.intp)
    return position, padded[position] == wanted


def _gather(values: FloatArray, position: IntArray, found: BoolArray) -> FloatArray:
    padded = np.vstack([values, np.zeros((1, values.shape[1]))])
    return np.where(found[:, None], padded[position], 0.0)


@dataclass(frozen=True, slots=True)
class _Enumerated:
    """Replicate rows reaching some target, one per (replicate, member) item."""

    target: IntArray  # per replicate row
    rscale: FloatArray  # per replicate row
    row: IntArray  # per item: its replicate row
    member: IntArray  # per item
    factor: FloatArray  # per item: g_h, or H/(H - 1) for adjust replicates
    adjust: BoolArray  # per item: an adjust replicate (stratum zeroed)
    stratum_at: tuple[IntArray, BoolArray]  # T_jh lookup
    psu_at: tuple[IntArray, BoolArray]  # T_ja lookup (not for adjust items)
    to_row: Aggregator  # items -> replicate rows
    to_target: Aggregator  # replicate rows -> targets


class ReplicatePlan:
    """Jackknife variances of targets fed by member domains (§1.8).

    Built once per grouping from the (member, PSU) pairs with rows; called per
    column block with those pairs' numerator and denominator totals.
    """

    def __init__(
        self,
        design: ResolvedDesign,
        replicates: Replicates,
        pair_member: IntArray,
        pair_psu: IntArray,
        target: IntArray,
        coef: FloatArray,
    ) -> None:
        self.replicates = replicates
        self.coef = coef
        self.n_targets = int(target.max(initial=-1)) + 1
        members = target.size
        strata = design.n_strata
        self.to_member = Aggregator(pair_member, members)
        jh = pair_member.astype(np.int64) * strata + design.psu_stratum[pair_psu]
        self.jh_keys, inverse = np.unique(jh, return_inverse=True)
        self.to_stratum = Aggregator(inverse.astype(np.intp), self.jh_keys.size)
        ja = pair_member.astype(np.int64) * design.n_psu + pair_psu
        self.ja_order = np.argsort(ja).astype(np.intp)
        self.ja_keys = ja[self.ja_order]
        self.items = _enumerate(design, replicates, self, target)

    def __call__(
        self,
        numerator: FloatArray,
        denominator: FloatArray,
        offset: FloatArray,
        ratio: bool,
        logit: BoolArray,
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Variance (targets x K), variance of the logit (NaN outside ``logit``
        columns: R's ``svyciprop`` fits the logit on each replicate), and the
        number of replicates dropped for giving no estimate (as R drops NA)."""
        k = numerator.shape[1]
        pairs = np.hstack([numerator, denominator])
        member = self.to_member(pairs)
        jh = self.to_stratum(pairs)
        ja = pairs[self.ja_order]
        items = self.items
        full = _estimate(member, k, offset, ratio)
        t_h = _gather(jh, *items.stratum_at)
        t_a = np.where(items.adjust[:, None], t_h, _gather(ja, *items.psu_at))
        g = items.factor[:, None]
        value = np.where(
            items.adjust[:, None],
            g * (member[items.member] - t_h),
            member[items.member] - t_h + g * (t_h - t_a),
        )
        estimate = _estimate(value, k, offset, ratio)
        difference = estimate - full[items.member]
        if logit.any():
            with np.errstate(divide="ignore", invalid="ignore"):
                change = _logit(estimate[:, logit]) - _logit(
                    full[items.member][:, logit]
                )
            difference = np.hstack([difference, change])
        signed = self.coef[items.member][:, None] * difference
        delta = items.to_row(signed)
        variance, dropped = _combine(self.replicates, items, delta, self.n_targets)
        logit_variance = np.full((self.n_targets, k), np.nan)
        logit_variance[:, logit] = variance[:, k:]
        return variance[:, :k], logit_variance, dropped[:, :k]


def _estimate(
    totals: FloatArray, k: int, offset: FloatArray, ratio: bool
) -> FloatArray:
    """offset + N/D (means, ratios) or N (totals) from [N | D] columns."""
    if not ratio:
        return totals[:, :k]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(offset + totals[:, :k] / totals[:, k:], dtype=np.float64)


def _logit(p: FloatArray) -> FloatArray:
    return np.asarray(np.log(p / (1 - p)), dtype=np.float64)


def _enumerate(
    design: ResolvedDesign,
    replicates: Replicates,
    plan: ReplicatePlan,
    target: IntArray,
) -> _Enumerated:
    """The replicates that reach each target, expanded over its members."""
    strata = design.n_strata
    member_of_jh = (plan.jh_keys // strata).astype(np.intp)
    th = np.unique(
        target[member_of_jh].astype(np.int64) * strata + plan.jh_keys % strata
    )
    th = th[(th >= 0) & replicates.replicated[th % strata]]
    t, h = (th // strata).astype(np.intp), (th % strata).astype(np.intp)
    size = design.n_h[h]
    rep_t, rep_h = np.repeat(t, size), np.repeat(h, size)
    position = np.arange(rep_t.size) - np.repeat(np.cumsum(size) - size, size)
    rep_a = replicates.psu_order[replicates.psu_start[rep_h] + position]
    rscale = replicates.rscale[rep_h]
    adjust = np.zeros(rep_t.size, dtype=bool)
    if replicates.adjusted.size:
        lonely = replicates.adjusted
        extra_t = np.repeat(np.arange(plan.n_targets, dtype=np.intp), lonely.size)
        rep_t = np.concatenate([rep_t, extra_t])
        rep_h = np.concatenate([rep_h, np.tile(lonely, plan.n_targets)])
        rep_a = np.concatenate([rep_a, np.zeros(extra_t.size, dtype=np.intp)])
        rscale = np.concatenate(
            [rscale, np.full(extra_t.size, replicates.adjust_rscale)]
        )
        adjust = np.concatenate([adjust, np.ones(extra_t.size, dtype=bool)])
    row, member = _member_rows(target, rep_t)
    factor = np.where(
        adjust[row], replicates.adjust_factor, replicates.factor[rep_h[row]]
    )
    key_h = member.astype(np.int64) * strata + rep_h[row]
    key_a = member.astype(np.int64) * design.n_psu + rep_a[row]
    return _Enumerated(
        target=rep_t,
        rscale=rscale,
        row=row,
        member=member,
        factor=factor,
        adjust=adjust[row],
        stratum_at=_lookup(plan.jh_keys, key_h),
        psu_at=_lookup(plan.ja_keys, key_a),
        to_row=Aggregator(row, rep_t.size),
        to_target=Aggregator(rep_t, plan.n_targets),
    )


def _member_rows(target: IntArray, rep_target: IntArray) -> tuple[IntArray, IntArray]:
    """One item per (replicate row, member of that row's target)."""
    used = np.flatnonzero(target >= 0)
    by_target = used[np.argsort(target[used], kind="stable")]
    count = np.bincount(target[used], minlength=int(rep_target.max(initial=-1)) + 1)
    start = np.concatenate([[0], np.cumsum(count)])
    per_row = count[rep_target]
    row = np.repeat(np.arange(rep_target.size), per_row)
    offset = np.arange(row.size) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return row.astype(np.intp), by_target[start[rep_target][row] + offset].astype(
        np.intp
    )


def _combine(
    replicates: Replicates, items: _Enumerated, delta: FloatArray, n_targets: int
) -> tuple[FloatArray, FloatArray]:
    """scale * sum_r rscale_r (delta_r - mean delta)^2 over all replicates, the
    unreached ones having delta = 0."""
    target, rscale, to_target = items.target, items.rscale, items.to_target
    valid = np.isfinite(delta)
    clean = np.where(valid, delta, 0.0)
    dropped = to_target((~valid).astype(np.float64))
    if replicates.mse:
        mean = np.zeros((n_targets, delta.shape[1]))
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = to_target(clean) / (replicates.count - dropped)
    deviation = np.where(valid, clean - mean[target], 0.0)
    reached = to_target(rscale)
    squares = to_target(rscale[:, None] * deviation * deviation)
    squares += (replicates.rscale_total - reached)[:, None] * mean * mean
    return replicates.scale * squares, dropped
