"""Survey design declaration and its validation against a data frame (§1.1)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_values import (
    BoolArray,
    Factor,
    FloatArray,
    IntArray,
    cached_factor,
    complete_numeric_column,
    require_columns,
)

LonelyPsu = Literal["fail", "remove", "certainty", "adjust", "average"]
ReplicateType = Literal["jk1", "jkn"]
LONELY_OPTIONS: tuple[str, ...] = ("fail", "remove", "certainty", "adjust", "average")
# R treats 1 - f below this as a census stratum (``onestrat``).
CERTAINTY_TOLERANCE = 1e-7


@dataclass(frozen=True, slots=True)
class SurveyWarning:
    """Something an analyst should know about a result, as data (never printed).

    Attributes
    ----------
    code : str
        Stable snake_case code the web layer translates (``"equal_probability"``,
        ``"lonely_psu"``, ``"no_valid_answers"``, ...).
    message : str
        English text for the command line.
    column : str or None
        The column concerned, when there is one.
    """

    code: str
    message: str
    column: str | None = None


@dataclass(frozen=True, slots=True)
class SurveyDesign:
    """How a survey round was sampled (statistics.md §1.1), by column names.

    Parameters
    ----------
    weights : str or None
        Sampling weights (inverse inclusion probabilities, population-scaled,
        float >= 0; a zero weight keeps the row in the design, as R does).
        Without weights they come from the fpc columns, stage by stage
        (w = N/n x M/m), or are 1 with an ``equal_probability`` warning.
    strata : str or None
        Stratum of each row (any labels). None: one stratum.
    psu : str or None
        Primary sampling unit (stage 1). None: every row is its own PSU.
    ssu : str or None
        Secondary sampling unit (stage 2), nested within its PSU.
    fpc, fpc2 : str or None
        Stage-1 population size N_h (constant within a stratum) and stage-2
        population size M_ha (constant within a PSU), as R ``survey`` takes them;
        when every fpc value is <= 1 they are sampling fractions n/N instead.
    nest : bool
        PSU ids are only unique within strata (R ``nest=TRUE``). Without it a PSU
        id found in two strata is an error.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}
        Variance of a stratum with one PSU (§1.5). Default ``"adjust"``.
    replicates : {"jk1", "jkn"} or None
        Jackknife replicate variance (§1.8) instead of Taylor linearisation.
        JK1 needs an unstratified design, JKn a stratified one.
    mse : bool
        Centre replicate estimates at the full-sample estimate (R ``mse=TRUE``)
        instead of their mean.
    """

    weights: str | None = None
    strata: str | None = None
    psu: str | None = None
    ssu: str | None = None
    fpc: str | None = None
    fpc2: str | None = None
    nest: bool = False
    lonely_psu: LonelyPsu = "adjust"
    replicates: ReplicateType | None = None
    mse: bool = False

    def __post_init__(self) -> None:
        if self.lonely_psu not in LONELY_OPTIONS:
            raise InputError(
                "invalid_option",
                f"lonely_psu must be one of {', '.join(LONELY_OPTIONS)}, "
                f"got {self.lonely_psu!r}",
            )
        if self.replicates not in (None, "jk1", "jkn"):
            raise InputError(
                "invalid_option",
                f"replicates must be jk1 or jkn, got {self.replicates!r}",
            )
        if self.ssu is not None and self.psu is None:
            raise InputError(
                "invalid_option", "a second stage needs a PSU column", column=self.ssu
            )
        if self.fpc2 is not None and self.ssu is None:
            raise InputError(
                "invalid_option",
                "a stage-2 fpc needs a second-stage unit column",
                column=self.fpc2,
            )
        if self.replicates == "jk1" and self.strata is not None:
            raise InputError(
                "invalid_option",
                "JK1 replicates need an unstratified design (use jkn)",
                column=self.strata,
            )
        if self.replicates == "jkn" and self.strata is None:
            raise InputError(
                "invalid_option", "JKn replicates need strata (use jk1 without them)"
            )

    def columns(self) -> list[str]:
        """The columns the design reads, in declaration order."""
        named = (self.weights, self.strata, self.psu, self.ssu, self.fpc, self.fpc2)
        return [column for column in named if column is not None]


@dataclass(frozen=True, slots=True)
class ResolvedDesign:
    """A design checked against one frame, as integer codes and arrays.

    Rows are positions 0..n-1. PSU and SSU codes are global (nested keys).
    """

    declaration: SurveyDesign
    weights: FloatArray  # (n,)
    stratum: IntArray  # (n,) stratum code
    psu: IntArray  # (n,) PSU code
    ssu: IntArray | None  # (n,) SSU code, when a second stage is declared
    psu_stratum: IntArray  # (P,)
    ssu_psu: IntArray | None  # (S,)
    n_h: IntArray  # (H,) PSUs sampled per stratum, full design
    f_h: FloatArray  # (H,) stage-1 sampling fraction, 0 without fpc
    m_a: IntArray  # (P,) SSUs sampled per PSU, full design (1 without ssu)
    f_a: FloatArray  # (P,) stage-2 sampling fraction, 0 without fpc2
    stage2: bool  # the variance has a stage-2 term (ssu and stage-1 fpc)
    stratum_labels: tuple[str, ...]
    warnings: tuple[SurveyWarning, ...]

    @property
    def n_strata(self) -> int:
        return int(self.n_h.size)

    @property
    def n_psu(self) -> int:
        return int(self.psu_stratum.size)

    @property
    def certain_h(self) -> BoolArray:
        """Census strata (f_h = 1): they contribute 0 and are never lonely."""
        return np.asarray(1.0 - self.f_h < CERTAINTY_TOLERANCE)

    @property
    def lonely_h(self) -> BoolArray:
        return np.asarray((self.n_h == 1) & ~self.certain_h)

    @property
    def lonely_a(self) -> BoolArray:
        """PSUs with one sampled SSU at stage 2 that are not a census."""
        if not self.stage2:
            return np.zeros(self.n_psu, dtype=bool)
        return np.asarray((self.m_a == 1) & (1.0 - self.f_a >= CERTAINTY_TOLERANCE))


def resolve_design(
    frame: pd.DataFrame,
    design: SurveyDesign,
    cache: dict[str, Factor] | None = None,
) -> ResolvedDesign:
    """Check ``design`` against ``frame`` and return it as codes and arrays.
    ``cache`` shares column levels with the domains of the same call."""
    cache = {} if cache is None else cache
    require_columns(frame, design.columns())
    n = len(frame)
    stratum, stratum_labels = _codes(frame, design.strata, n, cache)
    psu = _psu_codes(frame, design, stratum, cache)
    psu_first = _first_rows(psu)
    psu_stratum = stratum[psu_first]
    n_h = np.bincount(psu_stratum, minlength=len(stratum_labels)).astype(np.intp)
    ssu, ssu_psu, m_a = _ssu_codes(frame, design, psu, psu_first.size, cache)
    fpc1, fpc2, fractions = _fpc_values(frame, design)
    f_h = np.zeros(n_h.size)
    if fpc1 is not None and design.fpc is not None:
        f_h = _fraction(frame, design.fpc, fpc1, stratum, n_h, "stratum", fractions)
    f_a = np.zeros(m_a.size)
    if fpc2 is not None and design.fpc2 is not None:
        f_a = _fraction(frame, design.fpc2, fpc2, psu, m_a, "PSU", fractions)
    weights, warnings = _weights(frame, design, f_h[stratum], f_a[psu])
    resolved = ResolvedDesign(
        declaration=design,
        weights=weights,
        stratum=stratum,
        psu=psu,
        ssu=ssu,
        psu_stratum=psu_stratum,
        ssu_psu=ssu_psu,
        n_h=n_h,
        f_h=f_h,
        m_a=m_a,
        f_a=f_a,
        stage2=ssu is not None and fpc1 is not None,
        stratum_labels=stratum_labels,
        warnings=tuple(warnings),
    )
    return _check_lonely(resolved)


def _codes(
    frame: pd.DataFrame, column: str | None, n: int, cache: dict[str, Factor]
) -> tuple[IntArray, tuple[str, ...]]:
    if column is None:
        return np.zeros(n, dtype=np.intp), ("",)
    levels = cached_factor(frame, column, cache)
    missing = levels.codes < 0
    if missing.any():
        raise InputError(
            "missing_design_value",
            "the design column has a missing value",
            column=column,
            row=int(np.argmax(missing)) + 1,
        )
    return levels.codes, levels.levels


def _first_rows(codes: IntArray) -> IntArray:
    """Row of each code's first occurrence, indexed by code."""
    _, first = np.unique(codes, return_index=True)
    return first.astype(np.intp)


