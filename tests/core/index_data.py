"""Shared inputs for the composite-index tests: the ASEM files and a tiny index."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

import hromada.core as core
from tests.datasets import DATASETS

ASEM = DATASETS / "coinr-asem"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

ARITHMETIC = {
    "steps": [
        {"denominate": {}},
        {"impute": {"method": "mean_by_group", "group": "EurAsia_group"}},
        {"screen": {"min_availability": 0.9, "by": "unit"}},
        {"treat": {}},
        {"normalise": {"method": "minmax", "low": 0, "high": 100}},
        {"aggregate": {"method": "arithmetic"}},
    ]
}


def geometric() -> dict[str, object]:
    steps = list(ARITHMETIC["steps"][:4])
    steps.append({"normalise": {"method": "minmax", "low": 1, "high": 100}})
    steps.append({"aggregate": {"method": "geometric"}})
    return {"steps": steps}


@cache
def asem_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_csv(ASEM / "ASEM_iData.csv"), pd.read_csv(ASEM / "ASEM_iMeta.csv")


@cache
def asem_framework() -> core.IndexFramework:
    return core.index_framework(*asem_frames())


@cache
def asem_result(kind: str = "arithmetic") -> core.IndexResult:
    mapping = ARITHMETIC if kind == "arithmetic" else geometric()
    return core.build_index(asem_framework(), core.parse_index_pipeline(mapping))


def tiny_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five units, four indicators → two pillars → one index."""
    idata = pd.DataFrame(
        {
            "uCode": ["A", "B", "C", "D", "E"],
            "uName": ["a", "b", "c", "d", "e"],
            "grp": ["x", "x", "y", "y", "y"],
            "Pop": [10.0, 20.0, 10.0, 40.0, 50.0],
            "i1": [1.0, 2.0, 3.0, 4.0, 5.0],
            "i2": [10.0, None, 30.0, 20.0, 50.0],
            "i3": [5.0, 4.0, 3.0, 2.0, 1.0],
            "i4": [2.0, 4.0, 6.0, 8.0, 20.0],
        }
    )
    imeta = pd.DataFrame(
        {
            "Level": [1, 1, 1, 1, 2, 2, 3, None, None],
            "iCode": ["i1", "i2", "i3", "i4", "P1", "P2", "Idx", "grp", "Pop"],
            "iName": ["1", "2", "3", "4", "p1", "p2", "idx", "g", "pop"],
            "Direction": [1, 1, -1, 1, 1, 1, 1, None, None],
            "Weight": [1, 1, 1, 2, 1, 1, 1, None, None],
            "Parent": ["P1", "P1", "P2", "P2", "Idx", "Idx", None, None, None],
            "Type": ["Indicator"] * 4 + ["Aggregate"] * 3 + ["Group", "Denominator"],
            "Denominator": [None, "Pop", None, None, None, None, None, None, None],
        }
    )
    return idata, imeta


def tiny_framework() -> core.IndexFramework:
    return core.index_framework(*tiny_frames())


def cell(frame: pd.DataFrame, row: str, column: str) -> float:
    """One numeric cell, typed as a float."""
    value: Any = frame.at[row, column]
    return float(value)
