"""Pol.is vote records → one latest vote per (participant, statement) (§8.1-8.2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.core._errors import InputError

# Each field and the column names the Pol.is exports give it, in order of preference.
_PARTICIPANT_KEYS = ("pid", "participant_id", "voter-id")
_STATEMENT_KEYS = ("tid", "statement_id", "comment-id")
_TIME_KEYS = ("modified", "timestamp")
_MODERATION_KEYS = ("mod", "moderated")
_TRUE_TEXT = frozenset({"true", "1", "1.0", "t", "yes"})
_FALSE_TEXT = frozenset({"false", "0", "0.0", "f", "no", ""})


@dataclass(frozen=True, slots=True)
class VoteMatrix:
    """Latest vote of every participant on every statement, in file signs.

    Attributes
    ----------
    participants : ndarray of int64, shape (n_participants,)
        Participant ids, rows in order of first vote (ties by id).
    statements : ndarray of int64, shape (n_statements,)
        Ids of the statements with at least one vote, ascending.
    votes : ndarray of float64, shape (n_participants, n_statements)
        +1 agree, -1 disagree, 0 pass, NaN not voted (the files' convention;
        Pol.is math itself uses agree = -1).
    first_times : ndarray of float64, shape (n_participants, n_statements)
        Time of each participant's earliest vote on each statement, NaN if none.
    moderated_out : ndarray of bool, shape (n_statements,)
        Moderated out (moderation -1).
    meta : ndarray of bool, shape (n_statements,)
        Meta (demographic) statements: ``is_meta`` or named by the caller.
    """

    participants: np.ndarray
    statements: np.ndarray
    votes: np.ndarray
    first_times: np.ndarray
    moderated_out: np.ndarray
    meta: np.ndarray

    @property
    def mod_out(self) -> np.ndarray:
        """Columns left out of PCA, repness and consensus: moderated out or meta."""
        out: np.ndarray = self.moderated_out | self.meta
        return out

    @property
    def rating(self) -> np.ndarray:
        """The rating matrix: votes with every mod-out column 0 for all rows (§8.2)."""
        rating = self.votes.copy()
        rating[:, self.mod_out] = 0.0
        return rating

    def vote_counts(self) -> np.ndarray:
        """Votes cast by each participant, passes included (int64, one per row)."""
        counts: np.ndarray = np.sum(~np.isnan(self.votes), axis=1)
        return counts.astype(np.int64)


def parse_polis_votes(records: pd.DataFrame) -> pd.DataFrame:
    """Normalise the vote records of a Pol.is export.

    Parameters
    ----------
    records : DataFrame, one row per vote record, as loaded from ``votes.csv``
        (``voter-id``, ``comment-id``, ``vote``, ``timestamp``) or the API JSON
        (``pid``/``participant_id``, ``tid``/``statement_id``, ``vote``,
        ``modified`` in ms). Other columns (``weight_x_32767``, ...) are ignored.

    Returns
    -------
    DataFrame
        ``participant`` (int64), ``statement`` (int64), ``vote`` (int64:
        +1 agree, -1 disagree, 0 pass) and ``time`` (float64), one row per
        record in the input's order.

    Raises
    ------
    InputError
        ``empty_votes``, ``missing_column``, ``missing_value``,
        ``not_an_id``, ``not_a_number`` or ``unknown_vote``, naming the
        column and the 1-based row.
    """
    if len(records) == 0:
        raise InputError("empty_votes", "the vote file holds no votes")
    participant = _ids(records, _column(records, _PARTICIPANT_KEYS))
    statement = _ids(records, _column(records, _STATEMENT_KEYS))
    vote = _numbers(records, _column(records, ("vote",)))
    bad = ~np.isin(vote, (-1.0, 0.0, 1.0))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise InputError(
            "unknown_vote",
            f"vote must be 1 (agree), -1 (disagree) or 0 (pass), "
            f"got {_shown(records['vote'].iloc[row])}",
            column="vote",
            row=row + 1,
        )
    time = _numbers(records, _column(records, _TIME_KEYS))
    return pd.DataFrame(
        {
            "participant": participant,
            "statement": statement,
            "vote": vote.astype(np.int64),
            "time": time,
        }
    )


def parse_polis_statements(records: pd.DataFrame) -> pd.DataFrame:
    """Normalise the statement (comment) records of a Pol.is export.

    Parameters
    ----------
    records : DataFrame, one row per statement, as loaded from ``comments.csv``
        (``comment-id``, ``moderated``) or the API JSON (``tid``/``statement_id``,
        ``mod``/``moderated``, ``is_meta``). Moderation and ``is_meta`` are
        optional (absent: 0 and false).

    Returns
    -------
    DataFrame
        ``statement`` (int64, unique), ``moderation`` (int64: -1 out, 0 not
        moderated, 1 in) and ``is_meta`` (bool), in the input's order.

    Raises
    ------
    InputError
        ``missing_column``, ``missing_value``, ``not_an_id``,
        ``unknown_moderation``, ``not_a_boolean`` or ``duplicate_statement``.
    """
    key = _column(records, _STATEMENT_KEYS)
    statement = _ids(records, key)
    moderation = _moderation(records)
    is_meta = _booleans(records, "is_meta")
    duplicated = pd.Series(statement).duplicated().to_numpy()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated)[0])
        raise InputError(
            "duplicate_statement",
            f"statement {statement[row]} is listed twice",
            column=key,
            row=row + 1,
        )
    return pd.DataFrame(
        {"statement": statement, "moderation": moderation, "is_meta": is_meta}
    )


def build_vote_matrix(
    votes: pd.DataFrame,
    statements: pd.DataFrame | None = None,
    *,
    meta: Iterable[int] = (),
) -> VoteMatrix:
    """Keep the latest vote per (participant, statement), as Pol.is math does.

    Parameters
    ----------
    votes : DataFrame
        As returned by :func:`parse_polis_votes`: ``participant``,
        ``statement``, ``vote`` (+1 agree), ``time``.
    statements : DataFrame, optional
        As returned by :func:`parse_polis_statements`. When given, every voted
        statement must be listed; moderation -1 and ``is_meta`` take effect.
    meta : iterable of int
        Further statement ids to treat as meta (ids without votes are ignored).

    Returns
    -------
    VoteMatrix
        Rows in order of first vote, columns the voted statements ascending.

    Raises
    ------
    InputError
        ``empty_votes``, or ``unknown_statement`` for a vote on a statement
        missing from ``statements`` (row = the vote's 1-based row).
    """
    if len(votes) == 0:
        raise InputError("empty_votes", "the vote file holds no votes")
    participant = votes["participant"].to_numpy(np.int64)
    statement = votes["statement"].to_numpy(np.int64)
    time = votes["time"].to_numpy(np.float64)
    participant_ids, p_index = np.unique(participant, return_inverse=True)
    statement_ids, s_index = np.unique(statement, return_inverse=True)
    first_vote = np.full(len(participant_ids), np.inf)
    np.minimum.at(first_vote, p_index, time)
    by_entry = np.lexsort((participant_ids, first_vote))
    row_of = np.empty_like(by_entry)
    row_of[by_entry] = np.arange(len(by_entry))
    last, first = _latest_and_first(p_index * len(statement_ids) + s_index, time)
    shape = (len(participant_ids), len(statement_ids))
    matrix = np.full(shape, np.nan)
    matrix[row_of[p_index[last]], s_index[last]] = votes["vote"].to_numpy(np.float64)[
        last
    ]
    first_times = np.full(shape, np.nan)
    first_times[row_of[p_index[first]], s_index[first]] = time[first]
    moderated_out, is_meta = _statement_flags(statement_ids, statement, statements)
    is_meta |= np.isin(statement_ids, np.fromiter(meta, dtype=np.int64))
    return VoteMatrix(
        participants=participant_ids[by_entry],
        statements=statement_ids,
        votes=matrix,
        first_times=first_times,
        moderated_out=moderated_out,
        meta=is_meta,
    )


def _latest_and_first(
    pair: np.ndarray, time: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the latest and the earliest record of every pair."""
    if np.bincount(pair).max() == 1:
        everything = np.arange(len(pair))
        return everything, everything
    # Records by pair, then time; equal times keep file order.
    order = np.lexsort((np.arange(len(time)), time, pair))
    change = pair[order][1:] != pair[order][:-1]
    return order[np.append(change, True)], order[np.insert(change, 0, True)]


def _statement_flags(
    statement_ids: np.ndarray,
    voted: np.ndarray,
    statements: pd.DataFrame | None,
) -> tuple[np.ndarray, np.ndarray]:
    if statements is None:
        none = np.zeros(len(statement_ids), dtype=bool)
        return none, none.copy()
    known = pd.Index(statements["statement"].to_numpy(np.int64))
    where = known.get_indexer(voted)
    if (where < 0).any():
        row = int(np.flatnonzero(where < 0)[0])
        raise InputError(
            "unknown_statement",
            f"vote on statement {voted[row]}, which the statement file does not list",
            column="statement",
            row=row + 1,
        )
    index = known.get_indexer(statement_ids)
    moderated_out = statements["moderation"].to_numpy(np.int64)[index] == -1
    is_meta = statements["is_meta"].to_numpy(bool)[index]
    return moderated_out, is_meta.copy()


def _column(records: pd.DataFrame, keys: tuple[str, ...]) -> str:
    for key in keys:
        if key in records.columns:
            return key
    names = " or ".join(repr(key) for key in keys)
    raise InputError("missing_column", f"no column {names}", column=keys[0], row=None)


def _numbers(records: pd.DataFrame, column: str) -> np.ndarray:
    raw = records[column].reset_index(drop=True)
    missing = raw.isna().to_numpy()
    if missing.any():
        row = int(np.flatnonzero(missing)[0])
        raise InputError(
            "missing_value", "value is missing", column=column, row=row + 1
        )
    if pd.api.types.is_bool_dtype(raw):
        values = pd.Series(np.nan, index=raw.index)  # booleans are no numbers here
    elif pd.api.types.is_numeric_dtype(raw):
        values = raw.astype(np.float64)
    else:
        values = pd.to_numeric(raw.astype(object).map(_number), errors="coerce")
    bad = values.isna().to_numpy()
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise InputError(
            "not_a_number",
            f"must be a number, got {_shown(raw.iloc[row])}",
            column=column,
            row=row + 1,
        )
    return values.to_numpy(np.float64)


def _number(value: object) -> object:
    # Booleans are numbers to pandas; in a vote file they are a mistake.
    if isinstance(value, bool):
        return None
    return value.strip() if isinstance(value, str) else value


def _ids(records: pd.DataFrame, column: str) -> np.ndarray:
    values = _numbers(records, column)
    bad = (values != np.floor(values)) | (values < 0) | ~np.isfinite(values)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise InputError(
            "not_an_id",
            f"must be a whole number ≥ 0, got {_shown(records[column].iloc[row])}",
            column=column,
            row=row + 1,
        )
    return values.astype(np.int64)


def _moderation(records: pd.DataFrame) -> np.ndarray:
    key = next((key for key in _MODERATION_KEYS if key in records.columns), None)
    if key is None:
        return np.zeros(len(records), dtype=np.int64)
    values = _numbers(records, key)
    bad = ~np.isin(values, (-1.0, 0.0, 1.0))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise InputError(
            "unknown_moderation",
            f"moderation must be -1, 0 or 1, got {_shown(records[key].iloc[row])}",
            column=key,
            row=row + 1,
        )
    return values.astype(np.int64)


def _booleans(records: pd.DataFrame, column: str) -> np.ndarray:
    if column not in records.columns:
        return np.zeros(len(records), dtype=bool)
    out = np.zeros(len(records), dtype=bool)
    for row, value in enumerate(records[column].tolist()):
        flag = _boolean(value)
        if flag is None:
            raise InputError(
                "not_a_boolean",
                f"must be true or false, got {_shown(value)}",
                column=column,
                row=row + 1,
            )
        out[row] = flag
    return out


def _boolean(value: object) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if pd.isna(value):  # type: ignore[call-overload]
        return False
    text = str(value).strip().lower()
    if text in _TRUE_TEXT:
        return True
    return False if text in _FALSE_TEXT else None


def _shown(value: object) -> str:
    plain = value.item() if isinstance(value, np.generic) else value
    return repr(plain)
