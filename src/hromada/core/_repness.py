"""Representative statements, consensus and divisive statements (§8.6-8.7)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._tabular import repeats, require_columns, whole_numbers
from hromada.core._votes import VoteMatrix

# One-sided 90 % z (Pol.is stats.clj `z-sig-90?`).
Z_90 = 1.2816
_PICK = 5


@dataclass(frozen=True, slots=True)
class RepresentativeStatement:
    """A statement that sets a group apart (Pol.is ``repness`` entry).

    Attributes
    ----------
    tid : int
    repful_for : {"agree", "disagree"}
        "agree" when the agree two-proportion z beats the disagree one.
    n_success, n_trials : int
        Members agreeing (disagreeing) and members who saw it.
    p_success, p_test : float
        (n_success + 1) / (n_trials + 2) and its one-proportion z.
    repness, repness_test : float
        Ratio to the other groups' share and the two-proportion z.
    best_agree : bool
        Pol.is's "best agree" pick. It is finalised by the same rule and can
        therefore read "disagree" with ``n_success`` 0 in a tiny group: show it
        with n_success/n_trials and label it.
    """

    tid: int
    repful_for: Literal["agree", "disagree"]
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    best_agree: bool


@dataclass(frozen=True, slots=True)
class ConsensusStatement:
    """A statement most participants agree (or disagree) with.

    Attributes
    ----------
    tid : int
    n_success : int
        Agrees (or disagrees) among all participants.
    n_trials : int
        Participants who saw it (passes included).
    p_success : float
        (n_success + 1) / (n_trials + 2).
    p_test : float
        Pol.is's one-proportion z.
    """

    tid: int
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


@dataclass(frozen=True, slots=True)
class Consensus:
    """Majority consensus: at most five statements each way, strongest first.

    Attributes
    ----------
    agree, disagree : tuple of ConsensusStatement
    """

    agree: tuple[ConsensusStatement, ...]
    disagree: tuple[ConsensusStatement, ...]


@dataclass(frozen=True, slots=True)
class UncertainStatement:
    """A statement many participants passed on.

    Attributes
    ----------
    tid : int
    n_pass, n_seen : int
        Passes and votes of all participants (passes included in ``n_seen``).
    p_pass : float
        n_pass / n_seen.
    """

    tid: int
    n_pass: int
    n_seen: int
    p_pass: float


@dataclass(frozen=True, slots=True)
class DivisiveStatement:
    """A statement the opinion groups answer most differently.

    ``divisiveness`` is the range (max - min) over groups of the smoothed agree
    share (A_g + 1) / (S_g + 2); ``agree_shares`` holds that share per group id.
    """

    tid: int
    divisiveness: float
    most_agree_group: int
    least_agree_group: int
    agree_shares: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class _Tally:
    agree: np.ndarray
    disagree: np.ndarray
    seen: np.ndarray


def _tally(votes: np.ndarray, rows: np.ndarray) -> _Tally:
    chosen = votes[rows]
    return _Tally(
        agree=np.sum(chosen == 1, axis=0),
        disagree=np.sum(chosen == -1, axis=0),
        seen=np.sum(~np.isnan(chosen), axis=0),
    )


def group_tallies(matrix: VoteMatrix, labels: np.ndarray) -> np.ndarray:
    """Agree, disagree and seen counts per group and statement.

    Parameters
    ----------
    matrix : VoteMatrix
    labels : ndarray of int64, shape (n_participants,)
        Group of every row, -1 for rows outside every group.

    Returns
    -------
    ndarray of int64, shape (n_groups, 3, n_statements)
        ``[g, 0]`` agree, ``[g, 1]`` disagree, ``[g, 2]`` seen (passes
        included) among group g's members, on the raw votes.
    """
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    out = np.zeros((n_groups, 3, len(matrix.statements)), dtype=np.int64)
    for group in range(n_groups):
        votes = matrix.votes[labels == group]
        out[group, 0] = np.sum(votes == 1, axis=0)
        out[group, 1] = np.sum(votes == -1, axis=0)
        out[group, 2] = np.sum(~np.isnan(votes), axis=0)
    return out


def prop_test(success: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Pol.is's one-proportion z: 2√(n + 1) ((s + 1)/(n + 1) - 1/2)."""
    n = trials + 1.0
    return 2.0 * np.sqrt(n) * ((success + 1.0) / n - 0.5)


