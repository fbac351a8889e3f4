"""Survey design declaration and its validation against a data frame (§1.1)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._survey_declaration import (
    CERTAINTY_TOLERANCE,
    SurveyDesign,
    SurveyWarning,
)
from hromada.core._survey_values import (
    BoolArray,
    Factor,
    FloatArray,
    IntArray,
    cached_factor,
    first_rows,
    require_columns,
)
from hromada.core._survey_weights import design_weights, sampling_fractions


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
    psu_first = first_rows(psu)
    psu_stratum = stratum[psu_first]
    n_h = np.bincount(psu_stratum, minlength=len(stratum_labels)).astype(np.intp)
    ssu, ssu_psu, m_a = _ssu_codes(frame, design, psu, psu_first.size, cache)
    f_h, f_a, staged = sampling_fractions(frame, design, stratum, n_h, psu, m_a)
    weights, warnings = design_weights(frame, design, f_h[stratum], f_a[psu])
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
        stage2=ssu is not None and staged,
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
    first_stratum = stratum[first_rows(raw)][raw]
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
    ssu_psu = psu[first_rows(ssu)]
    m_a = np.bincount(ssu_psu, minlength=n_psu).astype(np.intp)
    return ssu, ssu_psu, m_a


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
