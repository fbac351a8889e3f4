"""Gaps between groups (statistics.md §1.4, §10) and change between rounds (§6)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from hromada import core
from hromada.web.analysis.models import ALL, Change, Gap, Result
from hromada.web.analysis.problems import WARNING, problem
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment

if TYPE_CHECKING:
    from hromada.web.analysis.compute import Round

# Vulnerable groups, each against the rest of the community.
VULNERABLE = (
    ("idp", "yes"),
    ("veteran_household", "yes"),
    ("disability_household", "yes"),
    ("sex", "female"),
    ("age_group", "18_29"),
    ("age_group", "60plus"),
)
N_MIN = 10
# A change qualifies from 0.5 on a 0–10 scale (SCORE) or 10 points of a share.
SCORE_THRESHOLD = 0.5
SHARE_THRESHOLD = 0.10
VERDICTS = {
    "change": Change.Verdict.CHANGE,
    "small_change": Change.Verdict.SMALL,
    "unclear": Change.Verdict.UNCLEAR,
    "no_detectable_change": Change.Verdict.NONE,
}


def _polarity(framework: core.Framework, code: str) -> int:
    """+1 when higher is better; shares of R1 name problems, so higher is worse."""
    if code in framework.indicators:
        return framework.indicators[code].polarity
    return 1 if any(index.code == code for index in framework.indices) else -1


# -- gaps -------------------------------------------------------------------------


def gaps_compute(round_: Round, results: Sequence[Result]) -> list[Gap]:
    """Each vulnerable group against the rest, for every score with a design SE."""
    from hromada.web.analysis.indices import composite_codes

    hidden = {(r.code, r.group) for r in results if r.suppressed}
    scores = [*round_.survey_codes, *composite_codes(round_.framework)]
    out: list[Gap] = []
    for dimension, category in VULNERABLE:
        members = round_.frame[dimension] == category
        if dimension not in round_.dimensions or not members.any():
            continue
        tables = [
            _contrast(round_, variables, dimension, category)
            for variables in (scores, round_.share_codes)
        ]
        for row in records(pd.concat(tables, ignore_index=True)):
            group = f"{dimension}:{category}"
            out.append(
                _gap(
                    round_, row, dimension, category, (row["variable"], group) in hidden
                )
            )
    return out


def _contrast(
    round_: Round, variables: Sequence[str], dimension: str, category: str
) -> pd.DataFrame:
    return core.survey_contrast(
        round_.frame,
        round_.design,
        list(variables),
        between=dimension,
        first=category,
    ).table


def _gap(
    round_: Round, row: dict[str, Any], dimension: str, category: str, hidden: bool
) -> Gap:
    code = str(row["variable"])
    gap = Gap(
        code=code,
        dimension=dimension,
        category=category,
        n_group=int(row["n_first"]),
        n_rest=int(row["n_second"]),
    )
    gap.suppressed = hidden or gap.n_group < N_MIN or gap.n_rest < N_MIN
    if gap.suppressed:
        return gap
    numbers = {
        "estimate_group": row["estimate_first"],
        "estimate_rest": row["estimate_second"],
        "difference": row["difference"],
        "se": row["se"],
        "ci_low": row["ci_low"],
        "ci_high": row["ci_high"],
        "p_value": row["p_value"],
    }
    for name, value in numbers.items():
        setattr(gap, name, _number(value))
    if (
        gap.difference is not None
        and gap.ci_low is not None
        and gap.ci_high is not None
    ):
        gap.significant = gap.ci_low > 0 or gap.ci_high < 0
        polarity = _polarity(round_.framework, code)
        gap.worse = gap.difference * polarity < 0
    return gap


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]


def _number(value: Any) -> float | None:
    number = float(value)
    return None if pd.isna(number) else number


# -- change -----------------------------------------------------------------------


def round_key(round_: str) -> tuple[int, int]:
    year, _, number = round_.partition("-")
    return int(year), int(number or 0)


def previous_round(assessment: Assessment) -> Assessment | None:
    """The community's latest earlier round that has results."""
    key = round_key(assessment.round)
    earlier = [
        other
        for other in Assessment.objects.of(assessment.community)
        .exclude(pk=assessment.pk)
        .filter(results__isnull=False)
        .distinct()
        .select_related("framework")
        if round_key(other.round) < key
    ]
    return max(earlier, key=lambda a: round_key(a.round), default=None)


def changes_compute(
    round_: Round, results: Sequence[Result], previous: Assessment | None
) -> list[Change]:
    """Change of every cell published in both rounds that has a design SE."""
    if previous is None:
        return []
    before = framework_of(previous.framework)
    blocked = _not_comparable(before, round_.framework)
    out = [
        Change(previous=previous, code=code, verdict=Change.Verdict.NOT_COMPARABLE)
        for code in blocked
    ]
    if blocked:
        round_.problems.append(
            problem(
                "not_comparable",
                WARNING,
                previous=previous.round,
                before=f"{before.code}@{before.version}",
                after=f"{round_.framework.code}@{round_.framework.version}",
                indicators=", ".join(blocked),
            )
        )
    first = _table(Result.objects.for_assessment(previous), blocked)
    second = _table(results, blocked)
    shares = set(round_.share_codes)
    for is_share, threshold in ((False, SCORE_THRESHOLD), (True, SHARE_THRESHOLD)):
        pick = first["variable"].isin(shares) == is_share
        keep = second["variable"].isin(shares) == is_share
        if not pick.any() or not keep.any():
            continue
        table = core.change_independent(first[pick], second[keep], threshold=threshold)
        out += [_change(previous, row) for row in records(table)]
    return out


def _not_comparable(before: core.Framework, after: core.Framework) -> list[str]:
    """Indicators (and the indices made of them) whose items or scales differ."""
    blocked = [
        indicator.code
        for indicator in after.survey_indicators()
        if indicator.code in before.indicators
        and (
            before.indicators[indicator.code].source != "survey"
            or before.scale_items(indicator.code) != after.scale_items(indicator.code)
            or before.indicators[indicator.code].polarity != indicator.polarity
        )
    ]
    for index in after.indices:
        codes = {code for part in index.parts for code in part.indicators}
        if codes & set(blocked):
            blocked.append(index.code)
    return blocked


def _table(cells: Any, blocked: Sequence[str]) -> pd.DataFrame:
    rows = [
        {
            "grouping": cell.dimension,
            "domain": cell.category,
            "variable": cell.code,
            "estimate": cell.estimate,
            "se": cell.se,
            "df": cell.df if cell.df is not None else float("nan"),
        }
        for cell in cells
        if not cell.suppressed
        and cell.estimate is not None
        and cell.se is not None
        and cell.code not in blocked
    ]
    columns = ["grouping", "domain", "variable", "estimate", "se", "df"]
    return pd.DataFrame(rows, columns=columns)


def _change(previous: Assessment, row: dict[str, Any]) -> Change:
    dimension = str(row["grouping"])
    return Change(
        previous=previous,
        code=str(row["variable"]),
        dimension=dimension,
        category="" if dimension == ALL else str(row["domain"]),
        difference=_number(row["difference"]),
        se=_number(row["se"]),
        ci_low=_number(row["ci_low"]),
        ci_high=_number(row["ci_high"]),
        p_value=_number(row["p_value"]),
        verdict=VERDICTS.get(str(row["change"]), Change.Verdict.UNCLEAR),
    )
