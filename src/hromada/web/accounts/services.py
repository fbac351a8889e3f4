"""Every write about people and access: users, memberships, roles, tokens, sign-ins."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.web.accounts.models import (
    ApiToken,
    CommunityRole,
    Membership,
    User,
    hash_token,
)
from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import Actor, audit_record
from hromada.web.communities.models import Community, Organisation

TOKEN_PREFIX = "hr_"

# A membership role belongs to one kind of organisation.
_ROLE_KIND = {
    Membership.Role.COORDINATOR: Organisation.Kind.NETWORK_COORDINATOR,
    Membership.Role.FACILITATOR: Organisation.Kind.PARTNER,
}


def user_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def membership_grant(
    *, user: User, organisation: Organisation, role: Membership.Role, actor: Actor
) -> Membership:
    if organisation.kind != _ROLE_KIND[role]:
        raise ValidationError(
            _("A %(role)s must belong to a %(kind)s organisation."),
            code="role_kind",
            params={
                "role": Membership.Role(role).label,
                "kind": Organisation.Kind(_ROLE_KIND[role]).label,
            },
        )
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.PERMISSION_GRANTED,
        obj=membership,
        detail={
            "user": user.username,
            "organisation": organisation.name_uk,
            "role": role,
        },
    )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.PERMISSION_REVOKED,
        obj=membership,
        detail={
            "user": membership.user.username,
            "organisation": membership.organisation.name_uk,
            "role": membership.role,
        },
    )
    membership.delete()


@transaction.atomic
def community_role_grant(
    *, user: User, community: Community, role: CommunityRole.Role, actor: Actor
) -> CommunityRole:
    community_role = CommunityRole(user=user, community=community, role=role)
    community_role.full_clean()
    community_role.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.PERMISSION_GRANTED,
        obj=community_role,
        community=community,
        detail={"user": user.username, "role": role},
    )
    return community_role


@transaction.atomic
def community_role_revoke(*, community_role: CommunityRole, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.PERMISSION_REVOKED,
        obj=community_role,
        community=community_role.community,
        detail={"user": community_role.user.username, "role": community_role.role},
    )
    community_role.delete()


@transaction.atomic
def token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new personal token; the secret is returned once and never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_token(secret),
    )
    audit_record(actor=user, action=AuditEvent.Action.TOKEN_CREATED, obj=token)
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: Actor) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=AuditEvent.Action.TOKEN_REVOKED, obj=token)


def token_authenticate(secret: str) -> tuple[User, ApiToken] | None:
    token = ApiToken.objects.active().matching(secret).select_related("user").first()
    if token is None:
        return None
    now = timezone.now()
    # One write a minute at most: a busy script must not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token


def login_record(*, user: User, via: str) -> None:
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, detail={"via": via})


def login_failure_record(*, username: str, via: str) -> None:
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        username=username,
        detail={"via": via},
    )


def logout_record(*, user: Actor) -> None:
    if user is not None and user.is_authenticated:
        audit_record(actor=user, action=AuditEvent.Action.LOGOUT)


@transaction.atomic
def user_delete(*, user: User, actor: Actor) -> None:
    """Delete a person, their memberships, roles and tokens (the log keeps the name)."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=user,
        detail={
            "username": user.username,
            "memberships": [m.organisation.name_uk for m in user.memberships.all()],
            "community_roles": [
                r.community.katotth for r in user.community_roles.all()
            ],
        },
    )
    user.delete()
