"""Grouped sums through prebuilt sparse matrices, reused for every column block."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from hromada.core._survey_values import FloatArray, IntArray


class Aggregator:
    """Sums of the rows of an (m x K) array into ``size`` groups.

    ``index`` (m,) is each item's group, -1 for items left out; ``scale`` (m,)
    multiplies each item first (a sign, for contrasts).
    """

    def __init__(
        self, index: IntArray, size: int, scale: FloatArray | None = None
    ) -> None:
        keep = index >= 0
        data = np.ones(int(keep.sum())) if scale is None else scale[keep]
        self.size = size
        self.index = index
        self.matrix = sp.csr_array(
            (data, (index[keep], np.flatnonzero(keep))), shape=(size, index.size)
        )
        self.count = np.bincount(index[keep], minlength=size).astype(np.float64)

    def __call__(self, values: FloatArray) -> FloatArray:
        return np.asarray(self.matrix @ values, dtype=np.float64)


def group_pairs(
    first: IntArray, second: IntArray, n_second: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Group index of each (first, second) item (-1 where ``first`` is -1), and
    each group's first and second code."""
    keep = first >= 0
    key = first[keep].astype(np.int64) * n_second + second[keep]
    codes, uniques = pd.factorize(key)
    uniques = np.asarray(uniques, dtype=np.int64)
    index = np.full(first.size, -1, dtype=np.intp)
    index[keep] = codes
    return (
        index,
        (uniques // n_second).astype(np.intp),
        (uniques % n_second).astype(np.intp),
    )
