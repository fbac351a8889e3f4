"""A 100,000-submission Kobo XLSX export imported into an assessment.

Hromada's import (python-calamine reads the sheet; the core maps headers and
answers column by column, checks every cell and version; the service writes the
responses with ``bulk_create``) against the baseline a script would write:
``pandas.read_excel`` (openpyxl) and a ``bulk_create`` of the same responses,
with no checks at all. Both run on the same seeded file, into the same SQLite
database, and must store the same answers.

    .venv/bin/python benchmarks/kobo_import.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROWS, SEED = 100_000, 20261125


def setup_django(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hromada.web.settings"
    os.environ["HROMADA_DATA_DIR"] = str(folder)
    os.environ.setdefault("DEBUG", "True")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["HROMADA_IMPORT_MAX_BYTES"] = str(500_000_000)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_export(rows: int) -> bytes:
    from hromada import core
    from hromada.frameworks import framework_text
    from hromada.xlsx import workbook_bytes

    framework = core.parse_framework(framework_text("default"))
    spec = core.SurveySimulation(n=rows, seed=SEED)
    table = core.kobo_export_table(core.simulate_survey(framework, spec), framework)
    return workbook_bytes({"Hromada survey": table})


def hromada_import(blob: bytes, assessment: object) -> int:
    from hromada.web.surveys import services
    from hromada.web.surveys.models import SurveyImport

    outcome = services.survey_import_create(
        assessment=assessment,  # type: ignore[arg-type]
        blob=blob,
        file_name="bench.xlsx",
        actor=None,
        via=SurveyImport.Via.CLI,
    )
    assert not outcome.refused, outcome.problems[:3]
    assert outcome.survey_import is not None
    return outcome.survey_import.imported


def baseline_import(blob: bytes, assessment: object) -> int:
    """pandas.read_excel, then the rows as responses: no checks, no pseudonyms."""
    from hromada.web.surveys.models import Response, SurveyImport

    frame = pd.read_excel(
        io.BytesIO(blob), engine="openpyxl", dtype=str, keep_default_na=False
    )
    record = SurveyImport.objects.create(
        assessment=assessment,
        file_name="baseline.xlsx",
        sha256="-",
        size=len(blob),
        file_format="xlsx",
        form_version="-",
        rows=len(frame),
        imported=len(frame),
        duplicates=0,
        via=SurveyImport.Via.CLI,
    )
    scores = {"yes": 1.0, "no": 0.0, "dk": None, "pna": None, "": None}
    items = [c for c in frame.columns if c.startswith(("safety/", "community/"))]
    objects = []
    for row in frame.to_dict("records"):
        answers: dict[str, object] = {}
        for column in items:
            text = row[column]
            value = scores[text] if text in scores else float(text)
            if value is not None:
                answers[column.split("/")[-1]] = value
        answers["R1"] = row["risks/R1"].split()
        objects.append(
            Response(
                assessment=assessment,
                survey_import=record,
                respondent=row["_uuid"][:32],
                sex=row["profile/D1"],
                age_group=row["profile/D2"],
                settlement=row["profile/D6"],
                answers=answers,
            )
        )
    Response.objects.bulk_create(objects, batch_size=2000)
    return len(objects)


def item_sums(assessment: object) -> pd.Series:
    from hromada.web.surveys.models import Response

    answers = Response.objects.filter(assessment=assessment).values_list(
        "answers", flat=True
    )
    frame = pd.DataFrame.from_records(list(answers))
    return frame.drop(columns=["R1", "D7", "PSU", "O1"], errors="ignore").sum()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=ROWS)
    rows = parser.parse_args().rows
    folder = Path(tempfile.mkdtemp(prefix="hromada-bench-"))
    setup_django(folder)
    from hromada.web.communities.models import Community
    from hromada.web.surveys import services
    from hromada.web.surveys.frameworks import default_version

    started = time.perf_counter()
    blob = make_export(rows)
    print(
        f"export: {rows:,} submissions, {len(blob) / 1e6:.1f} MB XLSX, "
        f"made in {time.perf_counter() - started:.1f} s"
    )
    community = Community.objects.get(katotth="UA14120210000056793")
    ours_round, theirs_round = (
        services.assessment_create(
            community=community, round=name, framework=default_version(), actor=None
        )
        for name in ("2026-1", "2026-2")
    )
    started = time.perf_counter()
    imported = hromada_import(blob, ours_round)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    baseline = baseline_import(blob, theirs_round)
    theirs = time.perf_counter() - started
    assert imported == baseline == rows
    mine, reference = item_sums(ours_round), item_sums(theirs_round)
    pd.testing.assert_series_equal(
        mine.sort_index(), reference.sort_index(), check_names=False
    )
    print(f"hromada import (calamine, checks, pseudonyms, bulk insert): {ours:6.1f} s")
    print(f"pandas.read_excel + bulk insert, no checks:             {theirs:6.1f} s")
    print(f"speed-up: {theirs / ours:.1f}x (target >= 3x)")
    print(
        f"answers agree: {len(mine)} item sums, {int(np.sum(mine.to_numpy()))} in all"
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
