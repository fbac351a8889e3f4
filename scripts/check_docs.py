"""`make docs`: fail on any command, setting or core name that the docs do not mention.

- every public name of ``hromada.core`` appears in ``docs/core.md``;
- every ``hromada`` command path (``hromada survey estimate``) appears in ``docs/cli.md``;
- every environment variable read in ``web/settings.py`` appears in ``docs/settings.md``;
- every page linked from ``docs/index.md`` exists.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import click

import hromada.core
from hromada.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SETTINGS = ROOT / "src/hromada/web/settings.py"
_ENV_READ = re.compile(r"env_(?:bool|int|list|secret|str)\(\s*\"([A-Z][A-Z0-9_]*)\"")
_LINK = re.compile(r"\]\(([^)#]+\.md)\)")


def command_paths(group: click.Command, prefix: str) -> Iterator[str]:
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            yield from command_paths(command, f"{prefix} {name}")
    else:
        yield prefix


def missing_core_names(text: str) -> list[str]:
    return [name for name in hromada.core.__all__ if f"`{name}" not in text]


def missing_commands(text: str) -> list[str]:
    return [path for path in command_paths(cli, "hromada") if f"`{path}" not in text]


def missing_settings(text: str) -> list[str]:
    names = sorted(set(_ENV_READ.findall(SETTINGS.read_text(encoding="utf-8"))))
    return [name for name in names if f"`{name}`" not in text]


def missing_pages() -> list[str]:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    return [link for link in _LINK.findall(index) if not (DOCS / link).is_file()]


def main() -> int:
    def read(name: str) -> str:
        return (DOCS / name).read_text(encoding="utf-8")

    problems = {
        "docs/core.md lacks core names": missing_core_names(read("core.md")),
        "docs/cli.md lacks commands": missing_commands(read("cli.md")),
        "docs/settings.md lacks settings": missing_settings(read("settings.md")),
        "docs/index.md links to missing pages": missing_pages(),
    }
    failed = False
    for title, names in problems.items():
        if names:
            failed = True
            print(f"{title}: {', '.join(names)}", file=sys.stderr)
    if not failed:
        print("docs: every core name, command and setting is documented")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
