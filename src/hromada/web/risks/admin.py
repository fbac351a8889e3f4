"""Registers and capacities in the admin: the coordinator reads them (the rights
table gives the network R on risks); writes go through the risks tab."""

from __future__ import annotations

from django.contrib import admin

from hromada.web.admin_site import ReadOnlyAdmin, ReadOnlyInline
from hromada.web.risks.models import Capacity, Risk, RiskEvidence


class EvidenceInline(ReadOnlyInline):
    model = RiskEvidence
    fields = ("kind", "reference", "note")


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
