"""Confidence intervals (§1.7): Wald with design df or df = infinity, logit
for proportions, Clopper-Pearson on the unweighted n at p-hat in {0, 1}."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import special, stats

from hromada.core._errors import InputError
from hromada.core._survey_values import BoolArray, FloatArray

CiDf = Literal["design", "inf"]


def check_interval(level: float, ci_df: str) -> None:
    if not 0 < level < 1:
        raise InputError(
            "invalid_option", f"the confidence level must be in (0, 1), got {level}"
        )
    if ci_df not in ("design", "inf"):
        raise InputError(
            "invalid_option", f"ci_df must be design or inf, got {ci_df!r}"
        )


def quantile(level: float, ci_df: str, df: FloatArray) -> FloatArray:
    """t_{df, 1 - alpha/2} (NaN where df <= 0), or z_{1 - alpha/2}."""
    upper = 1 - (1 - level) / 2
    if ci_df == "inf":
        return np.full(df.shape, float(stats.norm.ppf(upper)))
    # Few distinct df values: one quantile each.
    values, index = np.unique(np.where(df > 0, df, 1.0), return_inverse=True)
    t = np.asarray(stats.t.ppf(upper, values), dtype=np.float64)
    t = t[index.reshape(df.shape)]
    return np.where(df > 0, t, np.nan)


@dataclass(frozen=True, slots=True)
class Intervals:
    low: FloatArray
    high: FloatArray
    method: np.ndarray  # str per row
    boundary: BoolArray  # a proportion of exactly 0 or 1


def intervals(
    estimate: FloatArray,
    se: FloatArray,
    q: FloatArray,
    share: BoolArray,
    n: FloatArray,
    level: float,
    logit_se: FloatArray,
) -> Intervals:
    """Intervals for 1-D arrays; ``share`` rows are proportions, their logit's
    SE being ``logit_se`` where it is not NaN (replicates) and SE/(p(1 - p))
    otherwise."""
    low, high = estimate - q * se, estimate + q * se
    method = np.where(share, "logit", "wald").astype(object)
    boundary = share & ((estimate <= 0) | (estimate >= 1))
    inside = share & ~boundary
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.clip(estimate, 1e-300, 1 - 1e-16)
        eta = np.log(p / (1 - p))
        spread = q * se / (p * (1 - p))
        spread = np.where(np.isnan(logit_se), spread, q * logit_se)
        low = np.where(inside, _expit(eta - spread), low)
        high = np.where(inside, _expit(eta + spread), high)
    if boundary.any():
        alpha = 1 - level
        count = np.where(estimate >= 1, n, 0.0)
        safe_n = np.maximum(n, 1.0)
        cp_low = np.where(
            count > 0,
            stats.beta.ppf(alpha / 2, np.maximum(count, 1), safe_n - count + 1),
            0.0,
        )
        cp_high = np.where(
            count < n,
            stats.beta.ppf(1 - alpha / 2, count + 1, np.maximum(safe_n - count, 1)),
            1.0,
        )
        low = np.where(boundary, cp_low, low)
        high = np.where(boundary, cp_high, high)
        method = np.where(boundary, "clopper_pearson", method).astype(object)
    return Intervals(low, high, method, boundary)


def _expit(value: FloatArray) -> FloatArray:
    return np.asarray(special.expit(value), dtype=np.float64)
