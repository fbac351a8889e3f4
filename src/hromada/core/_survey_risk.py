"""Risk statistics from survey answers (§10): the equity flag and perception
shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_cells import By, ByMany
from hromada.core._survey_columns import prepare
from hromada.core._survey_contrast import (
    SurveyContrasts,
    contrast_table,
    within_grouping,
)
from hromada.core._survey_declaration import SurveyDesign
from hromada.core._survey_estimate import (
    SurveyEstimates,
    survey_estimate_prepared,
    versions,
)
from hromada.core._survey_intervals import check_interval


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
    table, warnings = contrast_table(
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
        within=within_grouping(within),
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
