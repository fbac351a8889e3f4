"""Hromada's analytics core: numpy/pandas only, no framework, no I/O, no globals.

Modules are private; this package re-exports the public names.
"""

from hromada.core._errors import InputError

__all__ = [
    "InputError",
]
