"""The computation of a round (docs/analysis.md): every cell, gap, change and α.

``analysis_compute`` reads the round's responses, statistics and expert ratings,
hands them to ``hromada.core`` (scores, design-based estimates, contrasts,
change, disclosure control) and replaces the round's results, gaps, changes
and reliabilities in one transaction. It writes nothing until every number is
known: a refused round raises :class:`AnalysisFailed` with its problems and
leaves the previous results as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

import numpy as np
import pandas as pd

from hromada import core
from hromada.web.analysis import indices
from hromada.web.analysis.comparison import (
    changes_compute,
    gaps_compute,
    previous_round,
    records,
)
from hromada.web.analysis.models import ALL, Change, Gap, Reliability, Result
from hromada.web.analysis.problems import DESIGN_WARNINGS, WARNING, problem
from hromada.web.analysis.services import analysis_replace
from hromada.web.risks.services import risk_register_refresh
from hromada.web.surveys.frames import assessment_frame
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment, Settlement

N_MIN = 10
YES_NO = ("yes", "no")
# Subgroup dimensions and their categories in display order (framework D1–D6);
# settlements come from the community's list.
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male", "other"),
    "age_group": ("14_17", "18_29", "30_44", "45_59", "60plus"),
    "idp": YES_NO,
    "veteran_household": YES_NO,
    "disability_household": YES_NO,
    "settlement": (),
}
FLAGS = ("idp", "veteran_household", "disability_household")
# Respondent cells: disclosure control applies to them (statistics.md §7).
RESPONDENT_KINDS = (Result.Kind.SURVEY, Result.Kind.INDEX)

Progress = Callable[[int, str], None]


class AnalysisFailed(Exception):
    """The round cannot be computed; ``problems`` say why (problems.py)."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(", ".join(p["code"] for p in problems))
        self.problems = problems


@dataclass
class Round:
    """One round on its way through the computation."""

    assessment: Assessment
    framework: core.Framework
    frame: pd.DataFrame
    design: core.SurveyDesign
    method_version: str
    categories: dict[str, tuple[str, ...]]
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def dimensions(self) -> list[str]:
        return [d for d in DIMENSIONS if self.frame[d].notna().any()]

    @property
    def survey_codes(self) -> list[str]:
        return [i.code for i in self.framework.survey_indicators()]

    @property
    def share_codes(self) -> list[str]:
        question = self.framework.risk_perception
        return [f"{question.code}/{choice.name}" for choice in question.choices]


@dataclass(frozen=True)
class Computed:
    results: list[Result]
    gaps: list[Gap]
    changes: list[Change]
    reliabilities: list[Reliability]
    problems: list[dict[str, Any]]
    method_version: str


def method_version(framework: core.Framework) -> str:
    """``hromada 0.1.0 hromada-default@2026.1``: the code and the framework."""
    return f"hromada {version('hromada')} {framework.code}@{framework.version}"


def analysis_compute(
    *, assessment: Assessment, progress: Progress | None = None
) -> Computed:
    """Compute the round and replace its results, gaps, changes and α at once.

    ``progress(percent, stage)`` is called between stages (before anything is
    written). Raises :class:`AnalysisFailed` (nothing written) on a round
    that cannot be estimated.
    """
    report = progress or _silent
    computed = analysis_prepare(assessment=assessment, progress=report)
    report(95, "saving")
    analysis_replace(
        assessment=assessment,
        results=computed.results,
        gaps=computed.gaps,
        changes=computed.changes,
        reliabilities=computed.reliabilities,
    )
    after_analysis(assessment)
    return computed


def after_analysis(assessment: Assessment) -> None:
    """The one place where work that follows a finished analysis starts.

    Called once per successful computation, after the new results are
    committed: the risk register takes its perception shares, equity flags,
    trends and evidence links from them.
    """
    risk_register_refresh(assessment=assessment)


def analysis_prepare(*, assessment: Assessment, progress: Progress) -> Computed:
    """Every row of the round, unsaved (``analysis_compute`` saves them)."""
    progress(5, "frame")
    round_ = _round(assessment)
    progress(15, "scores")
    _score(round_)
    progress(30, "estimates")
    results = _estimates(round_)
    progress(45, "indices")
    results += _statistics(round_) + _expert(round_)
    results += indices.derived(round_.framework, results, round_.problems)
    progress(55, "suppression")
    _suppress(round_, results)
    progress(65, "gaps")
    gaps = gaps_compute(round_, results)
    progress(80, "change")
    changes = changes_compute(round_, results, previous_round(assessment))
    progress(88, "reliability")
    reliabilities = _reliabilities(round_)
    stamped: list[Result | Gap | Change] = [*results, *gaps, *changes]
    for row in stamped:
        row.method_version = round_.method_version
    return Computed(
        results, gaps, changes, reliabilities, round_.problems, round_.method_version
    )


def _silent(percent: int, stage: str) -> None:
    del percent, stage


# -- the frame and its design ---------------------------------------------------


