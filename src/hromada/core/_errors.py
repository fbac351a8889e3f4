from __future__ import annotations


class InputError(ValueError):
    """Input the core refuses, named precisely enough for a person to fix it.

    The core knows no language: ``code`` is stable (``"missing_column"``,
    ``"not_a_number"``, ...) and the web layer translates it; ``message`` is the
    English text the command line prints. ``row`` is 1-based over data rows
    (the header is row 0) when the problem sits in one row.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.column = column
        self.row = row
