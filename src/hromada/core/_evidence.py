"""Official statistics and expert checklists: reading, rates and scores.

Statistics (T1–T10) are entered as the count or measure the police or the State
Emergency Service gives for a year; the rate follows from the community's
population and the indicator's unit (per 10,000 residents, per 1,000, per 100,
percent, or minutes as given). Expert and audit checklists (E1–E4) rate each
criterion 0 (no), 1 (partly) or 2 (yes); the score is 10 × Σ / (2 × criteria).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._framework import UNITS, Framework, Indicator
from hromada.core._problems import Problem, where
from hromada.core._tables import cell_number, cell_text, read_table

STATISTICS_COLUMNS = ("indicator", "period", "value", "source")
FIRST_YEAR, LAST_YEAR = 1991, 2100
CRITERION_LEVELS = (0, 1, 2)


@dataclass(frozen=True, slots=True)
class StatisticsRead:
    """``frame`` (``row, indicator, period, value, source, note``) or problems."""

    frame: pd.DataFrame | None
    problems: tuple[Problem, ...] = ()
    total_problems: int = 0


def statistic_rate(value: float, population: int, unit: str) -> float:
    """The rate of a statistic for a community.

    Parameters
    ----------
    value : float
        The count (offences, fires, shelter places, cameras, IDPs...) or, for
        ``minutes``, the measure itself.
    population : int
        Residents of the community, > 0.
    unit : str
        A key of ``UNITS``: ``per_10000``, ``per_1000``, ``per_100``,
        ``percent`` or ``minutes``.

    Returns
    -------
    float
        value / population × 10,000 (1,000, 100, 100), or the value for minutes.

    Raises
    ------
    InputError
        ``unknown_value`` for another unit, ``not_positive`` for a population
        of 0 or less, ``not_a_number`` for a negative or non-finite value.
    """
    if unit not in UNITS:
        raise InputError("unknown_value", f"{unit!r} is not a unit", column="unit")
    if not math.isfinite(value) or value < 0:
        raise InputError("not_a_number", "the value must be 0 or more", column="value")
    per = UNITS[unit]
    if per is None:
        return float(value)
    if population <= 0:
        raise InputError(
            "not_positive", "the population must be above 0", column="population"
        )
    return float(value) / population * per


def checklist_score(ratings: Mapping[str, int], indicator: Indicator) -> float:
    """An expert or audit indicator's 0–10 score from its checklist.

    Parameters
    ----------
    ratings : mapping of criterion code → 0, 1 or 2
        One rating per criterion of ``indicator.checklist`` (no, partly, yes).
    indicator : Indicator
        An indicator with a checklist (E1–E4).

    Returns
    -------
    float
        10 × Σ ratings / (2 × number of criteria), rounded to 0.1.

    Raises
    ------
    InputError
        ``missing_value`` for a criterion without a rating, ``unknown_value``
        for a rating of another criterion, ``out_of_range`` for a rating
        other than 0, 1, 2.
    """
    codes = [criterion.code for criterion in indicator.checklist]
    if not codes:
        raise InputError(
            "unknown_value", f"{indicator.code} has no checklist", column=indicator.code
        )
    for code in ratings:
        if code not in codes:
            raise InputError(
                "unknown_value", f"{code!r} is not a criterion", column=code
            )
    for code in codes:
        if code not in ratings:
            raise InputError("missing_value", f"{code!r} has no rating", column=code)
        if ratings[code] not in CRITERION_LEVELS or isinstance(ratings[code], bool):
            raise InputError("out_of_range", f"{code!r}: rate 0, 1 or 2", column=code)
    return round(10 * sum(ratings[c] for c in codes) / (2 * len(codes)), 1)


def read_statistics(
    blob: bytes,
    framework: Framework,
    *,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    max_problems: int = 100,
) -> StatisticsRead:
    """Read official statistics from a CSV or XLSX file.

    Parameters
    ----------
    blob : bytes
        A table with the columns ``indicator`` (T1–T10 of the framework),
        ``period`` (a year), ``value`` (a count or measure, ≥ 0; a decimal
        comma is accepted), ``source`` (who gave it) and optionally ``note``.
    framework : Framework

    Returns
    -------
    StatisticsRead
        ``frame`` (``row`` int, ``indicator`` str, ``period`` int, ``value``
        float, ``source`` str, ``note`` str) or problems, each with row and
        column: those of ``read_table``, ``missing_column``,
        ``unknown_indicator``, ``bad_period``, ``not_a_number``,
        ``missing_value`` (no source), ``duplicate_row`` (an indicator and
        year given twice).
    """
    read = read_table(blob, max_rows=max_rows, max_bytes=max_bytes)
    if read.table is None:
        return StatisticsRead(None, read.problems, len(read.problems))
    table = read.table
    header = [name.casefold() for name in table.header]
    missing = [name for name in STATISTICS_COLUMNS if name not in header]
    if missing:
        problems = tuple(
            Problem(
                "missing_column",
                f"{where(1, name)}the file has no column {name!r}",
                1,
                name,
                expected=name,
            )
            for name in missing
        )
        return StatisticsRead(None, problems, len(problems))
    codes = {i.code for i in framework.indicators_of("statistics")}
    cells = {name: table.columns[header.index(name)] for name in STATISTICS_COLUMNS}
    notes = table.columns[header.index("note")] if "note" in header else None
    found: list[Problem] = []
    rows = []
    seen: dict[tuple[str, int], int] = {}
    for index, row in enumerate(table.rows):
        entry = _statistic_row(int(row), index, cells, codes, found)
        if entry is None:
            continue
        key = (entry[0], entry[1])
        if key in seen:
            message = (
                f"{entry[0]} for {entry[1]} is given again (first on row {seen[key]})"
            )
            found.append(
                Problem(
                    "duplicate_row",
                    where(int(row), "indicator") + message,
                    int(row),
                    "indicator",
                    f"{key[0]} {key[1]}",
                )
            )
            continue
        seen[key] = int(row)
        note = "" if notes is None else (cell_text(notes[index]) or "")
        rows.append((int(row), *entry, note))
    if found:
        return StatisticsRead(None, tuple(found[:max_problems]), len(found))
    frame = pd.DataFrame(
        rows, columns=["row", "indicator", "period", "value", "source", "note"]
    )
    return StatisticsRead(frame.astype({"period": np.int64, "value": np.float64}))


def _statistic_row(
    row: int,
    index: int,
    cells: Mapping[str, np.ndarray],
    codes: set[str],
    found: list[Problem],
) -> tuple[str, int, float, str] | None:
    start = len(found)

    def problem(code: str, column: str, message: str, value: object) -> None:
        found.append(
            Problem(
                code,
                where(row, column) + message,
                row,
                column,
                None if value is None else str(value)[:60],
            )
        )

    indicator = (cell_text(cells["indicator"][index]) or "").upper()
    if indicator not in codes:
        problem(
            "unknown_indicator",
            "indicator",
            f"{indicator or 'nothing'!r} is not one of T1–T10",
            indicator,
        )
    period_text = cell_text(cells["period"][index]) or ""
    period = int(period_text) if re.fullmatch(r"\d{4}", period_text) else 0
    if not FIRST_YEAR <= period <= LAST_YEAR:
        problem("bad_period", "period", "expected a year such as 2024", period_text)
    raw = cells["value"][index]
    text = cell_text(raw)
    value = None if text is None else cell_number(raw, text)
    if value is None or value < 0:
        problem("not_a_number", "value", "expected a number, 0 or more", text)
    source = cell_text(cells["source"][index]) or ""
    if not source:
        problem("missing_value", "source", "say who gave the figure", None)
    if len(found) > start or value is None:
        return None
    return indicator, period, value, source[:200]
