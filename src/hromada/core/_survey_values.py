"""Reading survey columns: missing values, numbers, and level labels as text."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from hromada.core._errors import InputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]


def require_columns(frame: pd.DataFrame, columns: list[str]) -> None:
    """Refuse a frame that lacks any of ``columns`` (named in the error)."""
    for column in columns:
        if column not in frame.columns:
            raise InputError(
                "missing_column", f"there is no column {column!r}", column=column
            )


def missing_mask(series: pd.Series) -> BoolArray:
    """Missing cells: NaN, None, pd.NA, and text that is empty after stripping."""
    if not _is_text(series):
        return np.asarray(series.isna().to_numpy(dtype=bool), dtype=bool)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    blank = np.array(
        [isinstance(u, str) and not u.strip() for u in uniques] + [True], dtype=bool
    )
    return np.asarray(blank[codes], dtype=bool)


def _is_text(series: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
    )


def parse_numbers(series: pd.Series, missing: BoolArray) -> tuple[FloatArray, int]:
    """Values as floats (NaN where missing) and the position of the first cell
    that is not a finite number (-1 when every non-missing cell is one)."""
    if not _is_text(series):
        values = np.asarray(
            series.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64
        )
    else:
        text = series.astype("str").str.strip()
        values = pd.to_numeric(text, errors="coerce").to_numpy(
            dtype=np.float64, na_value=np.nan, copy=True
        )
        values[missing] = np.nan
    bad = np.flatnonzero(~np.isfinite(values) & ~missing)
    return values, int(bad[0]) if bad.size else -1


def numeric_column(frame: pd.DataFrame, column: str, *, what: str) -> FloatArray:
    """A column that must hold numbers (missing allowed as NaN)."""
    series = frame[column]
    missing = missing_mask(series)
    values, bad = parse_numbers(series, missing)
    if bad >= 0:
        raise InputError(
            "not_a_number",
            f"{what} must be a finite number, got {series.iloc[bad]!r}",
            column=column,
            row=bad + 1,
        )
    return values


def complete_numeric_column(
    frame: pd.DataFrame, column: str, *, what: str
) -> FloatArray:
    """A design column: numbers, no missing values, all finite."""
    values = numeric_column(frame, column, what=what)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        raise InputError(
            "missing_design_value",
            f"{what} is missing or not finite",
            column=column,
            row=int(bad[0]) + 1,
        )
    return values


def format_number(value: float) -> str:
    """A number as short text: ``3`` not ``3.0``, ``0.25`` not ``2.5e-01``."""
    return str(np.format_float_positional(value, trim="-"))


def _label(value: object, text: bool) -> str:
    if text:
        return str(value)
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    return format_number(float(value))  # type: ignore[arg-type]


def order_labels(labels: list[str]) -> list[str]:
    """Ascending order: by number when every label is a number, else by text."""
    numbers = pd.to_numeric(pd.Series(labels, dtype=object), errors="coerce")
    if labels and not numbers.isna().any():
        return [
            label
            for _, label in sorted(
                zip(numbers.tolist(), labels, strict=True), key=lambda p: p
            )
        ]
    return sorted(labels)


@dataclass(frozen=True, slots=True)
class Factor:
    """A categorical column: level code per row (-1 missing), ordered labels."""

    codes: IntArray
    levels: tuple[str, ...]


def factor(series: pd.Series) -> Factor:
    """Levels are the distinct non-missing labels, in :func:`order_labels` order.

    Labels are the text as written for text columns and short numbers otherwise;
    raw values that read the same (``3`` and ``"3"`` in one object column) merge.
    Missing (NaN, None, blank text) is code -1.
    """
    raw_codes, uniques = pd.factorize(series, use_na_sentinel=True)
    text = _is_text(series)
    blank = [text and isinstance(u, str) and not u.strip() for u in uniques]
    labels = [_label(u, text) for u in uniques]
    ordered = order_labels(
        sorted({lb for lb, b in zip(labels, blank, strict=True) if not b})
    )
    rank = {label: i for i, label in enumerate(ordered)}
    remap = np.array(
        [-1 if b else rank[lb] for lb, b in zip(labels, blank, strict=True)] + [-1],
        dtype=np.intp,
    )
    return Factor(codes=remap[raw_codes], levels=tuple(ordered))


def cached_factor(frame: pd.DataFrame, column: str, cache: dict[str, Factor]) -> Factor:
    """:func:`factor` of ``frame[column]``, read once per call through ``cache``."""
    if column not in cache:
        cache[column] = factor(frame[column])
    return cache[column]


def first_rows(codes: IntArray) -> IntArray:
    """Row of each code's first occurrence, indexed by code."""
    _, first = np.unique(codes, return_index=True)
    return first.astype(np.intp)
