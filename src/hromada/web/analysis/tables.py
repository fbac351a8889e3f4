"""What the analysis tab shows, read from the stored rows of a round.

Nothing here computes a statistic: the worker stored every estimate, interval,
gap and change; this module groups them by the framework, adds the network's
figures (plain means and ranges of other communities' stored estimates) and
labels them in the page's language.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hromada import core
from hromada.web.analysis.models import (
    ALL,
    AnalysisRun,
    Change,
    Gap,
    Reliability,
    Result,
)
from hromada.web.analysis.runs import latest_run
from hromada.web.communities.models import Community
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment, Settlement

# Scores on 0–10: survey indicators, expert ratings and the indices.
SCORED = (Result.Kind.SURVEY, Result.Kind.EXPERT, Result.Kind.INDEX)
PERCEPTION = "R1/"
NETWORK_MIN = 3  # other communities needed before the network's figures show
ALPHA_MIN = 0.6
# Subgroup dimensions and the profile question whose choices name their groups.
DIMENSIONS: dict[str, str | None] = {
    "sex": "D1",
    "age_group": "D2",
    "idp": "D3",
    "veteran_household": "D4",
    "disability_household": "D5",
    "settlement": None,  # the community's settlement list (D6)
}


# How a statistic's value reads (the framework's ``UNITS``).
UNIT_WORDS: dict[str, str | Promise] = {
    "per_10000": _("per 10,000 residents"),
    "per_1000": _("per 1,000 residents"),
    "per_100": _("per 100 residents"),
    "percent": _("per cent"),
    "minutes": pgettext_lazy("unit of time", "minutes"),
}


def unit_of(code: str, framework: core.Framework) -> str:
    indicator = framework.indicators.get(code)
    if indicator is None or indicator.unit is None:
        return ""
    return str(UNIT_WORDS.get(indicator.unit, indicator.unit))


def language() -> str:
    return "en" if (get_language() or "uk").startswith("en") else "uk"


def is_scored(code: str, framework: core.Framework) -> bool:
    """Whether a code's estimates lie on the 0–10 scale."""
    if code.startswith(PERCEPTION):
        return False
    if code in framework.indicators:
        return framework.indicators[code].source in ("survey", "expert", "audit")
    return any(index.code == code for index in framework.indices)


def name_of(code: str, framework: core.Framework) -> str:
    """An indicator's, index's or catalogue risk's name in the page's language."""
    lang = language()
    if code in framework.indicators:
        return framework.indicators[code].label.text(lang)
    for index in framework.indices:
        if index.code == code:
            return index.label.text(lang)
    if code.startswith(PERCEPTION):
        risk = code.removeprefix(PERCEPTION)
        for item in framework.risks:
            if item.code == risk:
                return item.label.text(lang)
    return code


def polarity_of(code: str, framework: core.Framework) -> int:
    if code in framework.indicators:
        return framework.indicators[code].polarity
    # The conflict potential grows with trouble; the other indices with safety.
    return -1 if code == "CPI" else 1


def rounds(community: Community) -> list[Assessment]:
    """Every round of the community, newest first, ``analysed`` annotated."""
    return list(
        Assessment.objects.of(community)
        .annotate(analysed=Exists(Result.objects.filter(assessment=OuterRef("pk"))))
        .select_related("framework")
        .order_by("-round")
    )


def chosen_round(community: Community, wanted: str | None) -> Assessment | None:
    """The round asked for, else the newest analysed one, else the newest."""
    every = rounds(community)
    if wanted:
        return next((a for a in every if a.round == wanted), None)
    return next((a for a in every if analysed(a)), every[0] if every else None)


def analysed(assessment: Assessment) -> bool:
    """Whether ``rounds`` found results for the round."""
    return bool(getattr(assessment, "analysed", False))


def latest_analysed(exclude: Community | None = None) -> QuerySet[Assessment]:
    """Each community's newest round with results."""
    newest = (
        Assessment.objects.filter(
            community=OuterRef("community"),
            results__isnull=False,
        )
        .order_by("-round")
        .values("pk")[:1]
    )
    found = Assessment.objects.filter(pk=Subquery(newest))
    if exclude is not None:
        found = found.exclude(community=exclude)
    return found


def network_averages(community: Community) -> dict[str, tuple[float, int]]:
    """Code → (mean overall estimate, communities) over the newest analysed
    round of every other community; only codes with ``NETWORK_MIN`` of them."""
    rows = (
        Result.objects.filter(
            assessment__in=latest_analysed(exclude=community),
            dimension=ALL,
            suppressed=False,
            estimate__isnull=False,
        )
        .values("code")
        .annotate(
            mean=Avg("estimate"),
            communities=Count("assessment__community", distinct=True),
        )
        .filter(communities__gte=NETWORK_MIN)
    )
    return {row["code"]: (row["mean"], row["communities"]) for row in rows}


