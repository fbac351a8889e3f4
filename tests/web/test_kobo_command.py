"""``hromada kobo import``: a Kobo export into the database from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner, Result

from hromada.cli import main
from hromada.web.surveys.models import Assessment, Response, SurveyImport
from tests.survey_files import export_blob
from tests.web.base import HromadaTestCase

HROMADA = Path(sys.executable).with_name("hromada")


class KoboImportCommandTest(HromadaTestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp())

    def run_import(
        self, blob: bytes, name: str = "export.csv", round_: str = "2026-1"
    ) -> Result:
        path = self.folder / name
        path.write_bytes(blob)
        return CliRunner().invoke(
            main,
            [
                "kobo",
                "import",
                str(path),
                "--community",
                self.community.katotth,
                "--round",
                round_,
            ],
        )

    def test_it_imports_into_a_new_round_and_prints_the_counts(self) -> None:
        result = self.run_import(export_blob(15, xlsx=True), "kobo.xlsx")
        self.assertEqual(result.exit_code, 0, result.output)
        report = json.loads(result.output)
        self.assertEqual(
            (report["rows"], report["imported"], report["duplicates"]), (15, 15, 0)
        )
        self.assertTrue(report["round_created"])
        self.assertEqual(SurveyImport.objects.get().via, "cli")
        again = self.run_import(export_blob(15, xlsx=True), "kobo.xlsx")
        self.assertEqual(json.loads(again.output)["duplicates"], 15)
        self.assertEqual(Response.objects.count(), 15)

    def test_a_refused_file_exits_2_and_writes_nothing_not_even_the_round(self) -> None:
        blob = export_blob(6, change=lambda t: t.assign(_uuid="same"))
        result = self.run_import(blob)
        self.assertEqual(result.exit_code, 2)
        self.assertIn(
            "row 3, column '_uuid': the submission id is repeated", result.stderr
        )
        self.assertIn("(and 4 more problems)", result.stderr)
        self.assertFalse(Assessment.objects.exists())
        self.assertFalse(SurveyImport.objects.exists())

    def test_a_200_megabyte_file_is_refused_before_it_is_read(self) -> None:
        path = self.folder / "huge.csv"
        with path.open("wb") as handle:
            handle.truncate(200_000_000)  # sparse: no disk space, full size
        result = CliRunner().invoke(
            main,
            [
                "kobo",
                "import",
                str(path),
                "--community",
                self.community.katotth,
                "--round",
                "2026-1",
            ],
        )
        self.assertEqual(result.exit_code, 2)
        self.assertIn("larger than 50 MB", result.stderr)
        self.assertFalse(Assessment.objects.exists())

    def test_a_bad_community_or_round_exits_2(self) -> None:
        result = self.run_import(export_blob(3), round_="next")
        self.assertEqual(result.exit_code, 2)
        self.assertIn("--round", result.stderr)
        path = self.folder / "export.csv"
        result = CliRunner().invoke(
            main,
            [
                "kobo",
                "import",
                str(path),
                "--community",
                "UA00000000000000000",
                "--round",
                "2026-1",
            ],
        )
        self.assertEqual(result.exit_code, 2)
        self.assertIn("no community", result.stderr)

    def test_the_installed_script_documents_the_command(self) -> None:
        result = subprocess.run(
            [str(HROMADA), "kobo", "import", "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0)
        self.assertIn("--community", result.stdout)
