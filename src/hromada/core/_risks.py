"""Risk scoring, expert part (statistics.md §10): likelihood x impact, bands, ranks,
and expert, perception and dialogue ranks side by side (never blended)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._tabular import (
    FloatArray,
    competition_ranks,
    labels,
    numbers,
    optional_numbers,
    refuse_first,
    repeats,
    require_columns,
    whole_numbers,
)

# Project convention; a band starts at its lower bound, so the medians of an even
# number of raters (17.5 = 3.5 x 5) fall in the band below the next bound.
RISK_BANDS: tuple[tuple[str, float], ...] = (
    ("low", 1.0),
    ("medium", 5.0),
    ("high", 10.0),
    ("very_high", 20.0),
)


def combine_expert_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """Combine several raters' likelihood and impact into medians with spread.

    Parameters
    ----------
    ratings : DataFrame, one row per (risk, rater)
        ``risk`` (label), ``likelihood`` and ``impact`` (whole numbers 1-5) and,
        optionally, ``rater`` (label; a rater may rate a risk once).

    Returns
    -------
    DataFrame
        Index ``risk`` in order of first appearance; ``likelihood`` and
        ``impact`` (float, medians: halves with an even number of raters),
        ``raters`` (int) and the spread ``likelihood_min``, ``likelihood_max``,
        ``impact_min``, ``impact_max`` (int). Feed it to :func:`risk_scores`.

    Raises
    ------
    InputError
        ``missing_column``, ``no_ratings``, ``missing_value``, ``not_a_number``,
        ``not_a_whole_number``, ``out_of_range``, ``duplicate_rating``.
    """
    require_columns(ratings, ("risk", "likelihood", "impact"))
    if len(ratings) == 0:
        raise InputError("no_ratings", "there are no ratings")
    risk = labels(ratings, "risk")
    frame = pd.DataFrame(
        {
            "risk": pd.Series(risk, dtype=object),
            "likelihood": whole_numbers(ratings, "likelihood", low=1, high=5),
            "impact": whole_numbers(ratings, "impact", low=1, high=5),
        }
    )
    if "rater" in ratings.columns:
        refuse_first(
            repeats([risk, labels(ratings, "rater")]),
            "duplicate_rating",
            "rater",
            lambda p: "this rater already rated this risk",
        )
    grouped = frame.groupby("risk", sort=False)
    combined = grouped.agg(
        likelihood=("likelihood", "median"),
        impact=("impact", "median"),
        raters=("likelihood", "size"),
        likelihood_min=("likelihood", "min"),
        likelihood_max=("likelihood", "max"),
        impact_min=("impact", "min"),
        impact_max=("impact", "max"),
    )
    combined[["likelihood", "impact"]] = combined[["likelihood", "impact"]].astype(
        np.float64
    )
    return combined


def risk_scores(
    risks: pd.DataFrame, *, perception_weight: float | None = None
) -> pd.DataFrame:
    """Score and rank risks by likelihood and impact.

    The expert score is never blended with perception: ``perceived_share``, when
    present, gets its own rank, and ``perception_weight`` adds a separate,
    declared composite priority beside the score.

    Parameters
    ----------
    risks : DataFrame, one row per risk
        ``likelihood`` and ``impact`` (float, 1-5; medians from
        :func:`combine_expert_ratings` may be halves) and, optionally,
        ``perceived_share`` (float, 0-1: the design-based share of residents
        naming the risk; missing where not asked).
    perception_weight : float, 0-1, optional
        Weight of ``perceived_share`` in the composite ``priority``; needs
        ``perceived_share``.

    Returns
    -------
    DataFrame
        The input with ``score`` (float, 1-25), ``band`` (str: ``low`` 1-4,
        ``medium`` 5-9, ``high`` 10-16, ``very_high`` 20-25; a band starts at
        its lower bound) and ``rank`` (int, 1 = most urgent; ties go to the
        higher impact, then share the smaller rank). With ``perceived_share``:
        ``perception_rank`` (Int64, 1 = named most often, missing where the
        share is). With ``perception_weight``: ``priority`` (float, 0-1,
        (1 - w)(score - 1)/24 + w share) and ``priority_rank`` (Int64).

    Raises
    ------
    InputError
        ``missing_column``, ``missing_value``, ``not_a_number``,
        ``out_of_range``, ``invalid_option``.
    """
    require_columns(risks, ("likelihood", "impact"))
    likelihood = numbers(risks, "likelihood", low=1.0, high=5.0)
    impact = numbers(risks, "impact", low=1.0, high=5.0)
    score = likelihood * impact
    bounds = np.array([bound for _, bound in RISK_BANDS])
    names = np.array([name for name, _ in RISK_BANDS], dtype=object)
    scored = risks.copy()
    scored["score"] = score
    scored["band"] = pd.Series(
        names[np.searchsorted(bounds, score, side="right") - 1],
        index=risks.index,
        dtype="str",
    )
    scored["rank"] = competition_ranks([score, impact])
    if "perceived_share" in risks.columns:
        share = _share(risks)
        scored["perception_rank"] = _ranks_where_known(share)
    if perception_weight is not None:
        weight = _weight(perception_weight)
        priority = (1 - weight) * (score - 1) / 24 + weight * _share(risks)
        scored["priority"] = priority
        scored["priority_rank"] = _ranks_where_known(priority)
    return scored


@dataclass(frozen=True, slots=True)
class RankComparison:
    """Rank lists side by side.

    Attributes
    ----------
    ranks : DataFrame
        The input ranks, plus ``largest_gap`` (float, largest minus smallest
        rank of the risk over the lists ranking it; missing when fewer than two
        do) and ``discordant`` (bool, ``largest_gap`` >= the threshold).
    tau : DataFrame
        One row per pair of lists, in column order: ``first``, ``second`` (list
        names), ``n`` (int, risks ranked in both) and ``tau`` (float, Kendall's
        tau-b over those risks; missing when n < 2 or a list is constant
        there).
    """

    ranks: pd.DataFrame
    tau: pd.DataFrame


def compare_risk_ranks(ranks: pd.DataFrame, *, gap: int = 5) -> RankComparison:
    """Put expert, perception and dialogue ranks side by side.

    Parameters
    ----------
    ranks : DataFrame, one row per risk
        One column per rank list (e.g. ``expert``, ``perception``, ``dialogue``,
        ``dialogue_police``): ranks (numbers >= 1, 1 = most urgent), missing
        where the list does not rank the risk.
    gap : int
        Rank difference that flags a risk as discordant (default 5).

    Returns
    -------
    RankComparison

    Raises
    ------
    InputError
        ``too_few_lists`` (fewer than two columns), ``not_a_number``,
        ``out_of_range``, ``invalid_option``.
    """
    if len(ranks.columns) < 2:
        raise InputError("too_few_lists", "comparing ranks needs at least two lists")
    if isinstance(gap, bool) or not isinstance(gap, int) or gap < 1:
        raise InputError("invalid_option", "gap must be a whole number >= 1")
    values = np.column_stack(
        [optional_numbers(ranks, c, low=1.0) for c in ranks.columns]
    )
    known = ~np.isnan(values)
    enough = known.sum(axis=1) >= 2
    spread = np.full(len(ranks), np.nan)
    spread[enough] = np.nanmax(values[enough], axis=1) - np.nanmin(
        values[enough], axis=1
    )
    table = ranks.copy()
    table["largest_gap"] = spread
    table["discordant"] = enough & (np.nan_to_num(spread) >= gap)
    pairs = []
    for a, b in combinations(range(len(ranks.columns)), 2):
        both = known[:, a] & known[:, b]
        pairs.append(
            {
                "first": ranks.columns[a],
                "second": ranks.columns[b],
                "n": int(both.sum()),
                "tau": kendall_tau_b(values[both, a], values[both, b]),
            }
        )
    return RankComparison(table, pd.DataFrame(pairs))


def kendall_tau_b(x: FloatArray, y: FloatArray) -> float:
    """Kendall's tau-b of two equal-length vectors (ties corrected).

    Returns NaN when it is undefined: fewer than two pairs, or a constant vector.
    """
    upper = np.triu_indices(len(x), 1)
    dx = np.sign(x[:, None] - x[None, :])[upper]
    dy = np.sign(y[:, None] - y[None, :])[upper]
    untied_x, untied_y = np.count_nonzero(dx), np.count_nonzero(dy)
    if untied_x == 0 or untied_y == 0:
        return float("nan")
    return float((dx * dy).sum() / np.sqrt(untied_x * untied_y))


def _share(risks: pd.DataFrame) -> FloatArray:
    if "perceived_share" not in risks.columns:
        raise InputError(
            "missing_column",
            "perception_weight needs the column 'perceived_share'",
            column="perceived_share",
        )
    return optional_numbers(risks, "perceived_share", low=0.0, high=1.0)


def _weight(weight: float) -> float:
    if not 0 <= weight <= 1:
        raise InputError("invalid_option", "perception_weight must lie in [0, 1]")
    return float(weight)


def _ranks_where_known(values: FloatArray) -> pd.api.extensions.ExtensionArray:
    known = ~np.isnan(values)
    ranks = pd.array([pd.NA] * len(values), dtype="Int64")
    ranks[known] = competition_ranks([values[known]])
    return ranks
