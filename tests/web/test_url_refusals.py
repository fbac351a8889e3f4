"""Every named route of the URLconf has an "outsider is refused" test."""

from __future__ import annotations

import importlib
import pkgutil

from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver

import tests.web
from tests.web.refusals import REFUSED

# Public by design: nothing behind them belongs to a community.
PUBLIC = {
    "healthz": "the load balancer's health check",
    "set_language": "the language switch",
    "accounts:login": "the sign-in page",
    "accounts:logout": "signing out",
    "api:api-root": "the API's root",
    "api:openapi-json": "the API's published schema",
    "api:openapi-view": "the API's documentation",
}
# Every admin view passes HromadaAdminSite.admin_view, whose refusal the
# admin:index test checks on the index, a change list and the login view.
GUARDED_PREFIXES = ("admin:",)


def named_routes() -> set[str]:
    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                names |= walk(pattern.url_patterns, inner)
            elif pattern.name:
                names.add(namespace + pattern.name)
        return names

    return walk(get_resolver().url_patterns, "")


class UrlRefusalTest(SimpleTestCase):
    def test_every_route_has_a_refusal_test(self) -> None:
        for module in pkgutil.iter_modules(tests.web.__path__):
            if module.name.startswith("test_"):
                importlib.import_module(f"tests.web.{module.name}")
        routes = {
            name
            for name in named_routes()
            if name not in PUBLIC and not name.startswith(GUARDED_PREFIXES)
        }
        self.assertEqual(
            routes - REFUSED, set(), "add a @refuses test for these routes"
        )
        self.assertEqual(
            REFUSED - routes - {"admin:index"}, set(), "stale @refuses names"
        )
