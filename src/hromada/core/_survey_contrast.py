"""Contrasts of two domains of one design (§1.4), and change between rounds
that share PSUs (§6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_cells import By, Domains, domains_of, parse_by
from hromada.core._survey_change import add_verdicts, p_values
from hromada.core._survey_columns import Prepared, prepare
from hromada.core._survey_declaration import SurveyDesign, SurveyWarning
from hromada.core._survey_design import resolve_design
from hromada.core._survey_engine import Members
from hromada.core._survey_estimate import (
    GROUP_SEPARATOR,
    domain_names,
    text_column,
    versions,
)
from hromada.core._survey_intervals import check_interval, quantile
from hromada.core._survey_run import GroupingResult, run
from hromada.core._survey_values import Factor, cached_factor, require_columns


@dataclass(frozen=True, slots=True)
class SurveyContrasts:
    """Differences between two domains of one design, per domain of ``within``.

    Attributes
    ----------
    table : DataFrame
        One row per (within-domain, variable, level): ``grouping``, ``domain``
        (as in :class:`SurveyEstimates`), ``variable``, ``level``,
        ``estimate_first``, ``estimate_second`` (float), ``difference``
        (first - second), ``se``, ``ci_low``, ``ci_high`` (float), ``df`` (int,
        PSUs minus strata reached by either side, or the replicate df),
        ``p_value`` (float, two-sided), ``n_first``, ``n_second`` (int,
        unweighted n with w > 0 and a valid answer); functions built on it add
        columns (see each).
    warnings : tuple of SurveyWarning
    design, statistic, between, first, second, within, level, ci_df, versions
        What produced the result (``second`` None: every other value).
    """

    table: pd.DataFrame
    warnings: tuple[SurveyWarning, ...]
    design: SurveyDesign
    statistic: str
    between: str
    first: str
    second: str | None
    within: tuple[str, ...]
    level: float
    ci_df: str
    versions: tuple[tuple[str, str], ...]


def survey_contrast(
    frame: pd.DataFrame,
    design: SurveyDesign,
    variables: Sequence[str],
    *,
    between: str,
    first: str,
    second: str | None = None,
    within: By = None,
    statistic: str = "mean",
    denominator: str | None = None,
    level: float = 0.95,
    ci_df: str = "design",
) -> SurveyContrasts:
    """Difference between two domains of one design, with the covariance.

    The score of the difference is z^(D1) - z^(D2), summed by PSU (§1.4), so
    domains sharing PSUs (a panel of settlements, a group and the rest of a
    community) get the right variance.

    Parameters
    ----------
    frame : DataFrame, one row per respondent
        As for :func:`survey_estimate`, plus the ``between`` column.
    design : SurveyDesign
    variables : list of str
    between : str
        The column that splits the two domains (round, IDP status, ...).
    first : str
        The first domain: rows whose ``between`` value reads ``first`` (text as
        written in the file).
    second : str, optional
        The second domain: rows reading ``second``; None takes every other
        non-missing value (the rest).
    within : None, str or tuple of str
        One difference per domain of this grouping (e.g. each community).
    statistic, denominator, level, ci_df
        As for :func:`survey_estimate`.

    Returns
    -------
    SurveyContrasts
    """
    check_interval(level, ci_df)
    prepared = prepare(frame, variables, statistic, denominator)
    result = contrast_table(
        frame, design, prepared, between, first, second, within, level, ci_df
    )
    return SurveyContrasts(
        table=result[0],
        warnings=result[1],
        design=design,
        statistic=statistic,
        between=between,
        first=first,
        second=second,
        within=within_grouping(within),
        level=level,
        ci_df=ci_df,
        versions=versions(),
    )


def contrast_table(
    frame: pd.DataFrame,
    design: SurveyDesign,
    prepared: Prepared,
    between: str,
    first: str,
    second: str | None,
    within: By,
    level: float,
    ci_df: str,
) -> tuple[pd.DataFrame, tuple[SurveyWarning, ...]]:
    require_columns(frame, [between])
    cache: dict[str, Factor] = {}
    resolved = resolve_design(frame, design, cache)
    outer = domains_of(frame, within_grouping(within), cache)
    side = _sides(cached_factor(frame, between, cache), between, first, second)
    domains, members = _split(outer, side)
    (result,) = run(resolved, prepared, [(domains, members)])
    table = _table(outer, result, prepared, level, ci_df)
    return table, (*resolved.warnings, *prepared.warnings)


def within_grouping(within: By) -> tuple[str, ...]:
    groupings = parse_by(within)
    if len(groupings) != 1:
        raise InputError("invalid_option", "a contrast takes one within grouping")
    return groupings[0]


def _sides(levels: Factor, between: str, first: str, second: str | None) -> np.ndarray:
    """0 for the first domain, 1 for the second, -1 for neither."""
    if first not in levels.levels:
        raise InputError(
            "unknown_level", f"no row reads {first!r} in {between!r}", column=between
        )
    if second is not None and second not in levels.levels:
        raise InputError(
            "unknown_level", f"no row reads {second!r} in {between!r}", column=between
        )
    codes = levels.codes
    one = levels.levels.index(first)
    other = codes >= 0 if second is None else codes == levels.levels.index(second)
    return np.where(codes == one, 0, np.where(other & (codes != one), 1, -1))


def _split(outer: Domains, side: np.ndarray) -> tuple[Domains, Members]:
    """Domains (outer x side) and the members feeding each outer target."""
    ok = (outer.codes >= 0) & (side >= 0)
    codes = np.where(ok, outer.codes * 2 + side, -1).astype(np.intp)
    labels = tuple(
        (*label, name) for label in outer.labels for name in ("first", "second")
    )
    domains = Domains((*outer.columns, "side"), codes, labels)
    members = Members(
        target=np.repeat(np.arange(outer.size, dtype=np.intp), 2),
        coef=np.tile([1.0, -1.0], outer.size),
        n_targets=outer.size,
    )
    return domains, members


def _table(
    outer: Domains,
    result: GroupingResult,
    prepared: Prepared,
    level: float,
    ci_df: str,
) -> pd.DataFrame:
    columns = prepared.columns
    k = len(columns)
    estimate = result.estimate.reshape(outer.size, 2, k)
    n = result.n.reshape(outer.size, 2, k)
    difference = (estimate[:, 0] - estimate[:, 1]).ravel()
    se = np.sqrt(result.variance).ravel()
    df = result.df.ravel()
    q = quantile(level, ci_df, df)
    grouping = GROUP_SEPARATOR.join(outer.columns) if outer.columns else None
    return pd.DataFrame(
        {
            "grouping": text_column([grouping] * (outer.size * k)),
            "domain": np.repeat(np.array(domain_names(outer), dtype=object), k),
            "variable": [c.variable for c in columns] * outer.size,
            "level": text_column([c.level for c in columns] * outer.size),
            "estimate_first": estimate[:, 0].ravel(),
            "estimate_second": estimate[:, 1].ravel(),
            "difference": difference,
            "se": se,
            "ci_low": difference - q * se,
            "ci_high": difference + q * se,
            "df": df.astype(np.int64),
            "p_value": p_values(difference, se, df, ci_df),
            "n_first": n[:, 0].ravel().astype(np.int64),
            "n_second": n[:, 1].ravel().astype(np.int64),
        }
    )


def survey_change(
    frame: pd.DataFrame,
    design: SurveyDesign,
    variables: Sequence[str],
    *,
    round_column: str,
    first: str,
    second: str,
    within: By = None,
    statistic: str = "mean",
    denominator: str | None = None,
    level: float = 0.95,
    ci_df: str = "design",
    threshold: float = 0.5,
) -> SurveyContrasts:
    """Change between two rounds that share PSUs (panel settlements), §6.

    Both rounds are stacked in ``frame`` with one design (the same PSU ids in
    both rounds); the round is a domain and the change score is
    z^(second) - z^(first) by PSU, so the covariance between rounds is included.

    Parameters
    ----------
    frame : DataFrame, one row per respondent of either round
        The design columns, the ``variables``, ``round_column`` and ``within``.
    design : SurveyDesign
        One design for both rounds (PSU ids shared across rounds).
    variables : list of str
        Columns to compare.
    round_column : str
        The column naming each row's round.
    first, second : str
        The earlier and the later round, as written in ``round_column``.
    within : None, str or tuple of str
        One change per domain of this grouping (e.g. each community).
    statistic, denominator, level, ci_df
        As for :func:`survey_estimate`.
    threshold : float
        Size that qualifies a change (0.5 on 0-10 scales).

    Returns
    -------
    SurveyContrasts
        ``difference`` is second - first (``estimate_first`` is the first
        round's); adds ``q_value`` (Benjamini-Hochberg across the domains of
        ``within`` per variable and level), ``significant`` (q <= 1 - level)
        and ``change`` (:func:`classify_change`).
    """
    result = survey_contrast(
        frame,
        design,
        variables,
        between=round_column,
        first=second,
        second=first,
        within=within,
        statistic=statistic,
        denominator=denominator,
        level=level,
        ci_df=ci_df,
    )
    table = result.table.rename(
        columns={
            "estimate_first": "estimate_second",
            "estimate_second": "estimate_first",
            "n_first": "n_second",
            "n_second": "n_first",
        }
    )
    order = [*table.columns[:4], "estimate_first", "estimate_second"]
    table = table[[*order, *[c for c in table.columns if c not in order]]]
    table = add_verdicts(
        table.drop(columns="p_value"),
        level=level,
        ci_df=ci_df,
        threshold=threshold,
        groups=["grouping", "variable", "level"],
    )
    return replace(result, table=table, first=first, second=second)