def two_prop_test(
    success_in: np.ndarray,
    success_out: np.ndarray,
    trials_in: np.ndarray,
    trials_out: np.ndarray,
) -> np.ndarray:
    """Pol.is's two-proportion z with +1 pseudo-counts; 0 where p̂ = 1."""
    s1, s2 = success_in + 1.0, success_out + 1.0
    n1, n2 = trials_in + 1.0, trials_out + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / n1 - s2 / n2) / np.sqrt(variance)
    return np.where(pooled == 1.0, 0.0, z)


@dataclass(frozen=True, slots=True)
class _Stats:
    n_agree: np.ndarray
    n_disagree: np.ndarray
    n_seen: np.ndarray
    pa: np.ndarray
    pd: np.ndarray
    pat: np.ndarray
    pdt: np.ndarray
    ra: np.ndarray
    rd: np.ndarray
    rat: np.ndarray
    rdt: np.ndarray


def _stats(inside: np.ndarray, outside: np.ndarray) -> _Stats:
    na, nd, ns = inside
    oa, od, os_ = outside
    pa, pd = (na + 1.0) / (ns + 2.0), (nd + 1.0) / (ns + 2.0)
    return _Stats(
        n_agree=na,
        n_disagree=nd,
        n_seen=ns,
        pa=pa,
        pd=pd,
        pat=prop_test(na, ns),
        pdt=prop_test(nd, ns),
        ra=pa / ((oa + 1.0) / (os_ + 2.0)),
        rd=pd / ((od + 1.0) / (os_ + 2.0)),
        rat=two_prop_test(na, oa, ns, os_),
        rdt=two_prop_test(nd, od, ns, os_),
    )


def representative_statements(
    matrix: VoteMatrix, labels: np.ndarray
) -> dict[int, tuple[RepresentativeStatement, ...]]:
    """Pol.is's representative statements of each group (§8.6).

    Parameters
    ----------
    matrix : VoteMatrix
    labels : ndarray of int64, shape (n_participants,)
        Group of every row, -1 outside every group (not in the conversation).

    Returns
    -------
    dict
        Group id → at most five statements: Pol.is's best-agree statement,
        then the significant ones by repness · repness_test · p_success ·
        p_test, agrees before disagrees; when none is significant, the
        best-agree statement alone, or else the best by test. Mod-out
        (moderated out or meta) statements never appear.
    """
    tallies = group_tallies(matrix, labels)
    everyone = tallies.sum(axis=0)
    keep = np.flatnonzero(~matrix.mod_out)
    out: dict[int, tuple[RepresentativeStatement, ...]] = {}
    for group in range(len(tallies)):
        inside = tallies[group][:, keep]
        stats = _stats(inside, everyone[:, keep] - inside)
        picks = _select(stats)
        out[group] = tuple(
            _finalise(stats, i, matrix.statements[keep], b) for i, b in picks
        )
    return out


def _select(stats: _Stats) -> list[tuple[int, bool]]:
    sufficient: list[int] = []
    best_agree: int | None = None
    for i in range(len(stats.pa)):
        if _significant(stats, i):
            sufficient.append(i)
        best_agree = _best_agree(stats, i, best_agree)
    if not sufficient:
        # Pol.is's "best" (largest test statistic) only matters when nothing
        # is significant, and then it saw every statement: the first maximum.
        if best_agree is not None:
            return [(best_agree, True)]
        tests = np.maximum(stats.rat, stats.rdt)
        return [(int(np.argmax(tests)), False)] if len(tests) else []
    rest = [i for i in sufficient if i != best_agree]
    rest.sort(key=lambda i: -_metric(stats, i))
    head = [] if best_agree is None else [best_agree]
    top = [(i, i == best_agree) for i in [*head, *rest][:_PICK]]
    return sorted(top, key=lambda pick: not _agrees(stats, pick[0]))


def _significant(stats: _Stats, i: int) -> bool:
    agree = stats.rat[i] > Z_90 and stats.pat[i] > Z_90
    disagree = stats.rdt[i] > Z_90 and stats.pdt[i] > Z_90
    return bool(agree or disagree)


