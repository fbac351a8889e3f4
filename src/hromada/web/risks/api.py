"""``GET /api/v1/communities/{katotth}/risks``: a community's risk register.

The register's risks (suggested and dismissed ones included, with their
``status``) in the register's order. ``location`` and hotspot references are
internal geodata: present only for those who may read it, absent otherwise.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from hromada.web.accounts.access import (
    Action,
    Area,
    can,
    get_community_for_user,
)
from hromada.web.api_errors import ApiInputError, check_katotth
from hromada.web.risks import register
from hromada.web.risks.catalogue import band_of
from hromada.web.risks.models import Risk

router = Router(tags=["risks"])


class EvidenceOut(Schema):
    kind: str
    reference: str


class RiskOut(Schema):
    id: int
    code: str
    title: str
    title_en: str
    description: str
    likelihood: int | None
    impact: int | None
    score: int | None
    band: str | None
    perception_share: float | None
    perception_ci_low: float | None
    perception_ci_high: float | None
    perception_n: int | None
    round: str | None
    equity_flag: bool
    equity_groups: list[str]
    trend: str | None
    status: str
    dialogue_rank: int | None
    evidence: list[EvidenceOut]
    location: str | None = None  # internal geodata readers only


class RiskPage(Schema):
    count: int
    items: list[RiskOut]


@router.get(
    "/{katotth}/risks",
    response=RiskPage,
    url_name="community-risks",
    exclude_unset=True,
)
def risk_list(
    request: HttpRequest, katotth: str, page: int = 1, page_size: int = 50
) -> dict[str, object]:
    """The community's risks, by dialogue rank then score. ``location`` (and
    hotspot evidence) only for those who may read internal geodata."""
    community, _can_edit = get_community_for_user(
        request.user, check_katotth(katotth), Area.RISKS
    )
    limit = settings.HROMADA_API_MAX_PAGE_SIZE
    if not 1 <= page_size <= limit:
        raise ApiInputError(
            "page_size",
            _("“page_size” must be between 1 and %(limit)s.") % {"limit": limit},
            field="page_size",
        )
    if page < 1:
        raise ApiInputError("page", _("“page” must be 1 or more."), field="page")
    geodata = can(request.user, community, Area.INTERNAL_GEODATA, Action.READ)
    risks = register.ordered(
        Risk.objects.of(community)
        .select_related("assessment")
        .prefetch_related("evidence")
    )
    start = (page - 1) * page_size
    return {
        "count": len(risks),
        "items": [_risk(r, geodata) for r in risks[start : start + page_size]],
    }


def _risk(risk: Risk, geodata: bool) -> dict[str, object]:
    out: dict[str, object] = {
        "id": risk.pk,
        "code": risk.code,
        "title": risk.title,
        "title_en": risk.title_en,
        "description": risk.description,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "score": risk.score,
        "band": band_of(risk.score),
        "perception_share": risk.perception_share,
        "perception_ci_low": risk.perception_ci_low,
        "perception_ci_high": risk.perception_ci_high,
        "perception_n": risk.perception_n,
        "round": risk.assessment.round if risk.assessment else None,
        "equity_flag": risk.equity_flag,
        "equity_groups": list(risk.equity_groups),
        "trend": risk.trend or None,
        "status": risk.status,
        "dialogue_rank": risk.dialogue_rank,
        "evidence": [
            {"kind": e.kind, "reference": e.reference}
            for e in risk.evidence.all()
            if geodata or e.kind != "hotspot"
        ],
    }
    if geodata:
        out["location"] = risk.location
    return out
