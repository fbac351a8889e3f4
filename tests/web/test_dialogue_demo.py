"""The demo's dialogues: the real London conversation, translated, and its extras."""

from __future__ import annotations

from click.testing import CliRunner
from django.test import TestCase
from django.utils import translation

from hromada.cli import main
from hromada.web.accounts.models import User
from hromada.web.dialogues import demo_ranking
from hromada.web.dialogues.demo import ATTRIBUTION, LONDON_TITLE, POLICE_TITLE
from hromada.web.dialogues.evidence import describe
from hromada.web.dialogues.models import (
    DialogueSession,
    PopulationShare,
    RestorativeCircle,
    Statement,
)
from hromada.web.dialogues.ranking import ranking_view
from hromada.web.risks.models import Risk, RiskEvidence

REQUIRED = (
    "Data was gathered using the Polis software (compdemocracy.org/polis) and is "
    "sub-licensed under CC BY 4.0 with Attribution to The Computational Democracy "
    "Project."
)


def demo(*args: str) -> None:
    result = CliRunner().invoke(main, ["demo", *args])
    assert result.exit_code == 0, result.output


class DialogueDemoTest(TestCase):
    def setUp(self) -> None:
        # An /en/ request of an earlier test leaves English active in the thread.
        translation.activate("uk")

    def test_the_london_conversation_is_imported_and_translated(self) -> None:
        demo()
        session = DialogueSession.objects.get(title=LONDON_TITLE)
        self.assertEqual(session.community.katotth, "UA14120210000056793")
        statements = Statement.objects.filter(session=session)
        self.assertEqual(statements.count(), 39)
        self.assertFalse(statements.filter(text_uk="").exists())
        self.assertFalse(statements.filter(text_en="").exists())
        self.assertEqual(
            sorted(statements.filter(is_meta=True).values_list("number", flat=True)),
            list(range(15)),
        )
        self.assertEqual(
            statements.get(number=34).text_uk, "Повна прозорість — обов’язкова."
        )
        self.assertIn(REQUIRED, ATTRIBUTION)
        analysis = session.analysis
        self.assertEqual(
            (analysis.status, analysis.k, analysis.voters), ("shown", 3, 26)
        )
        self.client.force_login(User.objects.get(username="wg"))
        page = self.client.get(session.get_absolute_url() + "analysis/")
        self.assertContains(page, REQUIRED)
        self.assertContains(page, "вони утворюють 3 групи думок")
        self.assertContains(page, "20 із 21 погодилися:")
        self.assertContains(page, "Давати заохочення й уможливити справжні зміни")

    def test_the_paper_session_circle_and_shares_load_and_reset(self) -> None:
        demo()
        police = DialogueSession.objects.get(title=POLICE_TITLE)
        self.assertEqual(police.analysis.paper_votes, 96)
        self.assertEqual(police.action_items.count(), 2)
        self.assertEqual(RestorativeCircle.objects.count(), 1)
        self.assertEqual(
            RestorativeCircle.objects.get().facilitator,
            User.objects.get(username="facilitator"),
        )
        self.assertEqual(PopulationShare.objects.count(), 7)
        demo("--reset")
        self.assertEqual(DialogueSession.objects.count(), 3)
        self.assertEqual(RestorativeCircle.objects.count(), 1)
        self.assertEqual(PopulationShare.objects.count(), 7)
        self.client.force_login(User.objects.get(username="coordinator"))
        circle = RestorativeCircle.objects.get()
        self.assertEqual(self.client.get(circle.get_absolute_url()).status_code, 404)

    def test_the_ranking_dialogue_has_groups_priorities_and_a_linked_agreement(
        self,
    ) -> None:
        demo()
        session = DialogueSession.objects.get(title=demo_ranking.TITLE)
        view = ranking_view(session.ballot)
        self.assertEqual(view.voters, 34)
        self.assertEqual(
            [(g.code, g.voters) for g in view.published_groups],
            [("police", 10), ("resident", 14)],
        )
        self.assertEqual(
            sorted(g.code for g in view.suppressed_groups),
            ["local_government", "youth"],
        )
        home = session.community
        ranked = Risk.objects.of(home).exclude(dialogue_rank=None)
        self.assertEqual(ranked.count(), 5)
        first = ranked.get(dialogue_rank=1)
        agreement = session.agreements.get()
        trail = describe(
            home,
            list(
                RiskEvidence.objects.filter(risk=first, kind="dialogue").values_list(
                    "reference", flat=True
                )
            ),
        )
        self.assertIn(f"agreement:{agreement.pk}", trail)
        self.assertIn(f"priorities:{session.pk}", trail)
        self.client.force_login(User.objects.get(username="wg"))
        page = self.client.get(session.get_absolute_url() + "ranking/")
        self.assertContains(page, "n = 14")
        self.assertContains(page, "Освітлення — перше")
        demo("--reset")
        self.assertEqual(Risk.objects.of(home).exclude(dialogue_rank=None).count(), 5)
        self.assertEqual(
            RiskEvidence.objects.filter(reference=f"agreement:{agreement.pk}").count(),
            0,
        )
