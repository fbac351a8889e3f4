"""``hromada opinion``: Pol.is-style opinion mapping of dialogue votes."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
import numpy as np
import pandas as pd

from hromada import core
from hromada.commands._errors import CliError, describe

_STATEMENT_KEYS = ("tid", "statement_id", "comment-id")


@click.group("opinion")
def opinion() -> None:
    """Opinion groups of a dialogue (statistics.md §8)."""


@opinion.command("analyse")
@click.option(
    "--votes",
    "votes_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="votes.csv (Pol.is CSV export) or votes.json (Pol.is API).",
)
@click.option(
    "--comments",
    "comments_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="comments.csv or comments.json: the statements and their moderation.",
)
@click.option("--meta", default="", help="Statement ids treated as meta, e.g. 0-14,20.")
@click.option(
    "--in-conv",
    "in_conv",
    default=None,
    help="Participant ids to cluster, exactly (e.g. Pol.is's in-conv): 1,4,7-9.",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the result (JSON).",
)
def analyse(
    votes_path: Path,
    comments_path: Path,
    meta: str,
    in_conv: str | None,
    out_path: Path,
) -> None:
    """Opinion groups, representative statements and consensus from Pol.is files."""
    meta_ids = parse_ids(meta, option="--meta")
    in_conv_ids = None if in_conv is None else parse_ids(in_conv, option="--in-conv")
    vote_records = _read(votes_path)
    votes = _parsed(votes_path, vote_records, core.parse_polis_votes)
    statements = _parsed(
        comments_path, _read(comments_path), core.parse_polis_statements
    )
    try:
        result = core.analyse_opinions(
            votes, statements, meta=meta_ids, in_conv=in_conv_ids
        )
    except core.InputError as error:
        if error.column == "in_conv":
            raise CliError(f"--in-conv: {error.message}") from error
        # The core names the normalised field; the person needs the file's own.
        error.column = _file_column(vote_records, error.column)
        raise CliError(describe(error, file=votes_path.name)) from error
    text = json.dumps(result_json(result), allow_nan=False, ensure_ascii=False)
    out_path.write_text(text + "\n", encoding="utf-8")


def parse_ids(text: str, *, option: str) -> list[int]:
    """Ids written as ``0-14,20``: single ids and inclusive ranges."""
    ids: list[int] = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        low, dash, high = part.partition("-")
        if not (low.isdigit() and (high.isdigit() if dash else True)):
            raise CliError(f"{option}: {part!r} is not an id or a range like 0-14")
        if dash and int(high) < int(low):
            raise CliError(f"{option}: range {part!r} runs backwards")
        ids.extend(range(int(low), int(high if dash else low) + 1))
    return ids


def _file_column(records: pd.DataFrame, column: str | None) -> str | None:
    names = [key for key in _STATEMENT_KEYS if key in records.columns]
    return names[0] if column == "statement" and names else column


def _parsed(path: Path, records: pd.DataFrame, parse: Any) -> pd.DataFrame:
    try:
        frame: pd.DataFrame = parse(records)
    except core.InputError as error:
        raise CliError(describe(error, file=path.name)) from error
    return frame


def _read(path: Path) -> pd.DataFrame:
    try:
        if path.suffix.lower() == ".json":
            return _read_json(path)
        return pd.read_csv(path, dtype=str)
    except FileNotFoundError as error:
        raise CliError(f"{path.name}: no such file") from error
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise CliError(f"{path.name}: not a readable CSV file ({e})") from e


def _read_json(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CliError(
            f"{path.name}: row {error.lineno}: not valid JSON ({error.msg})"
        ) from error
    if not isinstance(data, list):
        raise CliError(f"{path.name}: expected a JSON list of records")
    for row, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise CliError(f"{path.name}: row {row}: expected an object")
    return pd.DataFrame.from_records(data)


def result_json(result: core.OpinionMap) -> dict[str, Any]:
    """The opinion result in the interfaces.md shape, plus extra keys."""
    matrix, pca = result.matrix, result.pca
    tids = [int(t) for t in matrix.statements]
    return {
        "n_participants": len(matrix.participants),
        "in_conv": sorted(int(p) for p in matrix.participants[result.in_conv]),
        "k": result.k,
        "groups": [
            {"id": g.id, "members": list(g.members), "center": list(g.center)}
            for g in result.groups
        ],
        "repness": {
            str(gid): [asdict(r) for r in reps] for gid, reps in result.repness.items()
        },
        "consensus": {
            "agree": [asdict(c) for c in result.consensus.agree],
            "disagree": [asdict(c) for c in result.consensus.disagree],
        },
        "group_aware_consensus": _by_tid(tids, result.group_aware_consensus),
        "pca": {
            "center": _floats(pca.center),
            "comps": [_floats(c) for c in pca.comps],
        },
        "participants": {
            str(p): _floats(xy)
            for p, xy in zip(matrix.participants, pca.participant_xy, strict=True)
        },
        "comment_extremity": _by_tid(tids, pca.extremity),
        "statements": tids,
        "mod_out": [t for t, out in zip(tids, matrix.mod_out, strict=True) if out],
        "meta": [t for t, out in zip(tids, matrix.meta, strict=True) if out],
        "comment_projection": {
            str(t): _floats(xy) for t, xy in zip(tids, pca.statement_xy, strict=True)
        },
        "comment_priority": _by_tid(tids, result.comment_priorities),
        "silhouettes": {str(k): s for k, s in result.silhouettes.items()},
        "base_clusters": [
            {"id": b, "members": list(members), "center": _floats(center)}
            for b, (members, center) in enumerate(
                zip(result.base_members, result.base.centers, strict=True)
            )
        ],
        "uncertain": [
            {"tid": u.tid, "n_pass": u.n_pass, "n_seen": u.n_seen, "p_pass": u.p_pass}
            for u in result.uncertain
        ],
        "divisive": [
            {
                "tid": d.tid,
                "divisiveness": d.divisiveness,
                "most_agree_group": d.most_agree_group,
                "least_agree_group": d.least_agree_group,
                "agree_shares": list(d.agree_shares),
            }
            for d in result.divisive
        ],
    }


def _by_tid(tids: list[int], values: np.ndarray) -> dict[str, float]:
    return {str(t): float(v) for t, v in zip(tids, values, strict=True)}


def _floats(values: np.ndarray) -> list[float]:
    return [float(v) for v in values]


COMMANDS: list[click.Command] = [opinion]
