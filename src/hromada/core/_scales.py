"""Survey scales: Likert and yes/no items → 0–10 scores, and their reliability.

statistics.md §2: u_j = (x'_j − a_j)/(b_j − a_j) after reverse coding
x' = a + b − x; a respondent's score is 10 × the mean of their valid u_j, missing
with fewer than ``min_valid`` valid items. Cronbach's alpha is COINr's
``get_cronbach`` (pairwise-complete covariances).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from hromada.core._errors import InputError

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ScaleItem:
    """One survey item of an indicator.

    ``low``/``high`` are the item's range (L5 and F5: 1–5; YN: 0–1);
    ``reverse`` marks a reverse-coded item.
    """

    code: str
    low: float = 1.0
    high: float = 5.0
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    """Reliability of one indicator's items.

    Attributes
    ----------
    alpha : float
        Cronbach's alpha over all respondents (pairwise-complete, COINr).
    low_alpha : bool
        ``alpha < 0.7``.
    items : DataFrame, one row per item (index = item code)
        ``item_rest`` (float, correlation of the item with the sum of the other
        items over respondents with every item valid), ``alpha_if_deleted``
        (float, alpha of the other items on the same respondents),
        ``low_item_rest`` (bool, item_rest < 0.3).
    n_complete : int
        Respondents with every item valid.
    """

    alpha: float
    low_alpha: bool
    items: pd.DataFrame
    n_complete: int


def unit_scores(responses: pd.DataFrame, items: Sequence[ScaleItem]) -> pd.DataFrame:
    """Rescale items to [0, 1] after reverse coding.

    Parameters
    ----------
    responses : DataFrame, one row per respondent
        One numeric column per item code (NaN = hard to say, refused, missing).
    items : sequence of ScaleItem

    Returns
    -------
    DataFrame of float
        Same index, one column per item: u = (x' − low)/(high − low).

    Raises
    ------
    InputError
        ``missing_column``, ``not_a_number``, ``out_of_range`` (naming the
        item and the 1-based row), ``invalid_range`` (high ≤ low).
    """
    out = {}
    for item in items:
        if item.code not in responses.columns:
            raise InputError(
                "missing_column", f"no column for item {item.code!r}", column=item.code
            )
        if not item.high > item.low:
            raise InputError(
                "invalid_range",
                f"item {item.code}: high {item.high} is not above low {item.low}",
                column=item.code,
            )
        x = _numeric(responses[item.code], item.code)
        outside = ~np.isnan(x) & ((x < item.low) | (x > item.high))
        if outside.any():
            row = int(np.flatnonzero(outside)[0]) + 1
            raise InputError(
                "out_of_range",
                f"{x[row - 1]} is outside {item.low:g}–{item.high:g}",
                column=item.code,
                row=row,
            )
        if item.reverse:
            x = item.low + item.high - x
        out[item.code] = (x - item.low) / (item.high - item.low)
    return pd.DataFrame(out, index=responses.index)


def _numeric(column: pd.Series, code: str) -> FloatArray:
    values = pd.to_numeric(column, errors="coerce")
    bad = values.isna() & column.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0]) + 1
        raise InputError(
            "not_a_number",
            f"{column.iloc[row - 1]!r} is not a number",
            column=code,
            row=row,
        )
    return values.to_numpy(dtype=float)


def scale_scores(
    responses: pd.DataFrame, items: Sequence[ScaleItem], *, min_valid: int = 2
) -> pd.Series:
    """Each respondent's 0–10 indicator score.

    Parameters
    ----------
    responses : DataFrame, one row per respondent
        One numeric column per item (see ``unit_scores``).
    items : sequence of ScaleItem
        At least 3 items.
    min_valid : int
        Fewest valid items for a score (default 2).

    Returns
    -------
    Series of float, 0–10
        10 × mean of the valid rescaled items; NaN with fewer than
        ``min_valid`` valid items.

    Raises
    ------
    InputError
        ``too_few_items`` with fewer than 3 items; ``invalid_min_valid``;
        and the errors of ``unit_scores``.
    """
    if len(items) < 3:
        raise InputError(
            "too_few_items", f"an indicator needs at least 3 items, got {len(items)}"
        )
    if not 1 <= min_valid <= len(items):
        raise InputError(
            "invalid_min_valid", f"min_valid {min_valid} is not within 1–{len(items)}"
        )
    u = unit_scores(responses, items)
    valid = u.notna().sum(axis=1)
    return (10 * u.mean(axis=1)).where(valid >= min_valid).rename("score")


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha as COINr ``get_cronbach`` computes it.

    Parameters
    ----------
    items : DataFrame, respondents (or units) × k ≥ 2 numeric columns

    Returns
    -------
    float
        k² c̄ / Σ_jl C_jl with C the pairwise-complete covariance matrix
        (divisor n − 1; undefined elements left out of the sums, as COINr)
        and c̄ = (Σ C − tr C)/(k(k − 1)); equals
        k/(k − 1)(1 − Σσ²_j/σ²_total) on complete data.

    Raises
    ------
    InputError
        ``too_few_items`` with fewer than 2 columns; ``no_variance`` when the
        covariances sum to 0.
    """
    k = items.shape[1]
    if k < 2:
        raise InputError("too_few_items", f"alpha needs at least 2 items, got {k}")
    cov = items.astype(float).cov().to_numpy()
    # As COINr: covariances undefined for want of shared rows are left out.
    total = float(np.nansum(cov))
    if total == 0:
        raise InputError("no_variance", "the items have no (co)variance to relate")
    mean_cov = (total - float(np.nansum(np.diag(cov)))) / (k * (k - 1))
    return k * k * mean_cov / total


def item_analysis(responses: pd.DataFrame, items: Sequence[ScaleItem]) -> ItemAnalysis:
    """Alpha, item-rest correlations and alpha-if-deleted for one indicator.

    Parameters
    ----------
    responses : DataFrame, one row per respondent
    items : sequence of ScaleItem, at least 3

    Returns
    -------
    ItemAnalysis
        Computed on the rescaled, reverse-coded items, so a reverse item that
        fits the scale correlates positively.

    Raises
    ------
    InputError
        ``too_few_items``, ``too_few_respondents`` (fewer than 3 complete
        respondents) and the errors of ``unit_scores`` and ``cronbach_alpha``.
    """
    if len(items) < 3:
        raise InputError(
            "too_few_items", f"an indicator needs at least 3 items, got {len(items)}"
        )
    u = unit_scores(responses, items)
    alpha = cronbach_alpha(u)
    complete = u.dropna()
    if len(complete) < 3:
        raise InputError(
            "too_few_respondents",
            f"{len(complete)} respondents answered every item; 3 are needed",
        )
    total = complete.sum(axis=1)
    rows = []
    for code in complete.columns:
        rest = total - complete[code]
        r = _correlation(complete[code].to_numpy(), rest.to_numpy())
        rows.append((code, r, cronbach_alpha(complete.drop(columns=code))))
    table = pd.DataFrame(rows, columns=["item", "item_rest", "alpha_if_deleted"])
    table = table.set_index("item")
    table["low_item_rest"] = table["item_rest"] < 0.3
    return ItemAnalysis(
        alpha=alpha, low_alpha=alpha < 0.7, items=table, n_complete=len(complete)
    )


def _correlation(x: FloatArray, y: FloatArray) -> float:
    dx, dy = x - x.mean(), y - y.mean()
    denominator = float(np.sqrt(np.dot(dx, dx) * np.dot(dy, dy)))
    return float(np.dot(dx, dy) / denominator) if denominator > 0 else float("nan")
