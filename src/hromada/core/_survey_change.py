"""Change between two rounds from independent samples, its classification, and
Benjamini-Hochberg over lists (statistics.md §6)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats

from hromada.core._errors import InputError
from hromada.core._survey_intervals import check_interval, quantile
from hromada.core._survey_values import BoolArray, FloatArray

CHANGE_CLASSES = ("change", "small_change", "unclear", "no_detectable_change")
_KEYS = ("grouping", "domain", "variable", "level")


def benjamini_hochberg(p_values: npt.ArrayLike) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (q-values).

    Parameters
    ----------
    p_values : array-like of float, shape (m,)
        Raw p-values; NaN entries are left out of the m tests and stay NaN.

    Returns
    -------
    ndarray of float, shape (m,)
        q_i = min over j with p_j >= p_i of p_j m / rank_j, capped at 1; a test
        is significant at false discovery rate alpha when q_i <= alpha.
    """
    p = np.asarray(p_values, dtype=np.float64)
    q = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if ok.size == 0:
        return q
    order = ok[np.argsort(p[ok], kind="stable")]
    ranked = p[order] * ok.size / np.arange(1, ok.size + 1)
    q[order] = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    return q


def classify_change(
    difference: npt.ArrayLike, significant: npt.ArrayLike, *, threshold: float = 0.5
) -> npt.NDArray[np.object_]:
    """SCORE classes of a change: the design-based test decides, the size
    qualifies (§6).

    Parameters
    ----------
    difference : array-like of float, shape (m,)
        Round 2 minus round 1.
    significant : array-like of bool, shape (m,)
        The test's verdict (after Benjamini-Hochberg for lists).
    threshold : float
        A change this large or larger counts (0.5 on 0-10 scales).

    Returns
    -------
    ndarray of str, shape (m,)
        ``"change"`` (significant, |d| >= threshold), ``"small_change"``
        (significant, smaller), ``"unclear"`` (not significant, |d| >= threshold:
        never drawn as a change), ``"no_detectable_change"`` otherwise; None
        where the difference is NaN.
    """
    d = np.abs(np.asarray(difference, dtype=np.float64))
    test = np.asarray(significant, dtype=bool)
    large = d >= threshold
    out = np.where(
        test,
        np.where(large, "change", "small_change"),
        np.where(large, "unclear", "no_detectable_change"),
    ).astype(object)
    out[np.isnan(d)] = None
    return out


def p_values(
    difference: FloatArray, se: FloatArray, df: FloatArray, ci_df: str
) -> FloatArray:
    """Two-sided p-values of difference = 0 (t with df, or normal)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.abs(difference / se)
        t = np.where(se > 0, t, np.where(difference == 0, 0.0, np.inf))
    if ci_df == "inf":
        return np.asarray(2 * stats.norm.sf(t), dtype=np.float64)
    safe = np.where(df > 0, df, 1.0)
    return np.asarray(np.where(df > 0, 2 * stats.t.sf(t, safe), np.nan))


def add_verdicts(
    table: pd.DataFrame,
    *,
    level: float,
    ci_df: str,
    threshold: float,
    groups: Sequence[str],
) -> pd.DataFrame:
    """Add ``p_value``, ``q_value`` (BH within each ``groups`` combination, i.e.
    across domains), ``significant`` (q <= 1 - level) and ``change``."""
    table = table.copy()
    table["p_value"] = p_values(
        table["difference"].to_numpy(float),
        table["se"].to_numpy(float),
        table["df"].to_numpy(float),
        ci_df,
    )
    keys = [table[g].astype(object).fillna("") for g in groups]
    q = table.groupby(keys, sort=False, dropna=False)["p_value"].transform(
        lambda p: pd.Series(benjamini_hochberg(p.to_numpy()), index=p.index)
    )
    table["q_value"] = q.to_numpy(dtype=float)
    alpha = 1 - level
    significant: BoolArray = np.asarray(table["q_value"].to_numpy() <= alpha)
    table["significant"] = significant
    table["change"] = classify_change(
        table["difference"].to_numpy(float), significant, threshold=threshold
    )
    return table


def change_independent(
    first: pd.DataFrame,
    second: pd.DataFrame,
    *,
    level: float = 0.95,
    ci_df: str = "design",
    threshold: float = 0.5,
) -> pd.DataFrame:
    """Change between two rounds surveyed independently (§6).

    Parameters
    ----------
    first, second : DataFrame
        Estimate tables of the two rounds (``SurveyEstimates.table``): key columns
        ``grouping``, ``domain``, ``variable``, ``level`` (those present), and
        ``estimate``, ``se``, ``df`` (floats). Rows are matched on the keys;
        unmatched rows are left out.
    level : float
        Confidence level of the interval; 1 - level is also the false discovery
        rate of the Benjamini-Hochberg step.
    ci_df : {"design", "inf"}
        t with the Welch-Satterthwaite df, or normal quantiles.
    threshold : float
        Size that qualifies a change (0.5 on 0-10 scales).

    Returns
    -------
    DataFrame
        The keys, ``estimate_first``, ``estimate_second``, ``difference``
        (second - first), ``se`` = sqrt(SE1^2 + SE2^2), ``df`` =
        (V1 + V2)^2 / (V1^2/df1 + V2^2/df2) (df1 + df2 when both variances are
        0), ``ci_low``, ``ci_high``, ``p_value``, ``q_value`` (BH across the
        domains of each variable and level), ``significant``, ``change``
        (:func:`classify_change`). BH runs over the domains of one grouping,
        variable and level: one list of communities.
    """
    check_interval(level, ci_df)
    keys = [k for k in _KEYS if k in first.columns and k in second.columns]
    for frame, name in ((first, "first"), (second, "second")):
        for column in ("estimate", "se", "df"):
            if column not in frame.columns:
                raise InputError(
                    "missing_column",
                    f"the {name} table has no {column!r} column",
                    column=column,
                )
    left = first[[*keys, "estimate", "se", "df"]]
    right = second[[*keys, "estimate", "se", "df"]]
    merged = left.merge(right, on=keys, suffixes=("_first", "_second"))
    v1 = merged["se_first"].to_numpy(float) ** 2
    v2 = merged["se_second"].to_numpy(float) ** 2
    df1 = merged["df_first"].to_numpy(float)
    df2 = merged["df_second"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = (v1 + v2) ** 2 / (v1 * v1 / df1 + v2 * v2 / df2)
    df = np.where((v1 + v2) > 0, df, df1 + df2)
    difference = merged["estimate_second"].to_numpy(float) - merged[
        "estimate_first"
    ].to_numpy(float)
    se = np.sqrt(v1 + v2)
    q = quantile(level, ci_df, df)
    table = merged[keys].copy()
    table["estimate_first"] = merged["estimate_first"]
    table["estimate_second"] = merged["estimate_second"]
    table["difference"] = difference
    table["se"] = se
    table["df"] = df
    table["ci_low"] = difference - q * se
    table["ci_high"] = difference + q * se
    groups = [k for k in ("grouping", "variable", "level") if k in keys]
    return add_verdicts(
        table, level=level, ci_df=ci_df, threshold=threshold, groups=groups
    )
