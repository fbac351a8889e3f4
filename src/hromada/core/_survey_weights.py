"""Sampling fractions from the fpc columns, and weights (§1.1)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_declaration import SurveyDesign, SurveyWarning
from hromada.core._survey_values import (
    FloatArray,
    IntArray,
    complete_numeric_column,
    first_rows,
)


def sampling_fractions(
    frame: pd.DataFrame,
    design: SurveyDesign,
    stratum: IntArray,
    n_h: IntArray,
    psu: IntArray,
    m_a: IntArray,
) -> tuple[FloatArray, FloatArray, bool]:
    """f_h per stratum and f_ha per PSU (0 for a stage without fpc), and whether
    stage 1 has an fpc (without it the stage-2 variance term vanishes)."""
    fpc1, fpc2, fractions = _fpc_values(frame, design)
    f_h = np.zeros(n_h.size)
    if fpc1 is not None and design.fpc is not None:
        f_h = _fraction(frame, design.fpc, fpc1, stratum, n_h, "stratum", fractions)
    f_a = np.zeros(m_a.size)
    if fpc2 is not None and design.fpc2 is not None:
        f_a = _fraction(frame, design.fpc2, fpc2, psu, m_a, "PSU", fractions)
    return f_h, f_a, fpc1 is not None


def _fpc_values(
    frame: pd.DataFrame, design: SurveyDesign
) -> tuple[FloatArray | None, FloatArray | None, bool]:
    """The fpc columns as numbers, and whether they are fractions (decided over
    every fpc value of the design together)."""
    values: list[FloatArray | None] = []
    for column in (design.fpc, design.fpc2):
        if column is None:
            values.append(None)
            continue
        fpc = complete_numeric_column(frame, column, what="the fpc")
        bad = np.flatnonzero(fpc <= 0)
        if bad.size:
            raise InputError(
                "fpc_not_positive",
                "the fpc must be positive",
                column=column,
                row=int(bad[0]) + 1,
            )
        values.append(fpc)
    present = [v for v in values if v is not None]
    fractions = bool(present) and all(bool((v <= 1).all()) for v in present)
    if not fractions:
        for column, given in zip((design.fpc, design.fpc2), values, strict=True):
            if given is not None and (given < 1).any():
                raise InputError(
                    "fpc_mixed",
                    "the fpc mixes population sizes (> 1) and fractions (< 1)",
                    column=column,
                    row=int(np.argmax(given < 1)) + 1,
                )
    return values[0], values[1], fractions


def _constant_within(
    frame: pd.DataFrame, column: str, values: FloatArray, unit: IntArray, what: str
) -> FloatArray:
    first = values[first_rows(unit)]
    bad = np.flatnonzero(values != first[unit])
    if bad.size:
        raise InputError(
            "fpc_not_constant",
            f"the fpc differs within one {what}",
            column=column,
            row=int(bad[0]) + 1,
        )
    return first


def _fraction(
    frame: pd.DataFrame,
    column: str,
    fpc: FloatArray,
    unit: IntArray,
    sampled: IntArray,
    what: str,
    fractions: bool,
) -> FloatArray:
    per_unit = _constant_within(frame, column, fpc, unit, what)
    if fractions:
        return per_unit
    short = np.flatnonzero(per_unit < sampled)
    if short.size:
        row = int(np.flatnonzero(unit == short[0])[0])
        raise InputError(
            "fpc_below_sample",
            f"the population size {per_unit[short[0]]:g} is smaller than the "
            f"{sampled[short[0]]} units sampled in this {what}",
            column=column,
            row=row + 1,
        )
    return np.asarray(sampled / per_unit, dtype=np.float64)


def design_weights(
    frame: pd.DataFrame, design: SurveyDesign, f1: FloatArray, f2: FloatArray
) -> tuple[FloatArray, list[SurveyWarning]]:
    if design.weights is not None:
        weights = complete_numeric_column(frame, design.weights, what="a weight")
        negative = np.flatnonzero(weights < 0)
        if negative.size:
            raise InputError(
                "negative_weight",
                "a weight must not be negative",
                column=design.weights,
                row=int(negative[0]) + 1,
            )
        return weights, []
    # A stage without fpc has fraction 0 here and contributes the factor 1.
    stage1 = np.where(f1 > 0, 1.0 / np.where(f1 > 0, f1, 1.0), 1.0)
    stage2 = np.where(f2 > 0, 1.0 / np.where(f2 > 0, f2, 1.0), 1.0)
    if design.fpc is None and design.fpc2 is None:
        warning = SurveyWarning(
            "equal_probability",
            "no weights or fpc given: assuming equal probability (w = 1)",
        )
        return np.ones(f1.size), [warning]
    return np.asarray(stage1 * stage2, dtype=np.float64), []
