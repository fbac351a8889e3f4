"""``hromada index``: composite indices and their uncertainty, from files.

Thin wrappers over ``hromada.core``: read iData, iMeta and the YAML files,
run the core, write CSV. Errors name the file, row and column.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pandas as pd
import yaml

from hromada import core
from hromada.commands._errors import CliError, describe

# Codes of core.index_framework that point at iMeta rather than iData.
_META_CODES = {
    "unknown_type",
    "duplicate_code",
    "invalid_level",
    "non_contiguous_levels",
    "unknown_parent",
    "parent_level",
    "aggregate_without_children",
    "several_tops",
    "unknown_denominator",
    "invalid_direction",
    "invalid_weight",
}


def _read_csv(path: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype={"uCode": str, "iCode": str, "Parent": str})
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise CliError(f"{path}: cannot read CSV: {error}") from None


def _read_yaml(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except OSError as error:
        raise CliError(f"{path}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise CliError(
            f"{path}: not valid YAML: {' '.join(str(error).split())}"
        ) from None


def _framework(data: str, meta: str) -> core.IndexFramework:
    idata, imeta = _read_csv(data), _read_csv(meta)
    try:
        return core.index_framework(idata, imeta)
    except core.InputError as error:
        in_meta = error.code in _META_CODES or error.message.startswith("iMeta")
        raise CliError(describe(error, file=meta if in_meta else data)) from None


def _pipeline(path: str) -> core.IndexPipeline:
    try:
        return core.parse_index_pipeline(_read_yaml(path))
    except core.InputError as error:
        raise CliError(describe(error, file=path)) from None


@contextlib.contextmanager
def _progress(length: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress callback that draws a bar on a terminal and nothing when piped."""
    if not sys.stdout.isatty():
        yield lambda _: None
        return
    with click.progressbar(length=length, label=label) as bar:
        yield bar.update


_common = [
    click.option(
        "--data",
        "data",
        required=True,
        type=click.Path(dir_okay=False),
        help="iData CSV (uCode, uName, groups, denominators, indicators).",
    ),
    click.option(
        "--meta",
        "meta",
        required=True,
        type=click.Path(dir_okay=False),
        help="iMeta CSV (Level, iCode, iName, Direction, Weight, Parent, "
        "Type, Denominator).",
    ),
    click.option(
        "--pipeline",
        "pipeline",
        required=True,
        type=click.Path(dir_okay=False),
        help="Index pipeline YAML.",
    ),
]


def _with_common(command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_common):
        command = option(command)
    return command


@click.command("build")
@_with_common
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="RESULTS CSV: uCode, one column per aggregate, Rank.",
)
def build(data: str, meta: str, pipeline: str, out: str) -> None:
    """Build a composite index (COINr conventions) and write its results."""
    framework = _framework(data, meta)
    steps = _pipeline(pipeline)
    try:
        result = core.build_index(framework, steps)
    except core.InputError as error:
        raise CliError(describe(error, file=data)) from None
    result.results_table().to_csv(out, index=False)


@click.command("uncertainty")
@_with_common
@click.option(
    "--assumptions",
    "assumptions",
    required=True,
    type=click.Path(dir_okay=False),
    help="Assumptions YAML (SA.yaml).",
)
@click.option(
    "--draws",
    "draws",
    required=True,
    type=click.IntRange(min=2),
    help="Monte Carlo runs; with --sobol the base sample size N.",
)
@click.option("--seed", "seed", required=True, type=int, help="Random seed.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="RANKS CSV: uCode, nominal, mean, median, q05, q95.",
)
@click.option(
    "--sobol",
    is_flag=True,
    help="Also write Sobol indices to OUT with the suffix _sobol.csv.",
)
def uncertainty(
    data: str,
    meta: str,
    pipeline: str,
    assumptions: str,
    draws: int,
    seed: int,
    out: str,
    sobol: bool,
) -> None:
    """Monte Carlo rank statistics per unit and, with --sobol, Sobol indices."""
    framework = _framework(data, meta)
    steps = _pipeline(pipeline)
    try:
        spec = core.parse_sensitivity_spec(_read_yaml(assumptions))
        plan = core.sensitivity_plan(
            framework, steps, spec, n_runs=draws, seed=seed, sobol=sobol
        )
    except core.InputError as error:
        raise CliError(describe(error, file=assumptions)) from None
    try:
        with _progress(plan.n_runs, "Index runs") as progress:
            result = core.run_plan(plan, progress=progress)
        if not sobol:
            result.summary.reset_index().to_csv(out, index=False)
            return
        sens = core.sensitivity_result(plan, result)
    except core.InputError as error:
        raise CliError(describe(error, file=data)) from None
    sens.uncertainty.summary.reset_index().to_csv(out, index=False)
    sens.sobol.table.reset_index().to_csv(sobol_path(out), index=False)


def sobol_path(out: str) -> str:
    """Where ``--sobol`` writes its indices: OUT with ``_sobol`` before the suffix."""
    path = Path(out)
    return str(path.with_name(f"{path.stem}_sobol{path.suffix or '.csv'}"))


@click.group("index")
def index() -> None:
    """Composite indices: build, uncertainty and sensitivity."""


index.add_command(build)
index.add_command(uncertainty)

COMMANDS: list[click.Command] = [index]
