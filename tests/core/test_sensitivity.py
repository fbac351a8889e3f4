"""Uncertainty and Sobol sensitivity (statistics.md §4)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from SALib.analyze import sobol as salib_sobol

import hromada.core as core
from tests.core.index_data import (
    ARITHMETIC,
    EXAMPLES,
    asem_framework,
    cell,
    tiny_framework,
)

EXACT = np.array([1.0, 4.0, 9.0]) / 14


def _linear_outputs(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a, b = rng.random((n, 3)), rng.random((n, 3))
    runs = [a, b]
    for i in range(3):
        ab = a.copy()
        ab[:, i] = b[:, i]
        runs.append(ab)
    x = np.vstack(runs)
    return x, x @ np.array([1.0, 2.0, 3.0])


def test_sobol_indices_of_a_linear_function() -> None:
    _, y = _linear_outputs(2**14, seed=11)
    result = core.sobol_indices(
        y, n_base=2**14, names=["x1", "x2", "x3"], n_boot=200, seed=1
    )
    table = result.table
    assert np.all(np.abs(table["S"].to_numpy() - EXACT) < 0.03)
    assert np.all(np.abs(table["ST"].to_numpy() - EXACT) < 0.02)
    assert np.all(table["S_q05"] <= table["S"]) and np.all(table["S"] <= table["S_q95"])
    assert np.all(table["ST_q05"] <= table["ST"]) and np.all(
        table["ST"] <= table["ST_q95"]
    )
    assert result.variance == pytest.approx(14 / 12, rel=0.05)


def test_sobol_indices_agree_with_salib_up_to_the_variance_divisor() -> None:
    n = 2**10
    _, y = _linear_outputs(n, seed=5)
    blocks = y.reshape(5, n)
    # SALib's layout per row j: A, AB_1 … AB_d, B; it standardises Y first,
    # which changes nothing here because our estimators centre y too.
    interleaved = np.column_stack(
        [blocks[0], blocks[2], blocks[3], blocks[4], blocks[1]]
    ).ravel()
    names = ["x1", "x2", "x3"]
    problem = {"num_vars": 3, "names": names, "bounds": [[0, 1]] * 3}
    theirs = salib_sobol.analyze(
        problem, interleaved, calc_second_order=False, num_resamples=10, seed=1
    )
    ours = core.sobol_indices(y, n_base=n, names=names, n_boot=10).table
    divisor = 2 * n / (2 * n - 1)  # V with n − 1 (ours, COINr) against n (SALib)
    assert ours["S"].to_numpy() * divisor == pytest.approx(theirs["S1"], abs=1e-12)
    assert ours["ST"].to_numpy() * divisor == pytest.approx(theirs["ST"], abs=1e-12)


def test_sobol_indices_leave_out_missing_rows_and_refuse_bad_samples() -> None:
    _, y = _linear_outputs(256, seed=2)
    y[3] = np.nan  # one A row
    table = core.sobol_indices(y, n_base=256, names=["a", "b", "c"], n_boot=10).table
    assert table.notna().all().all()
    with pytest.raises(core.InputError, match="outputs for N"):
        core.sobol_indices(y[:-1], n_base=256, names=["a", "b", "c"])
    with pytest.raises(core.InputError, match="no variance"):
        core.sobol_indices(np.ones(4 * 3), n_base=4, names=["a"])
    gappy = np.arange(12.0)
    gappy[8:] = np.nan
    with pytest.raises(core.InputError, match="no complete row"):
        core.sobol_indices(gappy, n_base=4, names=["a"])


def _asem_pipeline() -> core.IndexPipeline:
    return core.parse_index_pipeline(ARITHMETIC)


def _example_spec() -> core.SensitivitySpec:
    mapping = yaml.safe_load((EXAMPLES / "asem-assumptions.yaml").read_text())
    return core.parse_sensitivity_spec(mapping)


def test_the_example_file_is_the_default_assumption_set() -> None:
    spec = _example_spec()
    default = core.default_assumptions("EurAsia_group")
    assert (spec.assumptions, spec.n_boot) == (default.assumptions, default.n_boot)
    assert (spec.target, default.target) == ("Index", None)
    overall = core.default_assumptions()
    imputation = overall.assumptions[3]
    assert isinstance(imputation, core.Assumption)
    assert imputation.alternatives[0] == {"method": "mean"}


def test_every_run_rebuilds_alone_to_the_same_ranks() -> None:
    framework = asem_framework()
    plan = core.sensitivity_plan(
        framework, _asem_pipeline(), _example_spec(), n_runs=24, seed=3
    )
    seen: list[int] = []
    result = core.run_plan(plan, progress=seen.append)
    assert sum(seen) == 24
    for run in range(24):
        pipeline = plan.pipeline_for(run)
        try:
            alone = core.build_index(framework, pipeline)
        except core.InputError as error:
            assert error.code == "not_positive"
            assert result.failed[run] and np.isnan(result.rank_change.iloc[run])
            continue
        expected = alone.ranks.reindex(list(framework.units)).astype(float)
        assert np.array_equal(
            result.ranks.iloc[run].to_numpy(), expected.to_numpy(), equal_nan=True
        )


def test_uncertainty_summary_and_rank_change() -> None:
    framework = asem_framework()
    result = core.index_uncertainty(
        framework, _asem_pipeline(), _example_spec(), n_draws=60, seed=9
    )
    summary = result.summary
    assert list(summary.columns) == ["nominal", "mean", "median", "q05", "q95"]
    assert cell(summary, "CHE", "nominal") == 1
    ranks = result.ranks
    assert cell(summary, "NLD", "q95") == pytest.approx(
        np.nanquantile(ranks["NLD"], 0.95)
    )
    assert (summary["q05"] <= summary["median"]).all() and (
        summary["median"] <= summary["q95"]
    ).all()
    nominal = summary["nominal"].to_numpy()
    first = ranks.iloc[0].to_numpy()
    assert result.rank_change.iloc[0] == pytest.approx(np.mean(np.abs(first - nominal)))
    again = core.index_uncertainty(
        framework, _asem_pipeline(), _example_spec(), n_draws=60, seed=9
    )
    pd.testing.assert_frame_equal(again.ranks, result.ranks)


def test_weight_noise_stays_within_its_band_and_spares_indicators() -> None:
    framework = asem_framework()
    spec = core.SensitivitySpec((core.WeightsNoise(noise=((2, 0.25),), n_sets=5),))
    plan = core.sensitivity_plan(framework, _asem_pipeline(), spec, n_runs=10, seed=1)
    for run in range(10):
        step = plan.pipeline_for(run).step("aggregate")
        assert isinstance(step, core.AggregateStep)
        weights = dict(step.weights)
        assert set(weights) == set(framework.levels[1])
        assert all(0.75 <= w <= 1.25 for w in weights.values())
    assert len({plan.pipeline_for(r) for r in range(10)}) <= 5


def test_sobol_analysis_of_the_asem_index() -> None:
    framework = asem_framework()
    result = core.index_sensitivity(
        framework, _asem_pipeline(), _example_spec(), n_base=16, seed=4
    )
    assert result.all_runs.ranks.shape == (16 * 7, 51)
    first = result.all_runs.ranks.iloc[:32].to_numpy()
    assert result.uncertainty.summary["mean"].to_numpy() == pytest.approx(
        np.nanmean(first, axis=0)
    )
    table = result.sobol.table
    assert list(table.index) == [
        "weights",
        "normalisation",
        "aggregation",
        "imputation",
        "winmax",
    ]
    assert cell(table, "aggregation", "ST") > cell(table, "winmax", "ST")


def test_a_run_that_cannot_be_prepared_has_missing_ranks() -> None:
    framework = tiny_framework()
    pipeline = core.parse_index_pipeline({"steps": [{"normalise": {}}]})
    spec = core.SensitivitySpec(
        (
            core.Assumption(
                "norm", "normalise", ({"method": "goalposts"}, {"method": "goalposts"})
            ),
        )
    )
    result = core.run_plan(
        core.sensitivity_plan(framework, pipeline, spec, n_runs=3, seed=0)
    )
    assert result.failed.all()
    assert result.summary[["mean", "q95"]].isna().all().all()
    assert result.summary["nominal"].notna().all()


def test_a_failing_early_step_leaves_its_runs_missing() -> None:
    framework = tiny_framework()
    pipeline = core.parse_index_pipeline(
        {"steps": [{"impute": {"method": "mean"}}, {"normalise": {}}]}
    )
    wrong_group = {"method": "mean_by_group", "group": "Pop"}  # not a Group column
    spec = core.SensitivitySpec(
        (core.Assumption("imp", "impute", (wrong_group, {"method": "mean"})),)
    )
    plan = core.sensitivity_plan(framework, pipeline, spec, n_runs=8, seed=5)
    result = core.run_plan(plan)
    expected = plan.samples[:, 0] < 0.5
    assert result.failed.tolist() == expected.tolist()
    assert 0 < expected.sum() < 8


def test_failing_geometric_runs_are_missing() -> None:
    framework = tiny_framework()
    pipeline = core.parse_index_pipeline(
        {"steps": [{"normalise": {"method": "zscore"}}]}
    )
    spec = core.SensitivitySpec(
        (core.Assumption("agg", "aggregate.method", ("geometric", "geometric")),),
        target="P1",
    )
    result = core.index_uncertainty(framework, pipeline, spec, n_draws=4, seed=0)
    assert result.failed.all() and result.rank_change.isna().all()
    assert result.target == "P1"


def test_continuous_assumptions_draw_within_their_range() -> None:
    framework = tiny_framework()
    pipeline = core.parse_index_pipeline({"steps": [{"normalise": {}}]})
    spec = core.parse_sensitivity_spec(
        {
            "assumptions": [
                {
                    "name": "top",
                    "step": "normalise",
                    "parameter": "high",
                    "range": [50, 150],
                }
            ],
            "bootstrap": 5,
        }
    )
    plan = core.sensitivity_plan(framework, pipeline, spec, n_runs=5, seed=2)
    for run in range(5):
        step = plan.pipeline_for(run).step("normalise")
        assert isinstance(step, core.NormaliseStep)
        assert step.default.high == pytest.approx(50 + 100 * plan.samples[run, 0])
    assert plan.n_base is None and plan.n_runs == 5
    result = core.run_plan(plan)
    # Min-max scaling keeps the ranks whatever the upper bound.
    assert (result.ranks.to_numpy() == result.summary["nominal"].to_numpy()).all()


def test_sensitivity_result_needs_a_sobol_plan() -> None:
    framework = tiny_framework()
    pipeline = core.parse_index_pipeline({"steps": []})
    spec = core.SensitivitySpec((core.WeightsNoise(noise=((2, 0.5),)),))
    plan = core.sensitivity_plan(framework, pipeline, spec, n_runs=3, seed=0)
    with pytest.raises(core.InputError) as caught:
        core.sensitivity_result(plan, core.run_plan(plan))
    assert caught.value.code == "invalid_sample"


@pytest.mark.parametrize(
    ("spec", "n_runs", "message"),
    [
        (core.SensitivitySpec((core.WeightsNoise(),)), 1, "too few"),
        (
            core.SensitivitySpec((core.WeightsNoise(),), target="i1"),
            5,
            "not an aggregate",
        ),
        (
            core.SensitivitySpec(
                (core.Assumption("w", "treat.winsorise_max_points", (1, 2)),)
            ),
            5,
            "no 'treat' step",
        ),
        (
            core.SensitivitySpec((core.Assumption("n", "normalise.nonsense", (1, 2)),)),
            5,
            "unknown parameter",
        ),
    ],
)
def test_plans_refuse_impossible_assumptions(
    spec: core.SensitivitySpec, n_runs: int, message: str
) -> None:
    pipeline = core.parse_index_pipeline({"steps": [{"normalise": {}}]})
    with pytest.raises(core.InputError, match=message) as caught:
        core.sensitivity_plan(tiny_framework(), pipeline, spec, n_runs=n_runs, seed=0)
    assert caught.value.code == "invalid_assumptions"


BAD_SPECS: list[tuple[Any, str]] = [
    ([], "needs a list 'assumptions'"),
    ({"assumptions": []}, "is empty"),
    ({"assumptions": ["w"]}, "needs a 'name'"),
    ({"assumptions": [{"name": "a", "colour": 1}]}, "unknown key 'colour'"),
    ({"assumptions": [{"name": "a"}]}, "needs 'weights_noise' or 'step'"),
    ({"assumptions": [{"name": "a", "weights_noise": {}}]}, "maps levels"),
    ({"assumptions": [{"name": "a", "weights_noise": {"two": 0.1}}]}, "not valid"),
    ({"assumptions": [{"name": "a", "weights_noise": {2: -0.1}}]}, "not valid"),
    ({"assumptions": [{"name": "a", "weights_noise": {2: 0.1}, "sets": 0}]}, "sets 0"),
    (
        {"assumptions": [{"name": "a", "step": "impute", "alternatives": [{}]}]},
        "at least 2",
    ),
    (
        {
            "assumptions": [
                {"name": "a", "step": "treat", "parameter": "x", "values": 3}
            ]
        },
        "at least 2",
    ),
    (
        {
            "assumptions": [
                {"name": "a", "step": "treat", "parameter": "x", "range": [2, 1]}
            ]
        },
        "range",
    ),
    (
        {
            "assumptions": [
                {"name": "a", "step": "treat", "parameter": "x", "range": ["a", 1]}
            ]
        },
        "range",
    ),
    (
        {
            "assumptions": [
                {"name": "a", "weights_noise": {2: 0.1}},
                {"name": "a", "weights_noise": {3: 0.1}},
            ]
        },
        "names repeat",
    ),
    (
        {"assumptions": [{"name": "a", "weights_noise": {2: 0.1}}], "bootstrap": 0},
        "bootstrap",
    ),
]


@pytest.mark.parametrize(("mapping", "message"), BAD_SPECS)
def test_it_refuses_bad_assumption_files(mapping: Any, message: str) -> None:
    with pytest.raises(core.InputError) as caught:
        core.parse_sensitivity_spec(mapping)
    assert caught.value.code == "invalid_assumptions"
    assert message in caught.value.message


def test_assumption_values_follow_the_uniform_draw() -> None:
    discrete = core.Assumption("w", "treat.winsorise_max_points", (1, 2, 3))
    assert [discrete.value(u) for u in (0.0, 0.33, 0.34, 0.99, 1.0)] == [1, 1, 2, 3, 3]
    continuous = core.Assumption("s", "treat.skew_threshold", low=1.0, high=3.0)
    assert continuous.value(0.25) == 1.5