def _best_agree(stats: _Stats, i: int, current: int | None) -> int | None:
    if stats.n_agree[i] == 0 and stats.n_disagree[i] == 0:
        return current
    if current is not None and stats.ra[current] > 1.0:
        score = stats.ra * stats.rat * stats.pa * stats.pat
        return i if score[i] > score[current] else current
    if current is not None:
        score = stats.pa * stats.pat
        return i if score[i] > score[current] else current
    if stats.pat[i] > Z_90 or (stats.ra[i] > 1.0 and stats.pa[i] > 0.5):
        return i
    return None


def _agrees(stats: _Stats, i: int) -> bool:
    return bool(stats.rat[i] > stats.rdt[i])


def _metric(stats: _Stats, i: int) -> float:
    if _agrees(stats, i):
        return float(stats.ra[i] * stats.rat[i] * stats.pa[i] * stats.pat[i])
    return float(stats.rd[i] * stats.rdt[i] * stats.pd[i] * stats.pdt[i])


def _finalise(
    stats: _Stats, i: int, tids: np.ndarray, best_agree: bool
) -> RepresentativeStatement:
    agree = _agrees(stats, i)
    return RepresentativeStatement(
        tid=int(tids[i]),
        repful_for="agree" if agree else "disagree",
        n_success=int((stats.n_agree if agree else stats.n_disagree)[i]),
        n_trials=int(stats.n_seen[i]),
        p_success=float((stats.pa if agree else stats.pd)[i]),
        p_test=float((stats.pat if agree else stats.pdt)[i]),
        repness=float((stats.ra if agree else stats.rd)[i]),
        repness_test=float((stats.rat if agree else stats.rdt)[i]),
        best_agree=best_agree,
    )


def majority_consensus(matrix: VoteMatrix) -> Consensus:
    """Statements a clear majority of all participants agree or disagree with.

    Parameters
    ----------
    matrix : VoteMatrix
        Every participant counts (not only those in the conversation).

    Returns
    -------
    Consensus
        Per side, statements with p = (n + 1)/(seen + 2) > 0.5 and
        Pol.is's proportion z > 1.2816, at most five, by p · z descending;
        mod-out statements excluded.
    """
    tally = _tally(matrix.votes, np.arange(len(matrix.participants)))
    keep = ~matrix.mod_out
    return Consensus(
        agree=_consensus_side(tally.agree, tally.seen, keep, matrix.statements),
        disagree=_consensus_side(tally.disagree, tally.seen, keep, matrix.statements),
    )


def _consensus_side(
    success: np.ndarray, seen: np.ndarray, keep: np.ndarray, tids: np.ndarray
) -> tuple[ConsensusStatement, ...]:
    p = (success + 1.0) / (seen + 2.0)
    z = prop_test(success, seen)
    candidates = np.flatnonzero(keep & (p > 0.5) & (z > Z_90))
    ranked = candidates[np.argsort(-(p * z)[candidates], kind="stable")][:_PICK]
    return tuple(
        ConsensusStatement(
            tid=int(tids[i]),
            n_success=int(success[i]),
            n_trials=int(seen[i]),
            p_success=float(p[i]),
            p_test=float(z[i]),
        )
        for i in ranked
    )


def tally_consensus(counts: pd.DataFrame, *, exclude: Iterable[int] = ()) -> Consensus:
    """Majority consensus from vote counts per statement, without identities.

    The rule of :func:`majority_consensus` on counts: a dialogue's paper tally
    sheets give counts per statement but no participants, so they can join the
    consensus (added to the online counts) though not the opinion groups.

    Parameters
    ----------
    counts : DataFrame, one row per statement
        ``statement`` (whole number id, unique), ``agree``, ``disagree`` and
        ``passes`` (whole numbers ≥ 0), as numbers or text.
    exclude : iterable of int
        Statement ids left out (moderated out, meta).

    Returns
    -------
    Consensus
        Per side, statements with p = (n + 1)/(seen + 2) > 0.5 and Pol.is's
        proportion z > 1.2816 (seen = agree + disagree + passes), at most five,
        by p · z descending, ties by ascending id. On the counts of a vote
        matrix it equals ``majority_consensus`` of that matrix.

    Raises
    ------
    InputError
        ``missing_column``, ``missing_value``, ``not_a_number``,
        ``out_of_range``, ``not_a_whole_number`` or ``duplicate_statement``.
    """
    require_columns(counts, ("statement", "agree", "disagree", "passes"))
    tids = whole_numbers(counts, "statement", low=0)
    agree = whole_numbers(counts, "agree", low=0)
    disagree = whole_numbers(counts, "disagree", low=0)
    passes = whole_numbers(counts, "passes", low=0)
    duplicated = repeats([tids])
    if duplicated.any():
        row = int(np.flatnonzero(duplicated)[0])
        raise InputError(
            "duplicate_statement",
            f"statement {tids[row]} is counted twice",
            column="statement",
            row=row + 1,
        )
    order = np.argsort(tids, kind="stable")
    tids, agree, disagree = tids[order], agree[order], disagree[order]
    seen = agree + disagree + passes[order]
    keep = ~np.isin(tids, np.fromiter(exclude, dtype=np.int64))
    return Consensus(
        agree=_consensus_side(agree, seen, keep, tids),
        disagree=_consensus_side(disagree, seen, keep, tids),
    )


