"""``hromada index build`` and ``hromada index uncertainty`` on the ASEM examples."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from hromada.cli import main
from hromada.commands import index as index_commands
from tests.datasets import DATASETS

ASEM = DATASETS / "coinr-asem"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
DATA = str(ASEM / "ASEM_iData.csv")
META = str(ASEM / "ASEM_iMeta.csv")
ARITHMETIC = str(EXAMPLES / "asem-arithmetic.yaml")
GEOMETRIC = str(EXAMPLES / "asem-geometric.yaml")
ASSUMPTIONS = str(EXAMPLES / "asem-assumptions.yaml")


def _build(
    out: Path, pipeline: str = ARITHMETIC, data: str = DATA, meta: str = META
) -> Result:
    args = ["index", "build", "--data", data, "--meta", meta, "--pipeline", pipeline]
    return CliRunner().invoke(main, [*args, "--out", str(out)])


def test_build_writes_the_results_table(tmp_path: Path) -> None:
    result = _build(tmp_path / "results.csv")
    assert result.exit_code == 0, result.output
    assert result.output == ""
    table = pd.read_csv(tmp_path / "results.csv")
    assert list(table.columns) == [
        "uCode",
        "Index",
        "Conn",
        "Sust",
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
        "Environ",
        "Social",
        "SusEcFin",
        "Rank",
    ]
    assert table.loc[0, "uCode"] == "CHE" and table.loc[0, "Rank"] == 1
    assert round(table["Index"].iloc[0], 2) == 68.38  # COINr "results" vignette
    assert table["Rank"].tolist() == list(range(1, 52))


def test_build_the_geometric_variant(tmp_path: Path) -> None:
    result = _build(tmp_path / "geo.csv", GEOMETRIC)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "geo.csv")
    assert table["Index"].between(1, 100).all()
    arithmetic = _build(tmp_path / "ari.csv")
    assert arithmetic.exit_code == 0
    other = pd.read_csv(tmp_path / "ari.csv").set_index("uCode")
    merged = table.merge(other.reset_index(), on="uCode", suffixes=("", "_a"))
    assert (merged["Index"] <= merged["Index_a"] + 1e-9).all()


def _uncertainty(out: Path, *extra: str, assumptions: str = ASSUMPTIONS) -> Result:
    args = [
        "index",
        "uncertainty",
        "--data",
        DATA,
        "--meta",
        META,
        "--pipeline",
        ARITHMETIC,
        "--assumptions",
        assumptions,
        "--draws",
        "20",
        "--seed",
        "7",
        "--out",
        str(out),
    ]
    return CliRunner().invoke(main, [*args, *extra])


def test_uncertainty_writes_rank_statistics(tmp_path: Path) -> None:
    result = _uncertainty(tmp_path / "ranks.csv")
    assert result.exit_code == 0, result.output
    assert result.output == ""  # no progress bar when not on a terminal
    ranks = pd.read_csv(tmp_path / "ranks.csv")
    assert list(ranks.columns) == ["uCode", "nominal", "mean", "median", "q05", "q95"]
    assert len(ranks) == 51
    assert ranks.set_index("uCode").loc["CHE", "nominal"] == 1
    assert not (tmp_path / "ranks_sobol.csv").exists()
    again = _uncertainty(tmp_path / "again.csv")
    assert again.exit_code == 0
    assert (tmp_path / "again.csv").read_text() == (tmp_path / "ranks.csv").read_text()


def test_uncertainty_with_sobol_writes_a_second_file(tmp_path: Path) -> None:
    result = _uncertainty(tmp_path / "ranks.csv", "--sobol")
    assert result.exit_code == 0, result.output
    sobol = pd.read_csv(tmp_path / "ranks_sobol.csv")
    assert list(sobol.columns[:3]) == ["assumption", "S", "ST"]
    assert sobol["assumption"].tolist() == [
        "weights",
        "normalisation",
        "aggregation",
        "imputation",
        "winmax",
    ]
    assert index_commands.sobol_path("out/r") == "out/r_sobol.csv"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"pipeline": "steps: [{treat: {fallback: box_cox}}]"},
            "pipeline.yaml: treat.fallback",
        ),
        ({"pipeline": "steps: [unclosed"}, "pipeline.yaml: not valid YAML"),
        (
            {"meta_type": "Indicater"},
            "meta.csv: row 1: column 'Type': Type 'Indicater'",
        ),
        (
            {"data_cell": "lots"},
            "data.csv: row 2: column 'LPI': 'lots' is not a number",
        ),
        (
            {"assumptions": "assumptions: []"},
            "sa.yaml: the list 'assumptions' is empty",
        ),
    ],
)
def test_errors_name_the_file_row_and_column(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    data, meta = pd.read_csv(DATA), pd.read_csv(META)
    if "meta_type" in files:
        meta.loc[0, "Type"] = files["meta_type"]
    if "data_cell" in files:
        data = data.astype({"LPI": object})
        data.loc[1, "LPI"] = files["data_cell"]
    data.to_csv(tmp_path / "data.csv", index=False)
    meta.to_csv(tmp_path / "meta.csv", index=False)
    pipeline = tmp_path / "pipeline.yaml"
    pipeline.write_text(files.get("pipeline", Path(ARITHMETIC).read_text()))
    (tmp_path / "sa.yaml").write_text(
        files.get("assumptions", Path(ASSUMPTIONS).read_text())
    )
    command = "uncertainty" if "assumptions" in files else "build"
    args = [
        "index",
        command,
        "--data",
        str(tmp_path / "data.csv"),
        "--meta",
        str(tmp_path / "meta.csv"),
        "--pipeline",
        str(pipeline),
        "--out",
        str(tmp_path / "out.csv"),
    ]
    if command == "uncertainty":
        args += [
            "--assumptions",
            str(tmp_path / "sa.yaml"),
            "--draws",
            "5",
            "--seed",
            "1",
        ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert expected in lines[0]


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    missing = _build(tmp_path / "out.csv", pipeline=str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "nope.yaml: cannot read" in missing.stderr
    (tmp_path / "bad.csv").write_bytes(b"")
    empty = _build(tmp_path / "out.csv", data=str(tmp_path / "bad.csv"))
    assert empty.exit_code == 2 and "bad.csv: cannot read CSV" in empty.stderr


def test_a_build_error_names_the_data_file(tmp_path: Path) -> None:
    data = pd.read_csv(DATA)
    data.loc[3, "Population"] = 0
    data.to_csv(tmp_path / "data.csv", index=False)
    result = _build(tmp_path / "out.csv", data=str(tmp_path / "data.csv"))
    assert result.exit_code == 2
    assert "data.csv: row 4: column 'Population'" in result.stderr


def test_an_impossible_assumption_names_the_assumptions_file(tmp_path: Path) -> None:
    (tmp_path / "sa.yaml").write_text(
        "assumptions:\n  - {name: w, step: treat, parameter: colour, values: [1, 2]}\n"
    )
    result = _uncertainty(tmp_path / "r.csv", assumptions=str(tmp_path / "sa.yaml"))
    assert result.exit_code == 2
    assert "sa.yaml: assumption 'w' (number 1)" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    with index_commands._progress(4, "Index runs") as progress:
        progress(4)
    assert "Index runs" in terminal.getvalue()


def test_the_installed_command_runs(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "hromada"
    out = tmp_path / "results.csv"
    completed = subprocess.run(
        [
            str(command),
            "index",
            "build",
            "--data",
            DATA,
            "--meta",
            META,
            "--pipeline",
            ARITHMETIC,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "" and pd.read_csv(out).shape == (51, 13)
    failed = subprocess.run(
        [
            str(command),
            "index",
            "build",
            "--data",
            META,
            "--meta",
            META,
            "--pipeline",
            ARITHMETIC,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2
    assert failed.stderr.count("\n") == 1 and "column 'uCode'" in failed.stderr
