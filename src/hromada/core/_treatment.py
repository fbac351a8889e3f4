"""Outlier treatment as COINr ``Treat`` does it (statistics.md §3.2.4).

Skewness is e1071 type 2 and kurtosis Excel ``KURT`` (both equal scipy's
``bias=False`` estimators). An indicator passes when |skew| < 2 or kurtosis <
3.5; a failing one is winsorised step by step on a copy, and if that does not
make it pass the copy is dropped and ``log_CT`` is applied to the original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hromada.core._errors import InputError

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TreatmentRecord:
    """What treatment did to one indicator.

    ``treatment`` is none (passed as it was), winsorise, log_ct or untreatable
    (constant: left unchanged). ``n_winsorised`` is the final count c of the
    winsorising (the points of the latest high set plus the latest low set);
    with log_ct it describes the attempt that was discarded. ``capped`` pairs
    unit codes with the side (high or low) of their capping.
    """

    indicator: str
    skew_before: float
    kurtosis_before: float
    treatment: str
    n_winsorised: int
    capped: tuple[tuple[str, str], ...]
    skew_after: float
    kurtosis_after: float
    passed: bool


def skewness(values: npt.ArrayLike) -> float:
    """Sample skewness, e1071 type 2 (Excel ``SKEW``), ignoring missing values.

    Parameters
    ----------
    values : array-like of float, shape (n,)
        At least 3 non-missing values.

    Returns
    -------
    float
        √n Σd³/(Σd²)^{3/2} · √(n(n−1))/(n−2) with d = x − x̄; NaN for a
        constant vector.
    """
    return _moments(_valid(values, 3, "skewness"))[0]


def kurtosis(values: npt.ArrayLike) -> float:
    """Sample excess kurtosis, Excel ``KURT`` (e1071 type 2), ignoring missing values.

    Parameters
    ----------
    values : array-like of float, shape (n,)
        At least 4 non-missing values.

    Returns
    -------
    float
        ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)) with r = nΣd⁴/(Σd²)²; NaN for a
        constant vector.
    """
    return _moments(_valid(values, 4, "kurtosis"))[1]


def _moments(x: FloatArray) -> tuple[float, float]:
    """Skewness and kurtosis of non-missing values (kurtosis NaN below 4)."""
    n = x.size
    # Checked directly: the mean of equal values can differ from them in the
    # last bit, which would turn rounding noise into a skewness.
    if x.min() == x.max():
        return float("nan"), float("nan")
    d = x - x.mean()
    d2 = d * d
    s2 = float(d2.sum())
    g = np.sqrt(n) * float((d2 * d).sum()) / s2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    if n < 4:
        return float(g), float("nan")
    r = n * float((d2 * d2).sum()) / s2**2
    k = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return float(g), float(k)


def _valid(values: npt.ArrayLike, minimum: int, what: str) -> FloatArray:
    all_values = np.asarray(values, dtype=float)
    x: FloatArray = all_values[~np.isnan(all_values)]
    if x.size < minimum:
        raise InputError(
            "too_few_values",
            f"{what} needs at least {minimum} non-missing values, got {x.size}",
        )
    return x


def treat_indicator(
    values: npt.ArrayLike,
    *,
    units: tuple[str, ...],
    code: str = "",
    winsorise_max_points: int = 5,
    skew_threshold: float = 2.0,
    kurtosis_threshold: float = 3.5,
    fallback: str = "log_ct",
) -> tuple[FloatArray, TreatmentRecord]:
    """Treat one indicator for outliers exactly as COINr 1.1.14 does.

    Parameters
    ----------
    values : array-like of float, shape (n_units,)
        The indicator; missing values (NaN) stay missing and are ignored.
    units : tuple of str, length n_units
        Unit codes, for the record of capped points.
    code : str
        Indicator code, for the record and errors.
    winsorise_max_points, skew_threshold, kurtosis_threshold, fallback
        As ``TreatStep``.

    Returns
    -------
    (ndarray of float, TreatmentRecord)
        The treated values (same shape) and what was done.

    Raises
    ------
    InputError
        ``too_few_values`` with fewer than 4 non-missing values.
    """
    x = np.asarray(values, dtype=float)
    where = np.flatnonzero(~np.isnan(x))
    try:
        compact = _valid(x, 4, "treatment")
    except InputError as error:
        raise InputError(error.code, f"{code}: {error.message}", column=code) from None
    g0, k0 = _moments(compact)

    def passes(g: float, k: float) -> bool:
        return bool(abs(g) < skew_threshold or k < kurtosis_threshold)

    if np.isnan(g0):
        return x, TreatmentRecord(code, g0, k0, "untreatable", 0, (), g0, k0, False)
    if passes(g0, k0):
        return x, TreatmentRecord(code, g0, k0, "none", 0, (), g0, k0, True)
    copy, count, high, low = _winsorise(compact, winsorise_max_points, passes)
    capped = tuple(
        [(units[where[i]], "high") for i in high]
        + [(units[where[i]], "low") for i in low]
    )
    g1, k1 = _moments(copy)
    if passes(g1, k1) or fallback == "none":
        out = x.copy()
        out[where] = copy
        record = TreatmentRecord(
            code, g0, k0, "winsorise", count, capped, g1, k1, passes(g1, k1)
        )
        return out, record
    logged = log_ct(x)
    g2, k2 = _moments(logged[where])
    record = TreatmentRecord(
        code, g0, k0, "log_ct", count, capped, g2, k2, passes(g2, k2)
    )
    return logged, record


def _winsorise(
    x: FloatArray, winmax: int, passes: Callable[[float, float], bool]
) -> tuple[FloatArray, int, list[int], list[int]]:
    """Cap the extreme set on the side of the skew until the copy passes.

    ``x`` holds no missing values. The count is the size of the latest high
    set plus the latest low set: capped points equal the new extreme, so they
    join the next set and a tie at an extreme can push the count past
    ``winmax`` in one step.
    """
    copy = x.copy()
    high: list[int] = []
    low: list[int] = []
    count = 0
    passing = False
    while not passing and count < winmax:
        if _moments(copy)[0] >= 0:
            extreme = copy.max()
            at = copy == extreme
            high = np.flatnonzero(at).tolist()
            copy[at] = copy[~at].max()
        else:
            extreme = copy.min()
            at = copy == extreme
            low = np.flatnonzero(at).tolist()
            copy[at] = copy[~at].min()
        count = len(high) + len(low)
        g, k = _moments(copy)
        # A copy made constant has no skewness: it fails and the loop ends.
        passing = passes(g, k)
        if np.isnan(g):
            break
    return copy, count, high, low


def log_ct(values: npt.ArrayLike) -> FloatArray:
    """COINr ``log_CT``: ln(x − min + 0.01 (max − min)), missing kept.

    Parameters
    ----------
    values : array-like of float, shape (n,)

    Returns
    -------
    ndarray of float, shape (n,)
    """
    x = np.asarray(values, dtype=float)
    low, high = np.nanmin(x), np.nanmax(x)
    return np.asarray(np.log(x - low + 0.01 * (high - low)), dtype=float)
