"""Input errors every API router raises; ``hromada.web.api`` turns them into 400s."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from hromada.web.communities.models import KATOTTH_PATTERN


class ApiInputError(Exception):
    """Input an endpoint refuses: ``message`` is already translated."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def check_katotth(katotth: str) -> str:
    """The code itself, or a 400 naming it when it is not ``UA`` and 17 digits."""
    if not re.fullmatch(KATOTTH_PATTERN, katotth):
        raise ApiInputError(
            "bad_katotth",
            _("“%(code)s” is not a KATOTTH code: UA followed by 17 digits.")
            % {"code": katotth[:40]},
            field="katotth",
        )
    return katotth
