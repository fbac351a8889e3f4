"""The declarative index pipeline: steps as frozen dataclasses, parsed from a mapping.

The mapping is the YAML "Index pipeline file" of interfaces.md, already loaded
(the core reads no files). Every step turns back into the mapping it came from
(``to_mapping``), which is what the log records and what a regenerated run reads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from hromada.core._errors import InputError

IMPUTE_METHODS = ("mean", "median", "mean_by_group", "median_by_group", "none")
SCREEN_RULES = ("na", "zeros", "na_and_zeros")
NORMALISE_METHODS = ("minmax", "zscore", "goalposts", "rank", "prank", "borda")
AGGREGATE_METHODS = ("arithmetic", "geometric", "harmonic")
FALLBACKS = ("log_ct", "none")


@dataclass(frozen=True, slots=True)
class DenominateStep:
    """Divide each indicator by its iMeta ``Denominator`` column (§3.2.1)."""

    name = "denominate"


@dataclass(frozen=True, slots=True)
class ImputeStep:
    """Fill missing indicator values (§3.2.2).

    ``method``: mean, median (of the indicator over units), mean_by_group,
    median_by_group (over units of the same ``group`` column), or none.
    """

    method: str = "none"
    group: str | None = None
    name = "impute"


@dataclass(frozen=True, slots=True)
class ScreenStep:
    """Drop units with too little data (§3.2.3, COINr ``Screen``).

    ``rule`` na: keep units whose share of non-missing indicators is at least
    ``min_availability``; zeros: whose share of non-zero indicators is at least
    ``min_nonzero``; na_and_zeros: both. ``include``/``exclude`` force units in
    or out whatever the rule says.
    """

    min_availability: float = 2 / 3
    rule: str = "na"
    min_nonzero: float = 0.05
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    name = "screen"


@dataclass(frozen=True, slots=True)
class TreatStep:
    """Outlier treatment (§3.2.4, COINr ``Treat`` defaults)."""

    winsorise_max_points: int = 5
    skew_threshold: float = 2.0
    kurtosis_threshold: float = 3.5
    fallback: str = "log_ct"
    name = "treat"


@dataclass(frozen=True, slots=True)
class NormaliseParams:
    """One normalisation method with its parameters (§3.2.5).

    minmax uses ``low``/``high``; zscore ``mean``/``sd``; goalposts
    ``goal_low``/``goal_high`` (original units; taken from the iMeta columns
    ``GoalLow``/``GoalHigh`` when not given) and ``scale``.
    """

    method: str = "minmax"
    low: float = 0.0
    high: float = 100.0
    mean: float = 0.0
    sd: float = 1.0
    goal_low: float | None = None
    goal_high: float | None = None
    scale: float = 10.0


@dataclass(frozen=True, slots=True)
class NormaliseStep:
    """Normalise every indicator; ``indicators`` overrides the method per code."""

    default: NormaliseParams = NormaliseParams()
    indicators: tuple[tuple[str, NormaliseParams], ...] = ()
    name = "normalise"

    def params_for(self, code: str) -> NormaliseParams:
        """The parameters that apply to indicator ``code``."""
        return dict(self.indicators).get(code, self.default)


@dataclass(frozen=True, slots=True)
class AggregateStep:
    """Aggregate level by level (§3.2.6).

    ``methods`` holds one method per level 2 … L, or one for all levels;
    ``min_availability`` an optional share of non-missing children per level;
    ``weights`` replaces iMeta weights for the codes it names.
    """

    methods: tuple[tuple[int, str], ...] = ()
    default_method: str = "arithmetic"
    min_availability: tuple[tuple[int, float], ...] = ()
    default_min_availability: float | None = None
    weights: tuple[tuple[str, float], ...] = ()
    name = "aggregate"

    def method_for(self, level: int) -> str:
        """The aggregation function used to build the aggregates of ``level``."""
        return dict(self.methods).get(level, self.default_method)

    def threshold_for(self, level: int) -> float | None:
        """The data-availability threshold of ``level``, if any."""
        return dict(self.min_availability).get(level, self.default_min_availability)


Step = (
    DenominateStep | ImputeStep | ScreenStep | TreatStep | NormaliseStep | AggregateStep
)
STEP_ORDER = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")


@dataclass(frozen=True, slots=True)
class IndexPipeline:
    """The ordered steps of a composite index; every step is optional."""

    steps: tuple[Step, ...]

    def step(self, name: str) -> Step | None:
        """The step called ``name`` or ``None`` when the pipeline has none."""
        return next((s for s in self.steps if s.name == name), None)

    def with_step(self, new: Step) -> IndexPipeline:
        """The same pipeline with ``new`` replacing (or adding) its step."""
        kept = [s for s in self.steps if s.name != new.name]
        ordered = sorted([*kept, new], key=lambda s: STEP_ORDER.index(s.name))
        return IndexPipeline(steps=tuple(ordered))

    def to_mapping(self) -> dict[str, Any]:
        """The pipeline as the mapping ``parse_index_pipeline`` reads."""
        return {"steps": [{s.name: step_mapping(s)} for s in self.steps]}


def parse_index_pipeline(mapping: Mapping[str, Any]) -> IndexPipeline:
    """Parse a loaded pipeline file (interfaces.md "Index pipeline file").

    Parameters
    ----------
    mapping : mapping
        ``{"steps": [{"denominate": {}}, {"impute": {...}}, ...]}``; each list
        item has exactly one key, the step name; steps run in the fixed order
        denominate, impute, screen, treat, normalise, aggregate and each may
        appear at most once.

    Returns
    -------
    IndexPipeline

    Raises
    ------
    InputError
        ``invalid_pipeline`` naming the step and key at fault.
    """
    if not isinstance(mapping, Mapping) or not isinstance(mapping.get("steps"), list):
        raise InputError("invalid_pipeline", "the pipeline needs a list 'steps'")
    steps: list[Step] = []
    for item in mapping["steps"]:
        if not isinstance(item, Mapping) or len(item) != 1:
            raise InputError(
                "invalid_pipeline", f"each step is a mapping with one key, got {item!r}"
            )
        ((name, params),) = item.items()
        steps.append(parse_step(str(name), params or {}))
    names = [s.name for s in steps]
    if names != sorted(set(names), key=STEP_ORDER.index):
        raise InputError(
            "invalid_pipeline",
            f"steps {names} repeat or are out of the order {', '.join(STEP_ORDER)}",
        )
    return IndexPipeline(steps=tuple(steps))


def parse_step(name: str, params: Mapping[str, Any]) -> Step:
    """Parse one step's parameter mapping (see ``parse_index_pipeline``)."""
    if not isinstance(params, Mapping):
        raise InputError("invalid_pipeline", f"{name}: parameters must be a mapping")
    parser = _PARSERS.get(name)
    if parser is None:
        raise InputError(
            "invalid_pipeline",
            f"unknown step {name!r}; steps are {', '.join(STEP_ORDER)}",
        )
    return parser(_Params(name, params))


