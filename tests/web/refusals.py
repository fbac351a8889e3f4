"""Which routes have an "outsider is refused" test.

Decorate each refusal test with ``@refuses("namespace:name", ...)``;
``test_url_refusals`` fails when a named route of the URLconf has none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])
REFUSED: set[str] = set()


def refuses(*url_names: str) -> Callable[[F], F]:
    def mark(test: F) -> F:
        REFUSED.update(url_names)
        return test

    return mark
