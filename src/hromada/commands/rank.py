"""``hromada rank``: risk prioritisation from a ballots file (statistics.md §9)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pandas as pd

from hromada import core
from hromada.commands._errors import CliError, describe


@click.command("rank")
@click.option(
    "--ballots",
    "ballots_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV: ballot, item, value (dots: count; borda: rank, 1 = first); "
    "pairwise: ballot, winner, loser.",
)
@click.option(
    "--method",
    required=True,
    type=click.Choice(["dots", "borda", "pairwise"]),
    help="dots: sum of dots; borda: m - r + 1 points; "
    "pairwise: All Our Ideas score 100(W+1)/(W+L+2).",
)
@click.option(
    "--by",
    "group",
    default=None,
    help="Column naming the stakeholder group: scores per group, then their "
    "combination across groups (rows with group null).",
)
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=None,
    help="Dots per person (dots only; default: ceil(items / 3)).",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="JSON file to write: [{item, score, rank, group}].",
)
def rank(
    ballots_path: Path,
    method: str,
    group: str | None,
    budget: int | None,
    out_path: Path,
) -> None:
    """Rank items (risks) from dot votes, Borda rankings or pairwise votes."""
    if budget is not None and method != "dots":
        raise CliError("--budget applies to --method dots only")
    ballots = _read(ballots_path)
    try:
        rows = _rows(ballots, method, group, budget)
    except core.InputError as error:
        raise CliError(describe(error, file=str(ballots_path))) from error
    out_path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def _read(path: Path) -> pd.DataFrame:
    try:
        # As text, so item and group labels stay exactly as written ("01", "NA").
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError as error:
        raise CliError(f"{path}: the file is empty") from error
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CliError(f"{path}: not a readable CSV file ({error})") from error


def _rows(
    ballots: pd.DataFrame, method: str, group: str | None, budget: int | None
) -> list[dict[str, Any]]:
    if group is None:
        return _records(_overall(ballots, method, budget), None)
    ranked = core.group_rankings(
        ballots, by=group, method=_METHODS[method], budget=budget
    )
    rows: list[dict[str, Any]] = []
    for label, table in ranked.groups.groupby(level="group", sort=False):
        rows.extend(_records(table.droplevel("group"), label))
    return rows + _records(ranked.across, None, extra="min_group_rank")


_METHODS: dict[str, core.RankingMethod] = {
    "dots": "dots",
    "borda": "borda",
    "pairwise": "pairwise",
}


def _overall(ballots: pd.DataFrame, method: str, budget: int | None) -> pd.DataFrame:
    if method == "dots":
        return core.dot_vote_scores(ballots, budget=budget)
    if method == "borda":
        return core.borda_scores(ballots)
    return core.pairwise_scores(ballots)


def _records(
    table: pd.DataFrame, group: Any, *, extra: str | None = None
) -> list[dict[str, Any]]:
    ordered = table.sort_values("rank", kind="stable")
    records = [
        {"item": item, "score": score, "rank": position, "group": group}
        for item, score, position in zip(
            ordered.index,
            ordered["score"].tolist(),
            ordered["rank"].tolist(),
            strict=True,
        )
    ]
    if extra:
        for record, value in zip(records, ordered[extra].tolist(), strict=True):
            record[extra] = value
    return records


COMMANDS: list[click.Command] = [rank]
