"""The survey-api fixture and its R golden values, shared by core and CLI tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hromada.core import SurveyDesign
from tests.datasets import DATASETS

DATA = DATASETS / "survey-api"
GOLDEN = Path(__file__).parent / "golden" / "survey_api.json"
TOLERANCE = 1e-6


@cache
def golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text())
    return data


def cases(kind: str) -> list[dict[str, Any]]:
    """Cases with an ``analyses``, ``error`` or ``contrast`` entry."""
    return [case for case in golden()["cases"] if kind in case]


def read_api(name: str, *, typed: bool = False) -> pd.DataFrame:
    """A survey-api file: all text as the CLI reads it, or typed by pandas."""
    path = DATA / f"{name}.csv"
    if typed:
        return pd.read_csv(path, dtype={"cds": str})
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=["", "NA"])


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def case_frame(case: dict[str, Any], *, typed: bool = False) -> pd.DataFrame:
    """The rows and columns a golden case was computed on."""
    frame = read_api(case["data"], typed=typed)
    for name, values in (case["extra"] or {}).items():
        frame[name] = values if typed else [repr(v) for v in values]
    for change in case["set"] or []:
        rows = np.asarray(as_list(change["rows"])) - 1
        value = change["value"] if typed else str(change["value"])
        frame.loc[rows, change["column"]] = value
    if case["keep"] is not None:
        keep = np.asarray(as_list(case["keep"])) - 1
        frame = frame.iloc[keep].reset_index(drop=True)
    return frame


def case_design(case: dict[str, Any]) -> SurveyDesign:
    return SurveyDesign(**case["design"])


def close(ours: float, theirs: float | None) -> bool:
    """Equal within the tolerance; R's null (NA) must be our NaN."""
    if theirs is None:
        return bool(np.isnan(ours))
    return bool(abs(ours - theirs) <= TOLERANCE)
