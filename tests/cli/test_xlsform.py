"""``hromada xlsform``: the survey as an XLSForm file that pyxform converts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from hromada.cli import main
from hromada.frameworks import framework_text

HROMADA = Path(sys.executable).with_name("hromada")


def test_the_default_form_converts_with_pyxform(tmp_path: Path) -> None:
    out = tmp_path / "survey.xlsx"
    result = subprocess.run(
        [str(HROMADA), "xlsform", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "version hromada-default-2026.1" in result.stdout
    warnings: list[str] = []
    xform = convert(str(out), warnings=warnings).xform
    assert warnings == []
    assert 'version="hromada-default-2026.1"' in xform
    assert 'id="hromada_default"' in xform
    assert "count-selected(.) &lt;= 3" in xform
    for code in ("S1a", "C8c", "D7", "R1", "O1", "PSU", "framework_version"):
        assert f"<{code}" in xform


def test_languages_and_settlements_shape_the_sheets(tmp_path: Path) -> None:
    places = tmp_path / "settlements.txt"
    places.write_text("Лиман | Lyman\nЗарічне\n", encoding="utf-8")
    out = tmp_path / "survey.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "xlsform",
            "--languages",
            "en",
            "--settlements",
            str(places),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    header = [cell.value for cell in book["survey"][1]]
    assert "label::English (en)" in header
    assert "label::Українська (uk)" not in header
    choices = [row for row in book["choices"].iter_rows(values_only=True)]
    assert [row[1:] for row in choices if row[0] == "D6"] == [
        ("s01", "Lyman"),
        ("s02", "Зарічне"),
        ("other", "Another settlement of the hromada"),
    ]
    settings = list(book["settings"].iter_rows(values_only=True))
    assert settings[1][3] == "English (en)"
    convert(str(out))


def test_a_broken_framework_file_exits_2_naming_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "framework.yaml"
    broken.write_text(
        framework_text("default").replace("min_items: 3", "min_items: 4"),
        encoding="utf-8",
    )
    out = tmp_path / "survey.xlsx"
    result = CliRunner().invoke(
        main, ["xlsform", "--framework", str(broken), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}: line ")
    assert "at least 4 items" in result.stderr
    assert "more problems" in result.stderr
    assert not out.exists()


def test_an_unknown_language_or_missing_file_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "survey.xlsx"
    result = CliRunner().invoke(
        main, ["xlsform", "--languages", "de", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "'de' is not a form language" in result.stderr
    result = CliRunner().invoke(
        main, ["xlsform", "--framework", str(tmp_path / "none.yaml"), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "cannot read the framework" in result.stderr
    bad = tmp_path / "places.txt"
    bad.write_bytes("Лиман".encode("cp1251"))
    result = CliRunner().invoke(
        main, ["xlsform", "--settlements", str(bad), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "not UTF-8" in result.stderr
    assert not out.exists()
