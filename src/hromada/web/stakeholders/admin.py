"""The maps in the admin: the coordinator reads them (the rights table gives the
network R on stakeholders), without the personal fields."""

from __future__ import annotations

from django.contrib import admin

from hromada.web.admin_site import ReadOnlyAdmin, ReadOnlyInline
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)


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


class MemberInline(ReadOnlyInline):
    model = WorkingGroupMember
    fields = ("stakeholder", "position", "role")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ReadOnlyAdmin):
    list_display = (
        "community",
        "founding_document_number",
        "founding_document_date",
    )
    inlines = (MemberInline,)
