"""Every UI string is in both catalogues, translated, and compiled."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

import hromada.web

WEB = Path(hromada.web.__file__).parent
LANGUAGES = ("uk", "en")
_ENTRY = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$')


def read_po(path: Path) -> dict[str, dict[str, str]]:
    """msgid → {field: text} for every entry; "#, fuzzy" becomes a field too."""
    entries: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    field = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if "msgid" in current:
                entries[current["msgid"]] = current
            current, field = {}, ""
        elif line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = "yes"
        elif match := _ENTRY.match(line):
            field = match.group(1)
            current[field] = _unquote(match.group(2))
        elif line.startswith('"') and field:
            current[field] += _unquote(line[1:-1])
    entries.pop("", None)  # the header
    return entries


def _unquote(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def catalogue(language: str) -> Path:
    return WEB / "locale" / language / "LC_MESSAGES" / "django.po"


class CatalogueTest(SimpleTestCase):
    def test_every_message_is_translated(self) -> None:
        for language in LANGUAGES:
            for msgid, entry in read_po(catalogue(language)).items():
                with self.subTest(language=language, msgid=msgid):
                    self.assertNotIn("fuzzy", entry)
                    texts = [v for k, v in entry.items() if k.startswith("msgstr")]
                    self.assertTrue(texts and all(texts), "no translation")
                    for text in texts:
                        self.assertEqual(_placeholders(text), _placeholders(msgid))

    def test_the_compiled_catalogues_match_the_sources(self) -> None:
        for language in LANGUAGES:
            path = catalogue(language)
            with open(path.with_suffix(".mo"), "rb") as f:
                compiled = gettext.GNUTranslations(f)
            for msgid, entry in read_po(path).items():
                with self.subTest(language=language, msgid=msgid):
                    if "msgid_plural" in entry:
                        got = compiled.ngettext(msgid, entry["msgid_plural"], 1)
                        self.assertEqual(got, entry["msgstr[0]"])
                    else:
                        self.assertEqual(compiled.gettext(msgid), entry["msgstr"])

    def test_every_string_in_the_code_is_in_the_catalogues(self) -> None:
        """Extract the strings afresh (as `make messages` does) and compare."""
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "web"
            shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__"))
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "django",
                    "makemessages",
                    "--locale",
                    "uk",
                    "--no-obsolete",
                    "--no-location",
                    "--settings",
                    "tests.settings",
                ],
                cwd=copy,
                env=_env(),
                check=True,
                capture_output=True,
            )
            extracted = set(read_po(copy / "locale/uk/LC_MESSAGES/django.po"))
        committed = set(read_po(catalogue("uk")))
        self.assertEqual(extracted - committed, set(), "run `make messages`")
        self.assertEqual(committed - extracted, set(), "obsolete: run `make messages`")


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)s", text))


def _env() -> dict[str, str]:
    import os

    root = Path(__file__).resolve().parents[2]
    return {**os.environ, "PYTHONPATH": str(root)}
