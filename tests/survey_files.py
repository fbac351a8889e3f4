"""Kobo-style exports of the default framework for tests: simulated, seeded."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from hromada import core
from hromada.frameworks import framework_text
from hromada.xlsx import workbook_bytes

FRAMEWORK = core.parse_framework(framework_text("default"))


def export_table(
    n: int = 30,
    *,
    seed: int = 1,
    labels: str | None = None,
    settlements: Sequence[core.Settlement] = (),
) -> pd.DataFrame:
    spec = core.SurveySimulation(n=n, seed=seed, settlements=tuple(settlements))
    responses = core.simulate_survey(FRAMEWORK, spec)
    return core.kobo_export_table(
        responses, FRAMEWORK, labels=labels, settlements=settlements
    )


def export_blob(
    n: int = 30,
    *,
    seed: int = 1,
    labels: str | None = None,
    xlsx: bool = False,
    settlements: Sequence[core.Settlement] = (),
    change: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> bytes:
    table = export_table(n, seed=seed, labels=labels, settlements=settlements)
    if change is not None:
        table = change(table)
    if xlsx:
        return workbook_bytes({"data": table})
    return core.export_csv(table).encode("utf-8")
