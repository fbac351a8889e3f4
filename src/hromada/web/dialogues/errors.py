"""What the dialogue services refuse, said so that a person can put it right."""

from __future__ import annotations


class Refused(Exception):
    """A write refused for a reason the person can act on.

    ``code`` is stable (tests and the API match it); ``message`` is already
    translated into the active language.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
