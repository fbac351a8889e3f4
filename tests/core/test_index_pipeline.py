from __future__ import annotations

from typing import Any

import pytest
import yaml

import hromada.core as core
from tests.core.index_data import ARITHMETIC, EXAMPLES

FULL = {
    "steps": [
        {"denominate": None},
        {"impute": {"method": "median_by_group", "group": "g"}},
        {
            "screen": {
                "min_availability": 0.5,
                "rule": "na_and_zeros",
                "min_nonzero": 0.2,
                "include": ["A"],
                "exclude": ["B"],
            }
        },
        {
            "treat": {
                "winsorise_max_points": 3,
                "skew_threshold": 2.5,
                "kurtosis_threshold": 4,
                "fallback": "none",
            }
        },
        {
            "normalise": {
                "method": "zscore",
                "mean": 10,
                "sd": 2,
                "indicators": {
                    "x": {
                        "method": "goalposts",
                        "goal_low": 0,
                        "goal_high": 5,
                        "scale": 10,
                    },
                    "y": {"method": "rank"},
                },
            }
        },
        {
            "aggregate": {
                "method": {2: "geometric", "3": "harmonic"},
                "min_availability": {2: 0.5},
                "weights": {"x": 2},
            }
        },
    ]
}


def test_it_parses_every_step_and_round_trips() -> None:
    pipeline = core.parse_index_pipeline(FULL)
    assert [s.name for s in pipeline.steps] == [
        "denominate",
        "impute",
        "screen",
        "treat",
        "normalise",
        "aggregate",
    ]
    screen = pipeline.step("screen")
    assert isinstance(screen, core.ScreenStep)
    assert (screen.include, screen.exclude, screen.rule) == (
        ("A",),
        ("B",),
        "na_and_zeros",
    )
    normalise = pipeline.step("normalise")
    assert isinstance(normalise, core.NormaliseStep)
    assert normalise.params_for("x").goal_high == 5.0
    assert normalise.params_for("z").method == "zscore"
    aggregate = pipeline.step("aggregate")
    assert isinstance(aggregate, core.AggregateStep)
    assert [aggregate.method_for(n) for n in (2, 3, 4)] == [
        "geometric",
        "harmonic",
        "arithmetic",
    ]
    assert (aggregate.threshold_for(2), aggregate.threshold_for(3)) == (0.5, None)
    assert core.parse_index_pipeline(pipeline.to_mapping()) == pipeline


def test_scalar_availability_applies_to_every_level_and_round_trips() -> None:
    pipeline = core.parse_index_pipeline(
        {"steps": [{"aggregate": {"method": "harmonic", "min_availability": 0.75}}]}
    )
    step = pipeline.step("aggregate")
    assert isinstance(step, core.AggregateStep)
    assert [step.threshold_for(n) for n in (2, 5)] == [0.75, 0.75]
    assert core.parse_index_pipeline(pipeline.to_mapping()) == pipeline


def test_defaults_follow_coinr() -> None:
    pipeline = core.parse_index_pipeline(
        {"steps": [{"screen": {}}, {"treat": {}}, {"normalise": {}}]}
    )
    assert pipeline.step("screen") == core.ScreenStep(min_availability=2 / 3)
    assert pipeline.step("treat") == core.TreatStep(5, 2.0, 3.5, "log_ct")
    assert pipeline.step("normalise") == core.NormaliseStep(
        default=core.NormaliseParams("minmax", 0.0, 100.0)
    )
    assert pipeline.step("aggregate") is None


def test_the_shipped_examples_parse() -> None:
    for name in ("asem-arithmetic.yaml", "asem-geometric.yaml"):
        mapping = yaml.safe_load((EXAMPLES / name).read_text())
        assert core.parse_index_pipeline(mapping).steps[0] == core.DenominateStep()
    arithmetic = yaml.safe_load((EXAMPLES / "asem-arithmetic.yaml").read_text())
    assert core.parse_index_pipeline(arithmetic) == core.parse_index_pipeline(
        ARITHMETIC
    )


def test_with_step_adds_in_pipeline_order() -> None:
    pipeline = core.parse_index_pipeline({"steps": [{"treat": {}}]})
    added = pipeline.with_step(core.ImputeStep(method="mean"))
    assert [s.name for s in added.steps] == ["impute", "treat"]


BAD: list[tuple[Any, str]] = [
    ([], "needs a list 'steps'"),
    ({"steps": "x"}, "needs a list 'steps'"),
    ({"steps": [{"a": {}, "b": {}}]}, "one key"),
    ({"steps": ["treat"]}, "one key"),
    ({"steps": [{"treat": {}}, {"impute": {}}]}, "out of the order"),
    ({"steps": [{"treat": {}}, {"treat": {}}]}, "repeat"),
    ({"steps": [{"weigh": {}}]}, "unknown step 'weigh'"),
    ({"steps": [{"treat": [1]}]}, "treat: parameters must be a mapping"),
    ({"steps": [{"denominate": {"x": 1}}]}, "denominate.x: unknown parameter"),
    ({"steps": [{"impute": {"method": "knn"}}]}, "impute.method: 'knn' is not one of"),
    ({"steps": [{"impute": {"method": "mean_by_group"}}]}, "needs a group column"),
    ({"steps": [{"screen": {"by": "indicator"}}]}, "screen.by"),
    ({"steps": [{"screen": {"min_availability": 1.5}}]}, "not a share"),
    ({"steps": [{"screen": {"min_availability": "high"}}]}, "not a number"),
    ({"steps": [{"screen": {"min_availability": True}}]}, "not a number"),
    ({"steps": [{"screen": {"min_availability": float("nan")}}]}, "not finite"),
    ({"steps": [{"screen": {"include": "A"}}]}, "list of codes"),
    ({"steps": [{"treat": {"winsorise_max_points": -1}}]}, "not a count"),
    ({"steps": [{"treat": {"winsorise_max_points": 2.5}}]}, "not a count"),
    ({"steps": [{"treat": {"skew_threshold": 0}}]}, "not positive"),
    ({"steps": [{"treat": {"kurtosis_threshold": None}}]}, "is required"),
    ({"steps": [{"normalise": {"low": 5, "high": 5}}]}, "not above low"),
    ({"steps": [{"normalise": {"indicators": [1]}}]}, "must map indicator codes"),
    ({"steps": [{"normalise": {"indicators": {"x": 1}}}]}, "indicators.x: must be"),
    (
        {"steps": [{"normalise": {"indicators": {"x": {"nope": 1}}}}]},
        "normalise.indicators.x.nope: unknown parameter",
    ),
    ({"steps": [{"aggregate": {"method": "median"}}]}, "'median' is not one of"),
    ({"steps": [{"aggregate": {"method": {"two": "geometric"}}}]}, "level 'two'"),
    ({"steps": [{"aggregate": {"method": {1: "geometric"}}}]}, "levels start at 2"),
    ({"steps": [{"aggregate": {"weights": [1]}}]}, "must map codes to weights"),
    ({"steps": [{"aggregate": {"weights": {"x": -1}}}]}, "weights.x"),
    ({"steps": [{"aggregate": {"min_availability": {2: 2}}}]}, "not a share"),
]


@pytest.mark.parametrize(("mapping", "message"), BAD)
def test_it_refuses_bad_pipelines(mapping: Any, message: str) -> None:
    with pytest.raises(core.InputError) as caught:
        core.parse_index_pipeline(mapping)
    assert caught.value.code == "invalid_pipeline"
    assert message in caught.value.message
