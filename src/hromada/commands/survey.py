"""``hromada survey``: design-based estimates from a CSV file (statistics.md §1)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import click
import pandas as pd

from hromada.commands._errors import CliError, describe
from hromada.core import InputError, SurveyDesign, SurveyEstimates, survey_estimate

# Only these cells are missing: a category such as "None" or "n/a" stays text.
MISSING = ["", "NA"]


@click.group()
def survey() -> None:
    """Survey estimation."""


@survey.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--var",
    "variables",
    multiple=True,
    required=True,
    help="Column to estimate; repeat for several.",
)
@click.option(
    "--stat",
    "statistic",
    default="mean",
    show_default=True,
    type=click.Choice(["mean", "total", "proportion", "ratio"]),
)
@click.option("--denominator", help="Denominator column of a ratio.")
@click.option("--weights", help="Sampling weights (default: from the fpc).")
@click.option("--strata", help="Stratum column.")
@click.option("--nest", is_flag=True, help="PSU ids are unique only within strata.")
@click.option("--psu", help="Primary sampling unit (stage 1) column.")
@click.option("--psu2", help="Secondary sampling unit (stage 2) column.")
@click.option("--fpc", help="Stage-1 population size N (or sampling fraction).")
@click.option("--fpc2", help="Stage-2 population size M (or sampling fraction).")
@click.option("--by", help="One estimate per distinct value of this column.")
@click.option(
    "--replicates",
    type=click.Choice(["jk1", "jkn"]),
    help="Jackknife replicate variance instead of linearisation.",
)
@click.option(
    "--lonely-psu",
    default="adjust",
    show_default=True,
    type=click.Choice(["fail", "remove", "certainty", "adjust", "average"]),
)
@click.option(
    "--ci-df",
    default="design",
    show_default=True,
    type=click.Choice(["design", "inf"]),
    help="Interval quantile: t with the design df, or normal.",
)
@click.option(
    "--level", default=0.95, show_default=True, type=float, help="Confidence level."
)
def estimate(
    data: Path,
    variables: tuple[str, ...],
    statistic: str,
    denominator: str | None,
    weights: str | None,
    strata: str | None,
    nest: bool,
    psu: str | None,
    psu2: str | None,
    fpc: str | None,
    fpc2: str | None,
    by: str | None,
    replicates: str | None,
    lonely_psu: str,
    ci_df: str,
    level: float,
) -> None:
    """Estimate V from DATA.csv under the declared design; JSON on stdout.

    One object per domain of --by (or one with "domain": null), and per level of
    a categorical V; warnings go to stderr.
    """
    frame = _read(data)
    try:
        design = SurveyDesign(
            weights=weights,
            strata=strata,
            psu=psu,
            ssu=psu2,
            fpc=fpc,
            fpc2=fpc2,
            nest=nest,
            lonely_psu=lonely_psu,  # type: ignore[arg-type]
            replicates=replicates,  # type: ignore[arg-type]
        )
        result = survey_estimate(
            frame,
            design,
            list(variables),
            statistic=statistic,
            denominator=denominator,
            by=by,
            level=level,
            ci_df=ci_df,
        )
    except InputError as error:
        raise CliError(describe(error, file=str(data))) from error
    for warning in result.warnings:
        click.echo(f"warning: {data}: {warning.message}", err=True)
    click.echo(
        json.dumps(
            records(result, several=len(variables) > 1), indent=2, ensure_ascii=False
        )
    )


def _read(path: Path) -> pd.DataFrame:
    """Every cell as text, so labels stay exactly as written."""
    try:
        return pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_values=MISSING,
            encoding="utf-8-sig",
        )
    except (
        pd.errors.ParserError,
        pd.errors.EmptyDataError,
        UnicodeDecodeError,
    ) as error:
        reason = (
            str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        )
        raise CliError(f"{path}: not a readable CSV file ({reason})") from error


def _number(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def records(result: SurveyEstimates, *, several: bool) -> list[dict[str, Any]]:
    """The documented JSON objects, in the table's order."""
    out: list[dict[str, Any]] = []
    rows: list[Any] = list(result.table.itertuples(index=False))
    for row in rows:
        record: dict[str, Any] = {"domain": row.domain}
        if several:
            record["variable"] = row.variable
        if row.level is not None:
            record["level"] = row.level
        record.update(
            estimate=_number(row.estimate),
            se=_number(row.se),
            ci_low=_number(row.ci_low),
            ci_high=_number(row.ci_high),
            df=int(row.df),
            deff=_number(row.deff),
            n=int(row.n),
        )
        out.append(record)
    return out


COMMANDS: list[click.Command] = [survey]
