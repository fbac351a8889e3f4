"""The ``hromada`` console script.

A thin wrapper over the core (files) and services (database): each command group
lives in ``hromada.commands.<group>``, and this module only assembles them.
"""

from __future__ import annotations

import click

from hromada.commands import registered_commands
from hromada.commands._errors import HromadaGroup


@click.group(cls=HromadaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hromada")
def main() -> None:
    """Hromada: community-safety assessment, dialogue and programmes."""


for _command in registered_commands():
    main.add_command(_command)
