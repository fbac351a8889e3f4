"""The maps in the admin: the coordinator reads them (the rights table gives the
network R on stakeholders), without the personal fields."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from hromada.web.accounts.access import is_coordinator
from hromada.web.admin_site import CoordinatorAdmin
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)


class ReadOnlyAdmin(CoordinatorAdmin):
    can_add = False
    can_change = False
    can_delete = False


@admin.register(Stakeholder)
class StakeholderAdmin(ReadOnlyAdmin):
    list_display = ("name_uk", "type", "community", "influence", "interest")
    list_filter = ("type", "in_working_group")
    search_fields = ("name_uk", "name_en", "community__search_text")
    exclude = ("contact",)


@admin.register(StakeholderRelation)
class StakeholderRelationAdmin(ReadOnlyAdmin):
    list_display = ("source", "target", "kind", "strength", "community")
    list_filter = ("kind",)


class MemberInline(admin.TabularInline[WorkingGroupMember, WorkingGroup]):
    model = WorkingGroupMember
    fields = ("stakeholder", "position", "role")
    extra = 0
    max_num = 0  # nothing is added here
    can_delete = False

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return is_coordinator(request.user)

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ReadOnlyAdmin):
    list_display = (
        "community",
        "founding_document_number",
        "founding_document_date",
    )
    inlines = (MemberInline,)
