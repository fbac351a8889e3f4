from __future__ import annotations

from django.urls import register_converter

from hromada.web.communities.models import KATOTTH_PATTERN


class KatotthConverter:
    """``<katotth:katotth>``: a malformed code matches no page and so answers 404."""

    regex = KATOTTH_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KatotthConverter, "katotth")
