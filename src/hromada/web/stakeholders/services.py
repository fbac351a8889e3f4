"""Every write to a stakeholder map: stakeholders, relations, the working group.

Each validates the whole record (``full_clean``: the models' rules) and raises
``ValidationError`` on bad input; deletions write an audit event. A stakeholder's
``in_working_group`` follows its membership of the working group, both ways.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import Actor, audit_record
from hromada.web.communities.models import Community
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)

STAKEHOLDER_FIELDS = (
    "name_uk",
    "name_en",
    "short_name",
    "type",
    "mandate",
    "resources",
    "influence",
    "interest",
    "contact",
)


@transaction.atomic
def stakeholder_create(
    *,
    community: Community,
    actor: Actor,
    name_uk: str,
    type: str,
    influence: int,
    interest: int,
    name_en: str = "",
    short_name: str = "",
    mandate: str = "",
    resources: str = "",
    contact: str = "",
    in_working_group: bool = False,
) -> Stakeholder:
    stakeholder = Stakeholder(
        community=community,
        name_uk=name_uk.strip(),
        name_en=name_en.strip(),
        short_name=short_name.strip(),
        type=type,
        mandate=mandate,
        resources=resources,
        influence=influence,
        interest=interest,
        contact=contact,
    )
    stakeholder.full_clean()
    stakeholder.save()
    if in_working_group:
        working_group_member_add(
            community=community, actor=actor, stakeholder=stakeholder
        )
        stakeholder.refresh_from_db()
    return stakeholder


@transaction.atomic
def stakeholder_update(
    *,
    stakeholder: Stakeholder,
    actor: Actor,
    in_working_group: bool | None = None,
    **fields: Any,
) -> list[str]:
    """Change the given ``STAKEHOLDER_FIELDS``; returns the names of those changed."""
    unknown = set(fields) - set(STAKEHOLDER_FIELDS)
    if unknown:
        raise TypeError(f"not a stakeholder field: {sorted(unknown)[0]}")
    for name in ("name_uk", "name_en", "short_name"):
        if name in fields:
            fields[name] = fields[name].strip()
    changed = [
        name for name, value in fields.items() if getattr(stakeholder, name) != value
    ]
    for name in changed:
        setattr(stakeholder, name, fields[name])
    if changed:
        stakeholder.full_clean()
        stakeholder.save(update_fields=[*changed, "updated_at"])
    if (
        in_working_group is not None
        and in_working_group != stakeholder.in_working_group
    ):
        _set_membership(stakeholder, actor, in_working_group)
        changed.append("in_working_group")
    return sorted(changed)


def _set_membership(stakeholder: Stakeholder, actor: Actor, member: bool) -> None:
    if member:
        working_group_member_add(
            community=stakeholder.community, actor=actor, stakeholder=stakeholder
        )
    else:
        for membership in stakeholder.memberships.all():
            working_group_member_remove(member=membership, actor=actor)
    stakeholder.refresh_from_db()


@transaction.atomic
def stakeholder_delete(*, stakeholder: Stakeholder, actor: Actor) -> None:
    """Delete a stakeholder with its relations and its place in the working group."""
    relations = StakeholderRelation.objects.filter(
        source=stakeholder
    ) | StakeholderRelation.objects.filter(target=stakeholder)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=stakeholder,
        community=stakeholder.community,
        detail={
            "name": stakeholder.name_uk,
            "type": stakeholder.type,
            "relations": relations.count(),
            "working_group": stakeholder.in_working_group,
        },
    )
    stakeholder.delete()


@transaction.atomic
def relation_create(
    *,
    community: Community,
    actor: Actor,
    source: Stakeholder,
    target: Stakeholder,
    kind: str,
    strength: int | None = None,
    note: str = "",
) -> StakeholderRelation:
    relation = StakeholderRelation(
        community=community,
        source=source,
        target=target,
        kind=kind,
        strength=strength,
        note=note,
    )
    relation.full_clean()
    relation.save()
    return relation


@transaction.atomic
def relation_update(
    *,
    relation: StakeholderRelation,
    actor: Actor,
    source: Stakeholder | None = None,
    target: Stakeholder | None = None,
    kind: str | None = None,
    strength: int | None = None,
    note: str | None = None,
) -> StakeholderRelation:
    """Change a relation; ``strength`` is always taken as given (None clears it)."""
    relation.source = source or relation.source
    relation.target = target or relation.target
    relation.kind = kind or relation.kind
    relation.strength = strength
    relation.note = relation.note if note is None else note
    relation.full_clean()
    relation.save()
    return relation


@transaction.atomic
def relation_delete(*, relation: StakeholderRelation, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=relation,
        community=relation.community,
        detail={
            "from": relation.source.name_uk,
            "to": relation.target.name_uk,
            "kind": relation.kind,
            "strength": relation.strength,
        },
    )
    relation.delete()


@transaction.atomic
def working_group_save(
    *,
    community: Community,
    actor: Actor,
    founding_document_title: str = "",
    founding_document_number: str = "",
    founding_document_date: dt.date | None = None,
) -> WorkingGroup:
    """Create the community's working group, or change its founding document."""
    group = WorkingGroup.objects.filter(community=community).first() or WorkingGroup(
        community=community
    )
    group.founding_document_title = founding_document_title.strip()
    group.founding_document_number = founding_document_number.strip()
    group.founding_document_date = founding_document_date
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def working_group_member_add(
    *,
    community: Community,
    actor: Actor,
    stakeholder: Stakeholder | None = None,
    person_name: str = "",
    position: str = "",
    role: str = WorkingGroupMember.Role.MEMBER,
) -> WorkingGroupMember:
    """Add a stakeholder or a person to the group (created if there is none yet)."""
    group = WorkingGroup.objects.filter(community=community).first()
    if group is None:
        group = working_group_save(community=community, actor=actor)
    member = WorkingGroupMember(
        working_group=group,
        community=community,
        stakeholder=stakeholder,
        person_name=person_name.strip(),
        position=position.strip(),
        role=role,
    )
    member.full_clean()
    member.save()
    _sync_flag(stakeholder)
    return member


