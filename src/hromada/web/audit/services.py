"""Every audit record is written here, by the service that did the thing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models

from hromada.web.accounts.models import User
from hromada.web.audit.models import AuditEvent
from hromada.web.communities.models import Community

Actor = User | AnonymousUser | None


def audit_record(
    *,
    actor: Actor,
    action: AuditEvent.Action,
    obj: models.Model | None = None,
    community: Community | None = None,
    detail: dict[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    """Record one event; ``username`` names an actor with no account (failed login)."""
    user = actor if isinstance(actor, User) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_username=user.get_username() if user is not None else username[:150],
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        community=community,
        detail=detail or {},
    )
