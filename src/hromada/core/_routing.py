"""Which statement to show next: Pol.is comment priorities (§8.8)."""

from __future__ import annotations

import numpy as np

from hromada.core._errors import InputError

_META_PRIORITY = 49.0


def comment_priorities(
    tallies: np.ndarray, extremity: np.ndarray, meta: np.ndarray
) -> np.ndarray:
    """Pol.is's comment priority of every statement.

    importance = (1 - (P + 1)/(S + 2)) (E + 1) (A + 1)/(S + 2) and
    priority = (importance · (1 + 8 · 2^(-S/5)))², with A, D, S summed over
    the groups, P = S - A - D and E the statement's extremity; meta
    statements get 7² = 49.

    Parameters
    ----------
    tallies : ndarray of int64, shape (n_groups, 3, n_statements)
        Agree, disagree, seen counts per group (:func:`group_tallies`). Pol.is
        uses the previous update's groups, so priorities match Pol.is's only
        while the groups have not changed since then.
    extremity : ndarray of float64, shape (n_statements,)
    meta : ndarray of bool, shape (n_statements,)

    Returns
    -------
    ndarray of float64, shape (n_statements,)
    """
    agree, disagree, seen = tallies.sum(axis=0).astype(np.float64)
    passes = seen - agree - disagree
    importance = (
        (1.0 - (passes + 1.0) / (seen + 2.0))
        * (extremity + 1.0)
        * (agree + 1.0)
        / (seen + 2.0)
    )
    priority = (importance * (1.0 + 8.0 * 2.0 ** (-seen / 5.0))) ** 2
    return np.where(meta, _META_PRIORITY, priority)


def next_statement(
    statements: np.ndarray,
    priorities: np.ndarray,
    *,
    voted: np.ndarray,
    random_state: int | np.random.Generator | None = None,
) -> int | None:
    """Draw the next statement to show one participant.

    Parameters
    ----------
    statements : ndarray of int64, shape (n,)
        Statement ids that may be shown (leave moderated-out ones out).
    priorities : ndarray of float64, shape (n,)
        Their priorities (:func:`comment_priorities`); ≥ 0.
    voted : ndarray of int64
        Ids the participant has already voted on.
    random_state : int, Generator or None
        Seed or generator for the draw.

    Returns
    -------
    int or None
        A statement id drawn among the unvoted ones with probability
        proportional to priority (uniformly if all are 0), or None when every
        statement has been voted on.

    Raises
    ------
    InputError
        ``bad_priority`` for a negative or non-finite priority, or a length
        mismatch.
    """
    priorities = np.asarray(priorities, dtype=np.float64)
    if priorities.shape != np.shape(statements):
        raise InputError(
            "bad_priority", "one priority per statement is needed", column="priority"
        )
    if not np.all(np.isfinite(priorities) & (priorities >= 0)):
        raise InputError(
            "bad_priority",
            "priorities must be finite and ≥ 0",
            column="priority",
        )
    open_ = ~np.isin(statements, voted)
    if not open_.any():
        return None
    weights = priorities[open_]
    total = weights.sum()
    p = weights / total if total > 0 else None
    rng = np.random.default_rng(random_state)
    return int(rng.choice(np.asarray(statements)[open_], p=p))
