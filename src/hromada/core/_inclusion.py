"""Inclusion of a dialogue: who came, against who lives in the community.

Attendance shares are compared with reference shares: the population's (entered
by the facilitator, or official statistics) and, when an assessment has them,
the survey's weighted shares. A group that should have been in the room and was
not is flagged, because a dialogue that misses the displaced, veterans or young
people cannot speak for the community.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._tabular import (
    labels,
    numbers,
    repeats,
    require_columns,
    whole_numbers,
)

_KEY = ["dimension", "category"]
# Shares of one dimension may add up to a little over 1 after rounding.
_SHARE_SLACK = 1e-6


def inclusion_metrics(
    attendance: pd.DataFrame,
    *,
    total: int,
    population: pd.DataFrame | None = None,
    survey: pd.DataFrame | None = None,
    expected: Iterable[tuple[str, str]] = (),
    under: float = 0.5,
) -> pd.DataFrame:
    """Attendance shares against population and survey shares, with flags.

    Parameters
    ----------
    attendance : DataFrame, one row per recorded category
        ``dimension`` (e.g. ``sex``, ``age_group``, ``idp``), ``category``
        (e.g. ``female``, ``18_29``, ``yes``) and ``n`` (attendees, whole
        number ≥ 0). A dimension with at least one row counts as recorded:
        its categories without a row had no attendee (n = 0). A dimension
        without rows was not recorded, so nothing about it is flagged.
    total : int
        Attendees (the head count, ≥ 1): the denominator of every share, so
        categories that do not add up to it (sex not known for everyone)
        still compare fairly.
    population, survey : DataFrame, optional
        ``dimension``, ``category``, ``share`` (0-1): the population's shares
        and the survey's (weighted) shares. Shares of one dimension add up to
        at most 1.
    expected : iterable of (dimension, category)
        Groups that should be in the room whether or not a reference share is
        known (women, young people, the displaced, veterans, people with a
        disability): flagged as missing when their dimension was recorded
        and nobody of them came.
    under : float
        A group whose share is below ``under`` times its reference share is
        under-represented.

    Returns
    -------
    DataFrame
        Index (``dimension``, ``category``): attendance rows in their order,
        then reference and expected rows not among them. Columns ``n`` (Int64,
        missing where the dimension was not recorded), ``share`` (float64,
        n / total), ``population_share`` and ``survey_share`` (float64,
        missing where not given), ``population_ratio`` and ``survey_ratio``
        (share / reference share; missing where either is missing or the
        reference is 0), ``missing`` (bool: recorded, n = 0, and expected or
        with a reference share > 0) and ``under_represented`` (bool: n > 0
        and a ratio below ``under``).

    Raises
    ------
    InputError
        ``no_attendees`` (total < 1), ``over_total`` (a category with more
        attendees than the total), ``duplicate_category``,
        ``shares_over_one``, ``bad_threshold``, and the column checks
        (``missing_column``, ``missing_value``, ``not_a_number``,
        ``out_of_range``, ``not_a_whole_number``).
    """
    if not np.isfinite(under) or under <= 0:
        raise InputError("bad_threshold", "under must be a positive number")
    if total < 1:
        raise InputError("no_attendees", "the head count must be at least 1")
    wanted = [(str(dimension), str(category)) for dimension, category in expected]
    counts = _counts(attendance, total)
    references = {
        name: _shares(frame, name)
        for name, frame in (("population", population), ("survey", survey))
        if frame is not None
    }
    keys = list(counts.index)
    for shares in references.values():
        keys += list(shares.index)
    keys += wanted
    index = pd.MultiIndex.from_tuples(list(dict.fromkeys(keys)), names=_KEY)
    return _table(index, counts, references, total, set(wanted), under)


def _counts(attendance: pd.DataFrame, total: int) -> pd.Series:
    require_columns(attendance, (*_KEY, "n"))
    dimension = labels(attendance, "dimension")
    category = labels(attendance, "category")
    n = whole_numbers(attendance, "n", low=0)
    _refuse_repeats(dimension, category, "attendance")
    over = np.flatnonzero(n > total)
    if len(over):
        row = int(over[0])
        raise InputError(
            "over_total",
            f"{n[row]} attendees in {category[row]!r} but {total} in all",
            column="n",
            row=row + 1,
        )
    index = pd.MultiIndex.from_arrays([dimension, category], names=_KEY)
    return pd.Series(n, index=index, dtype=np.int64)


def _shares(frame: pd.DataFrame, name: str) -> pd.Series:
    require_columns(frame, (*_KEY, "share"))
    dimension = labels(frame, "dimension")
    category = labels(frame, "category")
    share = numbers(frame, "share", low=0.0, high=1.0)
    _refuse_repeats(dimension, category, name)
    sums = pd.Series(share).groupby(dimension, sort=False).sum()
    over = sums[sums > 1.0 + _SHARE_SLACK]
    if len(over):
        raise InputError(
            "shares_over_one",
            f"{name} shares of {over.index[0]!r} add up to {over.iloc[0]:.4g}",
            column="share",
        )
    index = pd.MultiIndex.from_arrays([dimension, category], names=_KEY)
    return pd.Series(share, index=index, dtype=np.float64)


def _refuse_repeats(dimension: np.ndarray, category: np.ndarray, name: str) -> None:
    repeated = np.flatnonzero(repeats([dimension, category]))
    if len(repeated):
        row = int(repeated[0])
        raise InputError(
            "duplicate_category",
            f"{name}: {dimension[row]!r} / {category[row]!r} is listed twice",
            column="category",
            row=row + 1,
        )


def _table(
    index: pd.MultiIndex,
    counts: pd.Series,
    references: dict[str, pd.Series],
    total: int,
    expected: set[tuple[str, str]],
    under: float,
) -> pd.DataFrame:
    recorded = index.get_level_values("dimension").isin(
        counts.index.get_level_values("dimension")
    )
    n = counts.reindex(index).astype("Int64")
    n[recorded & n.isna().to_numpy()] = 0
    table = pd.DataFrame({"n": n}, index=index)
    table["share"] = n.astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
    table["share"] /= total
    reference_known = np.zeros(len(index), dtype=bool)
    low = np.zeros(len(index), dtype=bool)
    for name in ("population", "survey"):
        shares = references.get(name, pd.Series(dtype=np.float64)).reindex(index)
        values = shares.to_numpy(dtype=np.float64)
        table[f"{name}_share"] = values
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(values > 0, table["share"].to_numpy() / values, np.nan)
        table[f"{name}_ratio"] = ratio
        reference_known |= values > 0
        low |= ratio < under
    present = n.fillna(0).to_numpy(dtype=np.int64) > 0
    is_expected = np.array([key in expected for key in index], dtype=bool)
    table["missing"] = recorded & ~present & (reference_known | is_expected)
    table["under_represented"] = present & low
    return table
