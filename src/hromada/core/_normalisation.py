"""Normalisation of indicators (statistics.md §3.2.5) and baseline-fitted bounds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import rankdata

from hromada.core._errors import InputError
from hromada.core._index_pipeline import NormaliseParams, NormaliseStep

FloatArray = npt.NDArray[np.float64]


def normalise_values(
    values: npt.ArrayLike, params: NormaliseParams, *, direction: int = 1
) -> FloatArray:
    """Normalise one indicator.

    Parameters
    ----------
    values : array-like of float, shape (n,)
        Missing values (NaN) stay missing.
    params : NormaliseParams
        The method and its parameters.
    direction : {1, -1}
        iMeta ``Direction``: values are multiplied by it first (goalposts use it
        in their formula instead).

    Returns
    -------
    ndarray of float, shape (n,)
        minmax: (x − min)/(max − min)·(high − low) + low, all missing when the
        range is zero; zscore: (x − x̄)/s·sd + mean (s with divisor n − 1);
        goalposts: (x − goal_low)/(goal_high − goal_low), or (goal_high −
        x)/(…) for direction −1, clipped to [0, 1], times scale; rank: ranks
        with ties at the minimum; prank: (rank − 1)/(n_valid − 1); borda:
        rank − 1.

    Raises
    ------
    InputError
        ``missing_goalposts`` when goalposts lack ``goal_low``/``goal_high``
        or ``goal_high`` is not above ``goal_low``.
    """
    x = np.asarray(values, dtype=float)
    method = params.method
    if method == "goalposts":
        return _goalposts(x, params, direction)
    x = direction * x
    if method == "minmax":
        spread = np.nanmax(x) - np.nanmin(x) if np.any(~np.isnan(x)) else 0.0
        if spread == 0:
            return np.full(x.shape, np.nan)
        scaled = (x - np.nanmin(x)) / spread
        return np.asarray(scaled * (params.high - params.low) + params.low, dtype=float)
    if method == "zscore":
        valid = x[~np.isnan(x)]
        sd = float(np.std(valid, ddof=1)) if valid.size > 1 else 0.0
        if sd == 0:
            return np.full(x.shape, np.nan)
        return np.asarray(
            (x - valid.mean()) / sd * params.sd + params.mean, dtype=float
        )
    ranks = np.asarray(rankdata(x, method="min", nan_policy="omit"), dtype=float)
    if method == "rank":
        return ranks
    if method == "borda":
        return ranks - 1
    n_valid = int(np.sum(~np.isnan(x)))
    if n_valid < 2:
        return np.full(x.shape, np.nan)
    return (ranks - 1) / (n_valid - 1)


def _goalposts(x: FloatArray, params: NormaliseParams, direction: int) -> FloatArray:
    low, high = params.goal_low, params.goal_high
    if low is None or high is None or not high > low:
        raise InputError(
            "missing_goalposts",
            f"goalposts need goal_low < goal_high, got {low!r} and {high!r}",
        )
    share = (x - low) / (high - low) if direction == 1 else (high - x) / (high - low)
    return np.asarray(np.clip(share, 0, 1) * params.scale, dtype=float)


class BaselineNormaliser:
    """Min-max bounds fixed on a baseline round, so later rounds compare.

    Parameters
    ----------
    low, high : float
        Output range (Hromada indices use 0–10).
    clip : bool
        Clip later values outside the baseline range to ``[low, high]``.

    Attributes
    ----------
    lower_, upper_ : Series
        Per indicator, the baseline minimum and maximum in original units.
    directions_ : Series
        Per indicator, the direction (±1) used at fit time.
    """

    lower_: pd.Series
    upper_: pd.Series
    directions_: pd.Series

    def __init__(
        self, *, low: float = 0.0, high: float = 10.0, clip: bool = True
    ) -> None:
        self.low = low
        self.high = high
        self.clip = clip

    def fit(
        self, baseline: pd.DataFrame, directions: Mapping[str, int] | None = None
    ) -> Self:
        """Learn each indicator's bounds from the baseline data set.

        Parameters
        ----------
        baseline : DataFrame, units × indicators (float)
        directions : mapping of code → ±1, optional (default +1)

        Raises
        ------
        InputError
            ``zero_range`` when an indicator is constant (or all missing) in the
            baseline.
        """
        given = directions or {}
        self.directions_ = pd.Series(
            {c: int(given.get(c, 1)) for c in baseline.columns}, dtype=int
        )
        self.lower_ = baseline.min()
        self.upper_ = baseline.max()
        flat = ~(self.upper_ > self.lower_)
        if flat.any():
            code = str(flat[flat].index[0])
            raise InputError(
                "zero_range", f"{code} has no range in the baseline", column=code
            )
        return self

    def transform(self, later: pd.DataFrame) -> pd.DataFrame:
        """Scale a later round with the baseline bounds.

        Parameters
        ----------
        later : DataFrame, units × the fitted indicators (float)

        Returns
        -------
        DataFrame
            Same shape; low … high (clipped when ``clip``), direction applied:
            for direction −1 the baseline maximum maps to ``low``.
        """
        missing = [c for c in self.lower_.index if c not in later.columns]
        if missing:
            raise InputError(
                "missing_column", f"{missing[0]} is not in the data", column=missing[0]
            )
        data = later[list(self.lower_.index)]
        share = (data - self.lower_) / (self.upper_ - self.lower_)
        ascending = (self.directions_ == 1).to_numpy()[None, :]
        share = pd.DataFrame(
            np.where(ascending, share, 1 - share),
            index=data.index,
            columns=data.columns,
        )
        if self.clip:
            share = share.clip(0, 1)
        return share * (self.high - self.low) + self.low

    def to_step(self) -> NormaliseStep:
        """A goalposts normalisation step with the fitted bounds, for a pipeline.

        The step reproduces ``transform`` with ``clip=True`` when ``low`` is 0.
        """
        per = tuple(
            (
                str(code),
                NormaliseParams(
                    method="goalposts",
                    goal_low=float(self.lower_[code]),
                    goal_high=float(self.upper_[code]),
                    scale=self.high,
                ),
            )
            for code in self.lower_.index
        )
        return NormaliseStep(default=per[0][1], indicators=per)