def _round(assessment: Assessment) -> Round:
    framework = framework_of(assessment.framework)
    frame = assessment_frame(assessment)
    if len(frame) < N_MIN:
        raise AnalysisFailed(
            [problem("too_few_responses", n=len(frame), minimum=N_MIN)]
        )
    design = _design(assessment, frame)
    frame = _with_groups(frame)
    categories = dict(DIMENSIONS)
    categories["settlement"] = _settlements(assessment, frame)
    return Round(
        assessment, framework, frame, design, method_version(framework), categories
    )


def _design(assessment: Assessment, frame: pd.DataFrame) -> core.SurveyDesign:
    """The declared design, refused when a named column lacks values."""
    checks = (
        ("missing_weight", assessment.weight_column, frame["design_weight"]),
        ("missing_stratum", assessment.strata_column, frame["stratum"]),
        ("missing_psu", assessment.psu_column, frame["psu"]),
    )
    problems = [
        problem(code, count=count, column=column)
        for code, column, values in checks
        if column and (count := int(_missing(values).sum()))
    ]
    if problems:
        raise AnalysisFailed(problems)
    design = core.SurveyDesign(
        weights="weight",
        strata="stratum" if assessment.strata_column else None,
        psu="psu" if assessment.psu_column else None,
        # Routes are numbered per community, not per stratum: a route that
        # crosses two settlements is two PSUs.
        nest=True,
    )
    return design


def _missing(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype(object) == "")


def _with_groups(frame: pd.DataFrame) -> pd.DataFrame:
    """Yes/no flags as the category labels ``yes``/``no`` (NA stays missing)."""
    frame = frame.copy()
    for flag in FLAGS:
        values = frame[flag]
        labels = np.where(values.fillna(False).to_numpy(dtype=bool), "yes", "no")
        frame[flag] = pd.Series(labels, index=frame.index, dtype=object).where(
            values.notna().to_numpy(dtype=bool), None
        )
    for column in ("sex", "age_group", "settlement"):
        frame[column] = frame[column].astype(object).where(~_missing(frame[column]))
    return frame


def _settlements(assessment: Assessment, frame: pd.DataFrame) -> tuple[str, ...]:
    listed = list(
        Settlement.objects.filter(community=assessment.community).values_list(
            "code", flat=True
        )
    )
    seen = sorted(str(v) for v in frame["settlement"].dropna().unique())
    return (*listed, *(code for code in seen if code not in listed))


def _score(round_: Round) -> None:
    """Respondent scores 0–10 per survey indicator, and the index composites."""
    framework, frame = round_.framework, round_.frame
    try:
        scores = {
            code: core.scale_scores(
                frame,
                framework.scale_items(code),
                min_valid=framework.scale_rule.min_valid,
            )
            for code in round_.survey_codes
        }
    except core.InputError as error:
        raise AnalysisFailed([problem("design_error", detail=str(error))]) from error
    scored = pd.concat(
        [
            frame.drop(columns=list(scores), errors="ignore"),
            pd.DataFrame(scores, index=frame.index),
        ],
        axis=1,
    )
    composites = indices.composites(framework, scored)
    round_.frame = pd.concat(
        [scored, pd.DataFrame(composites, index=frame.index)], axis=1
    )


# -- estimates ------------------------------------------------------------------


def _estimates(round_: Round) -> list[Result]:
    """Survey indicators, composites and R1 shares: all, then every group."""
    composites = indices.composite_codes(round_.framework)
    scores = [*round_.survey_codes, *composites]
    shares = round_.share_codes
    tables = []
    groupings: list[list[str] | None] = [None]
    if round_.dimensions:
        groupings.append(round_.dimensions)
    warned: set[str] = set()
    try:
        for by in groupings:
            for estimates in (
                core.survey_estimate(round_.frame, round_.design, scores, by=by),
                core.perception_shares(round_.frame, round_.design, shares, by=by),
            ):
                tables.append(estimates.table)
                warned.update(w.code for w in estimates.warnings)
    except core.InputError as error:
        raise AnalysisFailed([problem("design_error", detail=str(error))]) from error
    # The design's caveats travel with the run, so the page can say why an
    # interval is approximate or missing.
    round_.problems += [
        problem(code, WARNING) for code in DESIGN_WARNINGS if code in warned
    ]
    found = _cells(pd.concat(tables, ignore_index=True))
    kinds = {code: Result.Kind.SURVEY for code in [*round_.survey_codes, *shares]}
    kinds.update({code: Result.Kind.INDEX for code in composites})
    out = []
    groups = _groups(round_)
    for code in [*round_.survey_codes, *composites, *shares]:
        for dimension, category in groups:
            row = found.get((code, dimension, category))
            out.append(_result(code, kinds[code], dimension, category, row))
    return out


def _groups(round_: Round) -> list[tuple[str, str]]:
    groups = [(ALL, "")]
    for dimension in round_.dimensions:
        present = set(round_.frame[dimension].dropna().astype(str))
        known = round_.categories[dimension]
        ordered = [c for c in known if c in present]
        ordered += sorted(present - set(known))
        groups += [(dimension, category) for category in ordered]
    return groups


