from __future__ import annotations

from click.testing import CliRunner
from django.test import TestCase, override_settings

from hromada.cli import main
from hromada.web.accounts.access import communities_for
from hromada.web.accounts.models import User
from hromada.web.communities.demo import OTHER_COMMUNITIES, PARTNER_COMMUNITIES
from hromada.web.communities.models import Community, Organisation


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["demo", *args])
    assert result.exit_code == 0, result.output
    return result.output


class DemoTest(TestCase):
    def test_it_loads_the_network_and_prints_the_log_ins(self) -> None:
        output = run()
        self.assertIn("The demo network is loaded.", output)
        for username in ("coordinator", "facilitator", "outsider", "wg", "council"):
            self.assertIn(f"  {username} ", output)
            self.assertTrue(
                User.objects.get(username=username).check_password("hromada-demo")
            )
        self.assertIn("password: hromada-demo", output)
        assigned = Community.objects.exclude(partner=None)
        self.assertEqual(assigned.count(), 20)
        self.assertEqual(
            set(assigned.values_list("oblast_name_en", flat=True)),
            {"Donetsk", "Luhansk", "Kharkiv"},
        )
        self.assertGreater(len(set(assigned.values_list("phase", flat=True))), 5)

    def test_the_facilitator_works_in_her_partners_communities_only(self) -> None:
        run()
        facilitator = User.objects.get(username="facilitator")
        mine = set(communities_for(facilitator).values_list("katotth", flat=True))
        self.assertEqual(mine, {row[0] for row in PARTNER_COMMUNITIES})
        outsider = User.objects.get(username="outsider")
        self.assertEqual(
            set(communities_for(outsider).values_list("katotth", flat=True)),
            {row[0] for row in OTHER_COMMUNITIES},
        )
        self.client.force_login(outsider)
        response = self.client.get(f"/communities/{PARTNER_COMMUNITIES[0][0]}/")
        self.assertEqual(response.status_code, 404)
        self.client.force_login(User.objects.get(username="wg"))
        response = self.client.get(f"/communities/{PARTNER_COMMUNITIES[0][0]}/")
        self.assertEqual(response.status_code, 200)

    def test_it_is_idempotent_and_reset_rebuilds(self) -> None:
        run()
        self.assertIn("already loaded", run())
        self.assertEqual(User.objects.count(), 5)
        User.objects.filter(username="wg").update(first_name="changed")
        self.assertIn("The demo network is loaded.", run("--reset"))
        self.assertEqual(User.objects.count(), 5)
        self.assertEqual(Organisation.objects.count(), 3)
        self.assertEqual(Community.objects.exclude(partner=None).count(), 20)
        self.assertNotEqual(User.objects.get(username="wg").first_name, "changed")

    def test_if_new_leaves_a_used_database_alone(self) -> None:
        User.objects.create(username="someone")
        self.assertIn("not new", run("--if-new"))
        self.assertFalse(Organisation.objects.exists())

    @override_settings(HROMADA_DEMO_PASSWORD="another-secret")
    def test_the_password_comes_from_the_setting(self) -> None:
        output = run("--if-new")
        self.assertTrue(
            User.objects.get(username="council").check_password("another-secret")
        )
        self.assertNotIn("another-secret", output)
        self.assertIn("$HROMADA_DEMO_PASSWORD", output)

    def test_reset_and_if_new_exclude_each_other(self) -> None:
        result = CliRunner().invoke(main, ["demo", "--reset", "--if-new"])
        self.assertEqual(result.exit_code, 2)
