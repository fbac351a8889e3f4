"""Registers and capacities in the admin: the coordinator reads them (the rights
table gives the network R on risks); writes go through the risks tab."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from hromada.web.accounts.access import is_coordinator
from hromada.web.admin_site import CoordinatorAdmin
from hromada.web.risks.models import Capacity, Risk, RiskEvidence


class ReadOnlyAdmin(CoordinatorAdmin):
    can_add = False
    can_change = False
    can_delete = False


class EvidenceInline(admin.TabularInline[RiskEvidence, Risk]):
    model = RiskEvidence
    fields = ("kind", "reference", "note")
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


@admin.register(Risk)
class RiskAdmin(ReadOnlyAdmin):
    list_display = ("title", "code", "community", "score", "status", "dialogue_rank")
    list_filter = ("status", "code")
    search_fields = ("title", "title_en", "community__search_text")
    inlines = (EvidenceInline,)


@admin.register(Capacity)
class CapacityAdmin(ReadOnlyAdmin):
    list_display = ("community", "stakeholder", "dimension", "score")
    list_filter = ("dimension",)
