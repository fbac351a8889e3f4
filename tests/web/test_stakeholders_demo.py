"""The demo's stakeholder maps: realistic in size and telling in their findings."""

from __future__ import annotations

from click.testing import CliRunner
from django.test import TestCase

from hromada.cli import main
from hromada.web.accounts.models import User
from hromada.web.communities.models import Community
from hromada.web.stakeholders import network
from hromada.web.stakeholders.demo import maps
from hromada.web.stakeholders.models import Stakeholder, StakeholderRelation

SLOVIANSK, IZIUM = "UA14120210000056793", "UA63040090000021240"


class StakeholderDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        result = CliRunner().invoke(main, ["demo"])
        assert result.exit_code == 0, result.output

    def analysis(self, katotth: str) -> network.MapAnalysis:
        community = Community.objects.get(katotth=katotth)
        return network.analyse(
            list(Stakeholder.objects.of(community).order_by("pk")),
            list(StakeholderRelation.objects.of(community).order_by("pk")),
        )

    def test_five_communities_have_maps_of_fifteen_to_twenty_five(self) -> None:
        katotths = [spec["katotth"] for spec in maps()]
        self.assertEqual(len(katotths), 5)
        self.assertIn(SLOVIANSK, katotths)
        for katotth in katotths:
            stakeholders = Stakeholder.objects.filter(community__katotth=katotth)
            with self.subTest(katotth=katotth):
                self.assertTrue(15 <= stakeholders.count() <= 25)
                self.assertGreaterEqual(
                    len(set(stakeholders.values_list("type", flat=True))), 10
                )
                self.assertTrue(all(s.name_en for s in stakeholders))

    def test_every_map_says_something_worth_a_working_groups_time(self) -> None:
        for spec in maps():
            codes = {f.code for f in self.analysis(spec["katotth"]).findings}
            with self.subTest(katotth=spec["katotth"]):
                self.assertIn("conflict_between", codes)
                self.assertIn("isolates", codes)
                self.assertTrue(
                    codes
                    & {
                        "key_actor_isolated",
                        "key_actor_single_link",
                        "key_actors_not_connected",
                    }
                )

    def test_the_home_community_has_a_founded_working_group(self) -> None:
        home = Community.objects.get(katotth=SLOVIANSK)
        group = home.working_group
        self.assertTrue(group.founded)
        self.assertEqual(
            group.members.filter(stakeholder__isnull=False).count(),
            Stakeholder.objects.of(home).filter(in_working_group=True).count(),
        )
        self.assertTrue(group.members.filter(role="chair").exists())
        self.assertTrue(group.members.filter(stakeholder__isnull=True).exists())
        # One demo group is still being formed, without its order.
        self.assertTrue(
            any(
                not c.working_group.founded
                for c in Community.objects.filter(
                    katotth__in=[m["katotth"] for m in maps()]
                )
            )
        )

    def test_the_demo_users_see_what_their_roles_allow(self) -> None:
        path = f"/communities/{SLOVIANSK}/stakeholders/network/"
        for username, status in (("facilitator", 200), ("wg", 200), ("outsider", 404)):
            with self.subTest(username=username):
                self.client.force_login(User.objects.get(username=username))
                self.assertEqual(self.client.get(path).status_code, status)
        self.client.force_login(User.objects.get(username="outsider"))
        own = f"/communities/{IZIUM}/stakeholders/"
        self.assertEqual(self.client.get(own).status_code, 200)

    def test_reset_rebuilds_the_maps(self) -> None:
        before = Stakeholder.objects.count(), StakeholderRelation.objects.count()
        Stakeholder.objects.filter(community__katotth=SLOVIANSK).first().delete()  # type: ignore[union-attr]
        result = CliRunner().invoke(main, ["demo", "--reset"])
        self.assertEqual(result.exit_code, 0, result.output)
        after = Stakeholder.objects.count(), StakeholderRelation.objects.count()
        self.assertEqual(after, before)
