"""One pass of the estimation pipeline over every grouping and block."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hromada.core._survey_cells import Cells, Domains, build_cells
from hromada.core._survey_columns import Prepared
from hromada.core._survey_design import ResolvedDesign
from hromada.core._survey_engine import GroupPlan, Members, cell_sums
from hromada.core._survey_replicates import build_replicates
from hromada.core._survey_values import FloatArray


@dataclass(frozen=True, slots=True)
class GroupingResult:
    """Arrays for one grouping: per domain (D x K) and per target (T x K)."""

    estimate: FloatArray
    weight: FloatArray
    n: FloatArray
    rows: FloatArray
    domain_rows: FloatArray  # (D,) rows in the domain, any answer
    srs_variance: FloatArray
    srs_fraction: FloatArray
    variance: FloatArray
    logit_variance: FloatArray
    df: FloatArray
    dropped: FloatArray


def identity(domains: Domains) -> Members:
    """Every domain its own target."""
    return Members(
        target=np.arange(domains.size, dtype=np.intp),
        coef=np.ones(domains.size),
        n_targets=domains.size,
    )


def run(
    design: ResolvedDesign,
    prepared: Prepared,
    groupings: Sequence[tuple[Domains, Members]],
) -> list[GroupingResult]:
    """Estimates and target variances for every grouping, in one row pass per
    block of columns."""
    cells = build_cells(design, [d for d, _ in groupings])
    replicates = None
    if design.declaration.replicates is not None:
        replicates = build_replicates(design)
    plans = [
        GroupPlan(design, replicates, cells, cells.domain[g], domains.size, members)
        for g, (domains, members) in enumerate(groupings)
    ]
    parts: list[list[tuple[FloatArray, ...]]] = [[] for _ in groupings]
    for _, block in prepared.blocks(cells.order):
        sums = cell_sums(cells, block)
        for g, plan in enumerate(plans):
            result, target = plan.run(block, sums)
            parts[g].append(
                (
                    result.estimate,
                    result.weight,
                    result.n,
                    result.rows,
                    result.srs_variance,
                    result.srs_fraction,
                    target.variance,
                    target.logit_variance,
                    target.df,
                    target.dropped,
                )
            )
    return [
        _assemble(part, _domain_rows(cells, g, domains.size))
        for g, ((domains, _), part) in enumerate(zip(groupings, parts, strict=True))
    ]


def _domain_rows(cells: Cells, g: int, size: int) -> FloatArray:
    domain = cells.domain[g]
    keep = domain >= 0
    counts = np.bincount(domain[keep], weights=cells.rows[keep], minlength=size)
    return np.asarray(counts, dtype=np.float64)


def _assemble(
    part: list[tuple[FloatArray, ...]], domain_rows: FloatArray
) -> GroupingResult:
    joined = [np.hstack([p[i] for p in part]) for i in range(10)]
    return GroupingResult(
        estimate=joined[0],
        weight=joined[1],
        n=joined[2],
        rows=joined[3],
        domain_rows=domain_rows,
        srs_variance=joined[4],
        srs_fraction=joined[5],
        variance=joined[6],
        logit_variance=joined[7],
        df=joined[8],
        dropped=joined[9],
    )
