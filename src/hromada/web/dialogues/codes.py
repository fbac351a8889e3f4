"""Session codes: short, unambiguous, case-insensitive, and slow to guess.

A code is six characters from an alphabet without the look-alikes 0/O, 1/I/L
and U/V (29 letters and digits: 595 million codes). Failed look-ups are counted per
client address (as django-axes resolves it, so one proxy setting serves both);
past ``HROMADA_CODE_FAILURE_LIMIT`` in 10 minutes every look-up from that address
is refused until the window ends, so codes cannot be found by trying them.
"""

from __future__ import annotations

import re
import secrets

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
LENGTH = 6
FAILURE_WINDOW = 10 * 60  # seconds
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str:
    """What the person typed, as stored: upper case, separators removed."""
    return _SEPARATORS.sub("", raw).upper()[: LENGTH * 2]


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def _key(request: HttpRequest) -> str:
    address = get_client_ip_address(request) or "unknown"
    return f"dialogues:code-failures:{address}"


def is_throttled(request: HttpRequest) -> bool:
    limit: int = settings.HROMADA_CODE_FAILURE_LIMIT
    return int(cache.get(_key(request), 0)) >= limit


def record_failure(request: HttpRequest) -> None:
    key = _key(request)
    # add() starts the window; incr() keeps its expiry.
    if not cache.add(key, 1, FAILURE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, FAILURE_WINDOW)
