"""The packaged hromada registry: read, validate every row, then write all or nothing.

The file is derived from the KSE hromada dataset by ``scripts/derive_registry.py``
(attribution in ``data/NOTICE``); migration ``0002_load_registry`` loads it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import models

from hromada.core import InputError
from hromada.web.communities.models import name_sort, search_text

COLUMNS = (
    "katotth", "name_uk", "name_en", "type",
    "oblast_katotth", "oblast_name_uk", "oblast_name_en",
    "raion_katotth", "raion_name_uk", "raion_name_en",
    "centre_katotth", "centre_name_uk", "centre_name_en", "latitude", "longitude",
    "population", "area_km2", "occupied_before_2022", "border_distance_km",
)  # fmt: skip
TYPES = frozenset({"urban", "settlement", "rural"})
# Ukraine's extent with a small margin, WGS84.
LATITUDE, LONGITUDE = (44.3, 52.4), (22.1, 40.3)
KATOTTH = re.compile(r"UA\d{17}")
UKRAINIAN_NAME = re.compile(
    r"[А-ЩЬЮЯҐЄІЇа-щьюяґєії’'ʼ]+(?:[ -][А-ЩЬЮЯҐЄІЇа-щьюяґєії’'ʼ]+)*"
)
LATIN_NAME = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")

Parsed = dict[str, Any]


def read_registry(path: Path) -> list[Parsed]:
    """Every row of the registry file, parsed; InputError names the first bad cell."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        _check_header(reader.fieldnames)
        rows = [_parse(row, number) for number, row in enumerate(reader, start=1)]
    _check_unique(rows)
    return rows


def load_registry(community_model: type[models.Model], path: Path) -> int:
    """Validate the whole file first, then insert it: a bad row writes nothing."""
    rows = read_registry(path)
    objects = [
        community_model(
            **row,
            search_text=search_text(row["name_uk"], row["name_en"]),
            name_sort=name_sort(row["name_uk"]),
        )
        for row in rows
    ]
    community_model._default_manager.bulk_create(objects, batch_size=500)
    return len(objects)


def _check_header(fieldnames: Iterable[str] | None) -> None:
    present = list(fieldnames or [])
    for column in COLUMNS:
        if column not in present:
            raise InputError(
                "missing_column",
                f"the column {column!r} is missing",
                column=column,
                row=0,
            )


def _check_unique(rows: list[Parsed]) -> None:
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        first = seen.setdefault(row["katotth"], number)
        if first != number:
            raise InputError(
                "duplicate",
                f"{row['katotth']} already appears in row {first}",
                column="katotth",
                row=number,
            )


def _parse(row: dict[str, str], number: int) -> Parsed:
    parsed = {column: _cell(row, column, number) for column in COLUMNS}
    for column in ("oblast_katotth", "raion_katotth"):
        prefix = 4 if column == "oblast_katotth" else 6
        if parsed[column][:prefix] != parsed["katotth"][:prefix]:
            raise InputError(
                "not_in_parent",
                f"{parsed['katotth']} does not lie in {parsed[column]}",
                column=column,
                row=number,
            )
    return parsed


def _cell(row: dict[str, str], column: str, number: int) -> Any:
    raw = (row.get(column) or "").strip()
    try:
        return _PARSERS[column](raw)
    except ValueError as error:
        raise InputError(
            "invalid_value", str(error), column=column, row=number
        ) from None


def _katotth(raw: str) -> str:
    if not KATOTTH.fullmatch(raw):
        raise ValueError(f"{raw!r} is not a KATOTTH code (UA and 17 digits)")
    return raw


def _pattern(pattern: re.Pattern[str], what: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if not pattern.fullmatch(raw):
            raise ValueError(f"{raw!r} is not {what}")
        return raw

    return parse


def _number(
    low: float, high: float, *, blank: bool = False
) -> Callable[[str], float | None]:
    def parse(raw: str) -> float | None:
        if raw == "" and blank:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a number") from None
        if not low <= value <= high:
            raise ValueError(f"{raw} is outside {low:g}–{high:g}")
        return value

    return parse


def _count(raw: str) -> int:
    if not raw.isdigit():
        raise ValueError(f"{raw!r} is not a whole number")
    return int(raw)


def _flag(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError(f"{raw!r} is not 0 or 1")
    return raw == "1"


def _type(raw: str) -> str:
    if raw not in TYPES:
        raise ValueError(f"{raw!r} is not a known type ({', '.join(sorted(TYPES))})")
    return raw


_uk = _pattern(UKRAINIAN_NAME, "a name in Ukrainian letters")
_en = _pattern(LATIN_NAME, "a name in Latin letters")
_PARSERS: dict[str, Callable[[str], Any]] = {
    "katotth": _katotth,
    "name_uk": _uk,
    "name_en": _en,
    "type": _type,
    "oblast_katotth": _katotth,
    "oblast_name_uk": _uk,
    "oblast_name_en": _en,
    "raion_katotth": _katotth,
    "raion_name_uk": _uk,
    "raion_name_en": _en,
    "centre_katotth": _katotth,
    "centre_name_uk": _uk,
    "centre_name_en": _en,
    "latitude": _number(*LATITUDE),
    "longitude": _number(*LONGITUDE),
    "population": _count,
    "area_km2": _number(0.1, 10_000, blank=True),
    "occupied_before_2022": _flag,
    "border_distance_km": _number(0, 2_000),
}
