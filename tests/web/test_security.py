from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import Client, override_settings

import hromada.web.settings as production
from tests.web.base import HromadaTestCase

HROMADA = Path(sys.executable).with_name("hromada")


def production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hromada.example.org",
        DATABASE_URL=f"sqlite:///{tempfile.mkdtemp()}/db.sqlite3",
        HROMADA_DATA_DIR=tempfile.mkdtemp(),
        **extra,
    )
    return env


class DeployCheckTest(HromadaTestCase):
    def test_check_deploy_is_clean_under_production_settings(self) -> None:
        result = subprocess.run(
            [str(HROMADA), "manage", "check", "--deploy", "--fail-level", "WARNING"],
            env=production_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("System check identified no issues", result.stdout)

    def test_production_refuses_to_start_without_a_secret_key(self) -> None:
        env = production_env()
        del env["SECRET_KEY"]
        result = subprocess.run(
            [sys.executable, "-c", "import hromada.web.settings"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY is required when DEBUG is off", result.stderr)

    def test_argon2_hashes_passwords_in_production(self) -> None:
        self.assertEqual(
            production.PASSWORD_HASHERS[0],
            "django.contrib.auth.hashers.Argon2PasswordHasher",
        )
        self.assertTrue(
            production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
        )


class HeadersTest(HromadaTestCase):
    def test_pages_carry_the_security_headers(self) -> None:
        self.login(self.facilitator)
        response = self.client.get("/")
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertNotIn("unsafe", policy)
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_plain_http_is_redirected_except_the_health_check(self) -> None:
        response = self.client.get("/communities/")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].startswith("https://"))
        self.assertEqual(self.client.get("/healthz").status_code, 200)

    def test_a_form_without_its_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.coordinator)
        response = client.post(
            f"/communities/{self.community.katotth}/edit/", {"phase": 8}
        )
        self.assertEqual(response.status_code, 403)
        self.community.refresh_from_db()
        self.assertNotEqual(self.community.phase, 8)

    def test_an_unsafe_api_call_by_session_needs_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.facilitator)
        self.assertEqual(client.delete("/api/v1/auth/token").status_code, 403)


class HealthTest(HromadaTestCase):
    def test_it_reports_the_database(self) -> None:
        response = self.client.get("/healthz")
        self.assertEqual(response.json(), {"status": "ok", "database": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_it_answers_503_when_the_database_does_not(self) -> None:
        from unittest import mock

        from django.db import OperationalError, connection

        with mock.patch.object(
            connection, "cursor", side_effect=OperationalError("down")
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"status": "error", "database": "error"})


class StaticTest(HromadaTestCase):
    def test_the_stylesheet_is_served(self) -> None:
        response = self.client.get("/static/hromada/hromada.css")
        self.addCleanup(response.close)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], 'text/css; charset="utf-8"')
