"""The paper path: a printable tally sheet, and tallies checked against attendance."""

from __future__ import annotations

from hromada.web.dialogues import services
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import Moderation, OpinionAnalysis, PaperTally
from tests.web.dialogue_cases import CAMPS, DialogueCase


class TallySheetTest(DialogueCase):
    def test_the_sheet_lists_every_open_statement_with_boxes(self) -> None:
        services.statement_moderate(
            statement=self.statements[2], moderation=Moderation.REJECTED
        )
        services.attendance_record(session=self.session, attendees=24, counts={})
        self.login(self.wg_member)
        page = self.client.get(self.url("tally-sheet"))
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        for statement in self.statements:
            shown = statement.text_uk in html
            self.assertEqual(shown, statement.moderation == Moderation.ACCEPTED)
        self.assertEqual(html.count('<td class="box"></td>'), 3 * 5)
        self.assertIn("Бланк підрахунку", html)
        self.assertIn("@media print", (self.static_css()))

    def static_css(self) -> str:
        from pathlib import Path

        import hromada.web.dialogues as app

        return (
            Path(app.__file__).parent / "static" / "dialogues" / "dialogues.css"
        ).read_text()


class TalliesTest(DialogueCase):
    def post(self, **values: int | str) -> None:
        self.login(self.facilitator)
        self.response = self.client.post(self.url("tallies"), values)

    def test_tallies_are_saved_and_replace_earlier_ones(self) -> None:
        services.attendance_record(session=self.session, attendees=20, counts={})
        self.post(s1_agree=12, s1_disagree=5, s1_pass=1, s2_agree=3)
        self.assertRedirects(self.response, self.url("tallies"))
        first = PaperTally.objects.get(statement=self.statements[0])
        self.assertEqual((first.agree, first.disagree, first.passes), (12, 5, 1))
        second = PaperTally.objects.get(statement=self.statements[1])
        self.assertEqual((second.agree, second.disagree, second.passes), (3, 0, 0))
        self.assertEqual(first.entered_by, self.facilitator)
        # Entering the sheet again replaces the counts: nothing is counted twice.
        self.post(s1_agree=12, s1_disagree=5, s1_pass=1, s2_agree=3)
        self.assertEqual(PaperTally.objects.count(), 2)
        analysis = OpinionAnalysis.objects.get(session=self.session)
        self.assertEqual(analysis.paper_votes, 21)
        # Three blanks remove a statement's tally.
        self.post(s1_agree=12, s1_disagree=5, s1_pass=1)
        self.assertEqual(PaperTally.objects.count(), 1)

    def test_more_votes_than_attendees_are_refused_and_nothing_is_saved(self) -> None:
        services.attendance_record(session=self.session, attendees=10, counts={})
        self.post(s1_agree=3, s2_agree=8, s2_disagree=2, s2_pass=1)
        self.assertContains(
            self.response,
            "Твердження 2 має 11 голосів на папері, але присутніх було лише 10.",
            status_code=400,
        )
        self.assertFalse(PaperTally.objects.exists())

    def test_tallies_need_the_attendance(self) -> None:
        self.post(s1_agree=3)
        self.assertContains(
            self.response, "Спершу внесіть кількість присутніх", status_code=400
        )
        self.assertFalse(PaperTally.objects.exists())

    def test_a_rejected_statement_takes_no_tally(self) -> None:
        services.attendance_record(session=self.session, attendees=10, counts={})
        rejected = self.statements[0]
        services.statement_moderate(statement=rejected, moderation=Moderation.REJECTED)
        with self.assertRaisesMessage(Refused, "відхилено під час модерації"):
            services.tallies_record(
                session=self.session, actor=None, tallies={rejected.number: (1, 0, 0)}
            )
        with self.assertRaisesMessage(Refused, "немає твердження 42"):
            services.tallies_record(
                session=self.session, actor=None, tallies={42: (1, 0, 0)}
            )
        self.assertFalse(PaperTally.objects.exists())

    def test_a_roster_session_checks_against_its_roster(self) -> None:
        services.session_update(session=self.session, attendance_mode="roster")
        for n in range(3):
            services.attendee_add(session=self.session, pseudonym=f"P{n}")
        with self.assertRaisesMessage(Refused, "присутніх було лише 3"):
            services.tallies_record(
                session=self.session, actor=None, tallies={1: (2, 2, 0)}
            )

    def test_tallies_count_in_consensus_but_never_in_the_groups(self) -> None:
        services.attendance_record(session=self.session, attendees=40, counts={})
        self.voters(CAMPS)
        online = services.analysis_refresh(session=self.session)
        groups = online.result.get("groups")
        points = len(online.result.get("points", []))
        # Statement 1 splits the online voters; twenty more agree on paper.
        self.assertNotIn(1, [c["tid"] for c in online.result["consensus"]["agree"]])
        services.tallies_record(
            session=self.session, actor=None, tallies={1: (20, 0, 0)}
        )
        combined = services.analysis_refresh(session=self.session)
        self.assertIn(1, [c["tid"] for c in combined.result["consensus"]["agree"]])
        first = next(c for c in combined.result["consensus"]["agree"] if c["tid"] == 1)
        self.assertEqual(first["n_trials"], 20 + len(CAMPS))
        self.assertEqual(combined.result.get("groups"), groups)
        self.assertEqual(len(combined.result.get("points", [])), points)
        self.assertEqual(combined.voters, online.voters)
        self.login(self.council_viewer)
        page = self.client.get(self.url("analysis"))
        self.assertContains(page, "не прив’язані до учасників")
