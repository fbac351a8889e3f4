"""``HromadaTestCase``: a fixed cast, named by role, built through the real services."""

from __future__ import annotations

from django.test import TestCase

from hromada.web.accounts import services as accounts
from hromada.web.accounts.models import CommunityRole, Membership, User
from hromada.web.communities import services as communities
from hromada.web.communities.models import Community, Organisation, Phase

SLOVIANSK = "UA14120210000056793"  # the partner's community
IZIUM = "UA63040090000021240"  # another partner's community
KHARKIV = "UA63120270000028556"  # nobody's community


class HromadaTestCase(TestCase):
    """The cast:

    - ``coordinator``: network coordinator staff;
    - ``facilitator``: facilitator of ``partner``, which works in ``community``;
    - ``other_facilitator``: facilitator of ``other_partner`` (``other_community``);
    - ``wg_member`` and ``council_viewer``: community roles in ``community``;
    - ``self.client``: anonymous until ``login``.
    """

    PERSONAS = (
        "coordinator",
        "facilitator",
        "other_facilitator",
        "wg_member",
        "council_viewer",
        "anonymous",
    )
    password = "correct horse battery staple"

    network: Organisation
    partner: Organisation
    other_partner: Organisation
    community: Community
    other_community: Community
    coordinator: User
    facilitator: User
    other_facilitator: User
    wg_member: User
    council_viewer: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.network = communities.organisation_create(
            name_uk="Мережа",
            name_en="Network",
            kind=Organisation.Kind.NETWORK_COORDINATOR,
        )
        cls.partner = communities.organisation_create(
            name_uk="Партнер", name_en="Partner", kind=Organisation.Kind.PARTNER
        )
        cls.other_partner = communities.organisation_create(
            name_uk="Інший партнер",
            name_en="Other partner",
            kind=Organisation.Kind.PARTNER,
        )
        cls.community = cls._assign(SLOVIANSK, cls.partner, Phase.EVIDENCE)
        cls.other_community = cls._assign(IZIUM, cls.other_partner, Phase.ANALYSIS)
        cls.coordinator = cls._member(
            "coordinator", cls.network, Membership.Role.COORDINATOR
        )
        cls.facilitator = cls._member(
            "facilitator", cls.partner, Membership.Role.FACILITATOR
        )
        cls.other_facilitator = cls._member(
            "other_facilitator", cls.other_partner, Membership.Role.FACILITATOR
        )
        cls.wg_member = cls._community_role(
            "wg_member", CommunityRole.Role.WORKING_GROUP_MEMBER
        )
        cls.council_viewer = cls._community_role(
            "council_viewer", CommunityRole.Role.COUNCIL_VIEWER
        )

    @classmethod
    def _assign(cls, katotth: str, partner: Organisation, phase: Phase) -> Community:
        community = Community.objects.get(katotth=katotth)
        communities.community_update(
            community=community, actor=None, partner=partner, phase=phase
        )
        return community

    @classmethod
    def _member(
        cls, username: str, organisation: Organisation, role: Membership.Role
    ) -> User:
        user = accounts.user_create(username=username, password=cls.password)
        accounts.membership_grant(
            user=user, organisation=organisation, role=role, actor=None
        )
        return user

    @classmethod
    def _community_role(cls, username: str, role: CommunityRole.Role) -> User:
        user = accounts.user_create(username=username, password=cls.password)
        accounts.community_role_grant(
            user=user, community=cls.community, role=role, actor=None
        )
        return user

    def persona(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)

    def login(self, user: User | None) -> None:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
