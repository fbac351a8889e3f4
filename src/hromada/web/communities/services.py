"""Every write to the registry: organisations and a community's editable fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import Actor, audit_record
from hromada.web.communities.models import Community, Organisation

_UNSET: Any = object()


def organisation_create(
    *,
    name_uk: str,
    name_en: str,
    kind: Organisation.Kind,
    oblast_katotth: str = "",
    contact: str = "",
) -> Organisation:
    organisation = Organisation(
        name_uk=name_uk,
        name_en=name_en,
        kind=kind,
        oblast_katotth=oblast_katotth,
        contact=contact,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def community_update(
    *,
    community: Community,
    actor: Actor,
    partner: Organisation | None = _UNSET,
    phase: int = _UNSET,
    agreement_date: dt.date | None = _UNSET,
    front_line: bool = _UNSET,
    de_occupied: bool = _UNSET,
) -> list[str]:
    """Change the editable registry fields; returns the names of those that changed."""
    wanted = {
        "partner": partner,
        "phase": phase,
        "agreement_date": agreement_date,
        "front_line": front_line,
        "de_occupied": de_occupied,
    }
    changes = {
        name: value
        for name, value in wanted.items()
        if value is not _UNSET and getattr(community, name) != value
    }
    if not changes:
        return []
    before = {name: _plain(getattr(community, name)) for name in changes}
    for name, value in changes.items():
        setattr(community, name, value)
    community.full_clean()
    community.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action=AuditEvent.Action.REGISTRY_CHANGED,
        obj=community,
        community=community,
        detail={
            name: {"from": before[name], "to": _plain(value)}
            for name, value in changes.items()
        },
    )
    return sorted(changes)


def _plain(value: object) -> object:
    if isinstance(value, Organisation):
        return value.name_uk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor: Actor) -> None:
    """Delete an organisation with no communities left (its memberships go with it)."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=organisation,
        detail={"name": organisation.name_uk, "kind": organisation.kind},
    )
    organisation.delete()
