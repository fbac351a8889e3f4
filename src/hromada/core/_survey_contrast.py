"""Contrasts of two domains of one design (§1.4): change with shared PSUs (§6),
the equity flag (§10), and perception shares (§10)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_cells import By, ByMany, Domains, domains_of, parse_by
from hromada.core._survey_change import add_verdicts, p_values
from hromada.core._survey_columns import Prepared, prepare
from hromada.core._survey_design import SurveyDesign, SurveyWarning, resolve_design
from hromada.core._survey_engine import Members
from hromada.core._survey_estimate import (
    GROUP_SEPARATOR,
    SurveyEstimates,
    domain_names,
    survey_estimate_prepared,
    text_column,
    versions,
)
from hromada.core._survey_intervals import check_interval, quantile
from hromada.core._survey_run import GroupingResult, run
from hromada.core._survey_values import Factor, factor, require_columns


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
    result = _contrast(
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
        within=_within(within),
        level=level,
        ci_df=ci_df,
        versions=versions(),
    )


def _contrast(
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
    outer = domains_of(frame, _within(within), cache)
    side = _sides(factor(frame[between]), between, first, second)
    domains, members = _split(outer, side)
    (result,) = run(resolved, prepared, [(domains, members)])
    table = _table(outer, result, prepared, level, ci_df)
    return table, (*resolved.warnings, *prepared.warnings)


def _within(within: By) -> tuple[str, ...]:
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
    round_column : str
        The column naming each row's round; ``first`` and ``second`` are its
        values (text as written).
    threshold : float
        Size that qualifies a change (0.5 on 0-10 scales).
    Others
        As for :func:`survey_contrast`.

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


def equity_flags(
    frame: pd.DataFrame,
    design: SurveyDesign,
    variables: Sequence[str],
    *,
    group: str,
    member: str,
    worse: str | Mapping[str, str] = "lower",
    scale: str = "score",
    within: By = None,
    n_min: int = 10,
    level: float = 0.95,
    ci_df: str = "design",
) -> SurveyContrasts:
    """Equity flag (§10): a vulnerable group against the rest, same design.

    Parameters
    ----------
    group : str
        Column of the vulnerable-group marker (IDP, veteran household, ...).
    member : str
        The value (text as written) that marks the group; the rest is every
        other non-missing value.
    worse : {"lower", "higher"} or mapping of variable to that
        Which direction is worse for the group (``"lower"``: lower safety
        score is worse).
    scale : {"score", "share"}
        0-10 scores (flag from |d| >= 0.5) or 0/1 shares (|d| >= 0.10; the
        variables must hold 0/1).
    within : None, str or tuple of str
        One flag per domain of this grouping (e.g. each community).
    n_min : int
        Both the group and the rest need at least this unweighted n (§7).
    level, ci_df
        As for :func:`survey_estimate` (the flag uses a 95 % interval by
        default).

    Returns
    -------
    SurveyContrasts
        ``difference`` = group - rest; adds ``worse`` (str), ``threshold``
        (float) and ``flagged`` (bool): worse direction, interval excluding 0,
        |d| >= threshold, both n >= n_min.
    """
    if scale not in ("score", "share"):
        raise InputError(
            "invalid_option", f"scale must be score or share, got {scale!r}"
        )
    check_interval(level, ci_df)
    prepared = prepare(frame, variables, "mean", None, shares=scale == "share")
    directions = {
        v: worse if isinstance(worse, str) else worse.get(v, "") for v in variables
    }
    for variable, direction in directions.items():
        if direction not in ("lower", "higher"):
            raise InputError(
                "invalid_option",
                f"worse must be lower or higher for {variable!r}, got {direction!r}",
                column=variable,
            )
    table, warnings = _contrast(
        frame, design, prepared, group, member, None, within, level, ci_df
    )
    threshold = 0.5 if scale == "score" else 0.10
    side = table["variable"].map(directions)
    d = table["difference"].to_numpy(float)
    worse_side = np.where(side == "lower", d < 0, d > 0)
    excludes = (table["ci_low"] > 0) | (table["ci_high"] < 0)
    table["worse"] = side
    table["threshold"] = threshold
    table["flagged"] = (
        worse_side
        & excludes.to_numpy()
        & (np.abs(d) >= threshold)
        & (table["n_first"].to_numpy() >= n_min)
        & (table["n_second"].to_numpy() >= n_min)
    )
    return SurveyContrasts(
        table=table,
        warnings=warnings,
        design=design,
        statistic="mean",
        between=group,
        first=member,
        second=None,
        within=_within(within),
        level=level,
        ci_df=ci_df,
        versions=versions(),
    )


def perception_shares(
    frame: pd.DataFrame,
    design: SurveyDesign,
    risks: Sequence[str],
    *,
    by: ByMany = None,
    level: float = 0.95,
    ci_df: str = "design",
) -> SurveyEstimates:
    """Share of residents naming each risk (§10): a select_multiple question
    exported as one 0/1 column per risk.

    Parameters
    ----------
    risks : list of str
        The 0/1 columns (1 = named the risk; missing = not asked).
    by, level, ci_df
        As for :func:`survey_estimate`.

    Returns
    -------
    SurveyEstimates
        One row per (domain, risk); ``estimate`` is the design-based proportion
        with its SE (§1.3) and logit interval (§1.7; Clopper-Pearson at 0 or 1).

    Raises
    ------
    InputError
        A risk column with a value other than 0 or 1 (``not_binary``).
    """
    check_interval(level, ci_df)
    prepared = prepare(frame, risks, "mean", None, shares=True)
    return survey_estimate_prepared(
        frame, design, prepared, "proportion", None, by, level, ci_df
    )