@dataclass
class Row:
    """One indicator of the round's table."""

    code: str
    name: str
    result: Result | None
    scored: bool
    polarity: int
    change: Change | None = None
    network: float | None = None
    network_n: int = 0
    reliability: Reliability | None = None
    unit: str = ""

    @property
    def shown(self) -> bool:
        return (
            self.result is not None
            and not self.result.suppressed
            and self.result.estimate is not None
        )

    @property
    def unreliable(self) -> bool:
        alpha = self.reliability.alpha if self.reliability else None
        return alpha is not None and alpha < ALPHA_MIN

    @property
    def percent(self) -> float | None:
        """A perception share as a percentage."""
        if not self.shown or self.result is None or self.result.estimate is None:
            return None
        return self.result.estimate * 100


@dataclass
class Section:
    code: str
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Overview:
    """The round's results laid out as the tab shows them."""

    assessment: Assessment
    framework: core.Framework
    sections: list[Section]
    perceptions: list[Row]
    run: AnalysisRun | None
    computed: AnalysisRun | None  # the newest finished run, if any

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]

    @property
    def empty(self) -> bool:
        return not any(row.result for row in self.rows) and not self.perceptions


def overview(assessment: Assessment) -> Overview:
    framework = framework_of(assessment.framework)
    lang = language()
    results = {r.code: r for r in Result.objects.for_assessment(assessment).overall()}
    changes = {
        c.code: c for c in Change.objects.filter(assessment=assessment, dimension=ALL)
    }
    alphas = {r.code: r for r in Reliability.objects.filter(assessment=assessment)}
    network = network_averages(assessment.community)

    def row(code: str) -> Row:
        mean, contributing = network.get(code, (None, 0))
        name = name_of(code, framework)
        unit = unit_of(code, framework)
        return Row(
            code=code,
            name=name,
            result=results.get(code),
            scored=is_scored(code, framework),
            polarity=polarity_of(code, framework),
            change=changes.get(code),
            network=mean,
            network_n=contributing,
            reliability=alphas.get(code),
            unit="" if unit in name else unit,  # "shelter places per 100 residents"
        )

    sections = []
    placed: set[str] = set()
    for domain in framework.domains:
        codes = [c for c in domain.indicators if c in results]
        placed.update(codes)
        if codes:
            sections.append(
                Section(domain.code, domain.label.text(lang), [row(c) for c in codes])
            )
    indices = [i.code for i in framework.indices if i.code in results]
    placed.update(indices)
    if indices:
        sections.append(Section("indices", "", [row(c) for c in indices]))
    perceptions = sorted(
        (row(c) for c in results if c.startswith(PERCEPTION)),
        key=lambda r: (
            -(r.result.estimate or 0) if r.shown and r.result else 1,
            r.code,
        ),
    )
    placed.update(r.code for r in perceptions)
    rest = sorted(c for c in results if c not in placed)
    if rest:
        sections.append(Section("other", "", [row(c) for c in rest]))
    run = latest_run(assessment)
    computed = AnalysisRun.objects.filter(
        assessment=assessment, status=AnalysisRun.Status.DONE
    ).first()
    return Overview(assessment, framework, sections, perceptions, run, computed)


# Subgroups ----------------------------------------------------------------


@dataclass
class Group:
    category: str
    label: str


def groups_of(
    dimension: str, assessment: Assessment, present: Iterable[str]
) -> list[Group]:
    """The dimension's groups in the form's order, labelled; categories the
    form does not know (a renamed settlement) follow under their code."""
    lang = language()
    framework = framework_of(assessment.framework)
    known: list[Group] = []
    question = DIMENSIONS.get(dimension)
    if question is not None:
        for choice in framework.question(question).choices:
            if not choice.missing:
                known.append(Group(choice.name, choice.label.text(lang)))
    else:
        for settlement in Settlement.objects.filter(community=assessment.community):
            name = settlement.name_en if lang == "en" and settlement.name_en else None
            known.append(Group(settlement.code, name or settlement.name_uk))
        other = next(
            (q.other for q in framework.profile if q.kind == "settlement" and q.other),
            None,
        )
        if other is not None:
            known.append(Group(other.name, other.label.text(lang)))
    present = set(present)
    ordered = [g for g in known if g.category in present]
    codes = {g.category for g in known}
    ordered += [Group(c, c) for c in sorted(present - codes)]
    return ordered


