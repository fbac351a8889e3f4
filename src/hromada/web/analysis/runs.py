"""The queue of analysis runs: a page or command asks, the worker computes."""

from __future__ import annotations

from django.db import transaction

from hromada.web.accounts.models import User
from hromada.web.analysis.models import AnalysisRun
from hromada.web.surveys.models import Assessment

PENDING = (AnalysisRun.Status.QUEUED, AnalysisRun.Status.RUNNING)


@transaction.atomic
def analysis_request(*, assessment: Assessment, actor: User | None) -> AnalysisRun:
    """Queue a computation of the round, or return the one already waiting.

    Two clicks on "recompute" must not compute twice: a queued or running run
    already answers the request.
    """
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    pending = AnalysisRun.objects.filter(
        assessment=assessment, status__in=PENDING
    ).first()
    if pending is not None:
        return pending
    return AnalysisRun.objects.create(assessment=assessment, requested_by=actor)


def latest_run(assessment: Assessment) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(assessment=assessment).first()
