"""Spreadsheets in and out of memory: the one place that writes .xlsx files.

Tables made by the core (the XLSForm, demo exports) become workbook bytes here,
for the command line to save and the web app to send.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one sheet per table (header row, then the rows)."""
    book = Workbook(write_only=True)
    for name, table in sheets.items():
        sheet = book.create_sheet(title=name)
        sheet.append([str(column) for column in table.columns])
        for row in table.itertuples(index=False, name=None):
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    missing = value is None or value is pd.NA or value is pd.NaT
    return None if missing or (isinstance(value, float) and value != value) else value
