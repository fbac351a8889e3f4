"""``hromada xlsform``: the resident survey as an XLSForm, from a framework file."""

from __future__ import annotations

from pathlib import Path

import click

from hromada import core
from hromada.commands._errors import CliError, describe
from hromada.frameworks import DEFAULT, framework_text
from hromada.xlsx import workbook_bytes


@click.command("xlsform")
@click.option(
    "--framework",
    "framework_name",
    default=DEFAULT,
    show_default=True,
    help="'default' (the newest shipped version), a shipped version's name "
    "(hromada-default-2026.1) or the path of a framework YAML file.",
)
@click.option(
    "--languages",
    default="uk,en",
    show_default=True,
    help="Label languages, comma-separated; the first is the form's default.",
)
@click.option(
    "--settlements",
    "settlements_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="UTF-8 text file, one settlement per line: 'Ukrainian name' or "
    "'Ukrainian name | English name' (the D6 choices; default: only 'another "
    "settlement').",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The .xlsx file to write.",
)
def xlsform(
    framework_name: str, languages: str, settlements_path: Path | None, out_path: Path
) -> None:
    """Write the resident survey as an XLSForm for KoboToolbox or ODK Collect."""
    source = framework_name
    try:
        text = framework_text(framework_name)
    except OSError as error:
        raise CliError(f"{source}: cannot read the framework ({error})") from error
    try:
        framework = core.parse_framework(text)
        form = core.xlsform(
            framework,
            languages=[code.strip() for code in languages.split(",") if code.strip()],
            settlements=_settlements(settlements_path),
        )
    except core.ProblemsError as error:
        raise CliError(describe_framework(error, source)) from error
    except core.InputError as error:
        raise CliError(describe(error)) from error
    out_path.write_bytes(workbook_bytes(form.sheets()))
    click.echo(
        f"{out_path}: form {framework.form_id}, version {framework.form_version}"
    )


def describe_framework(error: core.ProblemsError, source: str) -> str:
    more = f" (and {error.total - 1} more problems)" if error.total > 1 else ""
    return f"{source}: {error.problems[0].message}{more}"


def _settlements(path: Path | None) -> list[core.Settlement]:
    if path is None:
        return []
    try:
        lines = path.read_text("utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise CliError(f"{path}: the file is not UTF-8 text") from error
    out: list[core.Settlement] = []
    for line in lines:
        uk, _bar, en = line.partition("|")
        if uk.strip():
            code = f"s{len(out) + 1:02d}"
            out.append(
                core.Settlement(code, core.Label(uk.strip(), en.strip() or uk.strip()))
            )
    return out


COMMANDS: list[click.Command] = [xlsform]
