"""The indicator frameworks shipped with Hromada, one YAML file per version.

A shipped version never changes: a changed framework is a new file with a new
version. The core parses the text (``hromada.core.parse_framework``); this package
only finds and reads the files.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# Oldest first; the last one is the default for new assessments.
SHIPPED: tuple[str, ...] = ("hromada-default-2026.1",)
DEFAULT = "default"


def shipped_text(name: str) -> str:
    """The YAML text of a shipped version, by name (``hromada-default-2026.1``)."""
    if name not in SHIPPED:
        raise KeyError(name)
    return resources.files(__package__).joinpath(f"{name}.yaml").read_text("utf-8")


def default_name() -> str:
    return SHIPPED[-1]


def framework_text(name: str) -> str:
    """``default``, a shipped version's name, or the path of a YAML file."""
    if name == DEFAULT:
        return shipped_text(default_name())
    if name in SHIPPED:
        return shipped_text(name)
    return Path(name).read_text("utf-8")
