"""Writes of computed results: a round's results are replaced as a whole."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from hromada.web.analysis.models import Result
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
