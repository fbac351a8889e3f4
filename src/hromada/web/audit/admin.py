from __future__ import annotations

from django.contrib import admin

from hromada.web.admin_site import CoordinatorAdmin
from hromada.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(CoordinatorAdmin):
    """Read only: the log is written by the services and never edited."""

    list_display = ("at", "actor_username", "action", "object_repr", "community")
    list_filter = ("action",)
    search_fields = ("actor_username", "object_repr")
    readonly_fields = (
        "at", "actor", "actor_username", "action", "object_type", "object_id",
        "object_repr", "community", "detail",
    )  # fmt: skip
    can_add = False
    can_change = False
    can_delete = False
