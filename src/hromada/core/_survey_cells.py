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
import scipy.sparse as sp

from hromada.core._errors import InputError
from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_values import (
    FloatArray,
    IntArray,
    factor,
    missing_mask,
    require_columns,
)

Grouping = tuple[str, ...]
By = str | Sequence[str] | None


def parse_by(by: By | list[By]) -> list[Grouping]:
    """Groupings from ``by``: None (whole sample), a column, a tuple of columns
    (crossed), or a list of those (several groupings in one pass)."""
    items: list[By] = list(by) if isinstance(by, list) else [by]
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


def domains_of(frame: pd.DataFrame, columns: Grouping) -> Domains:
    """Domains of ``columns`` crossed; a row with any of them missing is in none."""
    require_columns(frame, list(columns))
    factors = [factor(frame[c], missing_mask(frame[c])) for c in columns]
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
    for c, lv in zip(codes, levels):
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


def sum_by(index: IntArray, values: FloatArray, size: int) -> FloatArray:
    """Sums of the rows of ``values`` (m x K, or m) grouped by ``index`` (m,)."""
    if values.ndim == 1:
        return np.bincount(index, weights=values, minlength=size)
    matrix = sp.csr_array(
        (np.ones(index.size), (index, np.arange(index.size))),
        shape=(size, index.size),
    )
    return np.asarray(matrix @ values, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Cells:
    """Rows grouped into cells; per-cell unit, PSU and domain of each grouping."""

    row_cell: IntArray  # (n,)
    unit: IntArray  # (C,) SSU code at two stages, else PSU code
    psu: IntArray  # (C,)
    domain: tuple[IntArray, ...]  # per grouping, (C,) domain code or -1
    weighted: sp.csr_array  # (C, n): w
    positive: sp.csr_array  # (C, n): 1 where w > 0
    rows: sp.csr_array  # (C, n): 1

    @property
    def size(self) -> int:
        return int(self.unit.size)


def build_cells(design: ResolvedDesign, groupings: Sequence[Domains]) -> Cells:
    """Cells of ``design``'s rows for every grouping at once."""
    unit = design.ssu if design.stage2 and design.ssu is not None else design.psu
    key = unit.astype(np.int64)
    for domains in groupings:
        key = key * (domains.size + 1) + (domains.codes + 1)
        key = pd.factorize(key)[0].astype(np.int64)
    cell = key.astype(np.intp)
    n_cells = int(cell.max()) + 1
    representative = np.empty(n_cells, dtype=np.intp)
    representative[cell] = np.arange(cell.size)
    n = cell.size
    columns = np.arange(n)
    w = design.weights

    def matrix(data: FloatArray) -> sp.csr_array:
        return sp.csr_array((data, (cell, columns)), shape=(n_cells, n))

    return Cells(
        row_cell=cell,
        unit=unit[representative],
        psu=design.psu[representative],
        domain=tuple(d.codes[representative] for d in groupings),
        weighted=matrix(w),
        positive=matrix((w > 0).astype(np.float64)),
        rows=matrix(np.ones(n)),
    )
