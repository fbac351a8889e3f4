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
from hromada.core._survey_cells import sum_by
from hromada.core._survey_design import ResolvedDesign
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
    )


@dataclass(frozen=True, slots=True)
class MemberTotals:
    """Linearisable totals of member domains per PSU.

    A member's estimate is ``offset + N/D`` (means, ratios) or ``N`` (totals);
    ``pair_*`` index the (member, PSU) pairs with rows; ``target`` and ``coef``
    say which target each member belongs to and with what sign.
    """

    pair_member: IntArray
    pair_psu: IntArray
    numerator: FloatArray  # (pairs, K)
    denominator: FloatArray  # (pairs, K)
    offset: FloatArray  # (K,)
    ratio: bool
    target: IntArray  # (J,)
    coef: FloatArray  # (J,)
    logit: BoolArray  # (K,) columns whose logit also gets a replicate variance


def _lookup(keys: np.ndarray, values: FloatArray, wanted: np.ndarray) -> FloatArray:
    """Rows of ``values`` at sorted ``keys`` equal to ``wanted``; zeros elsewhere."""
    position = np.searchsorted(keys, wanted)
    position = np.minimum(position, max(keys.size - 1, 0))
    found = keys[position] == wanted if keys.size else np.zeros(wanted.size, bool)
    out = np.zeros((wanted.size, values.shape[1]))
    out[found] = values[position[found]]
    return out


class _Sums:
    """Per-member totals T_j, per (member, stratum) T_jh and per pair T_ja."""

    def __init__(self, design: ResolvedDesign, totals: MemberTotals) -> None:
        members = totals.target.size
        stacked = np.hstack([totals.numerator, totals.denominator])
        self.k = totals.numerator.shape[1]
        self.member = sum_by(totals.pair_member, stacked, members)
        stratum = design.psu_stratum[totals.pair_psu]
        jh = totals.pair_member.astype(np.int64) * design.n_strata + stratum
        self.jh_keys, inverse = np.unique(jh, return_inverse=True)
        self.jh = sum_by(inverse.astype(np.intp), stacked, self.jh_keys.size)
        ja = totals.pair_member.astype(np.int64) * design.n_psu + totals.pair_psu
        order = np.argsort(ja)
        self.ja_keys, self.ja = ja[order], stacked[order]

    def estimate(
        self, totals: MemberTotals, member_total: FloatArray, scale: FloatArray
    ) -> FloatArray:
        numerator = member_total[:, : self.k] * scale[:, None]
        if not totals.ratio:
            return numerator
        with np.errstate(divide="ignore", invalid="ignore"):
            return totals.offset + numerator / (member_total[:, self.k :] * scale[:, None])


