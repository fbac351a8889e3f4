"""The queue of analysis runs: a page or command asks, the worker computes.

Small rounds (at most ``HROMADA_ANALYSIS_INLINE_MAX`` responses) are computed
at once, in the request; larger ones wait for ``hromada manage worker``, which
claims the oldest queued run. Progress is written outside the results'
transaction, so a page polling from another connection sees it move.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from hromada.web.accounts.models import User
from hromada.web.analysis.compute import AnalysisFailed, analysis_compute
from hromada.web.analysis.models import AnalysisRun
from hromada.web.analysis.problems import problem
from hromada.web.surveys.models import Assessment, Response

PENDING = (AnalysisRun.Status.QUEUED, AnalysisRun.Status.RUNNING)
STALE = dt.timedelta(hours=1)
logger = logging.getLogger(__name__)


def analysis_request(*, assessment: Assessment, actor: User | None) -> AnalysisRun:
    """Queue a computation of the round, or return the one already waiting.

    Two clicks on "recompute" must not compute twice: a queued or running run
    already answers the request. A small round is computed before returning.
    """
    run, created = _enqueue(assessment, actor)
    inline_max = settings.HROMADA_ANALYSIS_INLINE_MAX  # 0: always the worker
    responses = Response.objects.for_assessment(assessment).count()
    if created and 0 < inline_max and responses <= inline_max:
        claimed = analysis_run_claim(run)
        if claimed is not None:
            return analysis_run_execute(run=claimed)
    return run


@transaction.atomic
def _enqueue(assessment: Assessment, actor: User | None) -> tuple[AnalysisRun, bool]:
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    # A worker that died mid-run leaves it "running": after STALE it no longer
    # blocks a new request.
    AnalysisRun.objects.filter(
        assessment=assessment,
        status=AnalysisRun.Status.RUNNING,
        started_at__lt=timezone.now() - STALE,
    ).update(
        status=AnalysisRun.Status.FAILED,
        stage="failed",
        problems=[problem("interrupted")],
        finished_at=timezone.now(),
    )
    pending = AnalysisRun.objects.filter(
        assessment=assessment, status__in=PENDING
    ).first()
    if pending is not None:
        return pending, False
    run = AnalysisRun.objects.create(
        assessment=assessment, requested_by=actor, stage="queued"
    )
    return run, True


def analysis_run_now(*, assessment: Assessment, actor: User | None) -> AnalysisRun:
    """Request a run and compute it here whatever the round's size (demo, CLI).

    A run the worker already holds is returned as it is.
    """
    run = analysis_request(assessment=assessment, actor=actor)
    if run.status == AnalysisRun.Status.QUEUED:
        claimed = analysis_run_claim(run)
        if claimed is not None:
            return analysis_run_execute(run=claimed)
    return run


def latest_run(assessment: Assessment) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(assessment=assessment).first()


def analysis_run_claim_next() -> AnalysisRun | None:
    """The oldest queued run, now ``running``; None when nothing waits.

    Where the database can, the row is locked with SKIP LOCKED so two workers
    never wait on each other; the conditional update decides in any case.
    """
    with transaction.atomic():
        queued = AnalysisRun.objects.filter(status=AnalysisRun.Status.QUEUED)
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        run = queued.order_by("requested_at", "pk").first()
        return analysis_run_claim(run) if run is not None else None


def analysis_run_claim(run: AnalysisRun) -> AnalysisRun | None:
    # Two workers (or a worker and a request) may pick the same row; only the
    # update that still finds it queued wins.
    won = AnalysisRun.objects.filter(
        pk=run.pk, status=AnalysisRun.Status.QUEUED
    ).update(status=AnalysisRun.Status.RUNNING, started_at=timezone.now())
    if won != 1:
        return None
    run.refresh_from_db()
    return run


def analysis_run_execute(*, run: AnalysisRun) -> AnalysisRun:
    """Compute a claimed run: ``running`` → ``done`` or ``failed``.

    Never raises for a bad round: the problems are stored on the run and the
    previous results stay as they were.
    """
    if run.status != AnalysisRun.Status.RUNNING:
        run.status, run.started_at = AnalysisRun.Status.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])

    def progress(percent: int, stage: str) -> None:
        AnalysisRun.objects.filter(pk=run.pk).update(progress=percent, stage=stage)

    try:
        computed = analysis_compute(assessment=run.assessment, progress=progress)
    except AnalysisFailed as failed:
        return _finish(run, AnalysisRun.Status.FAILED, failed.problems)
    except Exception:
        logger.exception("analysis run %s failed", run.pk)
        return _finish(run, AnalysisRun.Status.FAILED, [problem("internal_error")])
    run.method_version = computed.method_version
    return _finish(run, AnalysisRun.Status.DONE, computed.problems)


def _finish(
    run: AnalysisRun, status: str, problems: list[dict[str, object]]
) -> AnalysisRun:
    run.refresh_from_db(fields=["progress", "stage"])
    run.status = status
    run.problems = problems
    run.stage = status
    if status == AnalysisRun.Status.DONE:
        run.progress = 100
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "status",
            "problems",
            "stage",
            "progress",
            "finished_at",
            "method_version",
        ]
    )
    return run


def analysis_runs_work() -> int:
    """Execute the queued runs, oldest first, until none is left; how many ran."""
    done = 0
    while (run := analysis_run_claim_next()) is not None:
        analysis_run_execute(run=run)
        done += 1
    return done