def group_aware_consensus(matrix: VoteMatrix, labels: np.ndarray) -> np.ndarray:
    """Pol.is's group-aware consensus: Π_g (A_g + 1)/(S_g + 2).

    Parameters
    ----------
    matrix : VoteMatrix
    labels : ndarray of int64, shape (n_participants,)
        Group of every row, -1 outside every group.

    Returns
    -------
    ndarray of float64, shape (n_statements,)
        One value per statement (all statements). It falls as groups are
        added, so compare values only within one k.
    """
    tallies = group_tallies(matrix, labels)
    gac: np.ndarray = np.prod((tallies[:, 0] + 1.0) / (tallies[:, 2] + 2.0), axis=0)
    return gac


def uncertain_statements(
    matrix: VoteMatrix, *, threshold: float = 0.3
) -> tuple[UncertainStatement, ...]:
    """Statements with a pass share above ``threshold`` among all who saw them.

    Parameters
    ----------
    matrix : VoteMatrix
    threshold : float
        Pass share (passes / seen) above which a statement is uncertain.

    Returns
    -------
    tuple of UncertainStatement
        Mod-out statements excluded; highest pass share first, ties by id.
    """
    votes = matrix.votes
    passes = np.sum(votes == 0, axis=0)
    seen = np.sum(~np.isnan(votes), axis=0)
    share = passes / seen
    chosen = np.flatnonzero(~matrix.mod_out & (share > threshold))
    ranked = chosen[np.argsort(-share[chosen], kind="stable")]
    return tuple(
        UncertainStatement(
            tid=int(matrix.statements[i]),
            n_pass=int(passes[i]),
            n_seen=int(seen[i]),
            p_pass=float(share[i]),
        )
        for i in ranked
    )


def divisive_statements(
    matrix: VoteMatrix, labels: np.ndarray, *, top: int = 5
) -> tuple[DivisiveStatement, ...]:
    """Statements on which the opinion groups disagree most (project definition).

    Parameters
    ----------
    matrix : VoteMatrix
    labels : ndarray of int64, shape (n_participants,)
        Group of every row, -1 outside every group.
    top : int
        How many statements to return.

    Returns
    -------
    tuple of DivisiveStatement
        With two groups or more: mod-out statements excluded, ranked by the
        range over groups of the smoothed agree share (A_g + 1)/(S_g + 2),
        largest first, ties by id; empty with fewer than two groups.
    """
    tallies = group_tallies(matrix, labels)
    if len(tallies) < 2:
        return ()
    shares = (tallies[:, 0] + 1.0) / (tallies[:, 2] + 2.0)  # (groups, statements)
    spread = shares.max(axis=0) - shares.min(axis=0)
    chosen = np.flatnonzero(~matrix.mod_out)
    ranked = chosen[np.argsort(-spread[chosen], kind="stable")][:top]
    return tuple(
        DivisiveStatement(
            tid=int(matrix.statements[i]),
            divisiveness=float(spread[i]),
            most_agree_group=int(np.argmax(shares[:, i])),
            least_agree_group=int(np.argmin(shares[:, i])),
            agree_shares=tuple(float(s) for s in shares[:, i]),
        )
        for i in ranked
    )
