"""Problems found in a file a person gave: a stable code, where, and what.

The core knows no language: ``code`` is stable and the web layer words it in
Ukrainian or English from ``row``, ``column``, ``value`` and ``expected``;
``message`` is the English line the command line prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hromada.core._errors import InputError

# Long cell values are cut in messages: a problem names a value, it does not copy it.
VALUE_CHARS = 60


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file.

    Attributes
    ----------
    code : str
        Stable snake_case code (``unknown_choice``, ``duplicate_code``, ...).
    message : str
        English, naming the place: ``"row 5, column 'S1a': ..."``.
    row : int or None
        For spreadsheets and CSV files the row as a spreadsheet shows it (the
        header is row 1); for YAML files the line (1-based).
    column : str or None
        The column header as written in the file, or for YAML the path of the
        key (``domains[0].indicators[1].items``).
    value : str or None
        The offending value, cut to 60 characters.
    expected : str or None
        What was expected, when that helps (``"3"``, ``"2026.1"``).
    """

    code: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None


def shorten(value: object) -> str:
    text = str(value)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def where(row: int | None, column: str | None, *, line: bool = False) -> str:
    """``"row 5, column 'S1a': "`` (or ``"line 5, ..."``) for a message."""
    parts = []
    if row is not None:
        parts.append(f"{'line' if line else 'row'} {row}")
    if column is not None:
        parts.append(f"{'key' if line else 'column'} {column!r}")
    return ", ".join(parts) + ": " if parts else ""


class ProblemsError(InputError):
    """Input refused with every problem found (up to a cap), not only the first.

    ``problems`` lists them in file order; ``total`` counts all, including those
    past the cap. ``code``, ``row`` and ``column`` are the first problem's.
    """

    def __init__(self, problems: Sequence[Problem], *, total: int | None = None):
        first = problems[0]
        count = len(problems) if total is None else total
        more = f" (and {count - 1} more problems)" if count > 1 else ""
        super().__init__(
            first.code, first.message + more, column=first.column, row=first.row
        )
        self.problems = tuple(problems)
        self.total = count