@dataclass
class SubgroupRow:
    code: str
    name: str
    scored: bool
    cells: list[Result | None]
    gaps: list[Gap]

    @property
    def share(self) -> bool:
        return self.code.startswith(PERCEPTION)


def subgroup_table(
    assessment: Assessment, dimension: str
) -> tuple[list[Group], list[SubgroupRow]]:
    framework = framework_of(assessment.framework)
    cells: dict[str, dict[str, Result]] = defaultdict(dict)
    for result in Result.objects.for_assessment(assessment).filter(dimension=dimension):
        cells[result.code][result.category] = result
    gaps: dict[str, list[Gap]] = defaultdict(list)
    for gap in Gap.objects.filter(assessment=assessment, dimension=dimension):
        gaps[gap.code].append(gap)
    categories = {c for by_category in cells.values() for c in by_category}
    groups = groups_of(dimension, assessment, categories)
    order = _code_order(framework)
    rows = [
        SubgroupRow(
            code,
            name_of(code, framework),
            is_scored(code, framework),
            [cells[code].get(g.category) for g in groups],
            gaps.get(code, []),
        )
        for code in sorted(cells, key=lambda c: (order.get(c, len(order)), c))
    ]
    return groups, rows


def _code_order(framework: core.Framework) -> dict[str, int]:
    codes = [c for d in framework.domains for c in d.indicators]
    codes += [i.code for i in framework.indices]
    codes += [PERCEPTION + r.code for r in framework.risks]
    return {code: position for position, code in enumerate(codes)}


# Comparison ---------------------------------------------------------------


@dataclass
class NetworkRow:
    code: str
    name: str
    scored: bool
    own: float | None
    low: float | None = None
    median: float | None = None
    high: float | None = None
    communities: int = 0
    rank: int | None = None  # 1 = best in the network, by the indicator's polarity


def network_comparison(assessment: Assessment) -> list[NetworkRow]:
    """Per code, the community's value beside the network's range over every
    other community's newest analysed round (shown with ``NETWORK_MIN``)."""
    framework = framework_of(assessment.framework)
    own: dict[str, float] = {
        r.code: r.estimate
        for r in Result.objects.for_assessment(assessment)
        .overall()
        .published()
        .exclude(code__startswith=PERCEPTION)
        if r.estimate is not None
    }
    others: dict[str, list[float]] = defaultdict(list)
    for code, estimate in Result.objects.filter(
        assessment__in=latest_analysed(exclude=assessment.community),
        dimension=ALL,
        suppressed=False,
        estimate__isnull=False,
        code__in=list(own),
    ).values_list("code", "estimate"):
        if estimate is not None:
            others[code].append(estimate)
    order = _code_order(framework)
    rows = []
    for code in sorted(own, key=lambda c: (order.get(c, len(order)), c)):
        value = own[code]
        row = NetworkRow(
            code, name_of(code, framework), is_scored(code, framework), value
        )
        values = others.get(code, [])
        if len(values) >= NETWORK_MIN:
            row.low, row.high = min(values), max(values)
            row.median = statistics.median(values)
            row.communities = len(values)
            if value is not None:
                sign = polarity_of(code, framework) or 1
                row.rank = 1 + sum(1 for v in values if sign * v > sign * value)
        rows.append(row)
    return rows


@dataclass
class HistoryRow:
    code: str
    name: str
    scored: bool
    polarity: int
    cells: list[tuple[Result | None, Change | None]]


def history(community: Community) -> tuple[list[Assessment], list[HistoryRow]]:
    """The community's analysed rounds, oldest first, and each code across them
    with the change verdict against the round before."""
    done = [a for a in reversed(rounds(community)) if analysed(a)]
    if not done:
        return [], []
    framework = framework_of(done[-1].framework)
    results: dict[tuple[str, int], Result] = {
        (r.code, r.assessment_id): r
        for r in Result.objects.filter(assessment__in=done, dimension=ALL).exclude(
            code__startswith=PERCEPTION
        )
    }
    changes: dict[tuple[str, int], Change] = {
        (c.code, c.assessment_id): c
        for c in Change.objects.filter(assessment__in=done, dimension=ALL)
    }
    order = _code_order(framework)
    codes = sorted({code for code, _ in results}, key=lambda c: (order.get(c, 999), c))
    rows = [
        HistoryRow(
            code,
            name_of(code, framework),
            is_scored(code, framework),
            polarity_of(code, framework),
            [(results.get((code, a.pk)), changes.get((code, a.pk))) for a in done],
        )
        for code in codes
    ]
    return done, rows
