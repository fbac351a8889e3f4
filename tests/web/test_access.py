"""The rights table of domain-model.md, checked cell by cell on the real cast."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from hromada.web.accounts import services as accounts
from hromada.web.accounts.access import (
    RIGHTS,
    Action,
    Area,
    Role,
    Scope,
    audit_scope,
    can,
    communities_for,
    get_community_for_user,
    get_for_user,
    get_public_community,
    role_in,
    roles_of,
    scope,
)
from hromada.web.accounts.models import CommunityRole
from hromada.web.communities.models import Community
from tests.web.base import KHARKIV, HromadaTestCase

# Copied from domain-model.md, "Roles and what they may do" (same columns, same cells).
TABLE = """
registry | RWA | R | R | R | R | R (public map only)
stakeholders | R | RW | — | R | R | —
survey_data | R | RW | — | — | — | —
results | R | RW | — | R | R | public summary only if published
internal_geodata | R | RW | — | R | — | —
risks | R | RW | — | RW | R | —
dialogues | R | RW | — | R (own votes W) | R | —
restorative_circles | — | RW (assigned facilitator only) | — | — | — | —
programme | R | RW | — | RW | R + A (approval fields) | published programmes R
veterans_participants | — | RW (assigned) | — | — | — | —
audit | R | own actions | — | — | — | —
"""
COLUMNS = (
    "coordinator",
    "facilitator",
    "other_facilitator",
    "wg_member",
    "council_viewer",
    "anonymous",
)
R, W, A = Action.READ, Action.WRITE, Action.APPROVE
# What each qualified cell of the table means, right by right.
QUALIFIED = {
    "R (public map only)": {R: Scope.PUBLIC_MAP},
    "public summary only if published": {R: Scope.PUBLISHED},
    "R (own votes W)": {R: Scope.ALL, W: Scope.OWN_VOTES},
    "RW (assigned facilitator only)": {R: Scope.ASSIGNED, W: Scope.ASSIGNED},
    "RW (assigned)": {R: Scope.ASSIGNED, W: Scope.ASSIGNED},
    "R + A (approval fields)": {R: Scope.ALL, A: Scope.APPROVAL_FIELDS},
    "published programmes R": {R: Scope.PUBLISHED},
    "own actions": {R: Scope.OWN_ACTIONS},
}


def expected(cell: str) -> dict[Action, Scope]:
    if cell in QUALIFIED:
        return QUALIFIED[cell]
    if cell == "—":
        return {}
    return {Action(letter): Scope.ALL for letter in cell}


def table() -> dict[tuple[Area, str], dict[Action, Scope]]:
    cells = {}
    for line in TABLE.strip().splitlines():
        area, *row = (part.strip() for part in line.split("|"))
        for column, cell in zip(COLUMNS, row, strict=True):
            cells[Area(area), column] = expected(cell)
    return cells


class RightsTableTest(HromadaTestCase):
    def test_it_covers_every_area(self) -> None:
        self.assertEqual(set(RIGHTS), set(Area))
        self.assertEqual({area for area, _ in table()}, set(Area))

    def test_it_grants_exactly_the_table_to_each_persona(self) -> None:
        checked = 0
        for (area, column), rights in table().items():
            user = self.persona(column) or self.anonymous()
            for action in Action:
                with self.subTest(area=area, persona=column, action=action):
                    self.assertEqual(
                        scope(user, self.community, area, action), rights.get(action)
                    )
                    self.assertIs(
                        can(user, self.community, area, action),
                        rights.get(action) is Scope.ALL,
                    )
                checked += 1
        self.assertEqual(checked, len(Area) * len(COLUMNS) * len(Action))

    def anonymous(self) -> AnonymousUser:
        return AnonymousUser()


class RoleTest(HromadaTestCase):
    def test_it_names_each_personas_role_in_the_partners_community(self) -> None:
        roles = {
            name: role_in(self.persona(name) or _anon(), self.community)
            for name in self.PERSONAS
        }
        self.assertEqual(
            roles,
            {
                "coordinator": Role.COORDINATOR,
                "facilitator": Role.FACILITATOR,
                "other_facilitator": None,
                "wg_member": Role.WORKING_GROUP_MEMBER,
                "council_viewer": Role.COUNCIL_VIEWER,
                "anonymous": None,
            },
        )

    def test_a_facilitator_has_no_role_in_another_partners_community(self) -> None:
        self.assertIsNone(role_in(self.facilitator, self.other_community))
        self.assertEqual(
            role_in(self.other_facilitator, self.other_community), Role.FACILITATOR
        )

    def test_a_deactivated_user_has_no_role(self) -> None:
        self.facilitator.is_active = False
        self.facilitator.save()
        self.assertIsNone(role_in(self.facilitator, self.community))
        self.assertFalse(communities_for(self.facilitator).exists())

    def test_the_superuser_counts_as_coordinator(self) -> None:
        root = accounts.user_create(username="root", password=None)
        root.is_superuser = True
        root.save()
        self.assertEqual(role_in(root, self.community), Role.COORDINATOR)

    def test_a_community_without_partner_has_no_facilitator(self) -> None:
        kharkiv = Community.objects.get(katotth=KHARKIV)
        self.assertIsNone(role_in(self.facilitator, kharkiv))
        self.assertEqual(role_in(self.coordinator, kharkiv), Role.COORDINATOR)

    def test_it_lists_the_communities_each_persona_works_in(self) -> None:
        self.assertEqual(communities_for(self.coordinator).count(), 1469)
        self.assertEqual(list(communities_for(self.facilitator)), [self.community])
        self.assertEqual(
            list(communities_for(self.other_facilitator)), [self.other_community]
        )
        self.assertEqual(list(communities_for(self.wg_member)), [self.community])
        self.assertEqual(list(communities_for(_anon())), [])

    def test_it_lists_roles(self) -> None:
        self.assertEqual(roles_of(self.coordinator), ["coordinator"])
        self.assertEqual(roles_of(self.facilitator), ["facilitator"])
        self.assertEqual(roles_of(self.council_viewer), ["council_viewer"])
        self.assertEqual(roles_of(_anon()), [])


class GetterTest(HromadaTestCase):
    def test_it_refuses_the_workspace_to_another_partners_facilitator(self) -> None:
        with self.assertRaises(Http404):
            get_community_for_user(self.other_facilitator, self.community.katotth)
        with self.assertRaises(Http404):
            get_community_for_user(_anon(), self.community.katotth)

    def test_it_answers_404_for_an_unknown_code(self) -> None:
        with self.assertRaises(Http404):
            get_community_for_user(self.coordinator, "UA00000000000000000")

    def test_it_says_who_may_edit(self) -> None:
        self.assertEqual(
            get_community_for_user(self.coordinator, self.community.katotth),
            (self.community, True),
        )
        self.assertEqual(
            get_community_for_user(self.facilitator, self.community.katotth),
            (self.community, False),
        )
        self.assertEqual(
            get_community_for_user(
                self.facilitator, self.community.katotth, area=Area.STAKEHOLDERS
            ),
            (self.community, True),
        )
        self.assertEqual(
            get_community_for_user(
                self.coordinator, self.community.katotth, Area.RISKS
            ),
            (self.community, False),
        )

    def test_it_refuses_an_area_the_role_may_not_read(self) -> None:
        with self.assertRaises(Http404):
            get_community_for_user(
                self.wg_member, self.community.katotth, Area.SURVEY_DATA
            )
        with self.assertRaises(Http404):
            get_community_for_user(
                self.coordinator, self.community.katotth, Area.RESTORATIVE_CIRCLES
            )

    def test_it_fetches_a_community_owned_record_through_the_rights(self) -> None:
        record = CommunityRole.objects.get(user=self.wg_member)
        self.assertEqual(
            get_for_user(
                self.facilitator,
                CommunityRole.objects,
                area=Area.STAKEHOLDERS,
                pk=record.pk,
            ),
            (record, True),
        )
        self.assertEqual(
            get_for_user(
                self.council_viewer,
                CommunityRole.objects,
                area=Area.RISKS,
                pk=record.pk,
            ),
            (record, False),
        )
        for user, area in (
            (self.other_facilitator, Area.STAKEHOLDERS),
            (self.council_viewer, Area.INTERNAL_GEODATA),
            (_anon(), Area.REGISTRY),
        ):
            with self.subTest(user=str(user), area=area), self.assertRaises(Http404):
                get_for_user(user, CommunityRole.objects, area=area, pk=record.pk)
        with self.assertRaises(Http404):
            get_for_user(self.coordinator, CommunityRole.objects, area=Area.RISKS, pk=0)

    def test_the_public_record_is_for_signed_in_users(self) -> None:
        self.assertEqual(
            get_public_community(self.other_facilitator, self.community.katotth),
            self.community,
        )
        with self.assertRaises(Http404):
            get_public_community(_anon(), self.community.katotth)

    def test_the_audit_log_reaches_per_the_table(self) -> None:
        self.assertIs(audit_scope(self.coordinator), Scope.ALL)
        self.assertIs(audit_scope(self.facilitator), Scope.OWN_ACTIONS)
        self.assertIs(audit_scope(self.other_facilitator), Scope.OWN_ACTIONS)
        self.assertIsNone(audit_scope(self.wg_member))
        self.assertIsNone(audit_scope(self.council_viewer))
        self.assertIsNone(audit_scope(_anon()))


def _anon() -> AnonymousUser:
    return AnonymousUser()