def _cells(table: pd.DataFrame) -> dict[tuple[str, str, str], dict[str, Any]]:
    out = {}
    for row in records(table):
        grouping = row["grouping"]
        dimension = ALL if grouping is None or _nan(grouping) else str(grouping)
        category = "" if dimension == ALL else str(row["domain"])
        out[(str(row["variable"]), dimension, category)] = row
    return out


def _nan(value: object) -> bool:
    return isinstance(value, float) and np.isnan(value)


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if np.isnan(number) or np.isinf(number) else number


def _result(
    code: str,
    kind: str,
    dimension: str,
    category: str,
    row: dict[str, Any] | None,
) -> Result:
    cell = Result(code=code, kind=kind, dimension=dimension, category=category)
    if row is None:
        return cell
    for name in ("estimate", "se", "ci_low", "ci_high", "df", "deff"):
        setattr(cell, name, _number(row[name]))
    cell.n = int(row["n"])
    return cell


def _statistics(round_: Round) -> list[Result]:
    """T1–T10: the rate of the latest year up to the round's year."""
    from hromada.web.evidence.models import StatisticValue

    codes = [i.code for i in round_.framework.indicators_of("statistics")]
    year = int(round_.assessment.round.split("-")[0])
    figures: dict[str, list[Any]] = {}
    for figure in StatisticValue.objects.filter(
        community=round_.assessment.community, indicator__in=codes
    ).order_by("indicator", "-period"):
        figures.setdefault(figure.indicator, []).append(figure)
    chosen: dict[str, float] = {}
    for code, rows in figures.items():
        # A round never reads a later year, unless only later years exist.
        up_to = [row for row in rows if row.period <= year]
        chosen[code] = float((up_to or rows)[0].rate)
    if not chosen and codes:
        round_.problems.append(problem("no_statistics", WARNING))
    return [
        Result(code=code, kind=Result.Kind.STATISTIC, estimate=chosen[code])
        for code in codes
        if code in chosen
    ]


def _expert(round_: Round) -> list[Result]:
    """E1–E4: the mean of the raters' checklist scores (as the evidence tab)."""
    from hromada.web.evidence.models import ExpertRating

    codes = [i.code for i in round_.framework.indicators_of("expert")]
    ratings = pd.DataFrame(
        list(
            ExpertRating.objects.filter(
                assessment=round_.assessment, indicator__in=codes
            ).values_list("indicator", "score")
        ),
        columns=["indicator", "score"],
    )
    if ratings.empty:
        if codes:
            round_.problems.append(problem("no_expert_ratings", WARNING))
        return []
    combined = ratings.groupby("indicator")["score"]
    means, raters = combined.mean().to_dict(), combined.count().to_dict()
    return [
        Result(
            code=code,
            kind=Result.Kind.EXPERT,
            estimate=float(means[code]),
            n=int(raters[code]),
        )
        for code in codes
        if code in means
    ]


# -- disclosure control -----------------------------------------------------------


def _suppress(round_: Round, results: list[Result]) -> None:
    """Primary and complementary suppression over the respondent cells.

    A derived index whose part is hidden is hidden too (its value and the
    other parts would give the hidden one back), and suppression reruns with
    it forced until nothing more changes.
    """
    cells = [r for r in results if r.kind in RESPONDENT_KINDS]
    index = pd.MultiIndex.from_tuples(
        [(r.code, r.group) for r in cells], names=["code", "group"]
    )
    table = pd.DataFrame({"n": [r.n for r in cells]}, index=index)
    relations = []
    for dimension in round_.dimensions:
        labels = sorted({r.group for r in cells if r.dimension == dimension})
        relations += core.category_relations(index, level="group", categories=labels)
    parts = indices.parts_of(round_.framework)
    force: set[Any] = set()
    while True:
        outcome = core.suppress_cells(table, relations, n_min=N_MIN, force=force)
        hidden = set(outcome.suppressed[outcome.suppressed].index)
        for relation in outcome.unprotected:
            hidden |= set(relation.parts)
        more = {
            (code, group)
            for code, group in table.index
            if any((part, group) in hidden for part in parts.get(code, ()))
        }
        if more <= hidden:
            break
        force = hidden | more
    for cell in cells:
        if (cell.code, cell.group) in hidden:
            cell.suppressed = True
            cell.estimate = cell.se = cell.ci_low = cell.ci_high = None
            cell.df = cell.deff = None


# -- reliability ----------------------------------------------------------------


def _reliabilities(round_: Round) -> list[Reliability]:
    out = []
    for code in round_.survey_codes:
        items = round_.framework.scale_items(code)
        try:
            analysis = core.item_analysis(round_.frame, items)
            alpha, n = _number(analysis.alpha), int(analysis.n_complete)
        except core.InputError:
            alpha, n = None, 0
        out.append(
            Reliability(
                assessment=round_.assessment,
                code=code,
                alpha=alpha,
                items=len(items),
                n=n,
            )
        )
    return out
