"""Writes of computed results: a round's results are replaced as a whole."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from hromada.web.analysis.models import Change, Gap, Reliability, Result
from hromada.web.surveys.models import Assessment


@transaction.atomic
def results_replace(
    *, assessment: Assessment, results: Iterable[Result], kinds: Iterable[str]
) -> int:
    """Replace the assessment's results of ``kinds`` by ``results`` (unsaved rows).

    Nothing half-computed is ever visible: the old rows go and the new ones
    arrive in one transaction.
    """
    rows = list(results)
    for row in rows:
        row.assessment = assessment
    Result.objects.for_assessment(assessment).filter(kind__in=list(kinds)).delete()
    Result.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def analysis_replace(
    *,
    assessment: Assessment,
    results: Iterable[Result],
    gaps: Iterable[Gap],
    changes: Iterable[Change],
    reliabilities: Iterable[Reliability],
) -> None:
    """Replace every computed row of the round (unsaved rows) in one transaction.

    A reader sees the old round or the new one, never a mixture: results,
    gaps, changes and reliabilities go and come together.
    """
    tables: list[tuple[type[models.Model], list[Any]]] = [
        (Result, list(results)),
        (Gap, list(gaps)),
        (Change, list(changes)),
        (Reliability, list(reliabilities)),
    ]
    for model, rows in tables:
        for row in rows:
            row.assessment = assessment
        model._default_manager.filter(assessment=assessment).delete()
        model._default_manager.bulk_create(rows, batch_size=500)
