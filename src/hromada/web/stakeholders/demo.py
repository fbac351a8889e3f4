"""Demo step: stakeholder maps and working groups of five demo communities.

Sloviansk (the demo's home), Kramatorsk, Druzhkivka and Lyman for the demo
partner, Izium for the other partner, read from ``data/demo_maps.yaml``. Each
map is built to make the analysis say something: isolated and single-link key
actors, conflicts, a starosta district cut off from the city, a sparse
front-line network, a working group still without its founding order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from hromada.web.communities.models import Community
from hromada.web.demo import Demo
from hromada.web.stakeholders import services
from hromada.web.stakeholders.models import Stakeholder

MAPS_FILE = Path(__file__).parent / "data" / "demo_maps.yaml"
KINDS = {"C": "cooperates", "I": "information_only", "X": "conflict", "N": "no_contact"}


def maps() -> list[dict[str, Any]]:
    with MAPS_FILE.open(encoding="utf-8") as f:
        return list(yaml.safe_load(f)["maps"])


def load(demo: Demo) -> None:
    for spec in maps():
        build(spec, Community.objects.get(katotth=spec["katotth"]))


def build(spec: dict[str, Any], community: Community) -> None:
    """One community's map, working group and founding order, through the services."""
    made = _stakeholders(spec, community)
    for a, b, kind, strength, note in spec["ties"]:
        services.relation_create(
            community=community,
            actor=None,
            source=made[a],
            target=made[b],
            kind=KINDS[kind],
            strength=strength,
            note=note,
        )
    order = spec["order"] or {"title": "", "number": "", "date": None}
    services.working_group_save(
        community=community,
        actor=None,
        founding_document_title=order["title"],
        founding_document_number=order["number"],
        founding_document_date=order["date"],
    )
    for key, *_scores, role, _name, _en, _short, _mandate in spec["stakeholders"]:
        if role is not None:
            services.working_group_member_add(
                community=community, actor=None, stakeholder=made[key], role=role
            )
    for person, position, role in spec.get("people", ()):
        services.working_group_member_add(
            community=community,
            actor=None,
            person_name=person,
            position=position,
            role=role,
        )


def _stakeholders(spec: dict[str, Any], community: Community) -> dict[str, Stakeholder]:
    contacts = spec.get("contacts", {})
    made = {}
    for row in spec["stakeholders"]:
        key, type_, influence, interest, _role, name_uk, name_en, short, mandate = row
        made[key] = services.stakeholder_create(
            community=community,
            actor=None,
            name_uk=name_uk,
            name_en=name_en,
            short_name=short,
            type=type_,
            influence=influence,
            interest=interest,
            mandate=mandate,
            contact=contacts.get(key, ""),
        )
    return made


def reset(demo: Demo) -> None:
    katotths = [spec["katotth"] for spec in maps()]
    for community in Community.objects.filter(katotth__in=katotths):
        services.stakeholder_map_delete(community=community, actor=None)
