from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from hromada.web.env import env_bool, env_int, env_list, env_secret, env_str


class EnvTest(SimpleTestCase):
    def test_it_reads_booleans_strictly(self) -> None:
        with mock.patch.dict(os.environ, {"FLAG": "True"}):
            self.assertIs(env_bool("FLAG", False), True)
        with mock.patch.dict(os.environ, {"FLAG": "False"}):
            self.assertIs(env_bool("FLAG", True), False)
        self.assertIs(env_bool("HROMADA_UNSET_FLAG", True), True)
        with mock.patch.dict(os.environ, {"FLAG": "yes"}):
            with self.assertRaisesMessage(
                ImproperlyConfigured, "FLAG must be True or False"
            ):
                env_bool("FLAG", False)

    def test_it_reads_numbers_strings_and_lists(self) -> None:
        with mock.patch.dict(os.environ, {"N": "12", "S": "x", "L": "a.org, b.org,"}):
            self.assertEqual(env_int("N", 1), 12)
            self.assertEqual(env_str("S", "y"), "x")
            self.assertEqual(env_list("L", []), ["a.org", "b.org"])
        with mock.patch.dict(os.environ, {"N": "twelve"}):
            with self.assertRaisesMessage(
                ImproperlyConfigured, "N must be a whole number"
            ):
                env_int("N", 1)

    def test_a_secret_may_come_from_a_file(self) -> None:
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".key", delete=False) as f:
            f.write("from-a-file\n")
        self.addCleanup(Path(f.name).unlink)
        with mock.patch.dict(os.environ, {"TOKEN_FILE": f.name}):
            self.assertEqual(env_secret("TOKEN"), "from-a-file")
        with mock.patch.dict(os.environ, {"TOKEN_FILE": "/nonexistent/key"}):
            with self.assertRaisesMessage(
                ImproperlyConfigured, "TOKEN_FILE: cannot read"
            ):
                env_secret("TOKEN")
        self.assertIsNone(env_secret("HROMADA_UNSET_SECRET"))

    def test_redis_url_selects_the_shared_cache(self) -> None:
        code = "import hromada.web.settings as s; print(s.CACHES['default']['BACKEND'])"
        env = {**os.environ, "DEBUG": "True", "REDIS_URL": "redis://127.0.0.1:6379/0"}
        out = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.assertEqual(out.strip(), "django.core.cache.backends.redis.RedisCache")
