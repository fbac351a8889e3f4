"""``GET /api/v1/communities/{katotth}/assessments/{round}/results`` (and ``…/gaps``).

Published cells of a round's analysis, area ``results``. A suppressed cell
(fewer than 10 respondents, or hidden to protect one) keeps its ``n`` and has
no estimate, SE or interval.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from hromada.web.accounts.access import Area, get_community_for_user
from hromada.web.analysis.models import ALL, Gap, Result
from hromada.web.api_errors import check_katotth
from hromada.web.surveys.models import Assessment

router = Router(tags=["analysis"])
Cell = TypeVar("Cell", Result, Gap)


class ResultOut(Schema):
    code: str
    group: str
    estimate: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    suppressed: bool


class GapOut(Schema):
    code: str
    group: str
    estimate_group: float | None
    estimate_rest: float | None
    difference: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n_group: int
    n_rest: int
    significant: bool
    worse: bool
    suppressed: bool


def _assessment(request: HttpRequest, katotth: str, round: str) -> Assessment:
    community, _edit = get_community_for_user(
        request.user, check_katotth(katotth), area=Area.RESULTS
    )
    assessment = Assessment.objects.filter(community=community, round=round).first()
    if assessment is None:
        raise Http404
    return assessment


def _group_filter(rows: QuerySet[Cell], group: str | None) -> QuerySet[Cell]:
    if not group:
        return rows
    if group == ALL:
        return rows.filter(dimension=ALL)
    dimension, _, category = group.partition(":")
    return rows.filter(dimension=dimension, category=category)


@router.get(
    "/{katotth}/assessments/{round}/results",
    response=list[ResultOut],
    url_name="results",
)
def results(
    request: HttpRequest,
    katotth: str,
    round: str,
    code: str | None = None,
    group: str | None = None,
) -> list[dict[str, object]]:
    """Every published cell of the round: ``group`` is ``all`` or
    ``dimension:category`` (``sex:female``, ``idp:yes``, ``settlement:s01``).
    Filters: ``?code=C6``, ``?group=idp:yes``."""
    assessment = _assessment(request, katotth, round)
    rows = Result.objects.for_assessment(assessment)
    if code:
        rows = rows.filter(code=code)
    return [
        {
            "code": r.code,
            "group": r.group,
            "estimate": None if r.suppressed else r.estimate,
            "se": None if r.suppressed else r.se,
            "ci_low": None if r.suppressed else r.ci_low,
            "ci_high": None if r.suppressed else r.ci_high,
            "n": r.n,
            "suppressed": r.suppressed,
        }
        for r in _group_filter(rows, group).order_by("pk")
    ]


@router.get(
    "/{katotth}/assessments/{round}/results/gaps",
    response=list[GapOut],
    url_name="result-gaps",
)
def gaps(
    request: HttpRequest,
    katotth: str,
    round: str,
    code: str | None = None,
    group: str | None = None,
) -> list[dict[str, object]]:
    """Each vulnerable group against the rest: ``difference`` = group − rest,
    ``significant`` when its 95 % interval excludes 0, ``worse`` when it hurts
    the group. A suppressed gap has no numbers."""
    assessment = _assessment(request, katotth, round)
    rows = Gap.objects.filter(assessment=assessment)
    if code:
        rows = rows.filter(code=code)
    out = []
    for gap in _group_filter(rows, group).order_by("pk"):
        hidden = gap.suppressed
        out.append(
            {
                "code": gap.code,
                "group": f"{gap.dimension}:{gap.category}",
                **{
                    name: None if hidden else getattr(gap, name)
                    for name in (
                        "estimate_group",
                        "estimate_rest",
                        "difference",
                        "se",
                        "ci_low",
                        "ci_high",
                    )
                },
                "n_group": gap.n_group,
                "n_rest": gap.n_rest,
                "significant": gap.significant and not hidden,
                "worse": gap.worse and not hidden,
                "suppressed": hidden,
            }
        )
    return out