def step_mapping(step: Step) -> dict[str, Any]:
    """The mapping of one step's parameters, as in the pipeline file."""
    if isinstance(step, NormaliseStep):
        out = _normalise_mapping(step.default)
        if step.indicators:
            out["indicators"] = {c: _normalise_mapping(p) for c, p in step.indicators}
        return out
    if isinstance(step, AggregateStep):
        return _aggregate_mapping(step)
    out = {f.name: getattr(step, f.name) for f in fields(step)}
    for key in ("include", "exclude"):
        if key in out:
            out[key] = list(out[key])
    return out


class _Params:
    """Typed access to one step's mapping that names the step in every error."""

    def __init__(self, step: str, raw: Mapping[str, Any]) -> None:
        self.step = step
        self.raw = dict(raw)
        self.used: set[str] = set()

    def fail(self, key: str, message: str) -> InputError:
        return InputError("invalid_pipeline", f"{self.step}.{key}: {message}")

    def get(self, key: str, default: Any) -> Any:
        self.used.add(key)
        return self.raw.get(key, default)

    def choice(self, key: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self.get(key, default)
        if value not in allowed:
            raise self.fail(key, f"{value!r} is not one of {', '.join(allowed)}")
        return str(value)

    def number(self, key: str, default: float | None) -> float | None:
        value = self.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"{value!r} is not a number")
        if not math.isfinite(value):
            raise self.fail(key, f"{value!r} is not finite")
        return float(value)

    def share(self, key: str, default: float) -> float:
        value = self.number(key, default)
        if value is None or not 0 <= value <= 1:
            raise self.fail(key, f"{value!r} is not a share between 0 and 1")
        return value

    def codes(self, key: str) -> tuple[str, ...]:
        value = self.get(key, [])
        if not isinstance(value, list | tuple):
            raise self.fail(key, "must be a list of codes")
        return tuple(str(v) for v in value)

    def done(self) -> None:
        unknown = sorted(set(self.raw) - self.used)
        if unknown:
            raise self.fail(unknown[0], "unknown parameter")


def _denominate(p: _Params) -> Step:
    p.done()
    return DenominateStep()


def _impute(p: _Params) -> Step:
    method = p.choice("method", "none", IMPUTE_METHODS)
    group = p.get("group", None)
    if method.endswith("_by_group") and not group:
        raise p.fail("group", f"{method} needs a group column")
    p.done()
    return ImputeStep(method=method, group=None if group is None else str(group))


def _screen(p: _Params) -> Step:
    p.choice("by", "unit", ("unit",))
    step = ScreenStep(
        min_availability=p.share("min_availability", 2 / 3),
        rule=p.choice("rule", "na", SCREEN_RULES),
        min_nonzero=p.share("min_nonzero", 0.05),
        include=p.codes("include"),
        exclude=p.codes("exclude"),
    )
    p.done()
    return step


