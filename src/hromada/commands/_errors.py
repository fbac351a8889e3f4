"""One error path for every command: a single line on stderr and exit code 2."""

from __future__ import annotations

from typing import Any, NoReturn

import click

from hromada.core import InputError


class CliError(Exception):
    """A refused input: the message names the file, row and field."""


def fail(message: str) -> NoReturn:
    raise CliError(message)


def describe(error: InputError, *, file: str | None = None) -> str:
    """Render a core input error as the one line the CLI prints."""
    where = [part for part in (file, _row(error), _column(error)) if part]
    return ": ".join([*where, error.message]) if where else error.message


def _row(error: InputError) -> str | None:
    return None if error.row is None else f"row {error.row}"


def _column(error: InputError) -> str | None:
    return None if error.column is None else f"column {error.column!r}"


class HromadaGroup(click.Group):
    """A group whose commands fail with exit code 2 and one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CliError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(2)
        except InputError as error:
            click.echo(f"error: {describe(error)}", err=True)
            ctx.exit(2)
