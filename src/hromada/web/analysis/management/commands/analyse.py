"""``hromada manage analyse KATOTTH ROUND``: recompute one round now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.web.analysis.models import AnalysisRun
from hromada.web.analysis.problems import describe
from hromada.web.analysis.runs import analysis_run_now
from hromada.web.surveys.models import Assessment


class Command(BaseCommand):
    help = "Recompute the results of one assessment round, whatever its size."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("katotth", help="The community's KATOTTH code.")
        parser.add_argument("round", help="The round, such as 2025-1.")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = Assessment.objects.filter(
            community__katotth=options["katotth"], round=options["round"]
        ).first()
        if assessment is None:
            raise CommandError(
                f"No round {options['round']!r} in community {options['katotth']!r}."
            )
        run = analysis_run_now(assessment=assessment, actor=None)
        if run.status in (AnalysisRun.Status.QUEUED, AnalysisRun.Status.RUNNING):
            self.stdout.write(f"{assessment}: being computed by the worker")
            return
        for found in run.problems:
            self.stderr.write(describe(found))
        if run.status != AnalysisRun.Status.DONE:
            raise CommandError(f"The analysis of {assessment} failed.")
        self.stdout.write(f"{assessment}: {run.method_version}")
