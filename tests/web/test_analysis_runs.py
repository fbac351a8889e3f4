"""Analysis runs: inline for small rounds, queued for the worker, failures stored."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import override

from hromada.web.analysis.models import AnalysisRun, Result
from hromada.web.analysis.problems import describe, stage_label
from hromada.web.analysis.runs import (
    analysis_request,
    analysis_run_claim_next,
    analysis_runs_work,
)
from tests.web.analysis_rounds import imported_round
from tests.web.base import HromadaTestCase


def english(found: dict[str, object]) -> str:
    with override("en"):
        return describe(found)


class InlineTest(HromadaTestCase):
    def test_a_small_round_is_computed_in_the_request(self) -> None:
        assessment = imported_round(self.community, n=40)
        run = analysis_request(assessment=assessment, actor=self.facilitator)
        self.assertEqual(run.status, AnalysisRun.Status.DONE)
        self.assertEqual((run.progress, run.stage), (100, "done"))
        self.assertEqual(run.method_version, "hromada 0.1.0 hromada-default@2026.1")
        self.assertIsNotNone(run.finished_at)
        self.assertEqual(run.requested_by, self.facilitator)
        self.assertTrue(Result.objects.filter(assessment=assessment).exists())
        codes = {p["code"] for p in run.problems}
        self.assertEqual(codes, {"no_expert_ratings", "no_statistics"})
        self.assertTrue(all(p["level"] == "warning" for p in run.problems))

    def test_a_failed_run_says_why_and_writes_nothing(self) -> None:
        assessment = imported_round(self.community, n=7)
        run = analysis_request(assessment=assessment, actor=None)
        self.assertEqual(run.status, AnalysisRun.Status.FAILED)
        self.assertEqual(run.stage, "failed")
        [found] = run.problems
        self.assertIn("7 responses", english(found))
        self.assertFalse(Result.objects.exists())
        with override("en"):
            self.assertEqual(str(stage_label(run.stage)), "failed")
        again = analysis_request(assessment=assessment, actor=None)
        self.assertNotEqual(again.pk, run.pk)


@override_settings(HROMADA_ANALYSIS_INLINE_MAX=20)
class WorkerTest(HromadaTestCase):
    def test_a_large_round_waits_for_the_worker(self) -> None:
        assessment = imported_round(self.community, n=40)
        run = analysis_request(assessment=assessment, actor=None)
        self.assertEqual((run.status, run.stage), (AnalysisRun.Status.QUEUED, "queued"))
        self.assertFalse(Result.objects.exists())
        self.assertEqual(analysis_request(assessment=assessment, actor=None).pk, run.pk)
        out = io.StringIO()
        call_command("worker", "--once", stdout=out)
        self.assertIn("1 analysis run(s) computed", out.getvalue())
        run.refresh_from_db()
        self.assertEqual((run.status, run.progress), (AnalysisRun.Status.DONE, 100))
        self.assertIsNotNone(run.started_at)
        self.assertTrue(Result.objects.filter(assessment=assessment).exists())
        call_command("worker", "--once", stdout=out)
        self.assertEqual(AnalysisRun.objects.count(), 1)

    def test_the_worker_takes_the_oldest_run_first_and_survives_a_failure(
        self,
    ) -> None:
        small = imported_round(self.community, "2025-1", n=5, seed=2)
        large = imported_round(self.community, "2026-1", n=40, seed=3)
        first = AnalysisRun.objects.create(assessment=small)
        second = analysis_request(assessment=large, actor=None)
        claimed = analysis_run_claim_next()
        assert claimed is not None
        self.assertEqual(claimed.pk, first.pk)
        self.assertEqual(claimed.status, AnalysisRun.Status.RUNNING)
        nothing_else = analysis_run_claim_next()
        assert nothing_else is not None
        self.assertEqual(nothing_else.pk, second.pk)
        AnalysisRun.objects.filter(pk=second.pk).update(
            status=AnalysisRun.Status.QUEUED
        )
        AnalysisRun.objects.filter(pk=first.pk).update(status=AnalysisRun.Status.QUEUED)
        self.assertEqual(analysis_runs_work(), 2)
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual(first.status, AnalysisRun.Status.FAILED)
        self.assertEqual(second.status, AnalysisRun.Status.DONE)
        assert first.started_at is not None and second.started_at is not None
        self.assertLess(first.started_at, second.started_at)


class StaleRunTest(HromadaTestCase):
    def test_a_run_left_running_by_a_dead_worker_stops_blocking(self) -> None:
        assessment = imported_round(self.community, n=30)
        stuck = AnalysisRun.objects.create(
            assessment=assessment,
            status=AnalysisRun.Status.RUNNING,
            started_at=timezone.now() - dt.timedelta(hours=2),
        )
        recent = imported_round(self.community, "2025-1", n=30, seed=2)
        busy = AnalysisRun.objects.create(
            assessment=recent,
            status=AnalysisRun.Status.RUNNING,
            started_at=timezone.now(),
        )
        run = analysis_request(assessment=assessment, actor=None)
        self.assertNotEqual(run.pk, stuck.pk)
        self.assertEqual(run.status, AnalysisRun.Status.DONE)
        stuck.refresh_from_db()
        self.assertEqual(stuck.status, AnalysisRun.Status.FAILED)
        self.assertIn("interrupted", english(stuck.problems[0]))
        self.assertEqual(analysis_request(assessment=recent, actor=None).pk, busy.pk)


class AnalyseCommandTest(HromadaTestCase):
    @override_settings(HROMADA_ANALYSIS_INLINE_MAX=0)
    def test_it_computes_a_round_whatever_its_size(self) -> None:
        assessment = imported_round(self.community, n=40)
        out = io.StringIO()
        call_command("analyse", self.community.katotth, "2026-1", stdout=out)
        self.assertIn("hromada-default@2026.1", out.getvalue())
        self.assertTrue(Result.objects.filter(assessment=assessment).exists())

    def test_it_names_an_unknown_round(self) -> None:
        with self.assertRaisesMessage(CommandError, "No round '2030-1'"):
            call_command("analyse", self.community.katotth, "2030-1")

    def test_a_failed_round_fails_the_command(self) -> None:
        imported_round(self.community, n=3)
        err = io.StringIO()
        with override("en"), self.assertRaisesMessage(CommandError, "failed"):
            call_command("analyse", self.community.katotth, "2026-1", stderr=err)
        self.assertIn("3 responses", err.getvalue())
