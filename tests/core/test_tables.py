"""Bytes → a table: spreadsheets and CSV as exporters write them, and refusals."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from hromada import core
from hromada.core._tables import cell_number, cell_text
from tests.datasets import DATASETS

SAMPLES = DATASETS / "xlsform-samples"


def sample(name: str) -> bytes:
    return next(SAMPLES.glob(f"*/{name}")).read_bytes()


def refusal(blob: bytes, **limits: int) -> core.Problem:
    read = core.read_table(blob, **limits)
    assert read.table is None
    [problem] = read.problems
    return problem


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name",
    [
        "kobo_export_grouped_translated_xml.csv",
        "kobo_export_grouped_translated_xml.xlsx",
        "kobo_export_grouped_translated_labels.csv",
        "kobo_export_grouped_translated_labels.xlsx",
    ],
)
def test_kobo_exports_read_alike_in_csv_and_xlsx(name: str) -> None:
    table = core.read_table(sample(name)).table
    assert table is not None
    assert len(table) == 3 and list(table.rows) == [2, 3, 4]
    assert table.header[-1] == "_index" and table.header[10] == "_uuid"
    uuids = [cell_text(cell) for cell in table.columns[10]]
    assert uuids[0] == "6d1b903a-6d50-4504-bd7b-76c1a5098ed9"
    assert table.format == name.rsplit(".", 1)[1]
    assert not table.hxl


def test_a_hxl_row_is_skipped_and_rows_keep_their_numbers() -> None:
    for name in (
        "kobo_export_hxl_grouped_repeatable_xml.csv",
        "kobo_export_hxl_grouped_repeatable_labels.xlsx",
    ):
        table = core.read_table(sample(name)).table
        assert table is not None and table.hxl
        assert table.rows[0] == 3
        assert cell_text(table.columns[2][0]) == "montreal"


def test_legacy_exports_with_trailing_separators_and_booleans() -> None:
    csv_table = core.read_table(sample("transportation_export.csv")).table
    assert csv_table is not None and len(csv_table) == 4
    xlsx_table = core.read_table(sample("transportation_export.xlsx")).table
    assert xlsx_table is not None
    assert xlsx_table.columns[1][1] is True
    legacy = core.read_table(sample("tutorial_w_repeats_export.csv")).table
    assert legacy is not None and legacy.header[0] == "name"


def test_separators_quotes_and_a_byte_order_mark() -> None:
    for text in (
        '"a";"b"\n"1";"x; y"\n',
        'a,b\n1,"x; y"\n',
        "\ufeffa\tb\n1\tx; y\n",
    ):
        table = core.read_table(text.encode("utf-8")).table
        assert table is not None
        assert table.header == ("a", "b")
        assert table.columns[1][0] == "x; y"
    single = core.read_table(b"only\nvalue\n").table
    assert single is not None and single.header == ("only",)


def test_spreadsheet_cells_keep_their_types_and_blank_rows_below_are_dropped() -> None:
    blob = xlsx(
        [["q", 7, None], [1.0, "x", None], [2.5, None, None], [None, None, None]]
    )
    table = core.read_table(blob).table
    assert table is not None
    assert table.header == ("q", "7")
    assert len(table) == 2
    assert [cell_text(c) for c in table.columns[0]] == ["1", "2.5"]


@pytest.mark.parametrize(
    ("blob", "code"),
    [
        (b"", "empty"),
        (b" \n \n", "empty"),
        (b"a;b\n", "no_rows"),
        (b"a;b\n;\n", "no_rows"),
        ("назва;b\nІзюм;2\n".encode("cp1251"), "encoding"),
        ("a;b\n1;2\n".encode("utf-16"), "encoding"),
        (b"\x00\x01\x02binary", "unreadable"),
        (b"a;b\n1;2;3\n", "ragged_row"),
        (b"a;b\n1;=SUM(A1)\n", "formula"),
    ],
)
def test_refusals_are_problems_with_codes(blob: bytes, code: str) -> None:
    assert refusal(blob).code == code


def test_an_encoding_problem_names_what_the_file_looks_like() -> None:
    problem = refusal("назва;b\nІзюм;2\n".encode("cp1251"))
    assert (problem.value, problem.expected) == ("Windows-1251", "UTF-8")
    latin = refusal(b"a;b\n\x98\x98;2\n")
    assert latin.value is None
    assert "looks like" not in latin.message


def test_a_ragged_row_is_named() -> None:
    problem = refusal(b"a;b\n1;2\n3;4;5\n")
    assert (problem.row, problem.expected) == (3, "2")


def test_limits_are_checked_before_reading() -> None:
    assert refusal(b"x" * 2_000, max_bytes=1_000).code == "too_large"
    too_many = refusal(b"a\n1\n2\n3\n", max_rows=2)
    assert (too_many.code, too_many.value, too_many.expected) == (
        "too_many_rows",
        "3",
        "2",
    )


def test_damaged_and_formula_spreadsheets_are_refused() -> None:
    good = xlsx([["a", "b"], [1, 2]])
    assert refusal(good[: len(good) // 2]).code == "unreadable"
    assert refusal(b"\xd0\xcf\x11\xe0 not really a workbook").code == "unreadable"
    formula = refusal(xlsx([["a", "b"], [1, "=A2*2"]]))
    assert (formula.code, formula.row, formula.column) == ("formula", 2, "B")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("xl/worksheets/sheet1.xml", "<sheetData><f>1</f></sheetData>")
    odd = refusal(archive.getvalue())
    assert odd.code == "formula" and odd.row is None


def test_cells_as_text_and_numbers() -> None:
    import datetime as dt

    assert cell_text(None) is None and cell_text(float("nan")) is None
    assert cell_text(True) == "1" and cell_text(False) == "0"
    assert cell_text(3.0) == "3" and cell_text(2.5) == "2.5"
    assert cell_text(dt.date(2026, 1, 2)) == "2026-01-02"
    assert cell_text("  x ") == "x" and cell_text("   ") is None
    assert cell_number(4, "4") == 4.0
    assert cell_number("2,5", "2,5") == 2.5
    assert cell_number("1.5", "1.5") == 1.5
    assert cell_number("heavy", "heavy") is None
    assert cell_number(float("inf"), "inf") is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_read_or_yield_problems_never_raise(blob: bytes) -> None:
    read = core.read_table(blob)
    assert (read.table is None) == bool(read.problems)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=8), min_size=1, max_size=4), max_size=6))
def test_any_grid_as_csv_reads_or_yields_problems(rows: list[list[str]]) -> None:
    text = "\n".join(";".join(row) for row in rows)
    read = core.read_table(text.encode("utf-8"))
    assert (read.table is None) == bool(read.problems)
    if read.table is not None:
        assert all(len(column) == len(read.table) for column in read.table.columns)


def test_a_file_of_only_a_byte_order_mark_is_unreadable() -> None:
    assert refusal(b"\xef\xbb\xbf").code == "unreadable"


def test_a_ragged_file_with_broken_quotes_is_unreadable() -> None:
    assert refusal(b'a;b\n1;2;3\n"x"y;2\n').code == "unreadable"
