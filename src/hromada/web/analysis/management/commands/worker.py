"""``hromada manage worker``: compute queued analysis runs."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hromada.web.analysis.runs import analysis_runs_work


class Command(BaseCommand):
    help = "Compute queued analysis runs, oldest first; poll until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Compute what is queued now, then exit.",
        )
        parser.add_argument(
            "--sleep",
            type=float,
            default=2.0,
            help="Seconds between polls when nothing is queued (default 2).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            done = analysis_runs_work()
            if done:
                self.stdout.write(f"{done} analysis run(s) computed")
            if options["once"]:
                return
            time.sleep(options["sleep"])
