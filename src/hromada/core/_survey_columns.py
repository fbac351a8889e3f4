"""Variables as value columns: numbers, or one 0/1 column per categorical level."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_declaration import SurveyWarning
from hromada.core._survey_engine import Block, Kind
from hromada.core._survey_values import (
    BoolArray,
    Factor,
    FloatArray,
    IntArray,
    factor,
    missing_mask,
    numeric_column,
    parse_numbers,
    require_columns,
)

Statistic = Literal["mean", "total", "proportion", "ratio"]
STATISTICS: tuple[str, ...] = ("mean", "total", "proportion", "ratio")
# Keeps each of a block's row-level arrays near 64 MB whatever the number of rows.
_BLOCK_CELLS = 8_000_000


@dataclass(frozen=True, slots=True)
class Column:
    """One value column: a variable, or one level of a categorical variable."""

    variable: str
    level: str | None
    share: bool  # a proportion: logit interval (§1.7)


@dataclass(frozen=True, slots=True)
class _Source:
    values: FloatArray | None  # numeric values, NaN missing
    denominator: FloatArray | None  # ratio denominators
    levels: Factor | None  # categorical
    share: bool

    @property
    def centre(self) -> float:
        """Mean of the valid values: subtracting it keeps sums of squares exact."""
        assert self.values is not None
        return float(np.nanmean(self.values))


@dataclass(frozen=True, slots=True)
class Prepared:
    """Variables read from the frame, ready to be cut into blocks."""

    kind: Kind
    columns: tuple[Column, ...]
    missing: dict[str, int]
    warnings: tuple[SurveyWarning, ...]
    sources: dict[str, _Source]

    def blocks(self, order: IntArray) -> Iterator[tuple[int, Block]]:
        """Blocks of columns (start offset, block) with rows in ``order``, each
        small enough in memory."""
        n = order.size
        width = max(1, _BLOCK_CELLS // max(n, 1))
        for start in range(0, len(self.columns), width):
            yield start, self._block(self.columns[start : start + width], order)

    def _block(self, columns: Sequence[Column], order: IntArray) -> Block:
        k, n = len(columns), order.size
        y, valid = np.zeros((k, n)), np.zeros((k, n))
        x = np.zeros((k, n)) if self.kind == "ratio" else None
        centre = np.zeros(k)
        for j, column in enumerate(columns):
            source = self.sources[column.variable]
            if source.levels is not None:
                codes = source.levels.codes[order]
                level = source.levels.levels.index(str(column.level))
                valid[j] = codes >= 0
                y[j] = codes == level
                continue
            assert source.values is not None
            values = source.values[order]
            ok = ~np.isnan(values)
            if x is not None and source.denominator is not None:
                denominator = source.denominator[order]
                ok &= ~np.isnan(denominator)
                x[j] = np.where(ok, denominator, 0.0)
            valid[j] = ok
            y[j] = np.where(ok, values, 0.0)
            centre[j] = source.centre if x is None else 0.0
        share = np.array([c.share for c in columns], dtype=bool)
        return Block(kind=self.kind, y=y, x=x, valid=valid, centre=centre, share=share)


def check_statistic(statistic: str, denominator: str | None) -> Kind:
    if statistic not in STATISTICS:
        raise InputError(
            "invalid_option",
            f"statistic must be one of {', '.join(STATISTICS)}, got {statistic!r}",
        )
    if (statistic == "ratio") != (denominator is not None):
        raise InputError(
            "invalid_option",
            "a ratio needs a denominator, and only a ratio takes one",
            column=denominator,
        )
    return "mean" if statistic == "proportion" else statistic  # type: ignore[return-value]


def prepare(
    frame: pd.DataFrame,
    variables: Sequence[str],
    statistic: str,
    denominator: str | None,
    *,
    shares: bool = False,
) -> Prepared:
    """Read ``variables`` for ``statistic``. ``shares``: numeric 0/1 variables
    whose means are proportions (logit intervals)."""
    kind = check_statistic(statistic, denominator)
    if len(frame) == 0:
        raise InputError("empty_frame", "the data have no rows")
    if isinstance(variables, str) or not variables:
        raise InputError("invalid_option", "give a non-empty list of variables")
    require_columns(frame, [*variables, *([denominator] if denominator else [])])
    warnings: list[SurveyWarning] = []
    sources: dict[str, _Source] = {}
    missing: dict[str, int] = {}
    columns: list[Column] = []
    den = None
    if denominator is not None:
        den = numeric_column(frame, denominator, what="the denominator")
    for name in dict.fromkeys(variables):
        source, gone = _read(frame, name, statistic, den, shares, warnings)
        sources[name], missing[name] = source, int(gone.sum())
        if gone.all():
            raise InputError(
                "all_missing", "the variable has no valid answers", column=name
            )
        if source.levels is None:
            columns.append(Column(name, None, source.share))
        else:
            share = kind == "mean"
            columns.extend(Column(name, lv, share) for lv in source.levels.levels)
    return Prepared(kind, tuple(columns), missing, tuple(warnings), sources)


def _read(
    frame: pd.DataFrame,
    name: str,
    statistic: str,
    denominator: FloatArray | None,
    shares: bool,
    warnings: list[SurveyWarning],
) -> tuple[_Source, BoolArray]:
    series = frame[name]
    missing = missing_mask(series)
    if statistic == "proportion":
        return _Source(None, None, factor(series), True), missing
    if statistic == "ratio":
        values = numeric_column(frame, name, what="a ratio numerator")
        gone = np.isnan(values) | np.isnan(denominator)  # type: ignore[arg-type]
        return _Source(values, denominator, None, False), gone
    values, bad = parse_numbers(series, missing)
    if bad < 0:
        if shares:
            _check_binary(values, name)
        return _Source(values, None, None, shares), missing
    if pd.api.types.is_numeric_dtype(series):
        # A number column cannot become categories: infinity is an error.
        numeric_column(frame, name, what="an answer")
    if shares:
        raise InputError(
            "not_binary",
            f"a share needs 0/1 answers, got {series.iloc[bad]!r}",
            column=name,
            row=bad + 1,
        )
    if (~np.isnan(values)).any():
        warnings.append(
            SurveyWarning(
                "mixed_values",
                f"{name!r} mixes numbers and text (row {bad + 1}: "
                f"{series.iloc[bad]!r}); every value is treated as a category",
                column=name,
            )
        )
    return _Source(None, None, factor(series), True), missing


def _check_binary(values: FloatArray, name: str) -> None:
    bad = np.flatnonzero(~np.isnan(values) & (values != 0) & (values != 1))
    if bad.size:
        raise InputError(
            "not_binary",
            f"a share needs 0/1 answers, got {values[bad[0]]:g}",
            column=name,
            row=int(bad[0]) + 1,
        )
