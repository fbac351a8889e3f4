"""Disclosure control (statistics.md §7): primary suppression of small cells and
complementary suppression over additive relations, the last step before anything
is published."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._tabular import IntArray, whole_numbers

PUBLISHED = "published"
PRIMARY = "primary"
COMPLEMENTARY = "complementary"
FORCED = "forced"


@dataclass(frozen=True, slots=True)
class Relation:
    """An additive relation between published cells: ``total`` = sum of ``parts``.

    Cells are named by their label in the table's index (a tuple for a
    MultiIndex). Table margins, a hromada and its settlements, "all" and its
    categories, a hierarchy level and the one below, and a parent domain with a
    domain and its complement are all relations.
    """

    total: Hashable
    parts: tuple[Hashable, ...]

    def __post_init__(self) -> None:
        if not self.parts:
            raise InputError(
                "empty_relation", f"relation of {self.total!r} has no parts"
            )

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True, slots=True)
class Suppression:
    """Which cells of a table may be published.

    Attributes
    ----------
    reason : Series
        Index = the table's index; ``published``, ``primary`` (n < n_min),
        ``complementary`` (protects a suppressed cell in some relation) or
        ``forced`` (asked for by the caller).
    unprotected : tuple of Relation
        Relations left with exactly one suppressed cell with n > 0 because no
        published cell with n > 0 remained to suppress beside it; the caller
        should withhold the whole relation (none arise when n adds up).
    n_min : int
        The threshold used.
    """

    reason: pd.Series
    unprotected: tuple[Relation, ...]
    n_min: int

    @property
    def suppressed(self) -> pd.Series:
        """Boolean Series, True where the cell must not be published."""
        return (self.reason != PUBLISHED).rename("suppressed")

    def masked(self, table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
        """A copy of ``table`` with ``columns`` missing on suppressed rows.

        Also adds the boolean column ``suppressed``. Name every column that
        carries a value of the cell (estimate, SE, CI, share, score...).
        """
        if not table.index.equals(self.reason.index):
            raise InputError(
                "different_table", "the table is not the one that was suppressed"
            )
        masked = table.copy()
        hidden = self.suppressed.to_numpy()
        for column in columns:
            if column not in masked.columns:
                raise InputError(
                    "missing_column", f"missing column {column!r}", column=column
                )
            masked[column] = masked[column].mask(hidden)
        masked["suppressed"] = hidden
        return masked


def suppress_cells(
    table: pd.DataFrame,
    relations: Iterable[Relation] = (),
    *,
    n_min: int = 10,
    n: str = "n",
    force: Iterable[Hashable] = (),
) -> Suppression:
    """Decide primary and complementary suppression for a results table.

    Primary: every cell with unweighted n < ``n_min``. Complementary: while some
    relation has exactly one suppressed cell with n > 0, suppress the relation's
    published cell with the smallest n > 0 (ties: the earlier row of
    ``table``); cells with n = 0 never protect, since their value is known.
    Relations are scanned in the given order until a full pass changes nothing.

    Parameters
    ----------
    table : DataFrame, one row per published cell, in display order
        A unique index naming the cells (e.g. a MultiIndex ``code, group``) and
        the column ``n`` (whole numbers >= 0, unweighted respondents or
        voters behind the cell).
    relations : iterable of Relation
        The table's additive relations; see :func:`category_relations` and
        :func:`hierarchy_relations`.
    n_min : int
        Smallest publishable n (default 10).
    n : str
        Name of the n column.
    force : iterable of labels
        Cells to suppress whatever their n (e.g. cells suppressed in a linked
        table); applying the result back as ``force`` changes nothing.

    Returns
    -------
    Suppression

    Raises
    ------
    InputError
        ``missing_column``, ``missing_value``, ``not_a_number``,
        ``not_a_whole_number``, ``out_of_range`` (in ``n``), ``duplicate_cell``,
        ``unknown_cell`` and ``invalid_option`` (``n_min`` < 1).
    """
    if isinstance(n_min, bool) or not isinstance(n_min, int) or n_min < 1:
        raise InputError("invalid_option", "n_min must be a whole number >= 1")
    if n not in table.columns:
        raise InputError("missing_column", f"missing column {n!r}", column=n)
    if table.index.has_duplicates:
        twice = table.index[table.index.duplicated()][0]
        raise InputError("duplicate_cell", f"cell {twice!r} appears twice")
    counts = whole_numbers(table, n, low=0)
    relations = tuple(relations)
    members = [_positions(table.index, relation.cells) for relation in relations]
    reason = np.full(len(table), PUBLISHED, dtype=object)
    reason[_positions(table.index, tuple(force))] = FORCED
    reason[counts < n_min] = PRIMARY
    _complete(reason, counts, members)
    unprotected = tuple(
        relation
        for relation, cells in zip(relations, members, strict=True)
        if _exposed(reason, counts, cells)
    )
    return Suppression(
        reason=pd.Series(reason, index=table.index, name="reason", dtype="str"),
        unprotected=unprotected,
        n_min=n_min,
    )


def hierarchy_relations(
    index: pd.Index,
    *,
    parents: Mapping[Any, Any],
    level: int | str = 0,
) -> list[Relation]:
    """Relations "parent = sum of its children" along one index level.

    Parameters
    ----------
    index : Index or MultiIndex
        The results table's index.
    parents : mapping of label to label
        The parent of each child label on ``level`` (settlement -> starosta
        district -> hromada; or a domain and its complement -> their parent).
    level : int or str
        The level holding the hierarchy (ignored for a flat index).

    Returns
    -------
    list of Relation
        One per parent present in the table and each combination of the other
        levels' labels, with the children present there, in index order.
    """
    position = _level_number(index, level)
    totals: dict[tuple[Hashable, ...], Hashable] = {}
    children: dict[tuple[Hashable, ...], list[Hashable]] = {}
    for label in index:
        key = label if isinstance(index, pd.MultiIndex) else (label,)
        rest = key[:position] + key[position + 1 :]
        totals.setdefault((*rest, key[position]), label)
        if key[position] in parents:
            group = (*rest, parents[key[position]])
            children.setdefault(group, []).append(label)
    return [
        Relation(totals[group], tuple(parts))
        for group, parts in children.items()
        if group in totals
    ]


def category_relations(
    index: pd.Index,
    *,
    total: Hashable = "all",
    categories: Iterable[Hashable] | None = None,
    level: int | str = 0,
) -> list[Relation]:
    """Relations "all = sum of the categories" of one grouping variable.

    For a subgroup table (index ``group``, or a MultiIndex such as ``code,
    group``) with a ``total`` row beside the categories' rows. When the level
    mixes several grouping variables (``female, male, idp, non_idp``), call
    once per variable with its ``categories``; for a two-way table, call once
    per level to protect both margins.

    Parameters
    ----------
    index : Index or MultiIndex
    total : label
        The label of the total on ``level`` (default ``"all"``).
    categories : iterable of labels, optional
        The variable's categories; default every other label on ``level``.
    level : int or str
        The grouping level (ignored for a flat index).

    Returns
    -------
    list of Relation
        One per combination of the other levels' labels that has the total and
        at least one category, in index order.
    """
    if categories is None:
        labels = index.get_level_values(_level_number(index, level)).unique()
        categories = [label for label in labels if label != total]
    parents = {category: total for category in categories}
    return hierarchy_relations(index, parents=parents, level=level)


def _level_number(index: pd.Index, level: int | str) -> int:
    if not isinstance(index, pd.MultiIndex):
        return 0
    if isinstance(level, int) and 0 <= level < index.nlevels:
        return level
    if level in index.names:
        return list(index.names).index(level)
    raise InputError("unknown_level", f"no index level {level!r}")


def _positions(index: pd.Index, labels: tuple[Hashable, ...]) -> IntArray:
    found = index.get_indexer(pd.Index(list(labels), dtype=object, tupleize_cols=False))
    if (found < 0).any():
        missing = labels[int(np.flatnonzero(found < 0)[0])]
        raise InputError("unknown_cell", f"no cell {missing!r} in the table")
    return found.astype(np.int64)


def _exposed(reason: np.ndarray, counts: IntArray, cells: IntArray) -> bool:
    hidden = (reason[cells] != PUBLISHED) & (counts[cells] > 0)
    return int(hidden.sum()) == 1


def _complete(reason: np.ndarray, counts: IntArray, members: list[IntArray]) -> None:
    changed = True
    while changed:
        changed = False
        for cells in members:
            if not _exposed(reason, counts, cells):
                continue
            open_ = cells[(reason[cells] == PUBLISHED) & (counts[cells] > 0)]
            if len(open_) == 0:
                continue
            # Smallest n first, then display order (lexsort's last key decides first).
            chosen = open_[np.lexsort((open_, counts[open_]))[0]]
            reason[chosen] = COMPLEMENTARY
            changed = True
