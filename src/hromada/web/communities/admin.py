from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from hromada.web.admin_site import CoordinatorAdmin
from hromada.web.communities import services
from hromada.web.communities.forms import CommunityRegistryForm
from hromada.web.communities.models import Community, Organisation


@admin.register(Organisation)
class OrganisationAdmin(CoordinatorAdmin):
    list_display = ("name_uk", "name_en", "kind", "oblast_katotth")
    list_filter = ("kind",)
    search_fields = ("name_uk", "name_en")
    can_delete = False


@admin.register(Community)
class CommunityAdmin(CoordinatorAdmin):
    """The registry's data is the KSE file's; only the network's own fields change."""

    list_display = (
        "katotth",
        "name_uk",
        "name_en",
        "type",
        "oblast_name_uk",
        "partner",
        "phase",
    )
    list_filter = (
        "phase",
        "type",
        "front_line",
        "de_occupied",
        "partner",
        "oblast_name_uk",
    )
    search_fields = ("katotth", "search_text")
    readonly_fields = (
        "katotth", "name_uk", "name_en", "type", "oblast_name_uk", "raion_name_uk",
        "centre_name_uk", "population",
    )  # fmt: skip
    fields = (*readonly_fields, *CommunityRegistryForm.Meta.fields)
    can_add = False
    can_delete = False

    def save_model(
        self, request: HttpRequest, obj: Community, form: ModelForm[Any], change: bool
    ) -> None:
        original = Community.objects.get(pk=obj.pk)
        services.community_update(
            community=original,
            actor=request.user,
            **{
                name: form.cleaned_data[name]
                for name in CommunityRegistryForm.Meta.fields
            },
        )
