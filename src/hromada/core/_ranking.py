"""Ranking items in dialogue (statistics.md §9): dot votes, Borda counts, All Our
Ideas pairwise scores, and every method within and across stakeholder groups."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from hromada.core._ballots import (
    Ballots,
    ballot_groups,
    pairwise_ballots,
    valued_ballots,
)
from hromada.core._bradley_terry import fit_bradley_terry
from hromada.core._errors import InputError
from hromada.core._tabular import (
    competition_ranks,
    natural_order,
    refuse_first,
    repeats,
)

RankingMethod = Literal["dots", "borda", "pairwise", "bradley_terry"]
RANKING_METHODS: tuple[RankingMethod, ...] = (
    "dots",
    "borda",
    "pairwise",
    "bradley_terry",
)
# All Our Ideas (pairwise-api `catchup_prompts_weights`): a pair is shown with weight
# 1/(n + 1), capped at this value, so every pair under 19 votes is equally likely.
_PAIR_WEIGHT_CAP = 0.05


def dot_vote_scores(
    ballots: pd.DataFrame,
    *,
    items: Sequence[Hashable] | None = None,
    budget: int | None = None,
) -> pd.DataFrame:
    """Score items by dot votes.

    Parameters
    ----------
    ballots : DataFrame, one row per (ballot, item)
        ``ballot`` (label, one per person and session), ``item`` (label) and
        ``value`` (whole number >= 0, the dots placed; several rows for one
        item of a ballot add up).
    items : sequence of labels, optional
        Every item on the sheet, in display order; items nobody voted for score
        0. Default: the items in ``ballots``, in order of first appearance.
    budget : int, optional
        Dots per person; default ceil(number of items / 3).

    Returns
    -------
    DataFrame
        Index ``item`` in item order; ``score`` (int, dots), ``share`` (float,
        score / all dots; 0 when no dot was placed), ``voters`` (int, ballots
        with at least one dot on the item) and ``rank`` (int, 1 = most dots;
        ties go to more voters, remaining ties share the smaller rank).

    Raises
    ------
    InputError
        ``missing_column``, ``no_ballots``, ``missing_value``, ``not_a_number``,
        ``not_a_whole_number``, ``out_of_range`` (a negative count),
        ``unknown_item``, ``duplicate_item``, ``invalid_option`` (budget < 1)
        and ``over_budget`` (the row where a ballot passes its budget).
    """
    return _dots(_parse(ballots, "dots", items, budget, None))


def borda_scores(
    ballots: pd.DataFrame,
    *,
    items: Sequence[Hashable] | None = None,
    positions: int | None = None,
) -> pd.DataFrame:
    """Score items by a Borda count over ranked ballots.

    An item ranked r-th among the top m earns m - r + 1 points; unranked items
    earn 0.

    Parameters
    ----------
    ballots : DataFrame, one row per (ballot, ranked item)
        ``ballot``, ``item`` and ``value`` (whole number >= 1, the rank position,
        1 = first). Positions need not be contiguous; none may repeat in a
        ballot, nor may an item.
    items : sequence of labels, optional
        Every item on the sheet, in display order (default: first appearance).
    positions : int, optional
        m, the number of places people were asked to fill; default the largest
        position used.

    Returns
    -------
    DataFrame
        Index ``item``; ``score`` (int, points), ``voters`` (int, ballots ranking
        the item), ``firsts`` (int, ballots ranking it first) and ``rank`` (int;
        ties go to more voters, then more firsts).

    Raises
    ------
    InputError
        As :func:`dot_vote_scores`, plus ``out_of_range`` (a position < 1 or
        > m), ``duplicate_rank`` and ``duplicate_item`` within a ballot.
    """
    parsed = _parse(ballots, "borda", items, None, positions)
    return _borda(parsed, positions or int(parsed.second.max()))


def pairwise_scores(
    comparisons: pd.DataFrame, *, items: Sequence[Hashable] | None = None
) -> pd.DataFrame:
    """Score items by pairwise votes as All Our Ideas does.

    score = 100 (W + 1) / (W + L + 2), with W wins and L losses over all
    comparisons (pairwise-api ``Choice#compute_score``); an item never shown
    scores 50.

    Parameters
    ----------
    comparisons : DataFrame, one row per vote
        ``ballot`` (the person), ``winner`` and ``loser`` (item labels).
    items : sequence of labels, optional
        Every item in the question, in display order (default: first appearance,
        winner before loser).

    Returns
    -------
    DataFrame
        Index ``item``; ``score`` (float, 0-100), ``wins``, ``losses`` (int) and
        ``rank`` (int; ties go to more wins).

    Raises
    ------
    InputError
        ``missing_column``, ``no_ballots``, ``missing_value``, ``unknown_item``,
        ``self_comparison``, ``too_few_items``.
    """
    return _pairwise(pairwise_ballots(comparisons, items, allow_empty=False))


def pairwise_pair_weights(
    comparisons: pd.DataFrame, *, items: Sequence[Hashable] | None = None
) -> pd.DataFrame:
    """Probabilities of showing each pair next, as All Our Ideas' catch-up rule.

    A pair voted on n times weighs min(1 / (n + 1), 0.05); weights are
    normalised to sum to 1, so pairs seen fewer than 19 times are shown first
    and equally often.

    Parameters
    ----------
    comparisons : DataFrame
        ``ballot``, ``winner``, ``loser`` as in :func:`pairwise_scores`; may have
        no rows when ``items`` is given (before the first vote).
    items : sequence of labels, optional
        Every item in the question (default: those in ``comparisons``).

    Returns
    -------
    DataFrame
        One row per unordered pair in item order: ``first``, ``second`` (item
        labels), ``n`` (int, votes on the pair in either order) and ``weight``
        (float, sums to 1).
    """
    parsed = pairwise_ballots(comparisons, items, allow_empty=True)
    k = len(parsed.items)
    low = np.minimum(parsed.first, parsed.second)
    high = np.maximum(parsed.first, parsed.second)
    counts = np.bincount(low * k + high, minlength=k * k).reshape(k, k)
    first, second = np.triu_indices(k, 1)
    n = counts[first, second]
    weight = np.minimum(1.0 / (n + 1), _PAIR_WEIGHT_CAP)
    return pd.DataFrame(
        {
            "first": parsed.items[first],
            "second": parsed.items[second],
            "n": n.astype(np.int64),
            "weight": weight / weight.sum(),
        }
    )


@dataclass(frozen=True, slots=True)
class GroupRankings:
    """Rankings within each stakeholder group and their combination across groups.

    Attributes
    ----------
    method : str
        ``dots``, ``borda``, ``pairwise`` or ``bradley_terry``.
    groups : DataFrame
        Index (``group``, ``item``), groups in natural order (numeric when all
        labels are numbers, else by text), items in item order; the columns of
        the method's own table (``score``, ``rank``, ...).
    voters : Series
        Index ``group``: n_g, the ballots in each group (int). Apply disclosure
        control (:func:`suppress_cells`) to these before publishing.
    across : DataFrame
        Index ``item``; ``score`` (float, 0-1): the product over groups of
        (v_gi + 1) / (n_g + 2), high only when every group supports the item;
        ``min_group_rank`` (int, the best rank any group gives it, 1 when it tops
        one group's list) and ``rank`` (int, by ``score``, ties to the smaller
        ``min_group_rank``). For dots v_gi counts the group's voters giving the
        item a dot, for Borda those ranking it; for pairwise and Bradley-Terry
        the factor is (W_gi + 1) / (W_gi + L_gi + 2) over the group's
        comparisons of the item.
    """

    method: str
    groups: pd.DataFrame
    voters: pd.Series
    across: pd.DataFrame


def group_rankings(
    ballots: pd.DataFrame,
    *,
    by: str,
    method: RankingMethod,
    items: Sequence[Hashable] | None = None,
    budget: int | None = None,
    positions: int | None = None,
    n_boot: int = 0,
    level: float = 0.95,
    random_state: int | np.random.Generator | None = None,
) -> GroupRankings:
    """Rank items within each stakeholder group, and across groups.

    Parameters
    ----------
    ballots : DataFrame
        As the method's own function (:func:`dot_vote_scores`,
        :func:`borda_scores`, :func:`pairwise_scores`, :func:`bradley_terry`),
        plus the column ``by``, constant within a ballot. Rows with ``by``
        missing belong to no group.
    by : str
        Column naming the stakeholder group (residents, police, youth, ...).
    method : {"dots", "borda", "pairwise", "bradley_terry"}
    items, budget, positions : optional
        As the method's function; the item list, the budget and m are those of
        the whole session, so every group reports every item.
    n_boot, level, random_state : optional
        Bradley-Terry's bootstrap, drawn group after group from one generator.

    Returns
    -------
    GroupRankings

    Raises
    ------
    InputError
        The method's errors, ``unknown_method``, ``missing_column`` (``by``),
        ``ballot_in_two_groups`` and ``no_groups`` (no row names a group).
    """
    parsed = _parse(ballots, method, items, budget, positions)
    groups, has_group = ballot_groups(ballots, by, parsed)
    if not has_group.any():
        raise InputError("no_groups", f"no ballot names a group in {by!r}", column=by)
    rng = np.random.default_rng(random_state)
    # Every group scores against the session's m, so group scores compare.
    m = (positions or int(parsed.second.max())) if method == "borda" else 0
    tables, voters, support = {}, {}, {}
    for group in natural_order(groups[has_group]):
        subset = parsed.subset(has_group & (groups == group))
        table = _score(subset, method, m, n_boot, level, rng)
        tables[group], voters[group] = table, subset.n_ballots
        support[group] = _support(table, method, subset.n_ballots)
    return GroupRankings(
        method=method,
        groups=pd.concat(tables, names=["group", "item"]),
        voters=pd.Series(voters, name="voters", dtype=np.int64).rename_axis("group"),
        across=_across(parsed.items, support, tables),
    )


def _parse(
    ballots: pd.DataFrame,
    method: str,
    items: Sequence[Hashable] | None,
    budget: int | None,
    positions: int | None,
) -> Ballots:
    if method not in RANKING_METHODS:
        raise InputError("unknown_method", f"unknown ranking method {method!r}")
    if method in ("pairwise", "bradley_terry"):
        return pairwise_ballots(ballots, items, allow_empty=False)
    if method == "dots":
        parsed, ballot_labels = valued_ballots(ballots, items, low=0)
        _check_budget(parsed, ballot_labels, _budget(budget, len(parsed.items)))
        return parsed
    if positions is not None:
        _check_option("positions", positions)
    parsed, ballot_labels = valued_ballots(ballots, items, low=1, high=positions)
    _check_borda_ballots(parsed, ballot_labels)
    return parsed


def _score(
    parsed: Ballots,
    method: str,
    positions: int,
    n_boot: int,
    level: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    if method == "dots":
        return _dots(parsed)
    if method == "borda":
        return _borda(parsed, positions)
    if method == "pairwise":
        return _pairwise(parsed)
    return fit_bradley_terry(parsed, n_boot=n_boot, level=level, rng=rng).scores


def _support(table: pd.DataFrame, method: str, n_voters: int) -> pd.Series:
    if method in ("dots", "borda"):
        return (table["voters"] + 1) / (n_voters + 2)
    return (table["wins"] + 1) / (table["wins"] + table["losses"] + 2)


def _across(
    items: pd.Index,
    support: dict[Hashable, pd.Series],
    tables: dict[Hashable, pd.DataFrame],
) -> pd.DataFrame:
    score = pd.concat(support, axis=1).prod(axis=1).to_numpy()
    best = pd.concat({g: t["rank"] for g, t in tables.items()}, axis=1).min(axis=1)
    best_rank = best.to_numpy(dtype=np.int64)
    return pd.DataFrame(
        {
            "score": score,
            "rank": competition_ranks([score, -best_rank]),
            "min_group_rank": best_rank,
        },
        index=items,
    )


def _budget(budget: int | None, n_items: int) -> int:
    if budget is None:
        return math.ceil(n_items / 3)
    _check_option("budget", budget)
    return budget


def _check_option(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError("invalid_option", f"{name} must be a whole number >= 1")


def _check_budget(parsed: Ballots, ballot_labels: np.ndarray, budget: int) -> None:
    running = pd.Series(parsed.second).groupby(parsed.ballot).cumsum().to_numpy()
    refuse_first(
        running > budget,
        "over_budget",
        "value",
        lambda p: (
            f"ballot {ballot_labels[p]!r} places more dots than the budget of {budget}"
        ),
    )


def _check_borda_ballots(parsed: Ballots, ballot_labels: np.ndarray) -> None:
    refuse_first(
        repeats([parsed.ballot, parsed.second]),
        "duplicate_rank",
        "value",
        lambda p: f"ballot {ballot_labels[p]!r} has this rank position twice",
    )
    refuse_first(
        repeats([parsed.ballot, parsed.first]),
        "duplicate_item",
        "item",
        lambda p: f"ballot {ballot_labels[p]!r} has this item twice",
    )


def _dots(parsed: Ballots) -> pd.DataFrame:
    k = len(parsed.items)
    score = np.bincount(parsed.first, weights=parsed.second, minlength=k)
    score = score.astype(np.int64)
    placed = parsed.second > 0
    pairs = np.unique(parsed.ballot[placed] * k + parsed.first[placed])
    voters = np.bincount(pairs % k, minlength=k).astype(np.int64)
    total = score.sum()
    share = score / total if total else np.zeros(k)
    return pd.DataFrame(
        {
            "score": score,
            "share": share,
            "voters": voters,
            "rank": competition_ranks([score, voters]),
        },
        index=parsed.items,
    )


def _borda(parsed: Ballots, positions: int) -> pd.DataFrame:
    k = len(parsed.items)
    points = positions - parsed.second + 1
    score = np.bincount(parsed.first, weights=points, minlength=k).astype(np.int64)
    voters = np.bincount(parsed.first, minlength=k).astype(np.int64)
    firsts = np.bincount(parsed.first[parsed.second == 1], minlength=k)
    firsts = firsts.astype(np.int64)
    return pd.DataFrame(
        {
            "score": score,
            "voters": voters,
            "firsts": firsts,
            "rank": competition_ranks([score, voters, firsts]),
        },
        index=parsed.items,
    )


def _pairwise(parsed: Ballots) -> pd.DataFrame:
    k = len(parsed.items)
    wins = np.bincount(parsed.first, minlength=k).astype(np.int64)
    losses = np.bincount(parsed.second, minlength=k).astype(np.int64)
    score = 100.0 * (wins + 1) / (wins + losses + 2)
    return pd.DataFrame(
        {
            "score": score,
            "wins": wins,
            "losses": losses,
            "rank": competition_ranks([score, wins]),
        },
        index=parsed.items,
    )
