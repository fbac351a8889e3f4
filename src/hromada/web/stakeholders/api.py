"""``GET /api/v1/communities/{katotth}/stakeholders``: a community's map.

The stakeholders with their network measures, the relations, the working group
and the findings (codes and sentences in the request's language). Personal
data (``contact``, a member's ``person``) appear only for those who may edit
the map; for anyone else the keys are absent.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from hromada.web.accounts.access import Area, get_community_for_user
from hromada.web.api_errors import check_katotth
from hromada.web.stakeholders import network
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
)

router = Router(tags=["stakeholders"])


class StakeholderOut(Schema):
    id: int
    name_uk: str
    name_en: str
    short_name: str
    type: str
    type_label: str
    mandate: str
    resources: str
    influence: int
    interest: int
    approach: str
    in_working_group: bool
    key_actor: bool
    degree: int
    betweenness: float
    broker: bool
    isolate: bool
    contact: str | None = None  # editors only


class RelationOut(Schema):
    id: int
    source: int
    target: int
    kind: str
    strength: int | None
    note: str


class MemberOut(Schema):
    stakeholder: int | None
    person: str | None = None  # editors only
    position: str
    role: str


class WorkingGroupOut(Schema):
    founding_document_title: str
    founding_document_number: str
    founding_document_date: dt.date | None
    members: list[MemberOut]


class FindingOut(Schema):
    code: str
    subjects: list[int]
    value: float | None
    count: int | None
    text: str


class NetworkOut(Schema):
    density: float
    components: list[list[int]]
    findings: list[FindingOut]


class StakeholderMapOut(Schema):
    count: int
    items: list[StakeholderOut]
    relations: list[RelationOut]
    working_group: WorkingGroupOut | None
    network: NetworkOut


@router.get(
    "/{katotth}/stakeholders",
    response=StakeholderMapOut,
    url_name="community-stakeholders",
    exclude_unset=True,
)
def stakeholder_map(request: HttpRequest, katotth: str) -> dict[str, object]:
    """The community's stakeholder map, whole (it is not paged: relations refer
    to stakeholders by ``id``). ``contact`` and a member's ``person`` are
    present only when you may edit the map."""
    community, can_edit = get_community_for_user(
        request.user, check_katotth(katotth), Area.STAKEHOLDERS
    )
    stakeholders = list(Stakeholder.objects.of(community).order_by("pk"))
    relations = list(StakeholderRelation.objects.of(community).order_by("pk"))
    analysis = network.analyse(stakeholders, relations)
    return {
        "count": len(stakeholders),
        "items": [_stakeholder(s, analysis, can_edit) for s in stakeholders],
        "relations": [_relation(r) for r in relations],
        "working_group": _working_group(
            WorkingGroup.objects.filter(community=community).first(), can_edit
        ),
        "network": _network(analysis),
    }


def _stakeholder(
    s: Stakeholder, analysis: network.MapAnalysis, can_edit: bool
) -> dict[str, object]:
    measures = analysis.metrics(s)
    item: dict[str, object] = {
        "id": s.pk,
        "name_uk": s.name_uk,
        "name_en": s.name_en,
        "short_name": s.short_name,
        "type": s.type,
        "type_label": s.get_type_display(),
        "mandate": s.mandate,
        "resources": s.resources,
        "influence": s.influence,
        "interest": s.interest,
        "approach": network.quadrant(s.influence, s.interest).value,
        "in_working_group": s.in_working_group,
        "key_actor": measures.key_actor,
        "degree": measures.degree,
        "betweenness": measures.betweenness,
        "broker": measures.broker,
        "isolate": measures.isolate,
    }
    if can_edit:
        item["contact"] = s.contact
    return item


def _relation(r: StakeholderRelation) -> dict[str, object]:
    return {
        "id": r.pk,
        "source": r.source_id,
        "target": r.target_id,
        "kind": r.kind,
        "strength": r.strength,
        "note": r.note,
    }


def _working_group(
    group: WorkingGroup | None, can_edit: bool
) -> dict[str, object] | None:
    if group is None:
        return None
    members = []
    for member in group.members.all():
        row: dict[str, object] = {
            "stakeholder": member.stakeholder_id,
            "position": member.position,
            "role": member.role,
        }
        if can_edit:
            row["person"] = member.person_name or None
        members.append(row)
    return {
        "founding_document_title": group.founding_document_title,
        "founding_document_number": group.founding_document_number,
        "founding_document_date": group.founding_document_date,
        "members": members,
    }


def _network(analysis: network.MapAnalysis) -> dict[str, object]:
    return {
        "density": analysis.network.density,
        "components": [
            [int(m) for m in members]
            for members in analysis.network.components["members"]
        ],
        "findings": [
            {
                "code": s.code,
                "subjects": [int(str(subject)) for subject in s.finding.subjects],
                "value": s.finding.value,
                "count": s.finding.count,
                "text": s.text,
            }
            for s in analysis.findings
        ],
    }
