"""Bradley-Terry strengths from pairwise votes (statistics.md §9), by the MM
iteration p_i <- W_i / sum_j n_ij / (p_i + p_j), with a bootstrap over ballots."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from hromada.core._ballots import Ballots, pairwise_ballots
from hromada.core._errors import InputError
from hromada.core._tabular import FloatArray, competition_ranks

# Pseudo-wins each way between every item and a virtual one, used only when the
# win graph is not strongly connected (otherwise some strengths run to 0 or infinity).
_VIRTUAL_WINS = 0.5


@dataclass(frozen=True, slots=True)
class BradleyTerryFit:
    """A Bradley-Terry fit.

    Attributes
    ----------
    scores : DataFrame
        Index ``item``; ``strength`` (float, p_i, sums to 1), ``score`` (float,
        s_i = mean over the other items j of p_i / (p_i + p_j): the chance of
        beating a random other item), ``wins``, ``losses`` (int), ``rank`` (int,
        by score, ties to more wins) and, with a bootstrap, ``ci_low`` and
        ``ci_high`` (float, percentile interval of s_i).
    strongly_connected : bool
        Whether every item beat, directly or through others, every other item.
        When not, the fit added 0.5 pseudo-wins each way against a virtual item.
    iterations : int
        MM iterations of the point estimate.
    """

    scores: pd.DataFrame
    strongly_connected: bool
    iterations: int


def bradley_terry(
    comparisons: pd.DataFrame,
    *,
    items: Sequence[Hashable] | None = None,
    n_boot: int = 0,
    level: float = 0.95,
    random_state: int | np.random.Generator | None = None,
    tol: float = 1e-10,
    max_iter: int = 100_000,
) -> BradleyTerryFit:
    """Fit Bradley-Terry strengths to pairwise votes.

    Parameters
    ----------
    comparisons : DataFrame, one row per vote
        ``ballot`` (the person), ``winner`` and ``loser`` (item labels).
    items : sequence of labels, optional
        Every item, in display order (default: first appearance).
    n_boot : int
        Bootstrap replicates resampling whole ballots with replacement; 0 for
        none.
    level : float
        Confidence level of the percentile interval.
    random_state : int or Generator, optional
        Seed of the bootstrap.
    tol, max_iter
        Stop when the sum of |change in p| is below ``tol``; refuse after
        ``max_iter`` iterations.

    Returns
    -------
    BradleyTerryFit

    Raises
    ------
    InputError
        As :func:`pairwise_scores`, plus ``invalid_option`` and
        ``not_converged``.
    """
    parsed = pairwise_ballots(comparisons, items, allow_empty=False)
    return fit_bradley_terry(
        parsed,
        n_boot=n_boot,
        level=level,
        rng=np.random.default_rng(random_state),
        tol=tol,
        max_iter=max_iter,
    )


def fit_bradley_terry(
    parsed: Ballots,
    *,
    n_boot: int,
    level: float,
    rng: np.random.Generator,
    tol: float = 1e-10,
    max_iter: int = 100_000,
) -> BradleyTerryFit:
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 0:
        raise InputError("invalid_option", "n_boot must be a whole number >= 0")
    if not 0 < level < 1:
        raise InputError("invalid_option", "level must lie between 0 and 1")
    wins = _win_matrix(parsed, np.ones(len(parsed.ballot)))
    strength, connected, iterations = _strengths(wins, tol, max_iter)
    score = _score(strength)
    won = wins.sum(axis=1).astype(np.int64)
    table = pd.DataFrame(
        {
            "strength": strength,
            "score": score,
            "wins": won,
            "losses": wins.sum(axis=0).astype(np.int64),
            # MM stops at sum |change| < tol, so scores equal in exact
            # arithmetic may differ past the ninth decimal: they must tie.
            "rank": competition_ranks([np.round(score, 9), won]),
        },
        index=parsed.items,
    )
    if n_boot:
        low, high = _bootstrap(parsed, n_boot, level, rng, tol, max_iter)
        table["ci_low"], table["ci_high"] = low, high
    return BradleyTerryFit(table, connected, iterations)


def _win_matrix(parsed: Ballots, row_weight: FloatArray) -> FloatArray:
    k = len(parsed.items)
    flat = np.bincount(
        parsed.first * k + parsed.second, weights=row_weight, minlength=k * k
    )
    return flat.reshape(k, k).astype(np.float64)


def _strengths(
    wins: FloatArray, tol: float, max_iter: int
) -> tuple[FloatArray, bool, int]:
    k = len(wins)
    n_parts, _ = connected_components(
        csr_matrix(wins), directed=True, connection="strong"
    )
    connected = n_parts == 1
    if not connected:
        padded = np.full((k + 1, k + 1), _VIRTUAL_WINS)
        padded[:k, :k] = wins
        padded[k, k] = 0.0
        wins = padded
    strength, iterations = _mm(wins, tol, max_iter)
    real = strength[:k]
    return real / real.sum(), connected, iterations


def _mm(wins: FloatArray, tol: float, max_iter: int) -> tuple[FloatArray, int]:
    games = wins + wins.T
    won = wins.sum(axis=1)
    p = np.full(len(wins), 1.0 / len(wins))
    for iteration in range(1, max_iter + 1):
        updated = won / (games / (p[:, None] + p[None, :])).sum(axis=1)
        updated /= updated.sum()
        change = np.abs(updated - p).sum()
        p = updated
        if change < tol:
            return p, iteration
    raise InputError(
        "not_converged",
        f"Bradley-Terry did not converge in {max_iter} iterations",
    )


def _score(strength: FloatArray) -> FloatArray:
    beats: FloatArray = strength[:, None] / (strength[:, None] + strength[None, :])
    # The diagonal contributes exactly 1/2 per item; it is not a comparison.
    score: FloatArray = (beats.sum(axis=1) - 0.5) / (len(strength) - 1)
    return score


def _bootstrap(
    parsed: Ballots,
    n_boot: int,
    level: float,
    rng: np.random.Generator,
    tol: float,
    max_iter: int,
) -> tuple[FloatArray, FloatArray]:
    n_ballots = parsed.n_ballots
    draws = rng.multinomial(n_ballots, np.full(n_ballots, 1.0 / n_ballots), n_boot)
    replicates = np.empty((n_boot, len(parsed.items)))
    for r, copies in enumerate(draws):
        wins = _win_matrix(parsed, copies[parsed.ballot].astype(np.float64))
        replicates[r] = _score(_strengths(wins, tol, max_iter)[0])
    tail = (1 - level) / 2
    bounds: FloatArray = np.quantile(replicates, [tail, 1 - tail], axis=0)
    return bounds[0], bounds[1]
