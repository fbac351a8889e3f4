"""Tenancy through one door: who may read, write or approve what, in which community.

Every view, API endpoint and command reaches community data through these helpers.
What a person may not see answers 404, never 403: an outsider must not learn that
a record exists. The rights are the table of domain-model.md, held as data in
``RIGHTS``; later apps call ``can`` or ``get_for_user`` with their ``Area``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import Http404

from hromada.web.accounts.models import CommunityRole, Membership, User
from hromada.web.communities.models import Community, Organisation

AnyUser = User | AnonymousUser


class Role(StrEnum):
    """A person's role in one community (the columns of the rights table)."""

    COORDINATOR = "coordinator"
    FACILITATOR = "facilitator"
    WORKING_GROUP_MEMBER = "working_group_member"
    COUNCIL_VIEWER = "council_viewer"
    # Signed in but without a role in this community (another partner's facilitator).
    OUTSIDER = "outsider"
    ANONYMOUS = "anonymous"


class Area(StrEnum):
    """The kinds of records the rights table distinguishes (its rows)."""

    REGISTRY = "registry"
    STAKEHOLDERS = "stakeholders"
    SURVEY_DATA = "survey_data"
    RESULTS = "results"
    INTERNAL_GEODATA = "internal_geodata"
    RISKS = "risks"
    DIALOGUES = "dialogues"
    RESTORATIVE_CIRCLES = "restorative_circles"
    PROGRAMME = "programme"
    VETERANS_PARTICIPANTS = "veterans_participants"
    AUDIT = "audit"


class Action(StrEnum):
    READ = "R"
    WRITE = "W"
    APPROVE = "A"


class Scope(StrEnum):
    """How far a right reaches. Only ``ALL`` makes ``can`` say yes; the others
    are qualified rights the owning app checks itself (see ``scope``)."""

    ALL = "all"
    PUBLIC_MAP = "public_map"  # anonymous: the registry on the public map only
    PUBLISHED = "published"  # anonymous: published summaries and programmes only
    OWN_VOTES = "own_votes"  # working group: writes their own votes only
    APPROVAL_FIELDS = "approval_fields"  # council: approves via the approval fields
    ASSIGNED = "assigned"  # facilitator: only records they are assigned to
    OWN_ACTIONS = "own_actions"  # facilitator: the audit log of their own actions


R, W, A = Action.READ, Action.WRITE, Action.APPROVE
ALL = Scope.ALL


def _all(*actions: Action) -> dict[Action, Scope]:
    return dict.fromkeys(actions, ALL)


_COORD, _FAC = Role.COORDINATOR, Role.FACILITATOR
_WG, _COUNCIL = Role.WORKING_GROUP_MEMBER, Role.COUNCIL_VIEWER
_OUT, _ANON = Role.OUTSIDER, Role.ANONYMOUS

# domain-model.md, "Roles and what they may do". A missing cell means 404.
RIGHTS: Mapping[Area, Mapping[Role, Mapping[Action, Scope]]] = {
    Area.REGISTRY: {
        _COORD: _all(R, W, A),
        _FAC: _all(R),
        _OUT: _all(R),
        _WG: _all(R),
        _COUNCIL: _all(R),
        _ANON: {R: Scope.PUBLIC_MAP},
    },
    Area.STAKEHOLDERS: {
        _COORD: _all(R),
        _FAC: _all(R, W),
        _WG: _all(R),
        _COUNCIL: _all(R),
    },
    Area.SURVEY_DATA: {_COORD: _all(R), _FAC: _all(R, W)},
    Area.RESULTS: {
        _COORD: _all(R),
        _FAC: _all(R, W),
        _WG: _all(R),
        _COUNCIL: _all(R),
        _ANON: {R: Scope.PUBLISHED},
    },
    Area.INTERNAL_GEODATA: {_COORD: _all(R), _FAC: _all(R, W), _WG: _all(R)},
    Area.RISKS: {_COORD: _all(R), _FAC: _all(R, W), _WG: _all(R, W), _COUNCIL: _all(R)},
    Area.DIALOGUES: {
        _COORD: _all(R),
        _FAC: _all(R, W),
        _WG: {R: ALL, W: Scope.OWN_VOTES},
        _COUNCIL: _all(R),
    },
    Area.RESTORATIVE_CIRCLES: {_FAC: {R: Scope.ASSIGNED, W: Scope.ASSIGNED}},
    Area.PROGRAMME: {
        _COORD: _all(R),
        _FAC: _all(R, W),
        _WG: _all(R, W),
        _COUNCIL: {R: ALL, A: Scope.APPROVAL_FIELDS},
        _ANON: {R: Scope.PUBLISHED},
    },
    Area.VETERANS_PARTICIPANTS: {_FAC: {R: Scope.ASSIGNED, W: Scope.ASSIGNED}},
    Area.AUDIT: {_COORD: _all(R), _FAC: {R: Scope.OWN_ACTIONS}},
}


def _active(user: AnyUser) -> User | None:
    """The signed-in, active user, or None for anonymous and deactivated ones."""
    return user if isinstance(user, User) and user.is_active else None


def is_coordinator(user: AnyUser) -> bool:
    """Staff of the network coordinator (or the installation's superuser)."""
    person = _active(user)
    if person is None:
        return False
    if person.is_superuser:
        return True
    return Membership.objects.filter(
        user_id=person.pk,
        role=Membership.Role.COORDINATOR,
        organisation__kind=Organisation.Kind.NETWORK_COORDINATOR,
    ).exists()


