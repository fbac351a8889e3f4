"""Official statistics (T1–T10) and expert checklists (E1–E4)."""

from __future__ import annotations

import pytest

from hromada import core
from hromada.frameworks import framework_text
from hromada.xlsx import workbook_bytes

FRAMEWORK = core.parse_framework(framework_text("default"))


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("per_10000", 57, 57 / 24_000 * 10_000),
        ("per_1000", 40, 40 / 24_000 * 1_000),
        ("per_100", 3_000, 12.5),
        ("percent", 6_000, 25.0),
        ("minutes", 14.5, 14.5),
    ],
)
def test_rates_follow_the_unit(unit: str, value: float, expected: float) -> None:
    assert core.statistic_rate(value, 24_000, unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "population", "unit", "code"),
    [
        (1, 100, "per_day", "unknown_value"),
        (-1, 100, "per_100", "not_a_number"),
        (float("nan"), 100, "per_100", "not_a_number"),
        (1, 0, "per_100", "not_positive"),
    ],
)
def test_rate_refusals(value: float, population: int, unit: str, code: str) -> None:
    with pytest.raises(core.InputError) as caught:
        core.statistic_rate(value, population, unit)
    assert caught.value.code == code


def test_a_checklist_scores_ten_for_every_criterion_met() -> None:
    e1 = FRAMEWORK.indicators["E1"]
    codes = [c.code for c in e1.checklist]
    assert core.checklist_score(dict.fromkeys(codes, 2), e1) == 10.0
    assert core.checklist_score(dict.fromkeys(codes, 0), e1) == 0.0
    mixed = dict(zip(codes, [2, 1, 1, 0, 2], strict=True))
    assert core.checklist_score(mixed, e1) == 6.0


@pytest.mark.parametrize(
    ("ratings", "code"),
    [
        ({"joint_plans": 2, "shared_channels": 2}, "missing_value"),
        (
            {"joint_plans": 2, "shared_channels": 2, "joint_exercises": 3},
            "out_of_range",
        ),
        (
            {"joint_plans": 2, "shared_channels": 2, "joint_exercises": True},
            "out_of_range",
        ),
        (
            {"joint_plans": 2, "shared_channels": 2, "joint_exercises": 1, "x": 1},
            "unknown_value",
        ),
    ],
)
def test_checklist_refusals(ratings: dict[str, int], code: str) -> None:
    with pytest.raises(core.InputError) as caught:
        core.checklist_score(ratings, FRAMEWORK.indicators["E4"])
    assert caught.value.code == code
    with pytest.raises(core.InputError):
        core.checklist_score({}, FRAMEWORK.indicators["S1"])


def test_a_statistics_file_reads_in_csv_and_xlsx() -> None:
    text = (
        "Indicator;Period;Value;Source;Note\n"
        "t1;2024;57;Police;\n"
        "T5;2024;11,5;EMS;median\n"
    )
    read = core.read_statistics(text.encode(), FRAMEWORK)
    assert read.frame is not None, read.problems
    assert read.frame.to_dict("records") == [
        {
            "row": 2,
            "indicator": "T1",
            "period": 2024,
            "value": 57.0,
            "source": "Police",
            "note": "",
        },
        {
            "row": 3,
            "indicator": "T5",
            "period": 2024,
            "value": 11.5,
            "source": "EMS",
            "note": "median",
        },
    ]
    import pandas as pd

    sheet = pd.DataFrame(
        {"indicator": ["T6"], "period": [2025], "value": [1200], "source": ["Council"]}
    )
    read = core.read_statistics(workbook_bytes({"s": sheet}), FRAMEWORK)
    assert read.frame is not None
    assert read.frame["value"].tolist() == [1200.0]


def test_a_statistics_file_with_problems_names_every_cell() -> None:
    text = (
        "indicator;period;value;source\n"
        "T1;2024;57;Police\n"
        "T99;24;-3;\n"
        "T1;2024;60;Police\n"
    )
    read = core.read_statistics(text.encode(), FRAMEWORK)
    assert read.frame is None
    assert [(p.code, p.row, p.column) for p in read.problems] == [
        ("unknown_indicator", 3, "indicator"),
        ("bad_period", 3, "period"),
        ("not_a_number", 3, "value"),
        ("missing_value", 3, "source"),
        ("duplicate_row", 4, "indicator"),
    ]
    assert read.total_problems == 5
    missing = core.read_statistics(b"indicator;value\nT1;3\n", FRAMEWORK)
    assert [p.expected for p in missing.problems] == ["period", "source"]
    assert core.read_statistics(b"", FRAMEWORK).problems[0].code == "empty"