def replicate_variance(
    design: ResolvedDesign,
    replicates: Replicates,
    totals: MemberTotals,
    n_targets: int,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Variance (n_targets x K) of each target, the variance of its logit (NaN
    outside ``totals.logit`` columns: R's ``svyciprop`` fits the logit on each
    replicate), and the count of replicates discarded because they gave no
    estimate (R drops NA replicates)."""
    sums = _Sums(design, totals)
    members = totals.target.size
    full = sums.estimate(totals, sums.member, np.ones(members))
    rows = [_stratum_replicates(design, replicates, totals, sums, full)]
    if replicates.adjusted.size:
        rows.append(
            _adjust_replicates(design, replicates, totals, sums, full, n_targets)
        )
    target = np.concatenate([r[0] for r in rows])
    rscale = np.concatenate([r[1] for r in rows])
    delta = np.vstack([r[2] for r in rows])
    k = sums.k
    variance, dropped = _combine(replicates, target, rscale, delta, n_targets, design)
    logit = np.full((n_targets, k), np.nan)
    logit[:, totals.logit] = variance[:, k:]
    return variance[:, :k], logit, dropped[:, :k]


def _deltas(
    totals: MemberTotals,
    row: IntArray,
    j: IntArray,
    estimate: FloatArray,
    full: FloatArray,
    size: int,
) -> FloatArray:
    """Per replicate row: sum over members of coef (theta_r - theta), then the
    same on the logit scale for the ``logit`` columns."""
    difference = estimate - full[j]
    if totals.logit.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            difference = np.hstack(
                [
                    difference,
                    _logit(estimate[:, totals.logit]) - _logit(full[j][:, totals.logit]),
                ]
            )
    return sum_by(row, totals.coef[j][:, None] * difference, size)


def _logit(p: FloatArray) -> FloatArray:
    return np.asarray(np.log(p / (1 - p)), dtype=np.float64)


def _member_rows(totals: MemberTotals, target: IntArray) -> tuple[IntArray, IntArray]:
    """For replicate rows of ``target``, one row per member of that target:
    (index of the replicate row, member)."""
    used = np.flatnonzero(totals.target >= 0)
    by_target = used[np.argsort(totals.target[used], kind="stable")]
    count = np.bincount(totals.target[used], minlength=int(target.max(initial=-1)) + 1)
    start = np.concatenate([[0], np.cumsum(count)])
    per_row = count[target]
    row = np.repeat(np.arange(target.size), per_row)
    offset = np.arange(row.size) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return row.astype(np.intp), by_target[start[target][row] + offset].astype(np.intp)


def _stratum_replicates(
    design: ResolvedDesign,
    replicates: Replicates,
    totals: MemberTotals,
    sums: _Sums,
    full: FloatArray,
) -> tuple[IntArray, FloatArray, FloatArray]:
    strata = design.n_strata
    member = sums.jh_keys // strata
    stratum = sums.jh_keys % strata
    th = np.unique(totals.target[member].astype(np.int64) * strata + stratum)
    th = th[replicates.replicated[th % strata] & (th >= 0)]
    t, h = (th // strata).astype(np.intp), (th % strata).astype(np.intp)
    size = design.n_h[h]
    rep_t, rep_h = np.repeat(t, size), np.repeat(h, size)
    position = np.arange(rep_t.size) - np.repeat(np.cumsum(size) - size, size)
    rep_psu = replicates.psu_order[replicates.psu_start[rep_h] + position]
    row, j = _member_rows(totals, rep_t)
    g = replicates.factor[rep_h[row]]
    t_h = _lookup(sums.jh_keys, sums.jh, j.astype(np.int64) * strata + rep_h[row])
    t_a = _lookup(
        sums.ja_keys, sums.ja, j.astype(np.int64) * design.n_psu + rep_psu[row]
    )
    value = sums.member[j] - t_h + g[:, None] * (t_h - t_a)
    estimate = sums.estimate(totals, value, np.ones(j.size))
    delta = _deltas(totals, row, j, estimate, full, rep_t.size)
    return rep_t, replicates.rscale[rep_h], delta


def _adjust_replicates(
    design: ResolvedDesign,
    replicates: Replicates,
    totals: MemberTotals,
    sums: _Sums,
    full: FloatArray,
    targets: int,
) -> tuple[IntArray, FloatArray, FloatArray]:
    lonely = replicates.adjusted
    rep_t = np.repeat(np.arange(targets, dtype=np.intp), lonely.size)
    rep_h = np.tile(lonely, targets)
    row, j = _member_rows(totals, rep_t)
    key = j.astype(np.int64) * design.n_strata + rep_h[row]
    value = sums.member[j] - _lookup(sums.jh_keys, sums.jh, key)
    kappa = np.full(j.size, replicates.adjust_factor)
    estimate = sums.estimate(totals, value, kappa)
    delta = _deltas(totals, row, j, estimate, full, rep_t.size)
    return rep_t, np.full(rep_t.size, replicates.adjust_rscale), delta


def _combine(
    replicates: Replicates,
    target: IntArray,
    rscale: FloatArray,
    delta: FloatArray,
    n_targets: int,
    design: ResolvedDesign,
) -> tuple[FloatArray, FloatArray]:
    """scale * sum_r rscale_r (delta_r - mean delta)^2 over all replicates, the
    unreached ones having delta = 0."""
    valid = np.isfinite(delta)
    clean = np.where(valid, delta, 0.0)
    dropped = sum_by(target, (~valid).astype(np.float64), n_targets)
    if design.declaration.mse:
        mean = np.zeros((n_targets, delta.shape[1]))
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = sum_by(target, clean, n_targets) / (replicates.count - dropped)
    deviation = np.where(valid, clean - mean[target], 0.0)
    reached = sum_by(target, rscale, n_targets)
    squares = sum_by(target, rscale[:, None] * deviation * deviation, n_targets)
    squares += (replicates.rscale_total - reached)[:, None] * mean * mean
    return replicates.scale * squares, dropped


def replicate_df(
    design: ResolvedDesign,
    replicates: Replicates,
    target: IntArray,
    psu: IntArray,
    present: BoolArray,
    n_targets: int,
) -> FloatArray:
    """Rank of the replicate weights over a target's rows, minus 1 (R ``degf``).

    Rows of one PSU share a factor vector u_a, so the rank is that of the present
    PSUs' vectors. Sums of u_a over a whole replicated stratum, and the vectors
    of PSUs without replicates, all equal n_h (resp. 1) times the all-ones
    vector: those F + S vectors lose F + S - 1 dimensions; every other present
    vector is independent.
    """
    stratum = design.psu_stratum[psu]
    flags = present.astype(np.float64)
    count = sum_by(target, flags, n_targets)
    index, th_target, th_stratum = _groups(target, stratum, design.n_strata)
    in_stratum = sum_by(index, flags, th_target.size)
    whole = (in_stratum == design.n_h[th_stratum][:, None]) & replicates.replicated[
        th_stratum
    ][:, None]
    full = sum_by(th_target, whole.astype(np.float64), n_targets)
    adjusted = np.zeros(design.n_strata, dtype=bool)
    adjusted[replicates.adjusted] = True
    plain = ~replicates.replicated[stratum] & ~adjusted[stratum]
    single = sum_by(target, flags * plain[:, None], n_targets)
    if replicates.replicated.any():
        nullity = np.maximum(full + single - 1, 0)
    else:
        touched = (in_stratum > 0) & adjusted[th_stratum][:, None]
        reached = sum_by(th_target, touched.astype(np.float64), n_targets)
        everyone = reached == replicates.adjusted.size
        lone = (single == 0) & (replicates.adjusted.size == 1)
        nullity = np.where(everyone, single + lone, np.maximum(single - 1, 0))
    return count - nullity - 1


def _groups(
    target: IntArray, stratum: IntArray, strata: int
) -> tuple[IntArray, IntArray, IntArray]:
    key = target.astype(np.int64) * strata + stratum
    uniques, index = np.unique(key, return_inverse=True)
    return (
        index.astype(np.intp),
        (uniques // strata).astype(np.intp),
        (uniques % strata).astype(np.intp),
    )