def role_in(user: AnyUser, community: Community) -> Role | None:
    """The user's role in the community, or None when they have none there.

    The strongest role wins: coordinator, then the partner's facilitator, then a
    community role (working-group member, council viewer).
    """
    person = _active(user)
    if person is None:
        return None
    if is_coordinator(person):
        return Role.COORDINATOR
    if community.partner_id is not None and _is_facilitator(
        person, community.partner_id
    ):
        return Role.FACILITATOR
    held = (
        CommunityRole.objects.filter(user=person, community=community)
        .values_list("role", flat=True)
        .first()
    )
    return Role(held) if held is not None else None


def column_of(user: AnyUser, community: Community) -> Role:
    """The rights-table column the user falls in for this community."""
    if _active(user) is None:
        return Role.ANONYMOUS
    return role_in(user, community) or Role.OUTSIDER


def scope(
    user: AnyUser, community: Community, area: Area, action: Action
) -> Scope | None:
    """How far the user's right reaches (None: no right at all, answer 404)."""
    return right(column_of(user, community), area, action)


def right(column: Role, area: Area, action: Action) -> Scope | None:
    """One cell of the rights table, for callers that looked the column up once."""
    return RIGHTS[area].get(column, {}).get(action)


def can(user: AnyUser, community: Community, area: Area, action: Action) -> bool:
    """True when the user has the right without qualification."""
    return scope(user, community, area, action) is Scope.ALL


def communities_for(user: AnyUser) -> models.QuerySet[Community]:
    """The communities the user works in (has a role in)."""
    person = _active(user)
    if person is None:
        return Community.objects.none()
    if is_coordinator(person):
        return Community.objects.all()
    partners = _facilitator_memberships(person).values("organisation_id")
    return Community.objects.filter(
        models.Q(partner_id__in=partners) | models.Q(roles__user=person)
    ).distinct()


def get_public_community(user: AnyUser, katotth: str) -> Community:
    """A community's public registry record: any signed-in user may read it."""
    if _active(user) is None:
        raise Http404
    community = (
        Community.objects.select_related("partner").filter(katotth=katotth).first()
    )
    if community is None:
        raise Http404
    return community


def get_community_for_user(
    user: AnyUser, katotth: str, area: Area | None = None
) -> tuple[Community, bool]:
    """The community's workspace, or 404 for anyone without a role there.

    With ``area``, also 404 unless the user may read that area (a qualified
    read counts: the owning app narrows it), and ``can_edit`` says whether they
    may write it. Without it, ``can_edit`` is about the registry record.
    """
    community = get_public_community(user, katotth)
    return community, _can_edit_inside(user, community, area or Area.REGISTRY)


def _can_edit_inside(user: AnyUser, community: Community, area: Area) -> bool:
    """Whether the user may write the area; 404 without a role there or read access."""
    column = column_of(user, community)
    if column in (Role.OUTSIDER, Role.ANONYMOUS) or right(column, area, R) is None:
        raise Http404
    return right(column, area, W) is Scope.ALL


ModelT = TypeVar("ModelT", bound=models.Model)


def get_for_user(
    user: AnyUser,
    queryset: models.Manager[ModelT] | models.QuerySet[ModelT],
    *,
    area: Area,
    **lookup: Any,
) -> tuple[ModelT, bool]:
    """One record of a community-owned model, through the community's rights.

    ``queryset`` is the model's manager or a queryset of a model with a
    ``community`` foreign key: ``get_for_user(user, Stakeholder.objects,
    area=Area.STAKEHOLDERS, pk=pk)``.
    """
    obj = queryset.all().select_related("community").filter(**lookup).first()
    if obj is None or _active(user) is None:
        raise Http404
    community: Community = obj.community  # type: ignore[attr-defined]
    return obj, _can_edit_inside(user, community, area)


def organisation_of(user: User) -> Organisation | None:
    membership = user.memberships.select_related("organisation").first()
    return membership.organisation if membership is not None else None


def audit_scope(user: AnyUser) -> Scope | None:
    """How much of the audit log the user reads: all, their own actions, or none."""
    if is_coordinator(user):
        column = Role.COORDINATOR
    elif _is_facilitator(user):
        column = Role.FACILITATOR
    else:
        return None
    return right(column, Area.AUDIT, R)


def _facilitator_memberships(user: User) -> models.QuerySet[Membership]:
    return Membership.objects.filter(
        user=user,
        role=Membership.Role.FACILITATOR,
        organisation__kind=Organisation.Kind.PARTNER,
    )


def _is_facilitator(user: AnyUser, organisation_id: int | None = None) -> bool:
    person = _active(user)
    if person is None:
        return False
    memberships = _facilitator_memberships(person)
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    return memberships.exists()


def roles_of(user: AnyUser) -> list[str]:
    """Every role the user holds anywhere, strongest first."""
    if not user.is_authenticated or not user.is_active:
        return []
    held = set(
        CommunityRole.objects.filter(user_id=user.pk).values_list("role", flat=True)
    )
    if is_coordinator(user):
        held.add(Role.COORDINATOR)
    if _is_facilitator(user):
        held.add(Role.FACILITATOR)
    order = list(Role)
    return sorted(held, key=lambda role: order.index(Role(role)))
