"""Design-based estimation of means, totals, ratios and proportions (§1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy

from hromada.core._survey_cells import ByMany, Domains, domains_of, parse_by
from hromada.core._survey_columns import Column, Prepared, prepare
from hromada.core._survey_declaration import SurveyDesign, SurveyWarning
from hromada.core._survey_design import resolve_design
from hromada.core._survey_intervals import check_interval, intervals, quantile
from hromada.core._survey_run import GroupingResult, identity, run
from hromada.core._survey_values import Factor

GROUP_SEPARATOR = " × "
TABLE_COLUMNS = (
    "grouping",
    "domain",
    "variable",
    "level",
    "estimate",
    "se",
    "cv",
    "ci_low",
    "ci_high",
    "ci_method",
    "df",
    "deff",
    "deff_wr",
    "n_eff",
    "n",
    "n_missing",
    "weight_sum",
)


def versions() -> tuple[tuple[str, str], ...]:
    """Library versions that produced a result."""
    return (
        ("numpy", np.__version__),
        ("pandas", pd.__version__),
        ("scipy", scipy.__version__),
    )


@dataclass(frozen=True, slots=True)
class SurveyEstimates:
    """Design-based estimates for every domain of every grouping.

    Attributes
    ----------
    table : DataFrame
        One row per (grouping, domain, variable, level), in the order groupings
        were given, then domains ascending, then variables as given, then levels
        ascending (by number when every label is a number, else by text).
        Columns: ``grouping`` (str, the grouping's columns joined by " × ";
        None for the whole sample), ``domain`` (str, the domain's labels as
        written, joined by " × "; None for the whole sample), ``variable``
        (str), ``level`` (str, a categorical level; None for numbers),
        ``estimate``, ``se``, ``cv``, ``ci_low``, ``ci_high`` (float),
        ``ci_method`` ("wald", "logit" or "clopper_pearson"), ``df`` (int; design
        df, or replicate df with replicates), ``deff`` (float, Deff_wor; NaN when
        undefined), ``deff_wr``, ``n_eff`` (n / deff_wr), ``n`` (int, rows with
        w > 0 in the domain with a valid answer), ``n_missing`` (int, rows in
        the domain without a valid answer), ``weight_sum`` (float, the sum of
        weights over those n rows, N-hat).
    missing : dict of str to int
        Rows without a valid answer, per variable, over the whole frame.
    warnings : tuple of SurveyWarning
        Assumptions made and undefined results, as data.
    design, statistic, denominator, by, level, ci_df, versions
        What produced the result.
    """

    table: pd.DataFrame
    missing: dict[str, int]
    warnings: tuple[SurveyWarning, ...]
    design: SurveyDesign
    statistic: str
    denominator: str | None
    by: tuple[tuple[str, ...], ...]
    level: float
    ci_df: str
    versions: tuple[tuple[str, str], ...]


def survey_estimate(
    frame: pd.DataFrame,
    design: SurveyDesign,
    variables: Sequence[str],
    *,
    statistic: str = "mean",
    denominator: str | None = None,
    by: ByMany = None,
    level: float = 0.95,
    ci_df: str = "design",
) -> SurveyEstimates:
    """Estimate every variable for every domain of every grouping in one pass.

    Parameters
    ----------
    frame : DataFrame, one row per respondent
        The design columns of ``design``, the ``variables``, the ``by`` columns.
        Numbers may be numeric dtypes or text (as read from a CSV); missing is
        NaN/None/pd.NA or blank text.
    design : SurveyDesign
        Weights, strata, clusters, fpc, lonely-PSU rule, replicates (§1.1).
    variables : list of str
        Columns to estimate. A column whose non-missing values are not all
        numbers is categorical: one row per level (its text as written).
    statistic : {"mean", "total", "proportion", "ratio"}
        ``proportion`` treats every variable as categorical; ``ratio`` divides
        each variable's total by the ``denominator`` column's total.
    denominator : str, optional
        The ratio's denominator column (numbers).
    by : None, str, tuple of str, or list of those
        The grouping: None is the whole sample, a column gives one domain per
        distinct non-missing value, a tuple crosses columns; a list estimates
        several groupings at once (``[None, "community", ("community", "sex")]``).
        Domains never subset rows: every PSU and stratum keeps its full-design
        count (§1.4); rows with a missing ``by`` value are in no domain.
    level : float
        Confidence level of the intervals.
    ci_df : {"design", "inf"}
        Quantile of the intervals: t with the design df, or normal.

    Returns
    -------
    SurveyEstimates

    Raises
    ------
    InputError
        Unknown columns, non-numeric weights, fpc or ratio values, negative
        weights, inconsistent fpc, PSUs in two strata without ``nest``, a lonely
        PSU under ``fail``, an all-missing variable.
    """
    check_interval(level, ci_df)
    prepared = prepare(frame, variables, statistic, denominator)
    return survey_estimate_prepared(
        frame, design, prepared, statistic, denominator, by, level, ci_df
    )


def survey_estimate_prepared(
    frame: pd.DataFrame,
    design: SurveyDesign,
    prepared: Prepared,
    statistic: str,
    denominator: str | None,
    by: ByMany,
    level: float,
    ci_df: str,
) -> SurveyEstimates:
    """:func:`survey_estimate` on variables already read."""
    cache: dict[str, Factor] = {}
    resolved = resolve_design(frame, design, cache)
    groupings = parse_by(by)
    domains = [domains_of(frame, g, cache) for g in groupings]
    results = run(resolved, prepared, [(d, identity(d)) for d in domains])
    warnings = [*resolved.warnings, *prepared.warnings]
    tables = [
        _table(d, r, prepared, level, ci_df, warnings)
        for d, r in zip(domains, results, strict=True)
    ]
    return SurveyEstimates(
        table=pd.concat(tables, ignore_index=True),
        missing=prepared.missing,
        warnings=tuple(warnings),
        design=design,
        statistic=statistic,
        denominator=denominator,
        by=tuple(groupings),
        level=level,
        ci_df=ci_df,
        versions=versions(),
    )


def text_column(values: list[str | None]) -> pd.Series:
    """Text cells where None stays None (pandas would make it NaN)."""
    return pd.Series(values, dtype=object)


def domain_names(domains: Domains) -> list[str | None]:
    if not domains.columns:
        return [None]
    return [GROUP_SEPARATOR.join(labels) for labels in domains.labels]


def _table(
    domains: Domains,
    result: GroupingResult,
    prepared: Prepared,
    level: float,
    ci_df: str,
    warnings: list[SurveyWarning],
) -> pd.DataFrame:
    columns: tuple[Column, ...] = prepared.columns
    d, k = result.estimate.shape
    flat = {name: getattr(result, name).ravel() for name in _FLAT}
    estimate = flat["estimate"]
    # Below double precision of the estimate a variance is rounding noise.
    variance = np.where(
        flat["variance"] <= (1e-13 * estimate) ** 2, 0.0, flat["variance"]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.where(np.isnan(estimate), np.nan, np.sqrt(variance))
        deff_wr = variance / flat["srs_variance"]
        deff = deff_wr / flat["srs_fraction"]
        cv = se / np.abs(estimate)
    deff = np.where(np.isfinite(deff), deff, np.nan)
    deff_wr = np.where(np.isfinite(deff_wr), deff_wr, np.nan)
    share = np.tile([c.share for c in columns], d)
    q = quantile(level, ci_df, flat["df"])
    ci = intervals(
        estimate, se, q, share, flat["n"], level, np.sqrt(flat["logit_variance"])
    )
    grouping = GROUP_SEPARATOR.join(domains.columns) if domains.columns else None
    _warn(domains, result, prepared, ci_df, warnings)
    missing_rows = result.domain_rows[:, None] - result.rows
    return pd.DataFrame(
        {
            "grouping": text_column([grouping] * (d * k)),
            "domain": np.repeat(np.array(domain_names(domains), dtype=object), k),
            "variable": [c.variable for c in columns] * d,
            "level": text_column([c.level for c in columns] * d),
            "estimate": estimate,
            "se": se,
            "cv": np.where(np.isfinite(cv), cv, np.nan),
            "ci_low": ci.low,
            "ci_high": ci.high,
            "ci_method": ci.method,
            "df": flat["df"].astype(np.int64),
            "deff": deff,
            "deff_wr": deff_wr,
            "n_eff": flat["n"] / np.where(deff_wr > 0, deff_wr, np.nan),
            "n": flat["n"].astype(np.int64),
            "n_missing": missing_rows.ravel().astype(np.int64),
            "weight_sum": flat["weight"],
        },
        columns=list(TABLE_COLUMNS),
    )


_FLAT = (
    "estimate",
    "variance",
    "logit_variance",
    "srs_variance",
    "srs_fraction",
    "df",
    "n",
    "weight",
    "dropped",
)


def _warn(
    domains: Domains,
    result: GroupingResult,
    prepared: Prepared,
    ci_df: str,
    warnings: list[SurveyWarning],
) -> None:
    names = domain_names(domains)
    checks = [
        (
            "no_valid_answers",
            np.isnan(result.estimate),
            "no estimate (no valid "
            "answers with positive weight, or a zero denominator)",
        ),
        (
            "variance_undefined",
            np.isnan(result.variance) & ~np.isnan(result.estimate),
            "no variance (every stratum reached has one PSU under lonely_psu=average)",
        ),
        (
            "replicates_discarded",
            result.dropped > 0,
            "replicates without an estimate were discarded (as R does)",
        ),
    ]
    if ci_df == "design":
        checks.append(
            (
                "no_degrees_of_freedom",
                (result.df <= 0) & ~np.isnan(result.estimate),
                "no confidence interval (design df is 0)",
            )
        )
    for code, mask, text in checks:
        for j in np.flatnonzero(mask.any(axis=0)):
            hit = np.flatnonzero(mask[:, j])
            column = prepared.columns[j]
            where = ", ".join(str(names[i]) for i in hit[:3])
            more = f" and {hit.size - 3} more" if hit.size > 3 else ""
            label = column.variable + (f" = {column.level}" if column.level else "")
            warnings.append(
                SurveyWarning(
                    code, f"{label}: {text} in {where}{more}", column.variable
                )
            )
