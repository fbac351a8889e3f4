"""Reading ballot tables into item codes (statistics.md §9), shared by the methods.

A ballot is one person's sheet in one session. Valued ballots (dots, Borda) have a
row per (ballot, item) with ``value``; pairwise ballots have a row per comparison
with ``winner`` and ``loser``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._tabular import (
    IntArray,
    blank,
    labels,
    refuse_first,
    require_columns,
    whole_numbers,
)


@dataclass(frozen=True, slots=True)
class Ballots:
    """Validated ballots as codes: ``first`` is the item (or winner) per row,
    ``second`` the value (or the loser's code)."""

    items: pd.Index
    ballot: IntArray
    first: IntArray
    second: IntArray

    @property
    def n_ballots(self) -> int:
        return len(np.unique(self.ballot))

    def subset(self, mask: npt.NDArray[np.bool_]) -> Ballots:
        ballot = np.unique(self.ballot[mask], return_inverse=True)[1]
        return Ballots(
            self.items, ballot.astype(np.int64), self.first[mask], self.second[mask]
        )


def require_rows(frame: pd.DataFrame) -> None:
    if len(frame) == 0:
        raise InputError("no_ballots", "there are no ballots")


def item_codes(
    items: Sequence[Hashable] | None, columns: Sequence[tuple[str, npt.NDArray[Any]]]
) -> tuple[pd.Index, list[IntArray]]:
    """The item universe and each column's codes into it.

    Without ``items`` the universe is the distinct labels in order of first
    appearance, reading each row's columns left to right.
    """
    if items is None:
        seen = np.column_stack([values for _, values in columns]).ravel()
        index = pd.Index(pd.unique(seen), name="item", dtype=object)
    else:
        index = pd.Index(list(items), name="item", dtype=object)
        if index.has_duplicates:
            twice = index[index.duplicated()][0]
            raise InputError("duplicate_item", f"item {twice!r} is listed twice")
    codes = []
    for column, values in columns:
        code = index.get_indexer(pd.Index(values, dtype=object)).astype(np.int64)
        refuse_first(code < 0, "unknown_item", column, _unknown_item(values))
        codes.append(code)
    return index, codes


def _unknown_item(values: npt.NDArray[Any]) -> Callable[[int], str]:
    return lambda position: f"unknown item {values[position]!r}"


def valued_ballots(
    frame: pd.DataFrame,
    items: Sequence[Hashable] | None,
    *,
    low: int,
    high: int | None = None,
) -> tuple[Ballots, npt.NDArray[Any]]:
    """Rows ``ballot, item, value`` with whole values in ``[low, high]``.

    Returns the ballots and the ballot labels per row (for messages).
    """
    require_columns(frame, ("ballot", "item", "value"))
    require_rows(frame)
    ballot = labels(frame, "ballot")
    item = labels(frame, "item")
    value = whole_numbers(frame, "value", low=low, high=high)
    index, (codes,) = item_codes(items, [("item", item)])
    ballot_codes = pd.factorize(pd.Series(ballot, dtype=object))[0].astype(np.int64)
    return Ballots(index, ballot_codes, codes, value), ballot


def pairwise_ballots(
    frame: pd.DataFrame, items: Sequence[Hashable] | None, *, allow_empty: bool
) -> Ballots:
    """Rows ``ballot, winner, loser``: one comparison each."""
    require_columns(frame, ("ballot", "winner", "loser"))
    if not allow_empty:
        require_rows(frame)
    ballot = labels(frame, "ballot")
    winner = labels(frame, "winner")
    loser = labels(frame, "loser")
    index, (first, second) = item_codes(items, [("winner", winner), ("loser", loser)])
    refuse_first(
        first == second,
        "self_comparison",
        "loser",
        lambda p: f"{winner[p]!r} is compared with itself",
    )
    if len(index) < 2:
        raise InputError("too_few_items", "pairwise ranking needs at least two items")
    ballot_codes = pd.factorize(pd.Series(ballot, dtype=object))[0].astype(np.int64)
    return Ballots(index, ballot_codes, first, second)


def ballot_groups(
    frame: pd.DataFrame, by: str, ballots: Ballots
) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
    """Each row's group label and whether it has one; a ballot keeps one group.

    A row without a group belongs to no group (as a survey domain), but a ballot
    whose rows disagree about the group is refused.
    """
    require_columns(frame, (by,))
    has_group = ~blank(frame[by])
    values = frame[by].to_numpy(dtype=object, copy=True)
    values[~has_group] = None
    first_row = (
        pd.Series(np.arange(len(values))).groupby(ballots.ballot).transform("min")
    )
    refuse_first(
        values != values[first_row.to_numpy()],
        "ballot_in_two_groups",
        by,
        lambda p: "a ballot's rows name different groups",
    )
    return values, has_group
