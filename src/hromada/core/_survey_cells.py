"""Domains and cells: every row summed once into (domains, unit) cells.

A cell is the set of rows sharing the finest variance unit (SSU at two stages,
else PSU) and one domain of every requested grouping. Every later step works on
cell sums, so many groupings cost one pass over the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_values import (
    Factor,
    FloatArray,
    IntArray,
    cached_factor,
    require_columns,
)

Grouping = tuple[str, ...]
# One grouping: None (the whole sample), a column, or a tuple of columns crossed.
By = str | tuple[str, ...] | None
# Several groupings: any other sequence (a list) of those.
ByMany = By | Sequence[By]


def parse_by(by: ByMany) -> list[Grouping]:
    """Groupings from ``by``: None (whole sample), a column, a tuple of columns
    (crossed), or a list of those (several groupings in one pass)."""
    items: list[By]
    if by is None or isinstance(by, str | tuple):
        items = [by]
    else:
        items = list(by)
    groupings: list[Grouping] = []
    for item in items:
        if item is None:
            groupings.append(())
        elif isinstance(item, str):
            groupings.append((item,))
        else:
            groupings.append(tuple(item))
    if not groupings:
        raise InputError("invalid_option", "by lists no grouping")
    return groupings


@dataclass(frozen=True, slots=True)
class Domains:
    """The domains of one grouping: a code per row (-1 in no domain) and each
    domain's labels (one per column of the grouping), in ascending order."""

    columns: Grouping
    codes: IntArray
    labels: tuple[tuple[str, ...], ...]

    @property
    def size(self) -> int:
        return len(self.labels)


def domains_of(
    frame: pd.DataFrame, columns: Grouping, cache: dict[str, Factor] | None = None
) -> Domains:
    """Domains of ``columns`` crossed; a row with any of them missing is in none.
    ``cache`` keeps each column's levels across groupings of one call."""
    require_columns(frame, list(columns))
    cache = {} if cache is None else cache
    factors = [cached_factor(frame, c, cache) for c in columns]
    for c, f in zip(columns, factors, strict=True):
        if not f.levels:
            raise InputError(
                "all_missing", "the grouping column has no values", column=c
            )
    return combine(
        columns,
        [f.codes for f in factors],
        [f.levels for f in factors],
        len(frame),
    )


def combine(
    columns: Grouping,
    codes: Sequence[IntArray],
    levels: Sequence[tuple[str, ...]],
    n: int,
) -> Domains:
    """Cross per-column level codes (already in ascending level order)."""
    if not codes:
        return Domains(columns, np.zeros(n, dtype=np.intp), ((),))
    valid = np.logical_and.reduce([c >= 0 for c in codes])
    key = np.zeros(n, dtype=np.int64)
    for c, lv in zip(codes, levels, strict=True):
        # Re-factorising at each step keeps the key below n * levels.
        key = pd.factorize(key * (len(lv) + 1) + c)[0].astype(np.int64)
    used, inverse = np.unique(key[valid], return_inverse=True)
    first = np.full(used.size, -1, dtype=np.intp)
    rows = np.flatnonzero(valid)
    first[inverse[::-1]] = rows[::-1]
    per_column = [c[first] for c in codes]
    order = np.lexsort(per_column[::-1])
    rank = np.empty(order.size, dtype=np.intp)
    rank[order] = np.arange(order.size)
    domain = np.full(n, -1, dtype=np.intp)
    domain[rows] = rank[inverse]
    labels = tuple(
        tuple(levels[j][per_column[j][i]] for j in range(len(codes))) for i in order
    )
    return Domains(columns, domain, labels)


@dataclass(frozen=True, slots=True)
class Cells:
    """Rows grouped into cells; per-cell unit, PSU and domain of each grouping.

    ``order`` sorts rows by cell and ``start`` (C,) is where each cell's rows
    begin in that order, so a cell sum is one ``np.add.reduceat``.
    """

    order: IntArray  # (n,)
    start: IntArray  # (C,)
    weights: FloatArray  # (n,) in cell order
    unit: IntArray  # (C,) SSU code at two stages, else PSU code
    psu: IntArray  # (C,)
    domain: tuple[IntArray, ...]  # per grouping, (C,) domain code or -1
    rows: FloatArray  # (C,) rows per cell

    def reduce(self, values: FloatArray) -> FloatArray:
        """Cell sums (C x K) of row values (K x n, rows in cell order)."""
        return np.ascontiguousarray(np.add.reduceat(values, self.start, axis=1).T)


def build_cells(design: ResolvedDesign, groupings: Sequence[Domains]) -> Cells:
    """Cells of ``design``'s rows for every grouping at once."""
    unit = design.ssu if design.stage2 and design.ssu is not None else design.psu
    key = unit.astype(np.int64)
    for domains in groupings:
        key = key * (domains.size + 1) + (domains.codes + 1)
        key = pd.factorize(key)[0].astype(np.int64)
    order = np.argsort(key, kind="stable").astype(np.intp)
    cell = key[order]
    start = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]]).astype(np.intp)
    first = order[start]
    return Cells(
        order=order,
        start=start,
        weights=design.weights[order],
        unit=unit[first],
        psu=design.psu[first],
        domain=tuple(d.codes[first] for d in groupings),
        rows=np.diff(np.r_[start, cell.size]).astype(np.float64),
    )
