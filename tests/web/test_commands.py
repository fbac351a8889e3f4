from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from django.test import TestCase

from hromada.cli import main

HROMADA = Path(sys.executable).with_name("hromada")


class CommandsTest(TestCase):
    def test_the_web_commands_are_registered(self) -> None:
        result = CliRunner().invoke(main, ["--help"])
        self.assertEqual(result.exit_code, 0)
        for command in ("manage", "serve", "demo"):
            self.assertIn(command, result.output)

    def test_manage_passes_everything_to_django(self) -> None:
        result = CliRunner().invoke(main, ["manage", "check", "--tag", "urls"])
        self.assertEqual(result.exit_code, 0, result.output)
        self.assertIn("System check identified no issues", result.output)

    def test_serve_documents_its_options(self) -> None:
        result = subprocess.run(
            [str(HROMADA), "serve", "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0)
        self.assertIn("--port", result.stdout)