def _treat(p: _Params) -> Step:
    winmax = p.get("winsorise_max_points", 5)
    if isinstance(winmax, bool) or not isinstance(winmax, int) or winmax < 0:
        raise p.fail("winsorise_max_points", f"{winmax!r} is not a count ≥ 0")
    step = TreatStep(
        winsorise_max_points=winmax,
        skew_threshold=_positive(p, "skew_threshold", 2.0),
        kurtosis_threshold=_finite(p, "kurtosis_threshold", 3.5),
        fallback=p.choice("fallback", "log_ct", FALLBACKS),
    )
    p.done()
    return step


def _positive(p: _Params, key: str, default: float) -> float:
    value = _finite(p, key, default)
    if value <= 0:
        raise p.fail(key, f"{value!r} is not positive")
    return value


def _finite(p: _Params, key: str, default: float) -> float:
    value = p.number(key, default)
    if value is None:
        raise p.fail(key, "is required")
    return value


def _normalise_params(p: _Params) -> NormaliseParams:
    method = p.choice("method", "minmax", NORMALISE_METHODS)
    params = NormaliseParams(
        method=method,
        low=_finite(p, "low", 0.0),
        high=_finite(p, "high", 100.0),
        mean=_finite(p, "mean", 0.0),
        sd=_positive(p, "sd", 1.0),
        goal_low=p.number("goal_low", None),
        goal_high=p.number("goal_high", None),
        scale=_positive(p, "scale", 10.0),
    )
    if method == "minmax" and params.high <= params.low:
        raise p.fail("high", f"{params.high} is not above low {params.low}")
    return params


def _normalise(p: _Params) -> Step:
    default = _normalise_params(p)
    per = p.get("indicators", {})
    if not isinstance(per, Mapping):
        raise p.fail("indicators", "must map indicator codes to parameters")
    overrides = []
    for code, raw in per.items():
        if not isinstance(raw, Mapping):
            raise p.fail(f"indicators.{code}", "must be a mapping")
        sub = _Params(f"normalise.indicators.{code}", raw)
        overrides.append((str(code), _normalise_params(sub)))
        sub.done()
    p.done()
    return NormaliseStep(default=default, indicators=tuple(overrides))


def _aggregate(p: _Params) -> Step:
    raw = p.get("method", "arithmetic")
    if isinstance(raw, Mapping):
        methods = tuple(
            (_level(p, k), _checked(p, "method", v, AGGREGATE_METHODS))
            for k, v in raw.items()
        )
        default = "arithmetic"
    else:
        methods, default = (), _checked(p, "method", raw, AGGREGATE_METHODS)
    thresholds = p.get("min_availability", {})
    default_share = None
    if not isinstance(thresholds, Mapping):
        default_share, thresholds = p.share("min_availability", 0.0), {}
    shares = []
    for key, value in thresholds.items():
        sub = _Params("aggregate.min_availability", {str(key): value})
        shares.append((_level(p, key), sub.share(str(key), 0.0)))
    weights = p.get("weights", {})
    if not isinstance(weights, Mapping):
        raise p.fail("weights", "must map codes to weights")
    pairs = []
    for code, value in weights.items():
        sub = _Params("aggregate.weights", {str(code): value})
        number = sub.number(str(code), None)
        if number is None or number < 0:
            raise p.fail(f"weights.{code}", f"{value!r} is not a weight ≥ 0")
        pairs.append((str(code), number))
    p.done()
    return AggregateStep(
        methods=methods,
        default_method=default,
        min_availability=tuple(shares),
        default_min_availability=default_share,
        weights=tuple(pairs),
    )


def _level(p: _Params, key: object) -> int:
    try:
        level = int(str(key))
    except ValueError:
        raise p.fail("method", f"level {key!r} is not a number") from None
    if level < 2:
        raise p.fail("method", f"level {level} has no aggregates (levels start at 2)")
    return level


def _checked(p: _Params, key: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise p.fail(key, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _normalise_mapping(params: NormaliseParams) -> dict[str, Any]:
    out: dict[str, Any] = {"method": params.method}
    if params.method == "minmax":
        out.update(low=params.low, high=params.high)
    elif params.method == "zscore":
        out.update(mean=params.mean, sd=params.sd)
    elif params.method == "goalposts":
        out.update(goal_low=params.goal_low, goal_high=params.goal_high)
        out["scale"] = params.scale
    return out


def _aggregate_mapping(step: AggregateStep) -> dict[str, Any]:
    out: dict[str, Any] = {
        "method": dict(step.methods) if step.methods else step.default_method
    }
    if step.min_availability:
        out["min_availability"] = dict(step.min_availability)
    elif step.default_min_availability is not None:
        out["min_availability"] = step.default_min_availability
    if step.weights:
        out["weights"] = dict(step.weights)
    return out


def with_parameter(step: Step, parameter: str, value: Any) -> Step:
    """The step with one parameter replaced, re-validated through the parser."""
    mapping = step_mapping(step)
    mapping[parameter] = value
    return parse_step(step.name, mapping)


_PARSERS = {
    "denominate": _denominate,
    "impute": _impute,
    "screen": _screen,
    "treat": _treat,
    "normalise": _normalise,
    "aggregate": _aggregate,
}
