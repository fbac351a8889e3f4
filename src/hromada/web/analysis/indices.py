"""The framework's indices (indicator-framework.md "Indices"), from a round's cells.

- An ``arithmetic`` index of survey indicators only (PSI) is a respondent-level
  composite: each respondent's mean of the indicator scores, oriented so that
  higher is better (10 − score for a negative polarity), defined when every
  part is. Its community value is the design-based mean of that composite, so
  it has a design SE, CI and gaps like any indicator. With item non-response it
  can differ slightly from the mean of the published indicator means.
- ``mean_of_component_means`` (SPI) and ``inform_geometric`` (CPI) mix survey
  cells with expert scores and official statistics, which have no sampling
  variance: they are computed per group from the cells' estimates and carry no
  SE (a design SE over the survey part alone would understate the uncertainty).
  Their ``n`` is the smallest n of their survey parts, and they are hidden
  wherever a part is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from hromada import core
from hromada.web.analysis.models import ALL, Result
from hromada.web.analysis.problems import WARNING, problem

# Fixed goalposts (0–10, 10 = most stress) for official statistics inside an
# index: fixed, never the observed range, so rounds and communities compare.
STATISTIC_GOALPOSTS = {
    "T9": (0.0, 5.0),  # mine/UXO incidents per 10,000 residents a year
    "T10": (0.0, 40.0),  # share of displaced people in the population, %
}
COMPOSITE = "arithmetic"


def composite_codes(framework: core.Framework) -> list[str]:
    """Indices estimated as a respondent-level composite (PSI)."""
    return [
        index.code for index in framework.indices if _is_composite(framework, index)
    ]


def _is_composite(framework: core.Framework, index: core.FrameworkIndex) -> bool:
    codes = [code for part in index.parts for code in part.indicators]
    return index.method == COMPOSITE and all(
        framework.indicators[code].source == "survey" for code in codes
    )


def composites(framework: core.Framework, scored: pd.DataFrame) -> dict[str, pd.Series]:
    """Each respondent's composite score, missing unless every part is valid."""
    out = {}
    for index in framework.indices:
        if not _is_composite(framework, index):
            continue
        oriented = [
            _oriented(framework, code, scored[code])
            for part in index.parts
            for code in part.indicators
        ]
        out[index.code] = pd.concat(oriented, axis=1).mean(axis=1, skipna=False)
    return out


def _oriented(framework: core.Framework, code: str, value: Any) -> Any:
    return 10.0 - value if framework.indicators[code].polarity < 0 else value


def parts_of(framework: core.Framework) -> dict[str, tuple[str, ...]]:
    """Survey indicators each index is made of (for disclosure control)."""
    return {
        index.code: tuple(
            code
            for part in index.parts
            for code in part.indicators
            if framework.indicators[code].source == "survey"
        )
        for index in framework.indices
    }


def derived(
    framework: core.Framework, results: Sequence[Result], problems: list[Any]
) -> list[Result]:
    """SPI and CPI (every non-composite index) for the community and each group."""
    community = {r.code: r.estimate for r in results if r.dimension == ALL}
    values: dict[tuple[str, str], dict[str, float | None]] = {}
    sizes: dict[tuple[str, str], dict[str, int]] = {}
    for result in results:
        if result.kind == Result.Kind.SURVEY:
            key = (result.dimension, result.category)
            values.setdefault(key, {})[result.code] = result.estimate
            sizes.setdefault(key, {})[result.code] = result.n
    groups = list(values)
    out = []
    for index in framework.indices:
        if _is_composite(framework, index):
            continue
        rows = [_parts(framework, index, {**community, **values[g]}) for g in groups]
        estimates = _combine(index, pd.DataFrame(rows))
        if estimates is None:
            problems.append(problem("unknown_index_method", WARNING, code=index.code))
            continue
        survey = parts_of(framework)[index.code]
        for (dimension, category), estimate in zip(groups, estimates, strict=True):
            n = min((sizes[(dimension, category)].get(c, 0) for c in survey), default=0)
            out.append(
                Result(
                    code=index.code,
                    kind=Result.Kind.INDEX,
                    dimension=dimension,
                    category=category,
                    estimate=None if np.isnan(estimate) else float(estimate),
                    n=n,
                )
            )
    return out


def _parts(
    framework: core.Framework,
    index: core.FrameworkIndex,
    values: dict[str, float | None],
) -> dict[str, float]:
    """Each part's value 0–10: the mean of its available indicators."""
    out = {}
    for number, part in enumerate(index.parts):
        scaled = [
            _scaled(framework, index, part, code, values.get(code))
            for code in part.indicators
        ]
        present = [v for v in scaled if v is not None]
        name = part.component or part.dimension or str(number)
        out[name] = float(np.mean(present)) if present else np.nan
    return out


def _scaled(
    framework: core.Framework,
    index: core.FrameworkIndex,
    part: core.FrameworkIndexPart,
    code: str,
    value: float | None,
) -> float | None:
    if value is None:
        return None
    if framework.indicators[code].source == "statistics":
        if code not in STATISTIC_GOALPOSTS:
            return None
        low, high = STATISTIC_GOALPOSTS[code]
        value = float(core.goalpost_scores([value], low=low, high=high)[0])
    if index.method == "inform_geometric":
        return 10.0 - value if part.flip else value
    return float(_oriented(framework, code, value))


def _combine(index: core.FrameworkIndex, parts: pd.DataFrame) -> list[float] | None:
    if index.method == "mean_of_component_means":
        return [float(v) for v in parts.mean(axis=1, skipna=True)]
    if index.method == "inform_geometric":
        return [float(v) for v in core.inform_geometric_mean(parts)]
    return None
