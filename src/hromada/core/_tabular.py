"""Checks and orderings shared by the ranking, risk, disclosure and network modules.

Rows are reported 1-based over data rows (a CSV's header is row 0), by position in
the frame, so a file read with a default index names the line a person can find.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from hromada.core._errors import InputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def require_columns(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    """Refuse a frame that lacks one of ``columns`` (the first missing is named)."""
    for column in columns:
        if column not in frame.columns:
            raise InputError(
                "missing_column", f"missing column {column!r}", column=column
            )


def blank(values: pd.Series) -> BoolArray:
    """Missing cells: NA, or text that is empty once stripped (CSV read as text)."""
    missing = values.isna().to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(values):
        return missing
    text = values.astype(str).str.strip()
    return missing | (text == "").to_numpy(dtype=bool)


def refuse_first(
    bad: npt.NDArray[np.bool_],
    code: str,
    column: str,
    message: Callable[[int], str],
) -> None:
    """Raise ``code`` at the first row where ``bad`` holds, if any.

    ``message`` gets that row's 0-based position and words the problem.
    """
    hits = np.flatnonzero(bad)
    if len(hits):
        position = int(hits[0])
        raise InputError(code, message(position), column=column, row=position + 1)


def labels(frame: pd.DataFrame, column: str) -> npt.NDArray[Any]:
    """The column's values as labels; a missing label is refused."""
    refuse_first(blank(frame[column]), "missing_value", column, _missing)
    return frame[column].to_numpy(dtype=object)


def numbers(
    frame: pd.DataFrame,
    column: str,
    *,
    low: float = -np.inf,
    high: float = np.inf,
) -> FloatArray:
    """The column as finite floats in ``[low, high]``; anything else is refused."""
    refuse_first(blank(frame[column]), "missing_value", column, _missing)
    return optional_numbers(frame, column, low=low, high=high)


def optional_numbers(
    frame: pd.DataFrame,
    column: str,
    *,
    low: float = -np.inf,
    high: float = np.inf,
) -> FloatArray:
    """The column as floats in ``[low, high]``, NaN where a cell is missing.

    A cell that is present but not a finite number, or outside the bounds, is
    refused.
    """
    values = frame[column]
    missing = blank(values)
    if pd.api.types.is_numeric_dtype(values):
        parsed = values.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    else:
        parsed = pd.to_numeric(
            values.astype(str).str.strip(), errors="coerce"
        ).to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    parsed[missing] = np.nan
    refuse_first(
        ~np.isfinite(parsed) & ~missing,
        "not_a_number",
        column,
        lambda p: f"not a number: {values.iloc[p]!r}",
    )
    if high == np.inf:
        bound = f"at least {low:g}"
    else:
        bound = f"between {low:g} and {high:g}"
    refuse_first(
        (parsed < low) | (parsed > high),
        "out_of_range",
        column,
        lambda p: f"{parsed[p]:g} is not {bound}",
    )
    return parsed


def whole_numbers(
    frame: pd.DataFrame, column: str, *, low: int, high: int | None = None
) -> IntArray:
    """The column as integers in ``[low, high]``; anything else is refused."""
    parsed = numbers(frame, column, low=low, high=np.inf if high is None else high)
    refuse_first(
        parsed != np.round(parsed),
        "not_a_whole_number",
        column,
        lambda p: f"not a whole number: {parsed[p]:g}",
    )
    return parsed.astype(np.int64)


def _missing(position: int) -> str:
    return "missing value"


def repeats(keys: Sequence[npt.NDArray[Any]]) -> npt.NDArray[np.bool_]:
    """Rows whose keys repeat an earlier row's."""
    frame = pd.DataFrame({k: key for k, key in enumerate(keys)})
    return frame.duplicated().to_numpy(dtype=bool)


def competition_ranks(keys: Sequence[npt.NDArray[Any]]) -> IntArray:
    """Ranks 1, 2, 2, 4 ... where larger keys come first.

    ``keys[0]`` decides, later keys break its ties; rows equal on every key share
    the smallest rank of their tie. Keys are compared to 12 decimals, so scores
    equal in exact arithmetic (products, fitted strengths) tie.
    """
    stacked = np.column_stack(
        [np.round(np.asarray(key, dtype=np.float64), 12) for key in keys]
    )
    order = np.lexsort(tuple(-stacked[:, k] for k in reversed(range(len(keys)))))
    ordered = stacked[order]
    size = len(order)
    new = np.ones(size, dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    positions = np.arange(1, size + 1)
    sorted_ranks = np.maximum.accumulate(np.where(new, positions, 0))
    ranks = np.empty(size, dtype=np.int64)
    ranks[order] = sorted_ranks
    return ranks


def natural_order(values: Iterable[Hashable]) -> list[Hashable]:
    """Distinct values in numeric order when all read as numbers, else by text."""
    distinct = list(dict.fromkeys(values))
    as_numbers = pd.to_numeric(pd.Series([str(v) for v in distinct]), errors="coerce")
    if as_numbers.notna().all():
        keys: list[Any] = as_numbers.tolist()
    else:
        keys = [str(v) for v in distinct]
    order = sorted(range(len(distinct)), key=keys.__getitem__)
    return [distinct[i] for i in order]
