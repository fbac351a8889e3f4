"""Demo step: the five demo users of interfaces.md and their roles."""

from __future__ import annotations

from hromada.web.accounts import services
from hromada.web.accounts.models import CommunityRole, Membership, User
from hromada.web.demo import Demo

LOGINS = (
    ("coordinator", "network coordinator: every community, the registry and /admin/"),
    (
        "facilitator",
        "facilitator of the demo partner: 14 communities in Donetsk and Luhansk",
    ),
    ("outsider", "facilitator of another partner: 6 communities in Kharkiv oblast"),
    ("wg", "working-group member in Sloviansk"),
    ("council", "council viewer in Sloviansk"),
)
NAMES = {
    "coordinator": ("Олена", "Коваленко"),
    "facilitator": ("Ірина", "Шевчук"),
    "outsider": ("Андрій", "Мельник"),
    "wg": ("Петро", "Бондар"),
    "council": ("Наталія", "Ткаченко"),
}


def load(demo: Demo) -> None:
    for username, (first, last) in NAMES.items():
        demo.users[username] = services.user_create(
            username=username, password=demo.password, first_name=first, last_name=last
        )
    services.membership_grant(
        user=demo.users["coordinator"],
        organisation=demo.organisations["coordinator"],
        role=Membership.Role.COORDINATOR,
        actor=None,
    )
    services.membership_grant(
        user=demo.users["facilitator"],
        organisation=demo.partner,
        role=Membership.Role.FACILITATOR,
        actor=None,
    )
    services.membership_grant(
        user=demo.users["outsider"],
        organisation=demo.other_partner,
        role=Membership.Role.FACILITATOR,
        actor=None,
    )
    for username, role in (
        ("wg", CommunityRole.Role.WORKING_GROUP_MEMBER),
        ("council", CommunityRole.Role.COUNCIL_VIEWER),
    ):
        services.community_role_grant(
            user=demo.users[username], community=demo.home, role=role, actor=None
        )


def reset(demo: Demo) -> None:
    for user in User.objects.filter(username__in=NAMES):
        services.user_delete(user=user, actor=None)
