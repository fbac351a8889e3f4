from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import hromada.core as core
from tests.core.index_data import (
    ASEM,
    asem_frames,
    asem_framework,
    tiny_frames,
    tiny_framework,
)

Mutation = Callable[[pd.DataFrame, pd.DataFrame], tuple[pd.DataFrame, pd.DataFrame]]


def test_it_reads_the_asem_structure() -> None:
    framework = asem_framework()
    assert [len(level) for level in framework.levels] == [49, 8, 2, 1]
    assert framework.top == "Index"
    assert framework.children("Conn") == (
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
    )
    assert framework.denominator["Flights"] == "Population"
    assert framework.direction["CostImpEx"] == -1
    assert framework.data.shape == (51, 49)
    assert framework.level_of("P2P") == 2
    assert set(framework.unit_meta.columns) >= {"EurAsia_group", "GDP", "Time"}


def test_level_of_an_unknown_code_is_an_error() -> None:
    with pytest.raises(core.InputError) as caught:
        tiny_framework().level_of("nope")
    assert caught.value.code == "unknown_code"


def _set(frame: pd.DataFrame, row: int, column: str, value: Any) -> pd.DataFrame:
    out = frame.copy().astype({column: object})
    out.loc[row, column] = value
    return out


def _second_top(meta: pd.DataFrame) -> pd.DataFrame:
    extra = meta.iloc[[6]].assign(iCode="Idx2")
    return _set(pd.concat([meta, extra], ignore_index=True), 5, "Parent", "Idx2")


CASES: list[tuple[str, Mutation, str | None, int | None]] = [
    ("missing_column", lambda d, m: (d, m.drop(columns="Type")), "Type", None),
    ("unknown_type", lambda d, m: (d, _set(m, 2, "Type", "Indicater")), "Type", 3),
    ("duplicate_code", lambda d, m: (d, _set(m, 1, "iCode", "i1")), "iCode", 2),
    ("invalid_level", lambda d, m: (d, _set(m, 0, "Level", "one")), "Level", 1),
    ("invalid_level", lambda d, m: (d, _set(m, 4, "Level", 1)), "Level", 5),
    ("invalid_direction", lambda d, m: (d, _set(m, 0, "Direction", 2)), "Direction", 1),
    ("invalid_weight", lambda d, m: (d, _set(m, 0, "Weight", -1)), "Weight", 1),
    (
        "non_contiguous_levels",
        lambda d, m: (d, _set(_set(m, 6, "Level", 4), 4, "Parent", "Idx")),
        "Level",
        None,
    ),
    ("unknown_parent", lambda d, m: (d, _set(m, 0, "Parent", "P9")), "Parent", 1),
    ("unknown_parent", lambda d, m: (d, _set(m, 0, "Parent", None)), "Parent", 1),
    ("parent_level", lambda d, m: (d, _set(m, 0, "Parent", "Idx")), "Parent", 1),
    (
        "aggregate_without_children",
        lambda d, m: (d, _set(_set(m, 2, "Parent", "P1"), 3, "Parent", "P1")),
        "iCode",
        6,
    ),
    (
        "several_tops",
        lambda d, m: (d, _second_top(m)),
        "Level",
        None,
    ),
    ("missing_column", lambda d, m: (d.drop(columns="uCode"), m), "uCode", None),
    ("invalid_unit_code", lambda d, m: (_set(d, 1, "uCode", "B B"), m), "uCode", 2),
    ("invalid_unit_code", lambda d, m: (_set(d, 1, "uCode", None), m), "uCode", 2),
    ("duplicate_unit", lambda d, m: (_set(d, 3, "uCode", "A"), m), "uCode", 4),
    ("unknown_column", lambda d, m: (d.assign(extra=1), m), "extra", None),
    ("aggregate_in_data", lambda d, m: (d.assign(P1=1.0), m), "P1", None),
    ("missing_column", lambda d, m: (d.drop(columns="i3"), m), "i3", None),
    ("not_a_number", lambda d, m: (_set(d, 2, "i4", "n/a"), m), "i4", 3),
    ("not_a_number", lambda d, m: (_set(d, 4, "Pop", "many"), m), "Pop", 5),
    ("not_a_number", lambda d, m: (d.assign(Time=["2024"] * 4 + ["x"]), m), "Time", 5),
    (
        "unknown_denominator",
        lambda d, m: (d, _set(m, 0, "Denominator", "grp")),
        "Denominator",
        1,
    ),
]


@pytest.mark.parametrize(("code", "mutate", "column", "row"), CASES)
def test_it_refuses_bad_structure(
    code: str, mutate: Mutation, column: str | None, row: int | None
) -> None:
    idata, imeta = mutate(*tiny_frames())
    with pytest.raises(core.InputError) as caught:
        core.index_framework(idata, imeta)
    assert (caught.value.code, caught.value.column, caught.value.row) == (
        code,
        column,
        row,
    )


def test_it_accepts_numbers_written_as_text_and_blank_cells() -> None:
    idata, imeta = tiny_frames()
    idata = idata.astype({"i1": object})
    idata.loc[0, "i1"] = " 1.5 "
    idata.loc[1, "i1"] = "  "
    imeta = imeta.drop(columns="Denominator")
    framework = core.index_framework(idata.assign(Time=2024), imeta)
    assert framework.data["i1"].iloc[0] == 1.5
    assert pd.isna(framework.data["i1"].iloc[1])
    assert framework.denominator == {}
    assert framework.unit_meta["Time"].tolist() == [2024.0] * 5


def test_a_panel_is_read_one_time_at_a_time() -> None:
    panel = pd.read_csv(ASEM / "ASEM_iData_p.csv")
    _, imeta = asem_frames()
    with pytest.raises(core.InputError) as caught:
        core.index_framework(panel, imeta)
    assert caught.value.code == "duplicate_unit"
    years = sorted(panel["Time"].unique())
    framework = core.index_framework(panel, imeta, time=years[-1])
    assert len(framework.units) == 51
    assert framework.unit_meta["Time"].eq(years[-1]).all()
    with pytest.raises(core.InputError) as missing:
        core.index_framework(panel.drop(columns="Time"), imeta, time=2018)
    assert (missing.value.code, missing.value.column) == ("missing_column", "Time")
