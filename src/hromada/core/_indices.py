"""Composite indices as COINr builds them (statistics.md §3).

Run a pipeline and keep every data set.

Data sets are DataFrames indexed by ``uCode`` with one float column per
indicator (Aggregated adds one per aggregate). Every step logs its parameters,
so ``regenerate_index`` rebuilds the index from the log with a change.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd

from hromada.core._aggregation import (
    AggregationFailure,
    Tree,
    aggregate_runs,
    weight_vector,
)
from hromada.core._errors import InputError
from hromada.core._index_framework import IndexFramework
from hromada.core._index_pipeline import (
    AggregateStep,
    DenominateStep,
    ImputeStep,
    IndexPipeline,
    NormaliseParams,
    NormaliseStep,
    ScreenStep,
    Step,
    TreatStep,
    parse_index_pipeline,
    parse_step,
    step_mapping,
    with_parameter,
)
from hromada.core._normalisation import normalise_values
from hromada.core._treatment import TreatmentRecord, treat_indicator

DATASET_NAMES = {
    "denominate": "Denominated",
    "impute": "Imputed",
    "screen": "Screened",
    "treat": "Treated",
    "normalise": "Normalised",
}


class IndexWarning(UserWarning):
    """Something the index build did that a person should know (e.g. untreatable)."""


@dataclass(frozen=True, slots=True)
class DatasetChecksum:
    """Sum of the non-missing cells of a data set and the count of missing ones."""

    name: str
    total: float
    missing: int


@dataclass(frozen=True, slots=True)
class StepLog:
    """One step as it ran: its name, its full parameters (read-only) and its notes."""

    step: str
    parameters: Mapping[str, Any]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexResult:
    """A built composite index.

    Attributes
    ----------
    framework : IndexFramework
    pipeline : IndexPipeline
        The steps that ran (the aggregate step always runs, with defaults when
        the pipeline has none).
    datasets : dict of str → DataFrame
        ``Raw`` and one data set per step that ran (Denominated, Imputed,
        Screened, Treated, Normalised, Aggregated), index ``uCode``.
    checksums : tuple of DatasetChecksum
        One per data set, in build order.
    log : tuple of StepLog
    treatment : tuple of TreatmentRecord
        One per indicator when the pipeline treats outliers.
    ranks : Series of Int64, index ``uCode``
        Rank of the top aggregate (1 = highest score, ties at the minimum,
        missing kept).
    warnings : tuple of str
    """

    framework: IndexFramework
    pipeline: IndexPipeline
    datasets: dict[str, pd.DataFrame]
    checksums: tuple[DatasetChecksum, ...]
    log: tuple[StepLog, ...]
    treatment: tuple[TreatmentRecord, ...]
    ranks: pd.Series
    warnings: tuple[str, ...] = field(default=())

    @property
    def scores(self) -> pd.DataFrame:
        """Aggregate scores (units × aggregates, top level first)."""
        codes = [c for level in reversed(self.framework.levels[1:]) for c in level]
        return self.datasets["Aggregated"][codes]

    def results_table(self) -> pd.DataFrame:
        """``uCode``, one column per aggregate (top level first), ``Rank``; by rank."""
        table = self.scores.assign(Rank=self.ranks).reset_index()
        order = table.sort_values(["Rank", "uCode"], na_position="last").index
        return table.loc[order].reset_index(drop=True)


def rank_scores(scores: pd.Series) -> pd.Series:
    """Rank scores: rank of −score, ties at the minimum, missing kept.

    Parameters
    ----------
    scores : Series of float

    Returns
    -------
    Series of Int64
        1 = highest score; missing where the score is missing.
    """
    return (-scores).rank(method="min").astype("Int64")


def checksum(name: str, data: pd.DataFrame) -> DatasetChecksum:
    """The checksum of a data set (§3.1): sum of non-missing cells, missing count."""
    values = data.to_numpy(dtype=float)
    return DatasetChecksum(
        name=name,
        total=float(np.nansum(values)),
        missing=int(np.isnan(values).sum()),
    )


def build_index(framework: IndexFramework, pipeline: IndexPipeline) -> IndexResult:
    """Build a composite index: run every step of the pipeline on the framework.

    Parameters
    ----------
    framework : IndexFramework
        From ``index_framework(idata, imeta)``.
    pipeline : IndexPipeline
        From ``parse_index_pipeline``. Steps run in the order denominate,
        impute, screen, treat, normalise, aggregate; absent steps are skipped,
        except aggregate, which runs with its defaults (arithmetic).

    Returns
    -------
    IndexResult

    Raises
    ------
    InputError
        ``zero_denominator``, ``unknown_group``, ``unknown_unit``, ``no_units``,
        ``too_few_values``, ``missing_goalposts``, ``not_positive`` (a
        geometric mean over a value ≤ 0, naming the child code and the unit's
        iData row), ``unknown_code``.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IndexWarning)
        prepared = prepare_index(framework, pipeline)
    notes = tuple(str(w.message) for w in caught)
    aggregate = pipeline.step("aggregate")
    step = aggregate if isinstance(aggregate, AggregateStep) else AggregateStep()
    data = prepared.datasets[-1][1]
    tree = Tree.of(framework)
    weights = weight_vector(framework, tree, dict(step.weights))[None, :]
    levels = range(2, len(framework.levels) + 1)
    try:
        scores, _ = aggregate_runs(
            data.to_numpy(dtype=float),
            tree,
            weights,
            tuple(step.method_for(n) for n in levels),
            tuple(step.threshold_for(n) for n in levels),
            fail_fast=True,
        )
    except AggregationFailure as failure:
        unit = str(data.index[failure.unit])
        raise InputError(
            "not_positive",
            f"geometric mean over a value of {failure.code} ≤ 0 for unit {unit}",
            column=failure.code,
            row=framework.units.index(unit) + 1,
        ) from None
    aggregated = data.assign(**dict(zip(tree.aggregates, scores[0].T, strict=True)))
    aggregated = aggregated[[*data.columns, *_aggregate_codes(framework)]]
    datasets = [*prepared.datasets, ("Aggregated", aggregated)]
    for message in notes:
        warnings.warn(message, IndexWarning, stacklevel=2)
    return IndexResult(
        framework=framework,
        pipeline=prepared.pipeline.with_step(step),
        datasets=dict(datasets),
        checksums=tuple(checksum(name, frame) for name, frame in datasets),
        log=(*prepared.log, StepLog("aggregate", frozen(step_mapping(step)))),
        treatment=prepared.treatment,
        ranks=rank_scores(aggregated[framework.top]),
        warnings=notes,
    )


