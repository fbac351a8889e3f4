"""Framework versions: the parsed framework of a stored version, and the default."""

from __future__ import annotations

from hromada import core
from hromada.frameworks import default_name
from hromada.web.surveys.models import FrameworkVersion

# Versions never change once stored, so a parse is kept by its text's digest.
_PARSED: dict[str, core.Framework] = {}


def framework_of(version: FrameworkVersion) -> core.Framework:
    """The framework a stored version holds (parsed once per process)."""
    if version.sha256 not in _PARSED:
        _PARSED[version.sha256] = core.parse_framework(version.text)
    return _PARSED[version.sha256]


def default_version() -> FrameworkVersion:
    """The newest framework version shipped with Hromada.

    ``migrate`` stores it; a database emptied since (a flushed test database)
    gets the shipped versions back on first use.
    """
    code, _, version = default_name().rpartition("-")
    found = FrameworkVersion.objects.filter(code=code, version=version).first()
    if found is None:
        from hromada.web.surveys.services import framework_versions_ensure_shipped

        found = framework_versions_ensure_shipped()[-1]
    return found
