"""Composite indices on ASEM (statistics.md §3.3) and small hand-worked indices."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import hromada.core as core
from tests.core.index_data import (
    ARITHMETIC,
    asem_frames,
    asem_framework,
    asem_result,
    cell,
    tiny_frames,
    tiny_framework,
)

PUBLISHED = json.loads(
    (Path(__file__).parent / "fixtures" / "coinr_asem_published.json").read_text()
)


def test_asem_matches_the_published_results_table() -> None:
    table = asem_result().results_table().set_index("uCode")
    half_unit = 0.5 * 10 ** -PUBLISHED["rounding"] + 1e-9
    for row in PUBLISHED["rows"]:
        unit = row["uCode"]
        assert cell(table, unit, "Rank") == row["Rank"]
        for code, value in row.items():
            if code not in ("uCode", "Rank"):
                assert abs(cell(table, unit, code) - value) <= half_unit, (
                    unit,
                    code,
                )


def test_asem_results_table_has_every_aggregate_and_rank() -> None:
    table = asem_result().results_table()
    assert list(table.columns[:4]) == ["uCode", "Index", "Conn", "Sust"]
    assert table.columns[-1] == "Rank"
    assert len(table.columns) == 1 + 11 + 1
    assert table["Rank"].tolist() == list(range(1, 52))
    assert table["uCode"].iloc[-1] == "RUS"


def test_asem_data_sets_follow_each_other() -> None:
    result = asem_result()
    assert list(result.datasets) == [
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        "Aggregated",
    ]
    sums = {c.name: c for c in result.checksums}
    assert (
        sums["Raw"].missing,
        sums["Denominated"].missing,
        sums["Imputed"].missing,
    ) == (
        63,
        65,
        0,
    )
    for name, frame in result.datasets.items():
        values = frame.to_numpy(dtype=float)
        assert sums[name].total == pytest.approx(np.nansum(values))
    normalised = result.datasets["Normalised"]
    assert normalised.min().min() == 0 and normalised.max().max() == 100
    assert [entry.step for entry in result.log] == [
        "denominate",
        "impute",
        "screen",
        "treat",
        "normalise",
        "aggregate",
    ]


def test_a_unit_by_hand_through_every_step() -> None:
    framework, result = asem_framework(), asem_result()
    idata, _ = asem_frames()
    raw = idata.set_index("uCode")
    # Denominate: Flights per 1,000 people.
    flights = raw["Flights"] / raw["Population"]
    assert result.datasets["Denominated"]["Flights"].equals(flights.rename("Flights"))
    # Impute: ITA's Poverty = mean over the observed European units.
    europe = raw["EurAsia_group"] == "Europe"
    observed = raw.loc[europe, "Poverty"].dropna()
    assert cell(result.datasets["Imputed"], "ITA", "Poverty") == pytest.approx(
        observed.mean()
    )
    # Treat: MLT, the largest, takes the second largest value.
    assert (
        cell(result.datasets["Treated"], "MLT", "Flights") == flights.drop("MLT").max()
    )
    # Normalise: min-max of the treated column to [0, 100].
    treated = result.datasets["Treated"]["Flights"]
    che = (treated["CHE"] - treated.min()) / (treated.max() - treated.min()) * 100
    normalised = result.datasets["Normalised"]
    assert cell(normalised, "CHE", "Flights") == pytest.approx(che, abs=1e-12)
    # Direction −1: the lowest tariff scores 100.
    tariff = result.datasets["Treated"]["Tariff"]
    assert cell(normalised, str(tariff.idxmin()), "Tariff") == 100
    # Aggregate: equal weights, level by level.
    scores = result.datasets["Aggregated"]
    physical = normalised.loc["CHE", list(framework.children("Physical"))].mean()
    assert cell(scores, "CHE", "Physical") == pytest.approx(physical, abs=1e-12)
    conn = scores.loc["CHE", list(framework.children("Conn"))].mean()
    assert cell(scores, "CHE", "Conn") == pytest.approx(conn, abs=1e-12)
    assert cell(scores, "CHE", "Index") == pytest.approx(
        (cell(scores, "CHE", "Conn") + cell(scores, "CHE", "Sust")) / 2,
        abs=1e-12,
    )


def test_asem_geometric_variant() -> None:
    framework = asem_framework()
    result = asem_result("geometric")
    normalised = result.datasets["Normalised"]
    assert normalised.min().min() == 1 and normalised.max().max() == 100
    assert result.datasets["Treated"].equals(asem_result().datasets["Treated"])
    scores = result.datasets["Aggregated"]
    for unit in ("CHE", "RUS", "IND"):
        children = normalised.loc[unit, list(framework.children("P2P"))]
        assert cell(scores, unit, "P2P") == pytest.approx(
            np.exp(np.log(children).mean()), abs=1e-10
        )
        pillars = scores.loc[unit, ["Conn", "Sust"]]
        assert cell(scores, unit, "Index") == pytest.approx(
            np.sqrt(float(pillars.to_numpy().prod())), abs=1e-10
        )
    # The geometric mean is never above the arithmetic one.
    arithmetic = asem_result().datasets["Aggregated"]
    assert (scores["P2P"] <= arithmetic["P2P"] * (1 + 1e-12) + 1 - 1e-12).all()
    assert result.ranks.loc["CHE"] == 1


def test_regenerating_from_the_log_reproduces_and_changes_one_assumption() -> None:
    result = asem_result()
    again = core.regenerate_index(result)
    assert again.checksums == result.checksums
    with pytest.raises(TypeError):
        result.log[0].parameters["x"] = 1  # type: ignore[index]
    assert core.pipeline_from_log(result.log) == result.pipeline
    fewer = core.regenerate_index(result, {"treat.winsorise_max_points": 1})
    assert fewer.checksums[:4] == result.checksums[:4]
    assert fewer.checksums[4] != result.checksums[4]
    assert max(r.n_winsorised for r in fewer.treatment) >= 1
    step = fewer.pipeline.step("treat")
    assert isinstance(step, core.TreatStep) and step.winsorise_max_points == 1
    geometric = core.regenerate_index(
        result,
        {
            "normalise": {"method": "minmax", "low": 1, "high": 100},
            "aggregate.method": "geometric",
        },
    )
    assert geometric.checksums == asem_result("geometric").checksums


def test_regenerating_a_missing_step_by_parameter_is_an_error() -> None:
    result = core.build_index(
        tiny_framework(), core.parse_index_pipeline({"steps": []})
    )
    with pytest.raises(core.InputError) as caught:
        core.regenerate_index(result, {"treat.fallback": "none"})
    assert caught.value.code == "unknown_step"
    added = core.regenerate_index(result, {"impute": {"method": "mean"}})
    assert added.datasets["Imputed"].notna().all().all()


def _tiny(steps: list[dict[str, object]]) -> core.IndexResult:
    return core.build_index(
        tiny_framework(), core.parse_index_pipeline({"steps": steps})
    )


def test_tiny_index_worked_by_hand() -> None:
    result = _tiny(
        [{"denominate": {}}, {"impute": {"method": "mean"}}, {"normalise": {}}]
    )
    # i2/Pop: 1, —, 3, 0.5, 1; the missing B gets the mean 1.375.
    assert result.datasets["Denominated"]["i2"].tolist()[2:] == [3.0, 0.5, 1.0]
    assert cell(result.datasets["Imputed"], "B", "i2") == pytest.approx(1.375)
    n = result.datasets["Normalised"]
    assert n["i1"].tolist() == [0, 25, 50, 75, 100]
    assert n["i3"].tolist() == [0, 25, 50, 75, 100]  # direction −1
    # i4: 2, 4, 6, 8, 20 → 0, 100/9, …, 100; P2 = (i3 + 2 i4)/3.
    p2 = (n["i3"] + 2 * n["i4"]) / 3
    scores = result.datasets["Aggregated"]
    assert scores["P2"].tolist() == pytest.approx(p2.tolist())
    assert scores["Idx"].tolist() == pytest.approx(((scores["P1"] + p2) / 2).tolist())
    assert result.pipeline.step("aggregate") == core.AggregateStep()


def test_weights_are_renormalised_over_missing_children() -> None:
    result = _tiny([{"normalise": {}}])
    n = result.datasets["Normalised"]
    assert np.isnan(cell(n, "B", "i2"))
    assert cell(result.datasets["Aggregated"], "B", "P1") == cell(n, "B", "i1")


def test_impute_by_group_and_median() -> None:
    by_group = _tiny([{"impute": {"method": "mean_by_group", "group": "grp"}}])
    assert cell(by_group.datasets["Imputed"], "B", "i2") == 10.0  # only A observed in x
    median = _tiny([{"impute": {"method": "median"}}])
    assert cell(median.datasets["Imputed"], "B", "i2") == 25.0
    none = _tiny([{"impute": {"method": "none"}}])
    assert np.isnan(cell(none.datasets["Imputed"], "B", "i2"))


def test_a_missing_group_value_stays_missing() -> None:
    idata, imeta = tiny_frames()
    idata.loc[1, "grp"] = None
    framework = core.index_framework(idata, imeta)
    pipeline = core.parse_index_pipeline(
        {"steps": [{"impute": {"method": "median_by_group", "group": "grp"}}]}
    )
    assert np.isnan(
        cell(core.build_index(framework, pipeline).datasets["Imputed"], "B", "i2")
    )


def test_screen_rules_and_forced_units() -> None:
    screened = _tiny([{"screen": {"min_availability": 1.0}}])
    assert list(screened.datasets["Screened"].index) == ["A", "C", "D", "E"]
    assert screened.log[0].notes == ("screened out B",)
    forced = _tiny(
        [{"screen": {"min_availability": 1.0, "include": ["B"], "exclude": ["E"]}}]
    )
    assert list(forced.datasets["Screened"].index) == ["A", "B", "C", "D"]
    assert core.regenerate_index(forced).checksums == forced.checksums
    assert forced.ranks.index.tolist() == ["A", "B", "C", "D"]
    idata, imeta = tiny_frames()
    idata.loc[0, ["i1", "i2"]] = 0.0
    framework = core.index_framework(idata, imeta)
    zeros = core.build_index(
        framework,
        core.parse_index_pipeline(
            {"steps": [{"screen": {"rule": "zeros", "min_nonzero": 0.6}}]}
        ),
    )
    assert "A" not in zeros.datasets["Screened"].index
    both = core.build_index(
        framework,
        core.parse_index_pipeline(
            {
                "steps": [
                    {
                        "screen": {
                            "rule": "na_and_zeros",
                            "min_nonzero": 0.6,
                            "min_availability": 1,
                        }
                    }
                ]
            }
        ),
    )
    assert list(both.datasets["Screened"].index) == ["C", "D", "E"]


@pytest.mark.parametrize(
    ("steps", "code", "column", "row"),
    [
        ([{"screen": {"exclude": ["Z"]}}], "unknown_unit", "uCode", None),
        (
            [{"screen": {"min_availability": 1, "exclude": ["A", "C", "D", "E"]}}],
            "no_units",
            None,
            None,
        ),
        (
            [{"impute": {"method": "mean_by_group", "group": "Pop"}}],
            "unknown_group",
            "Pop",
            None,
        ),
        ([{"normalise": {"method": "goalposts"}}], "missing_goalposts", "i1", None),
        ([{"treat": {}}], "too_few_values", "i2", None),
        ([{"aggregate": {"weights": {"zz": 1}}}], "unknown_code", None, None),
        (
            [
                {"normalise": {"method": "zscore"}},
                {"aggregate": {"method": "geometric"}},
            ],
            "not_positive",
            "i1",
            1,
        ),
    ],
)
def test_build_errors_name_the_column_and_row(
    steps: list[dict[str, object]], code: str, column: str | None, row: int | None
) -> None:
    framework = tiny_framework()
    if code == "too_few_values":
        idata, imeta = tiny_frames()
        idata.loc[[0, 2], "i2"] = None
        framework = core.index_framework(idata, imeta)
    with pytest.raises(core.InputError) as caught:
        core.build_index(framework, core.parse_index_pipeline({"steps": steps}))
    assert (caught.value.code, caught.value.column, caught.value.row) == (
        code,
        column,
        row,
    )


def test_a_zero_denominator_is_refused() -> None:
    idata, imeta = tiny_frames()
    idata.loc[3, "Pop"] = 0
    with pytest.raises(core.InputError) as caught:
        core.build_index(
            core.index_framework(idata, imeta),
            core.parse_index_pipeline({"steps": [{"denominate": {}}]}),
        )
    assert (caught.value.code, caught.value.column, caught.value.row) == (
        "zero_denominator",
        "Pop",
        4,
    )


def test_geometric_mean_over_a_negative_aggregate_names_it() -> None:
    idata, imeta = tiny_frames()
    pipeline = core.parse_index_pipeline(
        {
            "steps": [
                {"normalise": {"method": "minmax", "low": 1, "high": 2}},
                {
                    "aggregate": {
                        "method": {2: "arithmetic", 3: "geometric"},
                        "weights": {"i1": 1},
                    }
                },
            ]
        }
    )
    ok = core.build_index(core.index_framework(idata, imeta), pipeline)
    assert ok.datasets["Aggregated"]["Idx"].gt(0).all()
    zscore = core.parse_index_pipeline(
        {
            "steps": [
                {"normalise": {"method": "zscore"}},
                {"aggregate": {"method": {2: "arithmetic", 3: "geometric"}}},
            ]
        }
    )
    with pytest.raises(core.InputError) as caught:
        core.build_index(core.index_framework(idata, imeta), zscore)
    assert caught.value.column in ("P1", "P2")
    assert "≤ 0 for unit" in caught.value.message


def test_untreatable_and_flat_indicators_warn_and_are_logged() -> None:
    idata, imeta = tiny_frames()
    idata["i3"] = 7.0
    framework = core.index_framework(idata, imeta)
    pipeline = core.parse_index_pipeline(
        {"steps": [{"impute": {"method": "mean"}}, {"treat": {}}, {"normalise": {}}]}
    )
    with pytest.warns(core.IndexWarning) as caught:
        result = core.build_index(framework, pipeline)
    messages = [str(w.message) for w in caught]
    assert any("i3 is constant" in m for m in messages)
    assert any("i3 has no spread" in m for m in messages)
    assert result.warnings == tuple(messages)
    assert result.datasets["Treated"]["i3"].eq(7).all()
    assert result.datasets["Normalised"]["i3"].isna().all()
    assert "i3: untreatable" in result.log[1].notes


def test_goalposts_come_from_imeta_columns() -> None:
    idata, imeta = tiny_frames()
    imeta["GoalLow"] = [0, 0, 0, 0] + [None] * 5
    imeta["GoalHigh"] = [10, 100, 10, 10] + [None] * 5
    framework = core.index_framework(idata, imeta)
    pipeline = core.parse_index_pipeline(
        {
            "steps": [
                {
                    "normalise": {
                        "method": "goalposts",
                        "indicators": {
                            "i2": {
                                "method": "goalposts",
                                "goal_low": 0,
                                "goal_high": 50,
                                "scale": 1,
                            }
                        },
                    }
                }
            ]
        }
    )
    n = core.build_index(framework, pipeline).datasets["Normalised"]
    assert n["i1"].tolist() == [1, 2, 3, 4, 5]
    assert n["i2"].tolist()[:1] == [0.2]
    assert n["i3"].tolist() == [5, 6, 7, 8, 9]  # direction −1: (10 − x)/10 × 10
    assert n["i4"].tolist() == [2, 4, 6, 8, 10]  # 20 clipped to 10


def test_rank_scores_ties_at_the_minimum_and_keep_missing() -> None:
    ranks = core.rank_scores(pd.Series([5.0, 7.0, 7.0, np.nan, 1.0]))
    assert ranks.tolist() == [3, 1, 1, pd.NA, 4]


def test_arithmetic_pipeline_mapping_is_the_interfaces_example() -> None:
    assert asem_result().pipeline == core.parse_index_pipeline(ARITHMETIC)


def test_an_availability_threshold_leaves_thin_aggregates_missing() -> None:
    result = _tiny([{"normalise": {}}, {"aggregate": {"min_availability": {2: 0.75}}}])
    scores = result.datasets["Aggregated"]
    assert (
        np.isnan(cell(scores, "B", "P1"))
        and scores[["P1", "P2"]].drop("B").notna().all().all()
    )
    # Level 3 has no threshold: B's index is its P2 alone.
    assert cell(scores, "B", "Idx") == cell(scores, "B", "P2")
    assert result.ranks.loc["B"] is not pd.NA


def test_an_index_without_denominators() -> None:
    idata, imeta = tiny_frames()
    framework = core.index_framework(
        idata.drop(columns="Pop"),
        imeta[imeta["iCode"] != "Pop"].drop(columns="Denominator"),
    )
    assert list(framework.unit_meta.columns) == ["grp"]
    result = core.build_index(
        framework, core.parse_index_pipeline({"steps": [{"denominate": {}}]})
    )
    assert result.datasets["Denominated"].equals(framework.data)