def _psu_codes(
    frame: pd.DataFrame,
    design: SurveyDesign,
    stratum: IntArray,
    cache: dict[str, Factor],
) -> IntArray:
    n = stratum.size
    if design.psu is None:
        return np.arange(n, dtype=np.intp)
    raw, _ = _codes(frame, design.psu, n, cache)
    if design.nest:
        key = stratum.astype(np.int64) * (int(raw.max()) + 1) + raw
        return pd.factorize(key)[0].astype(np.intp)
    first_stratum = stratum[_first_rows(raw)][raw]
    clash = np.flatnonzero(first_stratum != stratum)
    if clash.size:
        row = int(clash[0])
        raise InputError(
            "psu_in_two_strata",
            f"PSU {frame[design.psu].iloc[row]!r} appears in more than one stratum; "
            "declare nest if PSU ids are only unique within strata",
            column=design.psu,
            row=row + 1,
        )
    return raw


def _ssu_codes(
    frame: pd.DataFrame,
    design: SurveyDesign,
    psu: IntArray,
    n_psu: int,
    cache: dict[str, Factor],
) -> tuple[IntArray | None, IntArray | None, IntArray]:
    if design.ssu is None:
        return None, None, np.ones(n_psu, dtype=np.intp)
    raw, _ = _codes(frame, design.ssu, psu.size, cache)
    key = psu.astype(np.int64) * (int(raw.max()) + 1) + raw
    ssu = pd.factorize(key)[0].astype(np.intp)
    ssu_psu = psu[_first_rows(ssu)]
    m_a = np.bincount(ssu_psu, minlength=n_psu).astype(np.intp)
    return ssu, ssu_psu, m_a


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
    first = values[_first_rows(unit)]
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


