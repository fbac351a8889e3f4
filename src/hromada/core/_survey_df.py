"""Degrees of freedom of domain and contrast estimates (§1.7, §1.8)."""

from __future__ import annotations

import numpy as np

from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_replicates import Replicates
from hromada.core._survey_sums import Aggregator, group_pairs
from hromada.core._survey_values import BoolArray, FloatArray, IntArray


class DfPlan:
    """df per target from which (target, PSU) pairs have valid, positively
    weighted rows.

    Taylor: PSUs minus strata reached (R ``degf``). Replicates: the rank of the
    replicate weights over the target's rows, minus 1. Rows of one PSU share a
    factor vector u_a, so the rank is that of the reached PSUs' vectors. The sum
    of u_a over a whole replicated stratum, and the vector of a PSU without
    replicates, are both multiples of the all-ones vector: those F + S vectors
    lose F + S - 1 dimensions, and every other reached vector is independent.
    """

    def __init__(
        self,
        design: ResolvedDesign,
        replicates: Replicates | None,
        target: IntArray,
        psu: IntArray,
        n_targets: int,
    ) -> None:
        stratum = design.psu_stratum[psu]
        self.to_target = Aggregator(target, n_targets)
        index, th_target, th_stratum = group_pairs(target, stratum, design.n_strata)
        self.into_stratum = Aggregator(index, th_target.size)
        self.stratum_to_target = Aggregator(th_target, n_targets)
        self.replicates = replicates
        if replicates is None:
            return
        adjusted = np.zeros(design.n_strata, dtype=bool)
        adjusted[replicates.adjusted] = True
        self.whole_size = np.where(
            replicates.replicated[th_stratum], design.n_h[th_stratum], -1
        )
        self.plain = (~replicates.replicated[stratum] & ~adjusted[stratum]).astype(
            np.float64
        )
        self.adjusted = adjusted[th_stratum].astype(np.float64)
        self.n_adjusted = replicates.adjusted.size
        self.regular = bool(replicates.replicated.any())

    def __call__(self, present: BoolArray) -> FloatArray:
        flags = present.astype(np.float64)
        psus = self.to_target(flags)
        in_stratum = self.into_stratum(flags)
        if self.replicates is None:
            return psus - self.stratum_to_target((in_stratum > 0).astype(np.float64))
        whole = (in_stratum == self.whole_size[:, None]).astype(np.float64)
        full = self.stratum_to_target(whole)
        single = self.to_target(flags * self.plain[:, None])
        if self.regular:
            nullity = np.maximum(full + single - 1, 0)
        else:
            # Only adjust replicates: each zeroes one lonely stratum.
            touched = (in_stratum > 0) * self.adjusted[:, None]
            everyone = self.stratum_to_target(touched) == self.n_adjusted
            lone = (single == 0) & (self.n_adjusted == 1)
            nullity = np.where(everyone, single + lone, np.maximum(single - 1, 0))
        return np.asarray(psus - nullity - 1, dtype=np.float64)
