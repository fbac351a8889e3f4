"""``hromada survey estimate``: the documented JSON, reproducing R `survey`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from hromada.cli import main
from tests.core.survey_api import DATA, as_list, case_frame, cases, close

FLAGS = {
    "weights": "--weights",
    "strata": "--strata",
    "psu": "--psu",
    "ssu": "--psu2",
    "fpc": "--fpc",
    "fpc2": "--fpc2",
    "replicates": "--replicates",
}
BASE_KEYS = ["domain", "estimate", "se", "ci_low", "ci_high", "df", "deff", "n"]


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["survey", "estimate", *args])


def _design_flags(design: dict[str, Any]) -> list[str]:
    flags: list[str] = []
    for key, flag in FLAGS.items():
        if design.get(key):
            flags += [flag, str(design[key])]
    if design.get("nest"):
        flags.append("--nest")
    flags += ["--lonely-psu", design["lonely_psu"]]
    return flags


def _case_csv(case: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / f"{case['id']}.csv"
    case_frame(case).to_csv(path, index=False, na_rep="NA")
    return path


def _analysis_flags(analysis: dict[str, Any]) -> list[str]:
    flags = ["--stat", analysis["statistic"]]
    for variable in as_list(analysis["variables"]):
        flags += ["--var", variable]
    if analysis["denominator"]:
        flags += ["--denominator", analysis["denominator"]]
    if analysis["by"]:
        flags += ["--by", analysis["by"]]
    return flags


CLI_CASES = [c for c in cases("analyses") if not c["design"].get("mse")]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c["id"] for c in CLI_CASES])
def test_it_reproduces_r_survey(case: dict[str, Any], tmp_path: Path) -> None:
    path = _case_csv(case, tmp_path)
    for analysis in case["analyses"]:
        args = [str(path), *_design_flags(case["design"]), *_analysis_flags(analysis)]
        result = _invoke(*args)
        assert result.exit_code == 0, result.output
        objects = json.loads(result.stdout)
        several = len(as_list(analysis["variables"])) > 1
        found = {
            (o["domain"], o.get("variable") if several else None, o.get("level")): o
            for o in objects
        }
        assert len(found) == len(analysis["rows"])
        for row in analysis["rows"]:
            key = (row["domain"], row["variable"] if several else None, row["level"])
            mine = found[key]
            if row.get("empty"):
                assert mine["estimate"] is None and mine["n"] == 0
                continue
            assert mine["df"] == row["df"] and mine["n"] == row["n"]
            for name, theirs in (
                ("estimate", row["estimate"]),
                ("se", row["se"]),
                ("ci_low", row["ci_design"][0]),
                ("ci_high", row["ci_design"][1]),
                ("deff", row.get("deff", mine["deff"])),
            ):
                ours = mine[name]
                assert (ours is None) == (theirs is None), (key, name)
                assert ours is None or close(ours, theirs), (key, name, ours, theirs)


def test_one_variable_gives_exactly_the_documented_fields() -> None:
    result = _invoke(
        str(DATA / "apistrat.csv"),
        "--var",
        "api00",
        "--strata",
        "stype",
        "--weights",
        "pw",
        "--fpc",
        "fpc",
    )
    (only,) = json.loads(result.stdout)
    assert list(only) == BASE_KEYS
    assert only["domain"] is None and result.stderr == ""


def test_domains_are_the_text_as_written_in_number_order(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("y,g\n1,10\n2,3\n3,3.0\n4,10\n5,\n6,9\n")
    result = _invoke(str(path), "--var", "y", "--by", "g")
    objects = json.loads(result.stdout)
    assert [o["domain"] for o in objects] == ["3", "3.0", "9", "10"]
    assert sum(o["n"] for o in objects) == 5


def test_categorical_variables_give_one_object_per_level(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("answer,g\nYes,b\nNo,a\nYes,a\nNA,b\n")
    result = _invoke(str(path), "--var", "answer", "--by", "g")
    objects = json.loads(result.stdout)
    assert [(o["domain"], o["level"]) for o in objects] == [
        ("a", "No"),
        ("a", "Yes"),
        ("b", "No"),
        ("b", "Yes"),
    ]
    assert list(objects[0]) == [*BASE_KEYS[:1], "level", *BASE_KEYS[1:]]
    assert objects[2]["estimate"] == 0 and objects[3]["estimate"] == 1


def test_several_variables_carry_their_name() -> None:
    result = _invoke(
        str(DATA / "apisrs.csv"),
        "--var",
        "api00",
        "--var",
        "awards",
        "--fpc",
        "fpc",
    )
    objects = json.loads(result.stdout)
    assert [(o["variable"], o.get("level")) for o in objects] == [
        ("api00", None),
        ("awards", "No"),
        ("awards", "Yes"),
    ]


def test_the_df_choice_changes_the_interval_not_the_df() -> None:
    common = [
        str(DATA / "apiclus1.csv"),
        "--var",
        "api00",
        "--psu",
        "dnum",
        "--weights",
        "pw",
        "--fpc",
        "fpc",
    ]
    design = json.loads(_invoke(*common).stdout)[0]
    normal = json.loads(_invoke(*common, "--ci-df", "inf").stdout)[0]
    assert design["df"] == normal["df"] == 14
    assert normal["ci_high"] - normal["ci_low"] < design["ci_high"] - design["ci_low"]


def test_warnings_go_to_stderr() -> None:
    result = _invoke(str(DATA / "apisrs.csv"), "--var", "api00")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["deff"] is None
    assert result.stderr.startswith("warning: ")
    assert "assuming equal probability" in result.stderr


def test_a_bad_value_fails_with_one_line_naming_file_row_and_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("y,w\n1,2\n2,two\n")
    result = _invoke(str(path), "--var", "y", "--weights", "w")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}: row 2: column 'w': "
        "a weight must be a finite number, got 'two'\n"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [("", "No columns to parse"), ('y\n"1\n', "EOF inside string")],
)
def test_an_unreadable_file_fails_with_one_line(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content)
    result = _invoke(str(path), "--var", "y")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr
    assert reason in result.stderr


def test_the_installed_command_runs(tmp_path: Path) -> None:
    executable = Path(sys.executable).parent / "hromada"
    completed = subprocess.run(
        [
            str(executable),
            "survey",
            "estimate",
            str(DATA / "apiclus2.csv"),
            "--var",
            "enroll",
            "--psu",
            "dnum",
            "--psu2",
            "snum",
            "--fpc",
            "fpc1",
            "--fpc2",
            "fpc2",
            "--by",
            "stype",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    objects = json.loads(completed.stdout)
    assert [o["domain"] for o in objects] == ["E", "H", "M"]
    frame = pd.read_csv(DATA / "apiclus2.csv")
    assert sum(o["n"] for o in objects) == frame["enroll"].notna().sum()
