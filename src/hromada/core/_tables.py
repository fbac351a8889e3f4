"""Bytes of a spreadsheet or CSV file → a header and columns of raw cells.

Sans-IO: the caller reads the file (and checks its size first); this module only
decodes what it is given. XLSX and XLS go through python-calamine; CSV through
pandas' C parser, after an honest look at the encoding and the separator. Nothing
here raises on bad input: every refusal is a ``Problem``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd
import python_calamine

from hromada.core._problems import Problem, where

ObjectArray = npt.NDArray[np.object_]
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
SEPARATORS = (";", ",", "\t")
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_CELL_REF = re.compile(rb'<(?:\w+:)?c [^>]*?r="([A-Z]+)([0-9]+)"')


@dataclass(frozen=True, slots=True)
class Table:
    """A file's first sheet as read, before any meaning is given to it.

    Attributes
    ----------
    header : tuple of str
        The header cells (row 1), stripped; an empty header is ``""``.
    columns : tuple of object ndarray
        One array per header cell, one value per data row: str, float, int,
        bool, datetime, or None for an empty cell.
    rows : ndarray of int
        The spreadsheet row of each data row (the header is row 1; a HXL
        hashtag row under it is skipped, so data may start at row 3).
    format : str
        ``"xlsx"``, ``"xls"`` or ``"csv"``.
    hxl : bool
        Whether a HXL hashtag row was skipped.
    """

    header: tuple[str, ...]
    columns: tuple[ObjectArray, ...]
    rows: npt.NDArray[np.int64]
    format: str
    hxl: bool = False

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class TableRead:
    """A ``Table``, or the problems that kept the file from being read."""

    table: Table | None
    problems: tuple[Problem, ...] = field(default=())


def read_table(
    blob: bytes,
    *,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> TableRead:
    """Read the first sheet of an XLSX/XLS file, or a CSV file, from its bytes.

    Parameters
    ----------
    blob : bytes
        The whole file.
    max_rows : int, optional
        Refuse files with more data rows (``too_many_rows``).
    max_bytes : int, optional
        Refuse larger files before reading them (``too_large``).

    Returns
    -------
    TableRead
        ``table`` or ``problems``: ``too_large``, ``empty``, ``unreadable``
        (a damaged or truncated spreadsheet, binary data), ``encoding`` (a CSV
        file that is not UTF-8; ``expected`` names the encoding it looks like),
        ``ragged_row``, ``formula`` (a cell computed by a formula, or CSV text
        starting with ``=``: exports hold values), ``too_many_rows``,
        ``no_rows`` (a header and nothing else).
    """
    if max_bytes is not None and len(blob) > max_bytes:
        megabytes = max_bytes / 1_000_000
        message = f"the file is larger than {megabytes:g} MB"
        return _refused(Problem("too_large", message, expected=f"{megabytes:g}"))
    if not blob.strip():
        return _refused(Problem("empty", "the file is empty"))
    if blob.startswith((XLSX_MAGIC, XLS_MAGIC)):
        read = _spreadsheet(blob)
    else:
        read = _csv(blob)
    if isinstance(read, Problem):
        return _refused(read)
    return _finish(read, max_rows)


def _refused(problem: Problem) -> TableRead:
    return TableRead(None, (problem,))


def _spreadsheet(blob: bytes) -> tuple[ObjectArray, str] | Problem:
    kind = "xlsx" if blob.startswith(XLSX_MAGIC) else "xls"
    if kind == "xlsx":
        formula = _xlsx_formula(blob)
        if formula is not None:
            return formula
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(blob))
        rows: list[list[object]] = [
            list(row)
            for row in book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        ]
    # The reader is a compiled library with its own error types (zip, XML,
    # password, ...): any failure means the same thing to a person.
    except Exception:  # noqa: BLE001
        return Problem(
            "unreadable",
            "the spreadsheet cannot be read: it is damaged, truncated or "
            "protected; export it again",
        )
    return _grid(rows), kind


def _xlsx_formula(blob: bytes) -> Problem | None:
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            names = [
                name
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            ]
            for name in sorted(names):
                found = _formula_cell(archive.read(name))
                if found is not None:
                    return found
    # A damaged archive is reported by the reader that follows.
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return None
    return None


def _formula_cell(xml: bytes) -> Problem | None:
    match = _FORMULA.search(xml)
    if match is None:
        return None
    cell = _CELL_REF.search(xml, max(0, xml.rfind(b"<c ", 0, match.start())))
    row = int(cell.group(2)) if cell is not None else None
    letters = cell.group(1).decode() if cell is not None else None
    message = (
        f"{where(row, None)}cell {letters or '?'}{row or ''} holds a formula; "
        "an export holds values only: export the file again"
    )
    return Problem("formula", message, row, letters)


def _csv(blob: bytes) -> tuple[ObjectArray, str] | Problem:
    text = _decode(blob)
    if isinstance(text, Problem):
        return text
    separator = _separator(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            quotechar='"',
            skip_blank_lines=True,
            engine="c",
        )
    except pd.errors.ParserError:
        # Some exporters end every data line with a separator; the slow path
        # accepts empty extra cells and names the first row with data past
        # the header.
        return _csv_lenient(text, separator)
    except (pd.errors.EmptyDataError, ValueError, csv.Error, UnicodeError):
        return Problem("unreadable", "the file is not a readable CSV table")
    return frame.to_numpy(dtype=object), "csv"


def _csv_lenient(text: str, separator: str) -> tuple[ObjectArray, str] | Problem:
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=separator, strict=True))
    except csv.Error:
        return Problem("unreadable", "the file is not a readable CSV table")
    rows = [row for row in rows if row]
    width = len(rows[0])
    for number, row in enumerate(rows, start=1):
        if any(cell.strip() for cell in row[width:]):
            message = (
                f"{where(number, None)}the row has {len(row)} cells where the "
                f"header has {width}"
            )
            return Problem("ragged_row", message, number, expected=str(width))
    return _grid([list[object](row[:width]) for row in rows]), "csv"


def _decode(blob: bytes) -> str | Problem:
    if b"\x00" in blob[:4096]:
        wide = blob.startswith((b"\xff\xfe", b"\xfe\xff"))
        if wide:
            return _encoding("UTF-16")
        return Problem("unreadable", "the file is neither a spreadsheet nor text")
    try:
        return blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    guess = blob.decode("cp1251", errors="replace")
    cyrillic = sum("\u0400" <= char <= "\u04ff" for char in guess)
    return _encoding("Windows-1251" if cyrillic else "")


def _encoding(looks_like: str) -> Problem:
    seems = f" (it looks like {looks_like})" if looks_like else ""
    message = (
        f"the file is not in UTF-8{seems}: download the export from KoboToolbox "
        "or ODK Central again, or save it as “CSV UTF-8”"
    )
    return Problem("encoding", message, value=looks_like or None, expected="UTF-8")


def _separator(text: str) -> str:
    """The separator the header uses most, outside quotes (Kobo writes ``;``)."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    outside = re.sub(r'"[^"]*"', "", line)
    counts = [outside.count(separator) for separator in SEPARATORS]
    return SEPARATORS[int(np.argmax(counts))] if max(counts) else ","


def _finish(read: tuple[ObjectArray, str], max_rows: int | None) -> TableRead:
    grid, kind = read
    end = len(grid)
    # Spreadsheets often carry formatted but empty rows below the data.
    while end and not any(_present(cell) for cell in grid[end - 1]):
        end -= 1
    if not end:
        return _refused(Problem("empty", "the file is empty"))
    header = tuple(_header(cell) for cell in grid[0])
    start = 2 if end > 1 and _is_hxl(grid[1]) else 1
    body = grid[start:end]
    if not len(body):
        return _refused(Problem("no_rows", "the file has a header but no rows"))
    if max_rows is not None and len(body) > max_rows:
        message = f"the file has {len(body)} rows; at most {max_rows} are accepted"
        return _refused(
            Problem(
                "too_many_rows", message, value=str(len(body)), expected=str(max_rows)
            )
        )
    numbers = np.arange(start + 1, end + 1, dtype=np.int64)
    columns = tuple(body[:, position] for position in range(body.shape[1]))
    if kind == "csv":
        formula = _csv_formula(header, columns, numbers)
        if formula is not None:
            return _refused(formula)
    return TableRead(Table(header, columns, numbers, kind, start == 2))


def _grid(rows: list[list[object]]) -> ObjectArray:
    width = max((len(row) for row in rows), default=0)
    grid = np.empty((len(rows), width), dtype=object)
    for index, row in enumerate(rows):
        grid[index, : len(row)] = row
    return grid


def _present(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _header(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def _is_hxl(row: Sequence[object]) -> bool:
    """A HXL hashtag row: every filled cell starts with ``#`` (Kobo's option)."""
    filled = [str(cell).strip() for cell in row if _present(cell)]
    return bool(filled) and all(cell.startswith("#") for cell in filled)


def _csv_formula(
    header: Sequence[str],
    columns: Sequence[ObjectArray],
    rows: npt.NDArray[np.int64],
) -> Problem | None:
    for name, values in zip(header, columns, strict=True):
        text = pd.Series(values, dtype=object).astype(str)
        hits = np.flatnonzero(text.str.startswith("=").to_numpy(dtype=bool))
        if len(hits):
            row = int(rows[hits[0]])
            message = (
                f"{where(row, name)}the cell starts with “=”, a spreadsheet "
                "formula; an export holds values only"
            )
            return Problem("formula", message, row, name, str(values[hits[0]])[:60])
    return None


def cell_text(cell: object) -> str | None:
    """A cell as text: numbers without a trailing ``.0``; empty is None."""
    if cell is None or isinstance(cell, bool):
        return None if cell is None else ("1" if cell else "0")
    if isinstance(cell, float):
        if math.isnan(cell):
            return None
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime | dt.date | dt.time):
        return cell.isoformat()
    text = str(cell).strip()
    return text or None


def cell_number(cell: object, key: str) -> float | None:
    """A number cell, or text read as one (a decimal comma is accepted)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        value = float(cell)
    else:
        text = key.replace(",", ".") if "." not in key else key
        try:
            value = float(text)
        except ValueError:
            return None
    return value if math.isfinite(value) else None
