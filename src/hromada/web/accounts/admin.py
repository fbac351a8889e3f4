from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hromada.web.accounts import services
from hromada.web.accounts.access import is_coordinator
from hromada.web.accounts.models import ApiToken, CommunityRole, Membership, User
from hromada.web.admin_site import CoordinatorAdmin


class UserCreateForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username",)


class UserEditForm(UserChangeForm[User]):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(CoordinatorAdmin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    # No superuser, staff, group or permission fields: rights come from
    # memberships and community roles, which the audit log records.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("is_active",)
    can_delete = False


class GrantAdmin(CoordinatorAdmin):
    """Grants are added or revoked, never edited, and both go through the services."""

    can_change = False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.revoke(obj, request)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.revoke(obj, request)

    def revoke(self, obj: Any, request: HttpRequest) -> None:
        raise NotImplementedError


@admin.register(Membership)
class MembershipAdmin(GrantAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role", "organisation")
    autocomplete_fields = ("user",)

    def save_model(
        self, request: HttpRequest, obj: Membership, form: ModelForm[Any], change: bool
    ) -> None:
        created = services.membership_grant(
            user=obj.user,
            organisation=obj.organisation,
            role=Membership.Role(obj.role),
            actor=request.user,
        )
        obj.pk = created.pk

    def revoke(self, obj: Membership, request: HttpRequest) -> None:
        services.membership_revoke(membership=obj, actor=request.user)


@admin.register(CommunityRole)
class CommunityRoleAdmin(GrantAdmin):
    list_display = ("user", "community", "role", "created_at")
    list_filter = ("role",)
    autocomplete_fields = ("user", "community")

    def save_model(
        self,
        request: HttpRequest,
        obj: CommunityRole,
        form: ModelForm[Any],
        change: bool,
    ) -> None:
        created = services.community_role_grant(
            user=obj.user,
            community=obj.community,
            role=CommunityRole.Role(obj.role),
            actor=request.user,
        )
        obj.pk = created.pk

    def revoke(self, obj: CommunityRole, request: HttpRequest) -> None:
        services.community_role_revoke(community_role=obj, actor=request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(CoordinatorAdmin):
    list_display = (
        "prefix",
        "user",
        "name",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    readonly_fields = (
        "prefix",
        "user",
        "name",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    fields = readonly_fields
    can_add = False
    can_change = False
    actions = ("revoke",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        if not is_coordinator(request.user):
            return
        for token in queryset:
            services.token_revoke(token=token, actor=request.user)
