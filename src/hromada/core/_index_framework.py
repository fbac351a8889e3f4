"""The structure of a composite index: iData and iMeta checked as COINr does.

Column conventions follow COINr's ``new_coin`` (statistics.md §3.1): iMeta has
``Level, iCode, iName, Direction, Weight, Parent, Type, Denominator``; iData has
``uCode``, optional ``uName`` and ``Time``, and one column per Indicator, Group,
Denominator or Other code of iMeta.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.core._errors import InputError

TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
_META_REQUIRED = ("Level", "iCode", "Direction", "Weight", "Parent", "Type")
_UNIT_COLUMNS = ("uCode", "uName", "Time")


@dataclass(frozen=True, slots=True)
class IndexFramework:
    """A validated index structure and its unit data.

    Attributes
    ----------
    units : tuple of str
        ``uCode`` of every iData row, in file order.
    indicators : tuple of str
        Level-1 codes in iMeta order.
    levels : tuple of tuple of str
        ``levels[0]`` are the indicators, ``levels[l]`` the aggregates of level
        ``l + 1``, each in iMeta order.
    parent : dict
        Code → parent code (``None`` at the top level).
    weight, direction : dict
        Code → iMeta ``Weight`` (float) and ``Direction`` (+1 or -1).
    denominator : dict
        Indicator code → denominator code, for indicators that have one.
    data : DataFrame
        Indicator values (float64), index ``uCode``, columns ``indicators``.
    unit_meta : DataFrame
        Group, Denominator, Other and ``Time`` columns of iData, index ``uCode``.
    meta : DataFrame
        iMeta as given (extra columns such as goalposts kept).
    """

    units: tuple[str, ...]
    indicators: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    parent: dict[str, str | None]
    weight: dict[str, float]
    direction: dict[str, int]
    denominator: dict[str, str]
    data: pd.DataFrame
    unit_meta: pd.DataFrame
    meta: pd.DataFrame

    @property
    def top(self) -> str:
        """The code of the single top-level aggregate (or indicator)."""
        return self.levels[-1][0]

    def children(self, code: str) -> tuple[str, ...]:
        """Codes whose parent is ``code``, in iMeta order."""
        level = self.level_of(code)
        return tuple(c for c in self.levels[level - 2] if self.parent[c] == code)

    def level_of(self, code: str) -> int:
        """The 1-based level of an indicator or aggregate code."""
        for number, codes in enumerate(self.levels, start=1):
            if code in codes:
                return number
        raise InputError("unknown_code", f"{code!r} is not in the index", column=code)


def index_framework(
    idata: pd.DataFrame, imeta: pd.DataFrame, *, time: float | None = None
) -> IndexFramework:
    """Check iData and iMeta and build the index structure.

    Parameters
    ----------
    idata : DataFrame, one row per unit
        ``uCode`` (str, unique, no spaces), optional ``uName`` and ``Time``
        (numeric), one column per iMeta Indicator, Group, Denominator and Other
        code. Indicator and Denominator cells are numbers or missing (text that
        reads as a number is accepted).
    imeta : DataFrame, one row per code
        ``Level`` (1 = indicator … L), ``iCode``, ``Direction`` (±1),
        ``Weight``, ``Parent``, ``Type`` (Indicator, Aggregate, Group,
        Denominator, Other), optional ``Denominator`` and ``iName``.

    Returns
    -------
    IndexFramework

    Raises
    ------
    InputError
        Naming the column and 1-based row: ``missing_column``, ``unknown_type``,
        ``duplicate_code``, ``duplicate_unit``, ``invalid_unit_code``,
        ``invalid_level``, ``non_contiguous_levels``, ``unknown_parent``,
        ``parent_level``, ``aggregate_without_children``, ``several_tops``,
        ``aggregate_in_data``, ``unknown_column``, ``unknown_denominator``,
        ``invalid_direction``, ``invalid_weight``, ``not_a_number``.
    """
    if time is not None:
        if "Time" not in idata.columns:
            raise InputError(
                "missing_column", "iData has no column 'Time'", column="Time"
            )
        idata = idata[pd.to_numeric(idata["Time"], errors="coerce") == time]
        idata = idata.reset_index(drop=True)
    meta = _checked_meta(imeta)
    levels, parent = _hierarchy(meta)
    units = _unit_codes(idata)
    _check_data_columns(idata, meta)
    indicators = levels[0]
    data = _numeric_block(idata, list(indicators), units)
    others = meta.loc[meta["Type"].isin(["Group", "Denominator", "Other"]), "iCode"]
    unit_meta = idata[[c for c in idata.columns if c in set(others) or c == "Time"]]
    unit_meta = unit_meta.set_axis(pd.Index(units, name="uCode"), axis=0)
    denominators = list(meta.loc[meta["Type"] == "Denominator", "iCode"])
    if denominators:
        unit_meta = unit_meta.assign(**_numeric_block(idata, denominators, units))
    if "Time" in unit_meta:
        unit_meta = unit_meta.assign(
            Time=_numeric_block(idata, ["Time"], units)["Time"]
        )
    scored = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    return IndexFramework(
        units=units,
        indicators=indicators,
        levels=levels,
        parent=parent,
        weight=dict(zip(scored["iCode"], scored["Weight"].astype(float), strict=True)),
        direction=dict(
            zip(scored["iCode"], scored["Direction"].astype(int), strict=True)
        ),
        denominator=_denominators(meta),
        data=data,
        unit_meta=unit_meta,
        meta=meta.reset_index(drop=True),
    )


def _checked_meta(imeta: pd.DataFrame) -> pd.DataFrame:
    for column in _META_REQUIRED:
        if column not in imeta.columns:
            raise InputError(
                "missing_column", f"iMeta has no column {column!r}", column=column
            )
    meta = imeta.copy()
    for row, kind in enumerate(meta["Type"], start=1):
        if kind not in TYPES:
            raise InputError(
                "unknown_type",
                f"Type {kind!r} is not one of {', '.join(TYPES)}",
                column="Type",
                row=row,
            )
    duplicated = meta["iCode"].duplicated()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated.to_numpy())[0]) + 1
        raise InputError(
            "duplicate_code",
            f"iCode {meta['iCode'].iloc[row - 1]!r} appears twice",
            column="iCode",
            row=row,
        )
    scored = meta["Type"].isin(["Indicator", "Aggregate"]).to_numpy()
    _check_numbers(meta, "Level", scored, lambda v: v >= 1 and v == int(v))
    _check_numbers(meta, "Direction", scored, lambda v: v in (1, -1))
    _check_numbers(meta, "Weight", scored, lambda v: v >= 0)
    if "Denominator" not in meta.columns:
        meta["Denominator"] = pd.NA
    return meta


def _check_numbers(
    meta: pd.DataFrame, column: str, rows: np.ndarray, ok: object
) -> None:
    values = pd.to_numeric(meta[column], errors="coerce")
    for row in np.flatnonzero(rows):
        value = values.iloc[row]
        if pd.isna(value) or not ok(float(value)):  # type: ignore[operator]
            code = "invalid_level" if column == "Level" else f"invalid_{column.lower()}"
            raise InputError(
                code,
                f"{column} {meta[column].iloc[row]!r} of {meta['iCode'].iloc[row]!r}"
                " is not valid",
                column=column,
                row=int(row) + 1,
            )
    meta[column] = values


def _hierarchy(
    meta: pd.DataFrame,
) -> tuple[tuple[tuple[str, ...], ...], dict[str, str | None]]:
    scored = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    level = dict(zip(scored["iCode"], scored["Level"].astype(int), strict=True))
    rows = {
        code: int(i) + 1 for i, code in zip(scored.index, scored["iCode"], strict=True)
    }
    for code, kind in zip(scored["iCode"], scored["Type"], strict=True):
        if (kind == "Indicator") != (level[code] == 1):
            raise InputError(
                "invalid_level",
                f"{code!r}: indicators are level 1 and aggregates level 2 or more",
                column="Level",
                row=rows[code],
            )
    depth = max(level.values(), default=0)
    present = set(level.values())
    if depth == 0 or present != set(range(1, depth + 1)):
        raise InputError(
            "non_contiguous_levels",
            f"levels {sorted(present)} are not 1, 2, … without gaps",
            column="Level",
        )
    parent: dict[str, str | None] = {}
    for code, raw in zip(scored["iCode"], scored["Parent"], strict=True):
        parent[code] = _parent_of(code, raw, level, depth, rows[code])
    levels = tuple(
        tuple(c for c in scored["iCode"] if level[c] == n) for n in range(1, depth + 1)
    )
    for code in [c for group in levels[1:] for c in group]:
        if code not in parent.values():
            raise InputError(
                "aggregate_without_children",
                f"aggregate {code!r} has no children",
                column="iCode",
                row=rows[code],
            )
    if len(levels[-1]) > 1:
        raise InputError(
            "several_tops",
            f"the top level has {len(levels[-1])} codes; one index is needed",
            column="Level",
        )
    return levels, parent


def _parent_of(
    code: str, raw: object, level: dict[str, int], depth: int, row: int
) -> str | None:
    if pd.isna(raw) or raw == "":  # type: ignore[call-overload]
        if level[code] == depth:
            return None
        raise InputError(
            "unknown_parent", f"{code!r} has no Parent", column="Parent", row=row
        )
    name = str(raw)
    if name not in level:
        raise InputError(
            "unknown_parent",
            f"Parent {name!r} of {code!r} is not an aggregate in iMeta",
            column="Parent",
            row=row,
        )
    if level[name] != level[code] + 1:
        raise InputError(
            "parent_level",
            f"Parent {name!r} of {code!r} is not one level up",
            column="Parent",
            row=row,
        )
    return name


def _unit_codes(idata: pd.DataFrame) -> tuple[str, ...]:
    if "uCode" not in idata.columns:
        raise InputError(
            "missing_column", "iData has no column 'uCode'", column="uCode"
        )
    codes = []
    for row, value in enumerate(idata["uCode"], start=1):
        text = "" if pd.isna(value) else str(value)
        if text == "" or any(ch.isspace() for ch in text):
            raise InputError(
                "invalid_unit_code",
                f"uCode {value!r} is empty or has spaces",
                column="uCode",
                row=row,
            )
        if text in codes:
            raise InputError(
                "duplicate_unit",
                f"uCode {text!r} appears twice",
                column="uCode",
                row=row,
            )
        codes.append(text)
    return tuple(codes)


def _check_data_columns(idata: pd.DataFrame, meta: pd.DataFrame) -> None:
    kinds = dict(zip(meta["iCode"], meta["Type"], strict=True))
    for column in idata.columns:
        if column in _UNIT_COLUMNS:
            continue
        if column not in kinds:
            raise InputError(
                "unknown_column",
                f"iData column {column!r} is not in iMeta",
                column=str(column),
            )
        if kinds[column] == "Aggregate":
            raise InputError(
                "aggregate_in_data",
                f"{column!r} is an aggregate and cannot be an iData column",
                column=str(column),
            )
    for code, kind in kinds.items():
        if kind != "Aggregate" and code not in idata.columns:
            raise InputError(
                "missing_column", f"iData has no column {code!r}", column=str(code)
            )


def _numeric_block(
    idata: pd.DataFrame, columns: list[str], units: tuple[str, ...]
) -> pd.DataFrame:
    out = {}
    for column in columns:
        raw = idata[column]
        values = pd.to_numeric(raw, errors="coerce")
        bad = values.isna().to_numpy() & ~_blank(raw)
        if bad.any():
            row = int(np.flatnonzero(bad)[0]) + 1
            raise InputError(
                "not_a_number",
                f"{raw.iloc[row - 1]!r} is not a number",
                column=column,
                row=row,
            )
        out[column] = values.to_numpy(dtype=float)
    return pd.DataFrame(out, index=pd.Index(units, name="uCode"), columns=columns)


def _blank(raw: pd.Series) -> np.ndarray:
    text = raw.astype(object).map(lambda v: v if pd.isna(v) else str(v).strip())
    return (text.isna() | (text == "")).to_numpy()


def _denominators(meta: pd.DataFrame) -> dict[str, str]:
    known = set(meta.loc[meta["Type"] == "Denominator", "iCode"])
    out = {}
    for row, (code, kind, den) in enumerate(
        zip(meta["iCode"], meta["Type"], meta["Denominator"], strict=True), start=1
    ):
        if kind != "Indicator" or pd.isna(den) or den == "":
            continue
        if den not in known:
            raise InputError(
                "unknown_denominator",
                f"Denominator {den!r} of {code!r} is not a Denominator in iMeta",
                column="Denominator",
                row=row,
            )
        out[str(code)] = str(den)
    return out
