"""The opinion analysis as stored and as shown, with its disclosure rules."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from hromada.web.dialogues import services
from hromada.web.dialogues.analysis import METHOD_VERSION
from hromada.web.dialogues.models import OpinionAnalysis
from hromada.web.dialogues.services import analysis as analysis_service
from hromada.web.dialogues.summary import opinion_view
from tests.web.dialogue_cases import CAMPS, DialogueCase


class AnalysisTest(DialogueCase):
    def analysis(self) -> OpinionAnalysis:
        return services.analysis_refresh(session=self.session)

    def test_no_votes_yet(self) -> None:
        stored = self.analysis()
        self.assertEqual(stored.status, "no_votes")
        self.assertEqual(stored.method_version, METHOD_VERSION)
        self.login(self.council_viewer)
        self.assertContains(self.client.get(self.url("analysis")), "Голосів ще немає.")

    def test_under_seven_voters_show_not_enough_votes_instead_of_groups(self) -> None:
        self.voters(CAMPS[:6])
        stored = self.analysis()
        self.assertEqual(
            (stored.status, stored.voters, stored.k), ("few_voters", 6, None)
        )
        for key in ("groups", "points", "repness", "divisive", "group_aware_consensus"):
            self.assertNotIn(key, stored.result)
        self.login(self.wg_member)
        page = self.client.get(self.url("analysis"))
        self.assertContains(page, "Поки що замало голосів, щоб показати групи думок")
        self.assertContains(page, "проголосували 6 осіб")
        self.assertNotContains(page, "<svg")

    def test_a_group_under_three_hides_all_groups(self) -> None:
        self.voters([[1, 1, 1, 1, 1, 1]] * 8 + [[-1, -1, -1, 1, 1, 1]] * 2)
        stored = self.analysis()
        self.assertEqual(stored.status, "small_group")
        self.assertNotIn("groups", stored.result)
        self.login(self.wg_member)
        page = self.client.get(self.url("analysis"))
        self.assertContains(page, "у якійсь групі було б менше ніж 3 особи")
        self.assertNotContains(page, "<svg")

    def test_groups_map_and_sentences_in_ukrainian(self) -> None:
        self.voters(CAMPS)
        stored = self.analysis()
        self.assertEqual((stored.status, stored.k, stored.voters), ("shown", 2, 12))
        self.assertEqual(sorted(g["size"] for g in stored.result["groups"]), [6, 6])
        self.assertEqual(len(stored.result["points"]), 12)
        self.login(self.council_viewer)
        page = self.client.get(self.url("analysis"))
        html = page.content.decode()
        self.assertIn("Проголосували 12 осіб, вони утворюють 2 групи думок", html)
        self.assertIn('role="img"', html)
        self.assertIn('<title id="opinion-map-title">Карта думок</title>', html)
        self.assertIn("Чим вирізняється група A", html)
        self.assertIn("Що всіх об’єднує", html)
        self.assertIn("Що розділяє", html)
        self.assertIn("погодилися — більше, ніж в інших групах", html)
        # Statements 3-5 everyone agreed with: consensus, with n of N.
        self.assertIn("12 із 12 погодилися:", html)
        self.assertIn("Дані діаграми у вигляді таблиці", html)

    def test_the_same_analysis_reads_in_english(self) -> None:
        self.voters(CAMPS)
        self.login(self.council_viewer)
        page = self.client.get("/en" + self.url("analysis"))
        self.assertContains(page, "12 people voted and form 2 opinion groups")
        self.assertContains(page, "What unites everyone")

    def test_meta_answers_under_ten_are_suppressed(self) -> None:
        meta = services.statements_add(
            session=self.session, texts=["Я переселенець."], language="uk", is_meta=True
        )[0]
        people = self.voters(CAMPS)
        for n, participant in enumerate(people):
            services.vote_cast(
                session=self.session,
                participant=participant,
                number=meta.number,
                value=1 if n < 11 else -1,
            )
        stored = self.analysis()
        entry = next(m for m in stored.result["meta"] if m["tid"] == meta.number)
        self.assertEqual(entry["all"], [11, 1, 0])
        view = opinion_view(self.session, stored)
        row = next(r for r in view.meta_rows if r.number == meta.number)
        # 11 "yes" is over 10 but the 1 "no" could be worked out from it and the
        # voters: both go; every group cell is under 10.
        self.assertEqual(row.cells[:3], ["n < 10", "n < 10", "0"])
        self.assertTrue(all(cell == "n < 10" for cell in row.cells[3:]))
        # Meta statements take no part in the groups.
        self.assertEqual(stored.k, 2)

    def test_statements_seen_by_fewer_than_three_show_no_counts(self) -> None:
        self.voters(
            [[1, None, None, None, None, None], [1, None, None, None, None, None]]
        )
        self.login(self.facilitator)
        page = self.client.get(self.url("statements"))
        self.assertContains(page, "менше ніж 3 голоси")
        stored = self.analysis()
        view = opinion_view(self.session, stored)
        self.assertEqual(view.consensus_agree, [])

    def test_votes_recompute_small_sessions_at_once(self) -> None:
        self.voters(CAMPS[:3])
        stored = OpinionAnalysis.objects.get(session=self.session)
        self.assertEqual(stored.voters, 3)
        self.voters(CAMPS[3:4])
        stored.refresh_from_db()
        self.assertEqual(stored.voters, 4)

    def test_large_sessions_recompute_on_votes_at_most_every_few_seconds(self) -> None:
        self.voters(CAMPS[:2])
        with time_machine.travel(timezone.now(), tick=False):
            stored = OpinionAnalysis.objects.get(session=self.session)
            stored.votes = analysis_service.INLINE_VOTES + 1
            stored.computed_at = timezone.now()
            stored.save()
            self.voters(CAMPS[2:3])
            stored.refresh_from_db()
            self.assertEqual(stored.voters, 2)  # debounced
        later = timezone.now() + dt.timedelta(seconds=11)
        with time_machine.travel(later, tick=False):
            self.voters(CAMPS[3:4])
            stored.refresh_from_db()
            self.assertEqual(stored.voters, 4)
        # A page opened on a stale analysis recomputes it whatever its size.
        stored.votes, stored.revision = analysis_service.INLINE_VOTES + 1, 0
        stored.save()
        self.login(self.facilitator)
        self.client.get(self.url("analysis"))
        stored.refresh_from_db()
        self.session.refresh_from_db()
        self.assertEqual(stored.revision, self.session.revision)

    def test_the_session_page_summarises_the_analysis(self) -> None:
        self.voters(CAMPS)
        self.login(self.facilitator)
        page = self.client.get(self.url("session"))
        self.assertContains(page, "Проголосували 12 осіб")
        self.assertContains(page, '<span class="figure">12</span>')