def _weights(
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


def _check_lonely(design: ResolvedDesign) -> ResolvedDesign:
    option = design.declaration.lonely_psu
    lonely = np.flatnonzero(design.lonely_h)
    warnings = list(design.warnings)
    column = design.declaration.strata
    if lonely.size:
        names = ", ".join(repr(design.stratum_labels[h]) for h in lonely[:5])
        more = f" and {lonely.size - 5} more" if lonely.size > 5 else ""
        if option == "fail":
            row = int(np.flatnonzero(design.stratum == lonely[0])[0])
            what = f"stratum {names}" if column is not None else "the design"
            raise InputError(
                "lonely_psu",
                f"{what} has only one PSU "
                "(choose lonely_psu remove, certainty, adjust or average)",
                column=column,
                row=row + 1,
            )
        warnings.append(
            SurveyWarning(
                "lonely_psu",
                f"strata with one PSU ({names}{more}) handled by lonely_psu={option}",
                column=column,
            )
        )
    lonely_a = np.flatnonzero(design.lonely_a)
    if lonely_a.size:
        ssu_column = design.declaration.ssu
        if option == "fail":
            row = int(np.flatnonzero(design.psu == lonely_a[0])[0])
            raise InputError(
                "lonely_ssu",
                "a PSU has only one sampled SSU at stage 2 "
                "(choose lonely_psu remove, certainty, adjust or average)",
                column=ssu_column,
                row=row + 1,
            )
        warnings.append(
            SurveyWarning(
                "lonely_ssu",
                f"{lonely_a.size} PSU(s) with one sampled SSU at stage 2 handled "
                f"by lonely_psu={option}",
                column=ssu_column,
            )
        )
    return replace(design, warnings=tuple(warnings))
