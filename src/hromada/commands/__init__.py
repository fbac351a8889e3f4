"""Command groups of the ``hromada`` console script, one module per group."""

from __future__ import annotations

import importlib

import click

# One line per command module; each exposes ``COMMANDS``, a list of click commands.
_MODULES: tuple[str, ...] = (
    "index",
    "kobo",
    "opinion",
    "rank",
    "survey",
    "web",
    "xlsform",
)


def registered_commands() -> list[click.Command]:
    commands: list[click.Command] = []
    for name in _MODULES:
        module = importlib.import_module(f"hromada.commands.{name}")
        commands.extend(module.COMMANDS)
    return commands
