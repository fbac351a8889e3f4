"""Uncertainty and sensitivity analysis of a composite index (statistics.md §4).

A plan fixes every run: each assumption's choice from a uniform sample and,
for weight noise, one of M pre-drawn weight sets. ``SensitivityPlan.pipeline_for``
gives the full pipeline of a run, so any run can be rebuilt alone with
``build_index``; ``run_plan`` computes all runs at once, preparing each distinct
pre-aggregation pipeline once and aggregating many weight sets together.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import rankdata

from hromada.core._aggregation import Tree, aggregate_runs, weight_vector
from hromada.core._errors import InputError
from hromada.core._index_framework import IndexFramework
from hromada.core._index_pipeline import AggregateStep, IndexPipeline, Step
from hromada.core._indices import IndexWarning, apply_step, build_index, changed_step

FloatArray = npt.NDArray[np.float64]
Progress = Callable[[int], None]
_CHUNK = 128


@dataclass(frozen=True, slots=True)
class Assumption:
    """One uncertain input: a logged pipeline parameter and its distribution.

    ``address`` is ``step`` (each alternative is a whole parameter mapping of
    that step) or ``step.parameter`` (each alternative is a value). Discrete:
    ``alternatives``, chosen as ⌊uK⌋ (at most K − 1); continuous: ``low`` +
    u(``high`` − ``low``).
    """

    name: str
    address: str
    alternatives: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None

    def value(self, u: float) -> Any:
        """The parameter value for a uniform draw ``u`` in [0, 1]."""
        if self.alternatives:
            k = len(self.alternatives)
            return self.alternatives[min(int(u * k), k - 1)]
        assert self.low is not None and self.high is not None  # parser guarantees
        return self.low + u * (self.high - self.low)


@dataclass(frozen=True, slots=True)
class WeightsNoise:
    """Noisy weights (COINr ``get_noisy_weights``): M pre-drawn sets, one input.

    Each set is w' = w(1 + φ_ℓ(2U − 1)) with U ~ U(0, 1) per weight, for the
    weights of the codes at the levels named in ``noise`` (level → φ).
    """

    name: str = "weights"
    noise: tuple[tuple[int, float], ...] = ((2, 0.25), (3, 0.25))
    n_sets: int = 100


@dataclass(frozen=True, slots=True)
class SensitivitySpec:
    """The assumptions of an analysis, its target aggregate and bootstrap size."""

    assumptions: tuple[Assumption | WeightsNoise, ...]
    target: str | None = None
    n_boot: int = 1000


def default_assumptions(group: str | None = None) -> SensitivitySpec:
    """The default assumption set of statistics.md §4.1.

    Parameters
    ----------
    group : str, optional
        The iData group column for group-mean and group-median imputation;
        without it, imputation uses the overall mean and median.
    """
    by = "_by_group" if group else ""
    extra = {"group": group} if group else {}
    return SensitivitySpec(
        assumptions=(
            WeightsNoise(),
            Assumption(
                "normalisation",
                "normalise",
                (
                    {"method": "minmax", "low": 1, "high": 100},
                    {"method": "zscore", "mean": 10, "sd": 2},
                ),
            ),
            Assumption(
                "aggregation",
                "aggregate",
                ({"method": "arithmetic"}, {"method": "geometric"}),
            ),
            Assumption(
                "imputation",
                "impute",
                (
                    {"method": f"mean{by}", **extra},
                    {"method": f"median{by}", **extra},
                    {"method": "none"},
                ),
            ),
            Assumption("winmax", "treat.winsorise_max_points", (1, 2, 3, 4, 5)),
        )
    )


def parse_sensitivity_spec(mapping: Mapping[str, Any]) -> SensitivitySpec:
    """Parse a loaded assumptions file (docs/cli.md "SA.yaml").

    Parameters
    ----------
    mapping : mapping
        ``target`` (aggregate code, optional), ``bootstrap`` (int, default
        1000), ``assumptions``: a list of mappings with ``name`` and either
        ``weights_noise`` (level → φ) with ``sets`` (M, default 100), or
        ``step`` with ``alternatives`` (whole step mappings), or ``step`` and
        ``parameter`` with ``values`` (a list) or ``range`` ([low, high]).

    Returns
    -------
    SensitivitySpec

    Raises
    ------
    InputError
        ``invalid_assumptions`` naming the assumption at fault.
    """
    if not isinstance(mapping, Mapping) or not isinstance(
        mapping.get("assumptions"), list
    ):
        raise InputError("invalid_assumptions", "the file needs a list 'assumptions'")
    items = tuple(_assumption(i, raw) for i, raw in enumerate(mapping["assumptions"]))
    if not items:
        raise InputError("invalid_assumptions", "the list 'assumptions' is empty")
    names = [a.name for a in items]
    if len(set(names)) != len(names):
        raise InputError("invalid_assumptions", f"assumption names repeat: {names}")
    n_boot = mapping.get("bootstrap", 1000)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 1:
        raise InputError("invalid_assumptions", f"bootstrap {n_boot!r} is not a count")
    target = mapping.get("target")
    return SensitivitySpec(
        assumptions=items,
        target=None if target is None else str(target),
        n_boot=n_boot,
    )


def _assumption(position: int, raw: object) -> Assumption | WeightsNoise:
    if not isinstance(raw, Mapping) or "name" not in raw:
        raise InputError(
            "invalid_assumptions", f"assumption {position + 1} needs a 'name'"
        )
    name = str(raw["name"])
    fail = _failer(name)
    known = {"name", "weights_noise", "sets", "step", "parameter", "alternatives"}
    unknown = sorted(set(raw) - known - {"values", "range"})
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}")
    if "weights_noise" in raw:
        return _weights_noise(name, raw, fail)
    if "step" not in raw:
        raise fail("needs 'weights_noise' or 'step'")
    address = str(raw["step"])
    if "parameter" in raw:
        address = f"{address}.{raw['parameter']}"
        if "range" in raw:
            return _continuous(name, address, raw["range"], fail)
        values = raw.get("values")
    else:
        values = raw.get("alternatives")
    if not isinstance(values, list) or len(values) < 2:
        raise fail("needs a list of at least 2 alternatives (or values)")
    return Assumption(name, address, tuple(values))


def _failer(name: str) -> Callable[[str], InputError]:
    def fail(message: str) -> InputError:
        return InputError("invalid_assumptions", f"assumption {name!r}: {message}")

    return fail


def _weights_noise(
    name: str, raw: Mapping[str, Any], fail: Callable[[str], InputError]
) -> WeightsNoise:
    noise = raw["weights_noise"]
    if not isinstance(noise, Mapping) or not noise:
        raise fail("weights_noise maps levels to noise shares φ")
    pairs = []
    for level, phi in noise.items():
        if not str(level).isdigit() or not isinstance(phi, int | float) or phi < 0:
            raise fail(f"level {level!r} with noise {phi!r} is not valid")
        pairs.append((int(str(level)), float(phi)))
    sets = raw.get("sets", 100)
    if isinstance(sets, bool) or not isinstance(sets, int) or sets < 1:
        raise fail(f"sets {sets!r} is not a count")
    return WeightsNoise(name=name, noise=tuple(pairs), n_sets=sets)


def _continuous(
    name: str, address: str, bounds: object, fail: Callable[[str], InputError]
) -> Assumption:
    if (
        not isinstance(bounds, list)
        or len(bounds) != 2
        or not all(isinstance(b, int | float) for b in bounds)
        or not bounds[0] < bounds[1]
    ):
        raise fail(f"range {bounds!r} is not [low, high] with low < high")
    return Assumption(name, address, low=float(bounds[0]), high=float(bounds[1]))


@dataclass(frozen=True, slots=True)
class SensitivityPlan:
    """Every run of an analysis, fixed before anything is computed.

    ``samples`` (n_runs × n_assumptions, U(0, 1)) in Sobol layout
    [A; B; AB_1 … AB_d] when ``n_base`` is set; ``weight_sets`` holds, per
    WeightsNoise assumption, its M node-weight factors (M × n_nodes).
    """

    framework: IndexFramework
    pipeline: IndexPipeline
    spec: SensitivitySpec
    target: str
    samples: FloatArray
    weight_sets: tuple[FloatArray | None, ...]
    n_base: int | None
    seed: int
    tree: Tree

    @property
    def n_runs(self) -> int:
        """The number of runs."""
        return int(self.samples.shape[0])

    def pipeline_for(self, run: int) -> IndexPipeline:
        """The full pipeline of one run (weights as an aggregate-step override)."""
        pipeline = self.pipeline
        factors = np.ones(len(self.tree.codes))
        for i, assumption in enumerate(self.spec.assumptions):
            u = float(self.samples[run, i])
            if isinstance(assumption, WeightsNoise):
                sets = self.weight_sets[i]
                assert sets is not None
                factors = factors * sets[min(int(u * len(sets)), len(sets) - 1)]
            else:
                value = assumption.value(u)
                step = changed_step(pipeline, assumption.address, value)
                pipeline = pipeline.with_step(step)
        if np.all(factors == 1):
            return pipeline
        return pipeline.with_step(self._weighted(pipeline, factors))

    def _weighted(self, pipeline: IndexPipeline, factors: FloatArray) -> AggregateStep:
        current = pipeline.step("aggregate")
        step = current if isinstance(current, AggregateStep) else AggregateStep()
        tree = self.tree
        base = weight_vector(self.framework, tree, dict(step.weights))
        noisy = {
            code: float(w * f)
            for code, w, f in zip(tree.codes, base, factors, strict=True)
            if f != 1
        }
        merged = {**dict(step.weights), **noisy}
        return replace(step, weights=tuple(sorted(merged.items())))


def sensitivity_plan(
    framework: IndexFramework,
    pipeline: IndexPipeline,
    spec: SensitivitySpec,
    *,
    n_runs: int,
    seed: int,
    sobol: bool = False,
) -> SensitivityPlan:
    """Draw the runs of an uncertainty (or Sobol) analysis.

    Parameters
    ----------
    framework, pipeline
        The nominal index.
    spec : SensitivitySpec
    n_runs : int
        Uncertainty: the number of runs; Sobol: the base sample size N, giving
        N(d + 2) runs for d assumptions.
    seed : int
        Seeds the weight sets, then the samples, so a plan is reproducible.
    sobol : bool
        Lay the samples out as [A; B; AB_1 … AB_d] (Saltelli 2010).

    Returns
    -------
    SensitivityPlan

    Raises
    ------
    InputError
        ``invalid_assumptions`` for a target that is not an aggregate, an
        alternative the pipeline cannot take, or n_runs < 2.
    """
    if n_runs < 2:
        raise InputError("invalid_assumptions", f"{n_runs} runs are too few; 2 needed")
    target = spec.target or framework.top
    if target not in [c for level in framework.levels[1:] for c in level]:
        raise InputError(
            "invalid_assumptions", f"target {target!r} is not an aggregate of the index"
        )
    rng = np.random.default_rng(seed)
    tree = Tree.of(framework)
    sets = tuple(_weight_sets(framework, tree, a, rng) for a in spec.assumptions)
    d = len(spec.assumptions)
    if sobol:
        a, b = rng.random((n_runs, d)), rng.random((n_runs, d))
        blocks = [a, b]
        for i in range(d):
            ab = a.copy()
            ab[:, i] = b[:, i]
            blocks.append(ab)
        samples = np.vstack(blocks)
    else:
        samples = rng.random((n_runs, d))
    plan = SensitivityPlan(
        framework,
        pipeline,
        spec,
        target,
        samples,
        sets,
        n_runs if sobol else None,
        seed,
        tree,
    )
    _check_alternatives(plan)
    return plan


def _weight_sets(
    framework: IndexFramework,
    tree: Tree,
    assumption: Assumption | WeightsNoise,
    rng: np.random.Generator,
) -> FloatArray | None:
    if not isinstance(assumption, WeightsNoise):
        return None
    phi = np.array(
        [dict(assumption.noise).get(framework.level_of(c), 0.0) for c in tree.codes]
    )
    u = rng.random((assumption.n_sets, len(tree.codes)))
    return np.asarray(1 + phi * (2 * u - 1), dtype=float)


def _check_alternatives(plan: SensitivityPlan) -> None:
    for i, assumption in enumerate(plan.spec.assumptions):
        if isinstance(assumption, WeightsNoise):
            continue
        values = assumption.alternatives or (assumption.low, assumption.high)
        for value in values:
            try:
                changed_step(plan.pipeline, assumption.address, value)
            except InputError as error:
                raise InputError(
                    "invalid_assumptions",
                    f"assumption {assumption.name!r} (number {i + 1}): {error.message}",
                ) from None


@dataclass(frozen=True, slots=True)
class UncertaintyResult:
    """Ranks of the target in every run and their summary per unit (§4.2).

    Attributes
    ----------
    target : str
    ranks : DataFrame, runs × units (float; NaN where a unit is screened out
        or the run failed)
    nominal : Series of float, index ``uCode``
    summary : DataFrame, index ``uCode``
        ``nominal``, ``mean``, ``median``, ``q05``, ``q95`` of the rank (numpy
        linear quantiles = R type 7); NaN where a unit has no rank.
    rank_change : Series of float, one per run
        Mean absolute rank change against the nominal ranks (missing ignored);
        NaN for a failed run.
    failed : ndarray of bool, one per run
    """

    target: str
    ranks: pd.DataFrame
    nominal: pd.Series
    summary: pd.DataFrame
    rank_change: pd.Series
    failed: npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class SobolResult:
    """First-order and total Sobol indices with bootstrap quantiles (§4.3).

    ``table`` has one row per input: ``S``, ``ST``, ``S_q05``, ``S_q95``,
    ``ST_q05``, ``ST_q95``; ``variance`` is V (divisor n − 1).
    """

    table: pd.DataFrame
    variance: float


@dataclass(frozen=True, slots=True)
class SensitivityResult:
    """An uncertainty analysis on the first 2N runs plus the Sobol indices."""

    uncertainty: UncertaintyResult
    sobol: SobolResult
    all_runs: UncertaintyResult


def run_plan(
    plan: SensitivityPlan, *, progress: Progress | None = None
) -> UncertaintyResult:
    """Compute every run of a plan (§4.2).

    Runs sharing their pre-aggregation pipeline share one preparation; runs
    that also share the aggregation functions are aggregated together over
    their weight sets. A run whose pipeline fails (e.g. a geometric mean over a
    value ≤ 0) has missing ranks.

    Parameters
    ----------
    plan : SensitivityPlan
    progress : callable, optional
        Called with the number of runs just finished.

    Returns
    -------
    UncertaintyResult
    """
    framework = plan.framework
    nominal_result = build_index(framework, plan.pipeline)
    nominal_scores = nominal_result.datasets["Aggregated"][plan.target]
    nominal = _ranks(nominal_scores.to_numpy()[None, :])[0]
    nominal_all = pd.Series(nominal, index=nominal_scores.index).reindex(
        list(framework.units)
    )
    ranks = np.full((plan.n_runs, len(framework.units)), np.nan)
    groups: dict[tuple[Any, ...], list[tuple[int, IndexPipeline]]] = {}
    for run in range(plan.n_runs):
        pipeline = plan.pipeline_for(run)
        step = pipeline.step("aggregate")
        aggregate = step if isinstance(step, AggregateStep) else AggregateStep()
        stage = tuple(s for s in pipeline.steps if s.name != "aggregate")
        key = (
            stage,
            aggregate.methods,
            aggregate.default_method,
            aggregate.min_availability,
            aggregate.default_min_availability,
        )
        groups.setdefault(key, []).append((run, pipeline))
    tree = plan.tree
    cache: dict[tuple[Step, ...], pd.DataFrame | None] = {(): framework.data}
    for key, members in groups.items():
        data = _prepare(framework, key[0], cache)
        if data is not None:
            _aggregate_group(plan, tree, data, members, ranks)
        if progress is not None:
            progress(len(members))
    return _summarise(plan, ranks, nominal_all)


def _prepare(
    framework: IndexFramework,
    steps: tuple[Step, ...],
    cache: dict[tuple[Step, ...], pd.DataFrame | None],
) -> pd.DataFrame | None:
    """The data set after ``steps``, reusing every prefix already computed.

    Runs differ mostly late in the pipeline (treatment, normalisation), so one
    imputation serves many of them. A failing step leaves the run missing.
    """
    if steps in cache:
        return cache[steps]
    before = _prepare(framework, steps[:-1], cache)
    result = None
    if before is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IndexWarning)
            try:
                result = apply_step(framework, before, steps[-1])[0]
            except InputError:
                result = None
    cache[steps] = result
    return result


def _aggregate_group(
    plan: SensitivityPlan,
    tree: Tree,
    data: pd.DataFrame,
    members: list[tuple[int, IndexPipeline]],
    ranks: FloatArray,
) -> None:
    framework = plan.framework
    step = members[0][1].step("aggregate")
    aggregate = step if isinstance(step, AggregateStep) else AggregateStep()
    levels = range(2, len(framework.levels) + 1)
    methods = tuple(aggregate.method_for(n) for n in levels)
    thresholds = tuple(aggregate.threshold_for(n) for n in levels)
    column = tree.aggregates.index(plan.target)
    where = {unit: i for i, unit in enumerate(framework.units)}
    positions = [where[str(u)] for u in data.index]
    values = data.to_numpy(dtype=float)
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        weights = np.vstack(
            [_weights_of(framework, tree, pipeline) for _, pipeline in chunk]
        )
        scores, _ = aggregate_runs(
            values, tree, weights, methods, thresholds, fail_fast=False
        )
        rows = [run for run, _ in chunk]
        ranks[np.ix_(rows, positions)] = _ranks(scores[:, :, column])


def _weights_of(
    framework: IndexFramework, tree: Tree, pipeline: IndexPipeline
) -> FloatArray:
    step = pipeline.step("aggregate")
    overrides = dict(step.weights) if isinstance(step, AggregateStep) else {}
    return weight_vector(framework, tree, overrides)


def _ranks(scores: FloatArray) -> FloatArray:
    return np.asarray(
        rankdata(-scores, method="min", axis=1, nan_policy="omit"), dtype=float
    )


def _summarise(
    plan: SensitivityPlan, ranks: FloatArray, nominal: pd.Series
) -> UncertaintyResult:
    units = list(plan.framework.units)
    valid_units = ~np.isnan(ranks).all(axis=0)
    summary = pd.DataFrame(
        np.nan,
        index=pd.Index(units, name="uCode"),
        columns=["nominal", "mean", "median", "q05", "q95"],
    )
    summary["nominal"] = nominal.to_numpy()
    block = ranks[:, valid_units]
    if block.size:
        summary.loc[valid_units, "mean"] = np.nanmean(block, axis=0)
        ordered = np.sort(block, axis=0)  # missing ranks sort last
        counts = (~np.isnan(block)).sum(axis=0)
        for column, q in (("median", 0.5), ("q05", 0.05), ("q95", 0.95)):
            summary.loc[valid_units, column] = _quantile(ordered, counts, q)
    failed = np.asarray(np.isnan(ranks).all(axis=1), dtype=bool)
    change = np.abs(ranks - nominal.to_numpy()[None, :])
    usable = ~np.isnan(change)
    counts = usable.sum(axis=1)
    totals = np.where(usable, change, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_change = np.where(counts > 0, totals / counts, np.nan)
    return UncertaintyResult(
        target=plan.target,
        ranks=pd.DataFrame(ranks, columns=pd.Index(units, name="uCode")),
        nominal=nominal,
        summary=summary,
        rank_change=pd.Series(mean_change, name="rank_change"),
        failed=failed,
    )


def _quantile(
    ordered: FloatArray, counts: npt.NDArray[np.int_], q: float
) -> FloatArray:
    """Column quantiles of sorted data with ``counts`` valid values (numpy linear)."""
    position = q * (counts - 1)
    below = np.floor(position).astype(int)
    above = np.minimum(below + 1, counts - 1)
    t = position - below
    columns = np.arange(ordered.shape[1])
    a, b = ordered[below, columns], ordered[above, columns]
    # numpy's lerp: from the nearer end, so the result is exact at t = 0 and 1.
    lerp = np.where(t >= 0.5, b - (b - a) * (1 - t), a + (b - a) * t)
    return np.asarray(lerp, dtype=float)


def index_uncertainty(
    framework: IndexFramework,
    pipeline: IndexPipeline,
    spec: SensitivitySpec,
    *,
    n_draws: int,
    seed: int,
    progress: Progress | None = None,
) -> UncertaintyResult:
    """Monte Carlo uncertainty of the target's ranks (COINr ``get_sensitivity``, §4.2).

    Parameters
    ----------
    framework, pipeline : the nominal index
    spec : SensitivitySpec
    n_draws : int
        Number of runs.
    seed : int
    progress : callable, optional
        Called with the number of runs just finished.

    Returns
    -------
    UncertaintyResult
    """
    plan = sensitivity_plan(framework, pipeline, spec, n_runs=n_draws, seed=seed)
    return run_plan(plan, progress=progress)


def index_sensitivity(
    framework: IndexFramework,
    pipeline: IndexPipeline,
    spec: SensitivitySpec,
    *,
    n_base: int,
    seed: int,
    progress: Progress | None = None,
) -> SensitivityResult:
    """Sobol sensitivity of the mean absolute rank change to each assumption (§4.3).

    Parameters
    ----------
    framework, pipeline : the nominal index
    spec : SensitivitySpec
    n_base : int
        Base sample size N; the analysis runs N(d + 2) pipelines.
    seed : int
        Seeds the plan and the bootstrap.
    progress : callable, optional

    Returns
    -------
    SensitivityResult
        ``uncertainty`` summarises the first 2N runs (A and B), ``all_runs``
        every run, ``sobol`` the indices of y = mean absolute rank change.
    """
    plan = sensitivity_plan(
        framework, pipeline, spec, n_runs=n_base, seed=seed, sobol=True
    )
    return sensitivity_result(plan, run_plan(plan, progress=progress))


def sensitivity_result(
    plan: SensitivityPlan, result: UncertaintyResult
) -> SensitivityResult:
    """Sobol indices and the A-and-B uncertainty summary of a computed Sobol plan.

    Parameters
    ----------
    plan : SensitivityPlan
        Drawn with ``sobol=True``; its seed also seeds the bootstrap.
    result : UncertaintyResult
        ``run_plan(plan)``.

    Returns
    -------
    SensitivityResult

    Raises
    ------
    InputError
        ``invalid_sample`` when the plan is not a Sobol plan.
    """
    if plan.n_base is None:
        raise InputError("invalid_sample", "the plan was not drawn for Sobol indices")
    first = 2 * plan.n_base
    uncertainty = _summarise(plan, result.ranks.to_numpy()[:first], result.nominal)
    sobol = sobol_indices(
        result.rank_change.to_numpy(),
        n_base=plan.n_base,
        names=[a.name for a in plan.spec.assumptions],
        n_boot=plan.spec.n_boot,
        seed=plan.seed,
    )
    return SensitivityResult(uncertainty=uncertainty, sobol=sobol, all_runs=result)


def sobol_indices(
    y: npt.ArrayLike,
    *,
    n_base: int,
    names: Sequence[str],
    n_boot: int = 1000,
    seed: int = 0,
) -> SobolResult:
    """First-order (Saltelli 2010) and total (Jansen) Sobol indices.

    Parameters
    ----------
    y : array-like of float, shape (N(d + 2),)
        Outputs in the layout [y_A; y_B; y_AB_1 … y_AB_d], N each.
    n_base : int
        N.
    names : sequence of str, length d
    n_boot : int
        Bootstrap resamples of the N rows (V kept fixed).
    seed : int

    Returns
    -------
    SobolResult
        S_i = (1/N) Σ y_B (y_ABi − y_A)/V, ST_i = (1/2N) Σ (y_A − y_ABi)²/V,
        V the variance (divisor n − 1) of the 2N values y_A, y_B; y is first
        centred on the mean of all outputs (as SALib does: same expectation,
        smaller variance of S_i); rows with a missing output are left out of
        each index (and of V).

    Raises
    ------
    InputError
        ``invalid_sample`` when y does not have N(d + 2) values, V is not
        positive or an input has no complete row.
    """
    values = np.asarray(y, dtype=float)
    d = len(names)
    if values.shape != (n_base * (d + 2),):
        raise InputError(
            "invalid_sample",
            f"{values.size} outputs for N = {n_base} and {d} inputs; "
            f"{n_base * (d + 2)} needed",
        )
    # Centring on the mean output (as SALib does) keeps both estimators'
    # expectations and shrinks the variance of the first-order one.
    finite = values[~np.isnan(values)]
    blocks = (values - (finite.mean() if finite.size else 0.0)).reshape(d + 2, n_base)
    y_a, y_b = blocks[0], blocks[1]
    pooled = np.concatenate([y_a, y_b])
    pooled = pooled[~np.isnan(pooled)]
    variance = float(np.var(pooled, ddof=1)) if pooled.size > 1 else 0.0
    if not variance > 0:
        raise InputError("invalid_sample", "the outputs have no variance")
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(d):
        y_ab = blocks[2 + i]
        keep = np.flatnonzero(~(np.isnan(y_a) | np.isnan(y_b) | np.isnan(y_ab)))
        if keep.size == 0:
            raise InputError(
                "invalid_sample", f"no complete row of outputs for {names[i]!r}"
            )
        first = y_b[keep] * (y_ab[keep] - y_a[keep]) / variance
        total = (y_a[keep] - y_ab[keep]) ** 2 / (2 * variance)
        draws = rng.integers(0, keep.size, size=(n_boot, keep.size))
        boot_s, boot_t = first[draws].mean(axis=1), total[draws].mean(axis=1)
        rows.append(
            (
                first.mean(),
                total.mean(),
                *np.quantile(boot_s, [0.05, 0.95]),
                *np.quantile(boot_t, [0.05, 0.95]),
            )
        )
    table = pd.DataFrame(
        rows,
        index=pd.Index(list(names), name="assumption"),
        columns=["S", "ST", "S_q05", "S_q95", "ST_q05", "ST_q95"],
    )
    return SobolResult(table=table, variance=variance)