def frozen(value: Any) -> Any:
    """A read-only copy: mappings become mapping proxies, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    return value


def _aggregate_codes(framework: IndexFramework) -> list[str]:
    return [c for level in framework.levels[1:] for c in level]


def pipeline_from_log(log: tuple[StepLog, ...]) -> IndexPipeline:
    """The pipeline a log records (the inverse of the log's parameters)."""
    return parse_index_pipeline({"steps": [{e.step: e.parameters} for e in log]})


def regenerate_index(
    result: IndexResult, changes: Mapping[str, Any] | None = None
) -> IndexResult:
    """Rebuild an index from its log, with some parameters changed.

    Parameters
    ----------
    result : IndexResult
    changes : mapping, optional
        ``"step.parameter"`` → value (e.g. ``{"treat.winsorise_max_points":
        3}``), or ``"step"`` → a whole parameter mapping for that step (which
        adds the step if the log has none).

    Returns
    -------
    IndexResult
        Identical to ``result`` when ``changes`` is empty.
    """
    pipeline = pipeline_from_log(result.log)
    for address, value in (changes or {}).items():
        pipeline = pipeline.with_step(changed_step(pipeline, address, value))
    return build_index(result.framework, pipeline)


def changed_step(pipeline: IndexPipeline, address: str, value: Any) -> Step:
    """The step that ``address`` (``step`` or ``step.parameter``) names, changed."""
    name, _, parameter = address.partition(".")
    if not parameter:
        return parse_step(name, value)
    current = pipeline.step(name)
    if current is None and name == "aggregate":
        current = AggregateStep()  # aggregation always runs, by default arithmetic
    if current is None:
        raise InputError(
            "unknown_step", f"{address}: the pipeline has no {name!r} step"
        )
    return with_parameter(current, parameter, value)


@dataclass(frozen=True, slots=True)
class PreparedIndex:
    """The data sets of a pipeline up to (not including) aggregation."""

    pipeline: IndexPipeline
    datasets: list[tuple[str, pd.DataFrame]]
    log: tuple[StepLog, ...]
    treatment: tuple[TreatmentRecord, ...]


def prepare_index(framework: IndexFramework, pipeline: IndexPipeline) -> PreparedIndex:
    """Run the steps before aggregation; warnings are ``IndexWarning``."""
    data = framework.data
    datasets: list[tuple[str, pd.DataFrame]] = [("Raw", data)]
    log: list[StepLog] = []
    treatment: tuple[TreatmentRecord, ...] = ()
    for step in pipeline.steps:
        if isinstance(step, AggregateStep):
            continue
        data, notes, records = apply_step(framework, data, step)
        treatment = records or treatment
        datasets.append((DATASET_NAMES[step.name], data))
        log.append(StepLog(step.name, frozen(step_mapping(step)), notes))
    return PreparedIndex(pipeline, datasets, tuple(log), treatment)


def apply_step(
    framework: IndexFramework, data: pd.DataFrame, step: Step
) -> tuple[pd.DataFrame, tuple[str, ...], tuple[TreatmentRecord, ...]]:
    """One pre-aggregation step on a data set: (data, notes, treatment records)."""
    if isinstance(step, DenominateStep):
        return _denominate(framework, data), (), ()
    if isinstance(step, ImputeStep):
        return _impute(framework, data, step), (), ()
    if isinstance(step, ScreenStep):
        screened, notes = _screen(data, step)
        return screened, notes, ()
    if isinstance(step, TreatStep):
        treated, records = _treat(data, step)
        notes = tuple(
            f"{r.indicator}: {r.treatment}" for r in records if r.treatment != "none"
        )
        return treated, notes, records
    assert isinstance(step, NormaliseStep)  # aggregation is not a preparation step
    return _normalise(framework, data, step), (), ()


def _row(framework: IndexFramework, unit: object) -> int:
    return framework.units.index(str(unit)) + 1


def _denominate(framework: IndexFramework, data: pd.DataFrame) -> pd.DataFrame:
    out = data.copy()
    for code, denominator in framework.denominator.items():
        divisor = framework.unit_meta.loc[data.index, denominator]
        zero = (divisor == 0) & data[code].notna()
        if zero.any():
            unit = zero[zero].index[0]
            raise InputError(
                "zero_denominator",
                f"{code}: denominator {denominator} is 0 for unit {unit}",
                column=denominator,
                row=_row(framework, unit),
            )
        out[code] = data[code] / divisor
    return out


def _impute(
    framework: IndexFramework, data: pd.DataFrame, step: ImputeStep
) -> pd.DataFrame:
    if step.method == "none":
        return data
    statistic: Literal["mean", "median"] = (
        "mean" if step.method.startswith("mean") else "median"
    )
    if step.group is None:
        return data.fillna(data.agg(statistic))
    groups = framework.meta.loc[framework.meta["Type"] == "Group", "iCode"]
    if step.group not in set(groups):
        raise InputError(
            "unknown_group",
            f"impute: {step.group!r} is not a Group column of iData",
            column=step.group,
        )
    groups = framework.unit_meta.loc[data.index, step.group]
    fill = data.groupby(groups, dropna=True).transform(statistic)
    return data.fillna(fill)


def _screen(
    data: pd.DataFrame, step: ScreenStep
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    for code in (*step.include, *step.exclude):
        if code not in data.index:
            raise InputError(
                "unknown_unit",
                f"screen: unit {code!r} is not in the data",
                column="uCode",
            )
    n = data.shape[1]
    available = data.notna().sum(axis=1) / n
    nonzero = 1 - (data == 0).sum(axis=1) / n
    keep = pd.Series(True, index=data.index)
    if step.rule in ("na", "na_and_zeros"):
        keep &= available >= step.min_availability
    if step.rule in ("zeros", "na_and_zeros"):
        keep &= nonzero >= step.min_nonzero
    keep[list(step.include)] = True
    keep[list(step.exclude)] = False
    if not keep.any():
        raise InputError("no_units", "screen: no unit is left")
    dropped = tuple(f"screened out {u}" for u in keep.index[~keep])
    return data.loc[keep], dropped


def _treat(
    data: pd.DataFrame, step: TreatStep
) -> tuple[pd.DataFrame, tuple[TreatmentRecord, ...]]:
    units = tuple(str(u) for u in data.index)
    columns = {}
    records = []
    for code in data.columns:
        values, record = treat_indicator(
            data[code].to_numpy(dtype=float),
            units=units,
            code=str(code),
            winsorise_max_points=step.winsorise_max_points,
            skew_threshold=step.skew_threshold,
            kurtosis_threshold=step.kurtosis_threshold,
            fallback=step.fallback,
        )
        if record.treatment == "untreatable":
            warnings.warn(
                f"{code} is constant and cannot be treated; left unchanged",
                IndexWarning,
                stacklevel=4,
            )
        columns[code] = values
        records.append(record)
    return pd.DataFrame(columns, index=data.index), tuple(records)


def _normalise(
    framework: IndexFramework, data: pd.DataFrame, step: NormaliseStep
) -> pd.DataFrame:
    columns = {}
    for code in data.columns:
        params = _with_meta_goalposts(framework, str(code), step.params_for(str(code)))
        try:
            values = normalise_values(
                data[code].to_numpy(dtype=float),
                params,
                direction=framework.direction[str(code)],
            )
        except InputError as error:
            raise InputError(
                error.code, f"{code}: {error.message}", column=str(code)
            ) from None
        if np.isnan(values).all() and data[code].notna().any():
            warnings.warn(
                f"{code} has no spread to normalise; its normalised values are missing",
                IndexWarning,
                stacklevel=4,
            )
        columns[code] = values
    return pd.DataFrame(columns, index=data.index)


def _with_meta_goalposts(
    framework: IndexFramework, code: str, params: NormaliseParams
) -> NormaliseParams:
    if params.method != "goalposts":
        return params
    low = params.goal_low
    high = params.goal_high
    if low is None:
        low = _meta_number(framework, code, "GoalLow")
    if high is None:
        high = _meta_number(framework, code, "GoalHigh")
    return NormaliseParams(
        method="goalposts", goal_low=low, goal_high=high, scale=params.scale
    )


def _meta_number(framework: IndexFramework, code: str, column: str) -> float | None:
    if column not in framework.meta.columns:
        return None
    values = framework.meta.loc[framework.meta["iCode"] == code, column]
    number = pd.to_numeric(values, errors="coerce").dropna()
    return float(number.iloc[0]) if len(number) else None
