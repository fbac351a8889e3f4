"""``hromada rank`` on real files: output format, groups and refused input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hromada.cli import main


def run(tmp_path: Path, content: str, *options: str) -> tuple[int, str, Any]:
    ballots = tmp_path / "ballots.csv"
    ballots.write_text(content, encoding="utf-8")
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(
        main, ["rank", "--ballots", str(ballots), "--out", str(out), *options]
    )
    written = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return result.exit_code, result.stderr, written


DOTS = """ballot,item,value,role
1,RK01,2,police
2,RK01,1,police
2,RK07,1,police
3,RK07,2,youth
4,RK07,1,youth
4,RK13,1,youth
"""


def test_dot_votes_without_groups(tmp_path: Path) -> None:
    code, _, rows = run(tmp_path, DOTS, "--method", "dots", "--budget", "2")
    assert code == 0
    assert rows == [
        {"item": "RK07", "score": 4, "rank": 1, "group": None},
        {"item": "RK01", "score": 3, "rank": 2, "group": None},
        {"item": "RK13", "score": 1, "rank": 3, "group": None},
    ]


def test_dot_votes_by_group_end_with_the_combination(tmp_path: Path) -> None:
    code, _, rows = run(
        tmp_path, DOTS, "--method", "dots", "--budget", "2", "--by", "role"
    )
    assert code == 0
    police = [r for r in rows if r["group"] == "police"]
    youth = [r for r in rows if r["group"] == "youth"]
    combined = [r for r in rows if r["group"] is None]
    assert rows == police + youth + combined
    assert [(r["item"], r["score"], r["rank"]) for r in police] == [
        ("RK01", 3, 1),
        ("RK07", 1, 2),
        ("RK13", 0, 3),
    ]
    assert [(r["item"], r["score"], r["rank"]) for r in youth] == [
        ("RK07", 3, 1),
        ("RK13", 1, 2),
        ("RK01", 0, 3),
    ]
    # (v + 1) / (n + 2) per group, n = 2 in both: RK07 has 1 and 2 supporters.
    by_item = {r["item"]: r for r in combined}
    assert by_item["RK07"]["score"] == pytest.approx((2 / 4) * (3 / 4))
    assert by_item["RK01"]["score"] == pytest.approx((3 / 4) * (1 / 4))
    assert by_item["RK13"]["score"] == pytest.approx((1 / 4) * (2 / 4))
    assert [r["item"] for r in combined] == ["RK07", "RK01", "RK13"]
    assert {r["item"]: r["min_group_rank"] for r in combined} == {
        "RK07": 1,
        "RK01": 1,
        "RK13": 2,
    }
    assert all("min_group_rank" not in r for r in police + youth)


def test_borda_keeps_labels_as_written(tmp_path: Path) -> None:
    content = "ballot,item,value\nA,01,1\nA,1,2\nB,1,1\nB,NA,2\n"
    code, _, rows = run(tmp_path, content, "--method", "borda")
    assert code == 0
    assert rows == [
        {"item": "1", "score": 3, "rank": 1, "group": None},
        {"item": "01", "score": 2, "rank": 2, "group": None},
        {"item": "NA", "score": 1, "rank": 3, "group": None},
    ]


def test_pairwise_uses_the_all_our_ideas_score(tmp_path: Path) -> None:
    content = "ballot,winner,loser\n1,a,b\n1,a,c\n2,b,a\n2,c,b\n"
    code, _, rows = run(tmp_path, content, "--method", "pairwise")
    assert code == 0
    assert rows[0] == {
        "item": "a",
        "score": pytest.approx(60.0),
        "rank": 1,
        "group": None,
    }
    assert {r["item"]: r["score"] for r in rows} == pytest.approx(
        {"a": 100 * 3 / 5, "b": 100 * 2 / 5, "c": 100 * 2 / 4}
    )


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        ("ballot,item,score\n1,a,1\n", ["--method", "dots"], "column 'value'"),
        (
            "ballot,item,value\n1,a,1\n2,b,lots\n",
            ["--method", "dots", "--budget", "3"],
            "row 2: column 'value': not a number: 'lots'",
        ),
        (
            "ballot,item,value\n1,a,1\n1,b,2\n2,a,1\n2,b,1\n",
            ["--method", "borda"],
            "row 4: column 'value'",
        ),
        ("", ["--method", "borda"], "the file is empty"),
        ("ballot,item,value\n", ["--method", "borda"], "there are no ballots"),
        (
            "ballot,winner,loser\n1,a,a\n",
            ["--method", "pairwise"],
            "row 1: column 'loser'",
        ),
        (
            "ballot,item,value,g\n1,a,1,x\n1,b,2,y\n",
            ["--method", "borda", "--by", "g"],
            "row 2: column 'g'",
        ),
    ],
)
def test_refused_input_exits_2_with_one_line(
    tmp_path: Path, content: str, options: list[str], message: str
) -> None:
    code, stderr, written = run(tmp_path, content, *options)
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {tmp_path / 'ballots.csv'}: ")
    assert message in lines[0]
    assert written is None


def test_budget_is_for_dots_only(tmp_path: Path) -> None:
    content = "ballot,item,value\n1,a,1\n"
    code, stderr, written = run(tmp_path, content, "--method", "borda", "--budget", "2")
    assert (code, written) == (2, None)
    assert stderr == "error: --budget applies to --method dots only\n"


def test_the_installed_command(tmp_path: Path) -> None:
    ballots = tmp_path / "ballots.csv"
    ballots.write_text(DOTS, encoding="utf-8")
    out = tmp_path / "scores.json"
    command = Path(sys.executable).parent / "hromada"
    done = subprocess.run(
        [
            str(command),
            "rank",
            "--ballots",
            str(ballots),
            "--method",
            "dots",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # The default budget is ceil(3 items / 3) = 1: ballot 1 places 2 dots.
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: {ballots}: row 1: column 'value': ballot '1' places more dots "
        "than the budget of 1"
    )
    assert not out.exists()
    done = subprocess.run(
        [str(command), "rank", "--ballots", str(ballots), "--method", "dots"]
        + ["--budget", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [r["item"] for r in json.loads(out.read_text())] == ["RK07", "RK01", "RK13"]