@transaction.atomic
def working_group_member_update(
    *,
    member: WorkingGroupMember,
    actor: Actor,
    stakeholder: Stakeholder | None,
    person_name: str = "",
    position: str = "",
    role: str = WorkingGroupMember.Role.MEMBER,
) -> WorkingGroupMember:
    before = member.stakeholder
    member.stakeholder = stakeholder
    member.person_name = person_name.strip()
    member.position = position.strip()
    member.role = role
    member.full_clean()
    member.save()
    _sync_flag(before)
    _sync_flag(stakeholder)
    return member


@transaction.atomic
def working_group_member_remove(*, member: WorkingGroupMember, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=member,
        community=member.community,
        detail={
            "stakeholder": member.stakeholder.name_uk if member.stakeholder else None,
            "position": member.position,
            "role": member.role,
        },
    )
    stakeholder = member.stakeholder
    member.delete()
    _sync_flag(stakeholder)


def _sync_flag(stakeholder: Stakeholder | None) -> None:
    if stakeholder is None:
        return
    Stakeholder.objects.filter(pk=stakeholder.pk).update(
        in_working_group=stakeholder.memberships.exists()
    )


@transaction.atomic
def stakeholder_map_delete(*, community: Community, actor: Actor) -> int:
    """Delete a community's whole map and working group (one audit event)."""
    stakeholders = Stakeholder.objects.of(community)
    count = stakeholders.count()
    relations = StakeholderRelation.objects.of(community).count()
    group = WorkingGroup.objects.filter(community=community).first()
    if not count and group is None:
        return 0
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=community,
        community=community,
        detail={
            "stakeholder_map": True,
            "stakeholders": count,
            "relations": relations,
            "working_group": group is not None,
        },
    )
    if group is not None:
        group.delete()
    stakeholders.delete()
    return count
