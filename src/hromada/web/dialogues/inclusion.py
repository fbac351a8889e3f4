"""Who attended against who lives in the community, as the session page shows it.

``core.inclusion_metrics`` compares attendance shares with the population shares
entered for the community (or the session) and, once an assessment provides
them, the survey's shares (pass ``survey``). Attendance counts are published
cells: counts under 10 are suppressed with their complements; a group nobody
from came is shown as missing (a count of 0 reveals no one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import pandas as pd
from django.db.models import Exists, OuterRef

from hromada import core
from hromada.web.dialogues.groups import (
    CATEGORIES,
    EXPECTED,
    FLAGS,
    Label,
    category_label,
    dimension_label,
)
from hromada.web.dialogues.models import DialogueSession
from hromada.web.dialogues.services import attendance_counts, population_shares
from hromada.web.surveys.models import Assessment, Response

N_MIN = 10
_HEAD = ("all", "all")

# The survey's respondent profile in the dialogue's categories. Only profiles
# that describe the person: the survey asks about a veteran or a person with a
# disability in the household, which is not the share of veterans or disabled
# people a session should be measured against.
SURVEY_PROFILE: dict[str, tuple[str, dict[object, str]]] = {
    "sex": ("sex", {"female": "female", "male": "male"}),
    "age_group": (
        "age_group",
        {
            "14_17": "under_18",
            "18_29": "18_29",
            "30_44": "30_44",
            "45_59": "45_59",
            "60plus": "60_plus",
        },
    ),
    "idp": ("idp", {True: "yes"}),
}


@dataclass(frozen=True, slots=True)
class InclusionRow:
    dimension: Label
    category: Label
    qualified: bool  # the category needs its dimension to be read ("women (sex)")
    n: int | None  # None: suppressed (fewer than 10) or not counted
    suppressed: bool
    share: float | None
    population_share: float | None
    survey_share: float | None
    missing: bool
    under_represented: bool


def inclusion_rows(
    session: DialogueSession,
    *,
    survey: Mapping[tuple[str, str], float] | None = None,
) -> list[InclusionRow]:
    """The inclusion table of a session; empty until attendance is recorded."""
    head = session.head_count()
    counts = attendance_counts(session)
    if not head:
        return []
    table = core.inclusion_metrics(
        _frame(counts, "n"),
        total=head,
        population=_frame(population_shares(session.community, session), "share"),
        survey=None if survey is None else _frame(survey, "share"),
        expected=EXPECTED,
    )
    hidden = suppressed(head, counts)
    return [
        _row(cast(tuple[str, str], key), values, hidden)
        for key, values in table.iterrows()
    ]


def survey_shares(session: DialogueSession) -> dict[tuple[str, str], float]:
    """The weighted shares of the community's latest survey round before the
    session (or its latest at all when none came before), by category.

    Each share is among the respondents who answered that question, weighted
    as the analysis weights them; empty without a round with responses.
    """
    rounds = Assessment.objects.of(session.community).filter(
        Exists(Response.objects.filter(assessment=OuterRef("pk")))
    )
    assessment = rounds.filter(period_end__lte=session.date).first() or rounds.first()
    if assessment is None:
        return {}
    fields = [column for column, _codes in SURVEY_PROFILE.values()]
    answers = pd.DataFrame(
        list(
            Response.objects.for_assessment(assessment).values_list("weight", *fields)
        ),
        columns=["weight", *fields],
    )
    shares: dict[tuple[str, str], float] = {}
    for dimension, (column, codes) in SURVEY_PROFILE.items():
        answered = answers[answers[column].notna() & (answers[column] != "")]
        total = float(answered["weight"].sum())
        if total <= 0:
            continue
        for code, category in codes.items():
            chosen = answered[answered[column] == code]
            shares[(dimension, category)] = float(chosen["weight"].sum()) / total
    return shares


def _frame(values: Mapping[tuple[str, str], float], column: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(d, c, v) for (d, c), v in values.items()],
        columns=["dimension", "category", column],
    )


def suppressed(
    head: int, counts: Mapping[tuple[str, str], int]
) -> set[tuple[str, str]]:
    """The attendance cells not to publish (under 10, and their complements).

    Each counted dimension adds up to the head count with a rest that is never
    shown but can be worked out (sex not known, not displaced): a rest under 10
    is protected like any small cell.
    """
    cells: dict[tuple[str, str], int] = {_HEAD: head}
    relations, rests = [], []
    for dimension in CATEGORIES:
        parts = {k: n for k, n in counts.items() if k[0] == dimension}
        if not parts:
            continue
        rest = (dimension, "_rest")
        cells |= parts
        cells[rest] = max(head - sum(parts.values()), 0)
        rests.append(rest)
        relations.append(core.Relation(_HEAD, (*parts, rest)))
    table = pd.DataFrame(
        {"n": list(cells.values())},
        index=pd.MultiIndex.from_tuples(list(cells)),
    )
    hidden = core.suppress_cells(table, relations, n_min=N_MIN).suppressed
    return {key for key in cells if hidden[key] and key not in (_HEAD, *rests)}


def _row(
    key: tuple[str, str], values: pd.Series, hidden: set[tuple[str, str]]
) -> InclusionRow:
    dimension, category = key
    counted = not pd.isna(values["n"])
    n = int(values["n"]) if counted else None
    is_hidden = key in hidden and n != 0
    return InclusionRow(
        dimension=dimension_label(dimension),
        category=category_label(dimension, category),
        qualified=dimension not in FLAGS,
        n=None if is_hidden else n,
        suppressed=is_hidden,
        share=None if is_hidden or not counted else float(values["share"]),
        population_share=_optional(values["population_share"]),
        survey_share=_optional(values["survey_share"]),
        missing=bool(values["missing"]),
        under_represented=bool(values["under_represented"]) and not is_hidden,
    )


def _optional(value: float) -> float | None:
    return None if pd.isna(value) else float(value)
