"""``hromada opinion analyse`` on the three Pol.is fixtures and on bad input."""

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
from tests.datasets import DATASETS

INTERFACE_KEYS = {
    "n_participants",
    "in_conv",
    "k",
    "groups",
    "repness",
    "consensus",
    "group_aware_consensus",
    "pca",
    "participants",
    "comment_extremity",
}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["opinion", "analyse", *args])
    return result.exit_code, result.output


def _members(polis: dict[str, Any], group: dict[str, Any]) -> frozenset[int]:
    base = polis["base-clusters"]
    members = dict(zip(base["id"], base["members"], strict=True))
    return frozenset(p for b in group["members"] for p in members[b])


def _polis_groups(polis: dict[str, Any]) -> set[frozenset[int]]:
    return {_members(polis, group) for group in polis["group-clusters"]}


@pytest.mark.parametrize("name", ["polis-4cvkai2ctw", "polis-2dhnep37ie"])
def test_api_json_gives_polis_groups_repness_and_consensus(
    name: str, tmp_path: Path
) -> None:
    folder = DATASETS / name
    polis = json.loads((folder / "math-pca2.json").read_text())
    out = tmp_path / "result.json"
    code, output = _run(
        "--votes",
        str(folder / "votes.json"),
        "--comments",
        str(folder / "comments.json"),
        "--in-conv",
        ",".join(str(p) for p in polis["in-conv"]),
        "--out",
        str(out),
    )
    assert (code, output) == (0, "")
    result = json.loads(out.read_text())
    assert INTERFACE_KEYS <= set(result)
    assert result["n_participants"] == polis["n"]
    assert result["in_conv"] == sorted(polis["in-conv"])
    assert result["k"] == len(result["groups"]) == len(polis["group-clusters"])
    assert {frozenset(g["members"]) for g in result["groups"]} == _polis_groups(polis)
    ours = {frozenset(g["members"]): str(g["id"]) for g in result["groups"]}
    for group in polis["group-clusters"]:
        expected = [r["tid"] for r in polis["repness"][str(group["id"])]]
        got = result["repness"][ours[_members(polis, group)]]
        assert [r["tid"] for r in got] == expected
    assert [c["tid"] for c in result["consensus"]["agree"]] == [
        c["tid"] for c in polis["consensus"]["agree"]
    ]
    for tid, value in polis["group-aware-consensus"].items():
        assert result["group_aware_consensus"][tid] == pytest.approx(value, abs=1e-12)
    assert sorted(result["mod_out"]) == sorted(polis["mod-out"])
    assert len(result["pca"]["comps"]) == 2
    assert set(result["participants"]) == {str(p) for p in polis["user-vote-counts"]}


def test_csv_export_with_meta_range_gives_polis_groups(tmp_path: Path) -> None:
    folder = DATASETS / "polis-london-youth-policing"
    out = tmp_path / "result.json"
    code, _ = _run(
        "--votes",
        str(folder / "votes.csv"),
        "--comments",
        str(folder / "comments.csv"),
        "--meta",
        "0-14",
        "--out",
        str(out),
    )
    assert code == 0
    result = json.loads(out.read_text())
    exported = pd.read_csv(folder / "participants-votes.csv").dropna(
        subset=["group-id"]
    )
    polis = {
        frozenset(int(p) for p in group["participant"])
        for _, group in exported.groupby("group-id")
    }
    assert {frozenset(g["members"]) for g in result["groups"]} == polis
    assert result["meta"] == [1, *range(4, 15)]  # 0, 2 and 3 have no votes
    for reps in result["repness"].values():
        assert all(r["tid"] >= 15 for r in reps)


def test_installed_console_script_runs(tmp_path: Path) -> None:
    folder = DATASETS / "polis-london-youth-policing"
    out = tmp_path / "result.json"
    script = Path(sys.executable).with_name("hromada")
    completed = subprocess.run(
        [
            str(script),
            "opinion",
            "analyse",
            "--votes",
            str(folder / "votes.csv"),
            "--comments",
            str(folder / "comments.csv"),
            "--meta",
            "0-14",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    assert json.loads(out.read_text())["k"] == 3


@pytest.mark.parametrize(
    ("votes", "extra", "message"),
    [
        (
            '[{"pid": 1, "tid": 0, "vote": 1, "modified": 5},'
            ' {"pid": 2, "tid": 0, "vote": 7, "modified": 6}]',
            [],
            "error: votes.json: row 2: column 'vote': vote must be 1 (agree), "
            "-1 (disagree) or 0 (pass), got 7",
        ),
        (
            '[{"pid": 1, "tid": 4, "vote": 1, "modified": 5}]',
            [],
            "error: votes.json: row 1: column 'tid': vote on statement 4, "
            "which the statement file does not list",
        ),
        ("[]", [], "error: votes.json: the vote file holds no votes"),
        (
            '[{"pid": 1, "vote": 1, "modified": 5}]',
            [],
            "error: votes.json: column 'tid': no column 'tid' or 'statement_id' "
            "or 'comment-id'",
        ),
        (
            "{",
            [],
            "error: votes.json: row 1: not valid JSON (Expecting property "
            "name enclosed in double quotes)",
        ),
        ('{"pid": 1}', [], "error: votes.json: expected a JSON list of records"),
        ("[1]", [], "error: votes.json: row 1: expected an object"),
        (
            '[{"pid": 1, "tid": 0, "vote": 1, "modified": 5}]',
            ["--meta", "3-1"],
            "error: --meta: range '3-1' runs backwards",
        ),
        (
            '[{"pid": 1, "tid": 0, "vote": 1, "modified": 5}]',
            ["--in-conv", "x"],
            "error: --in-conv: 'x' is not an id or a range like 0-14",
        ),
        (
            '[{"pid": 1, "tid": 0, "vote": 1, "modified": 5}]',
            ["--in-conv", "1,2"],
            "error: --in-conv: participant 2 cast no vote",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    votes: str, extra: list[str], message: str, tmp_path: Path
) -> None:
    (tmp_path / "votes.json").write_text(votes)
    (tmp_path / "comments.json").write_text('[{"tid": 0, "mod": 1}]')
    code, output = _run(
        "--votes",
        str(tmp_path / "votes.json"),
        "--comments",
        str(tmp_path / "comments.json"),
        *extra,
        "--out",
        str(tmp_path / "out.json"),
    )
    assert (code, output) == (2, message + "\n")
    assert not (tmp_path / "out.json").exists()


def test_bad_csv_rows_and_missing_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "votes.csv").write_text(
        "timestamp,comment-id,voter-id,vote\n1,0,1,1\n2,0,,1\n"
    )
    (tmp_path / "comments.csv").write_text("comment-id,moderated\n0,1\n")
    args = ["--comments", str(tmp_path / "comments.csv"), "--out", str(tmp_path / "o")]
    code, output = _run("--votes", str(tmp_path / "votes.csv"), *args)
    assert (code, output) == (
        2,
        "error: votes.csv: row 2: column 'voter-id': value is missing\n",
    )
    code, output = _run("--votes", str(tmp_path / "nowhere.csv"), *args)
    assert (code, output) == (2, "error: nowhere.csv: no such file\n")
    (tmp_path / "empty.csv").write_text("")
    code, output = _run("--votes", str(tmp_path / "empty.csv"), *args)
    assert code == 2
    assert output.startswith("error: empty.csv: not a readable CSV file")
