"""Sessions, attendance, population shares and the inclusion table."""

from __future__ import annotations

from django.urls import reverse

from hromada.web.audit.models import AuditEvent
from hromada.web.dialogues import services
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.inclusion import inclusion_rows, suppressed
from hromada.web.dialogues.models import DialogueSession, PopulationShare, Vote
from tests.web.dialogue_cases import DialogueCase


class SessionTest(DialogueCase):
    def test_the_facilitator_creates_a_session_from_the_tab(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.tab_url("session-new"),
            {
                "kind": "police_community",
                "title": "Поліція і молодь",
                "date": "2025-10-02",
                "place": "Бібліотека",
                "facilitator": self.facilitator.pk,
                "purpose": "Почути молодь",
                "attendance_mode": "counts",
            },
        )
        session = DialogueSession.objects.get(title="Поліція і молодь")
        self.assertRedirects(response, session.get_absolute_url())
        self.assertEqual(session.community, self.community)
        self.assertEqual(session.facilitator, self.facilitator)
        page = self.client.get(self.tab_url("index"))
        self.assertContains(page, "Поліція і молодь")
        self.assertContains(page, "діалог поліції та громади")

    def test_only_the_partners_facilitators_can_be_named(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.tab_url("session-new"),
            {
                "kind": "focus_group",
                "title": "Ф",
                "date": "2025-10-02",
                "facilitator": self.other_facilitator.pk,
                "attendance_mode": "counts",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(DialogueSession.objects.filter(title="Ф").exists())

    def test_editing_and_deleting_a_session(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.url("session-edit"),
            {
                "kind": "working_group",
                "title": "Нова назва",
                "date": "2025-09-18",
                "minutes": "Ухвалили план.",
                "attendance_mode": "counts",
            },
        )
        self.assertRedirects(response, self.session.get_absolute_url())
        self.session.refresh_from_db()
        self.assertEqual(
            (self.session.title, self.session.kind), ("Нова назва", "working_group")
        )
        self.assertEqual(self.session.minutes, "Ухвалили план.")
        response = self.client.post(self.url("session-delete"))
        self.assertRedirects(response, self.tab_url("index"))
        self.assertFalse(DialogueSession.objects.filter(pk=self.session.pk).exists())
        event = AuditEvent.objects.get(action="deletion")
        self.assertEqual(event.actor, self.facilitator)
        self.assertEqual(event.detail["statements"], len(self.statements))

    def test_opening_voting_shows_a_big_code_and_closing_keeps_it(self) -> None:
        self.login(self.facilitator)
        self.client.post(self.url("voting"), {"action": "open"})
        self.session.refresh_from_db()
        self.assertTrue(self.session.voting_open)
        page = self.client.get(self.url("session"))
        self.assertContains(page, self.session.code_display)
        self.assertContains(page, "Закрити голосування")
        code = self.session.code
        self.client.post(self.url("voting"), {"action": "close"})
        self.session.refresh_from_db()
        self.assertEqual((self.session.voting_open, self.session.code), (False, code))
        self.client.post(self.url("voting"), {"action": "open"})
        self.session.refresh_from_db()
        self.assertEqual(self.session.code, code)


class AttendanceTest(DialogueCase):
    def post_counts(self, **counts: int | str) -> None:
        self.login(self.facilitator)
        self.response = self.client.post(self.url("attendance"), counts)

    def test_counts_are_saved_and_a_blank_dimension_is_not_counted(self) -> None:
        self.post_counts(attendees=20, sex__female=12, sex__male=8, idp__yes=0)
        self.assertRedirects(self.response, self.url("attendance"))
        counts = services.attendance_counts(self.session)
        self.assertEqual(
            counts,
            {("sex", "female"): 12, ("sex", "male"): 8, ("idp", "yes"): 0},
        )
        self.session.refresh_from_db()
        self.assertEqual(self.session.head_count(), 20)

    def test_a_blank_box_in_a_counted_dimension_is_zero(self) -> None:
        self.post_counts(attendees=20, age_group__18_29=5, age_group__60_plus="")
        counts = services.attendance_counts(self.session)
        self.assertEqual(counts[("age_group", "60_plus")], 0)
        self.assertEqual(counts[("age_group", "18_29")], 5)

    def test_counts_over_the_head_count_are_refused(self) -> None:
        self.post_counts(attendees=10, sex__female=7, sex__male=6)
        self.assertContains(self.response, "більше, ніж 10 присутніх")
        self.assertEqual(services.attendance_counts(self.session), {})
        self.post_counts(attendees=10, veteran__yes=11)
        self.assertContains(self.response, "більше, ніж 10 присутніх")

    def test_counts_need_a_head_count(self) -> None:
        self.post_counts(sex__female=3)
        self.assertContains(self.response, "Спершу вкажіть, скільки людей прийшло")

    def test_a_roster_of_pseudonyms_gives_the_counts(self) -> None:
        services.session_update(session=self.session, attendance_mode="roster")
        self.login(self.facilitator)
        for n, (sex, idp) in enumerate(
            [("female", True), ("female", False), ("male", False)]
        ):
            response = self.client.post(
                self.url("attendee-add"),
                {"pseudonym": f"P{n}", "sex": sex, "idp": "on" if idp else ""},
            )
            self.assertRedirects(response, self.url("attendance"))
        response = self.client.post(self.url("attendee-add"), {"pseudonym": "P1"})
        self.assertContains(response, "вже є у списку", status_code=400)
        self.assertEqual(self.session.head_count(), 3)
        counts = services.attendance_counts(self.session)
        self.assertEqual(counts[("sex", "female")], 2)
        self.assertEqual(counts[("idp", "yes")], 1)
        self.assertNotIn(("age_group", "18_29"), counts)
        attendee = self.session.roster.get(pseudonym="P0")
        self.client.post(self.url("attendee-remove", attendee.pk))
        self.assertEqual(self.session.head_count(), 2)


class InclusionTest(DialogueCase):
    def test_population_shares_for_the_community_or_the_session(self) -> None:
        self.login(self.facilitator)
        self.client.post(
            self.url("population"),
            {
                "scope": "community",
                "sex__female": "54",
                "sex__male": "46",
                "source": "Держстат",
            },
        )
        shares = services.population_shares(self.community)
        self.assertAlmostEqual(shares[("sex", "female")], 0.54)
        other = services.session_create(
            community=self.community,
            kind="focus_group",
            title="Інша",
            date=self.session.date,
        )
        self.client.post(
            self.url("population"),
            {"scope": "session", "sex__female": "60", "sex__male": "40"},
        )
        self.assertAlmostEqual(
            services.population_shares(self.community, self.session)[("sex", "female")],
            0.60,
        )
        self.assertAlmostEqual(
            services.population_shares(self.community, other)[("sex", "female")], 0.54
        )

    def test_shares_over_100_percent_are_refused(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.url("population"),
            {"scope": "community", "age_group__18_29": "70", "age_group__30_44": "40"},
        )
        self.assertContains(response, "перевищують 100", status_code=400)
        self.assertFalse(PopulationShare.objects.exists())

    def test_missing_groups_are_flagged_and_small_counts_suppressed(self) -> None:
        services.population_shares_set(
            community=self.community,
            shares={("sex", "female"): 0.54, ("sex", "male"): 0.46},
        )
        services.attendance_record(
            session=self.session,
            attendees=30,
            counts={("sex", "female"): 4, ("sex", "male"): 26, ("idp", "yes"): 0},
        )
        rows = {
            (str(r.dimension), str(r.category)): r for r in inclusion_rows(self.session)
        }
        women = rows[("Стать", "жінки")]
        # 4 women: suppressed, and so is the complement (men) it could be read from.
        self.assertTrue(women.suppressed)
        self.assertIsNone(women.n)
        self.assertIsNone(women.share)
        self.assertFalse(women.under_represented)
        self.assertTrue(rows[("Стать", "чоловіки")].suppressed)
        displaced = rows[("Внутрішньо переміщені особи", "внутрішньо переміщені особи")]
        self.assertTrue(displaced.missing)
        self.assertEqual(displaced.n, 0)
        veterans = rows[("Ветерани й ветеранки", "ветерани й ветеранки")]
        self.assertFalse(veterans.missing)
        self.assertIsNone(veterans.n)
        self.login(self.council_viewer)
        page = self.client.get(self.url("session"))
        self.assertContains(page, "відсутні: ніхто не прийшов")
        self.assertContains(page, "n &lt; 10")

    def test_large_counts_show_with_their_flags(self) -> None:
        services.population_shares_set(
            community=self.community,
            shares={("sex", "female"): 0.54, ("sex", "male"): 0.46},
        )
        services.attendance_record(
            session=self.session,
            attendees=60,
            counts={("sex", "female"): 12, ("sex", "male"): 48},
        )
        rows = {str(r.category): r for r in inclusion_rows(self.session)}
        self.assertEqual(rows["жінки"].n, 12)
        self.assertAlmostEqual(rows["жінки"].share or 0, 0.2)
        self.assertTrue(rows["жінки"].under_represented)
        self.assertFalse(rows["чоловіки"].under_represented)

    def test_survey_shares_can_be_passed_in(self) -> None:
        services.attendance_record(
            session=self.session, attendees=40, counts={("idp", "yes"): 12}
        )
        rows = inclusion_rows(self.session, survey={("idp", "yes"): 0.7})
        displaced = next(r for r in rows if r.n == 12)
        self.assertAlmostEqual(displaced.survey_share or 0, 0.7)
        self.assertTrue(displaced.under_represented)

    def test_the_latest_survey_round_gives_weighted_shares(self) -> None:
        from hromada.web.dialogues.inclusion import survey_shares
        from hromada.web.surveys.models import Response
        from tests.web.analysis_rounds import imported_round

        self.assertEqual(survey_shares(self.session), {})
        assessment = imported_round(self.community, n=120, seed=3)
        responses = Response.objects.for_assessment(assessment)
        # Women count three times: the share must follow the weights.
        responses.filter(sex="female").update(weight=3.0)
        responses.exclude(sex="female").update(weight=1.0)
        women = responses.filter(sex="female").count()
        answered = responses.exclude(sex="").count()
        expected = 3 * women / (3 * women + answered - women)
        shares = survey_shares(self.session)
        self.assertAlmostEqual(shares[("sex", "female")], expected)
        self.assertAlmostEqual(
            shares[("sex", "female")] + shares[("sex", "male")],
            1
            - (responses.filter(sex="other").count() / (3 * women + answered - women)),
        )
        displaced = responses.filter(idp=True)
        known = responses.exclude(idp=None)
        weighted = sum(r.weight for r in displaced) / sum(r.weight for r in known)
        self.assertAlmostEqual(shares[("idp", "yes")], weighted)
        self.assertNotIn(("veteran", "yes"), shares)  # households, not people
        # The session page compares attendance with them.
        services.attendance_record(
            session=self.session, attendees=40, counts={("idp", "yes"): 0}
        )
        self.login(self.facilitator)
        page = self.client.get(
            reverse(
                "dialogues:session",
                args=[self.community.katotth, self.session.pk],
            )
        ).content.decode()
        self.assertIn("Опитування", page)
        self.assertIn(f"{round(100 * weighted)} %", page)

    def test_suppression_protects_a_small_cell_with_its_complement(self) -> None:
        hidden = suppressed(25, {("sex", "female"): 8, ("sex", "male"): 17})
        self.assertEqual(hidden, {("sex", "female"), ("sex", "male")})
        hidden = suppressed(25, {("idp", "yes"): 3})
        self.assertEqual(hidden, {("idp", "yes")})


class RevisionTest(DialogueCase):
    def test_moderation_and_meta_changes_make_the_analysis_stale(self) -> None:
        analysis = services.analysis_refresh(session=self.session)
        services.statement_moderate(statement=self.statements[0], moderation=-1)
        analysis.refresh_from_db()
        self.session.refresh_from_db()
        self.assertNotEqual(analysis.revision, self.session.revision)
        fresh = services.analysis_refresh(session=self.session)
        self.assertEqual(fresh.revision, self.session.revision)
        self.assertFalse(Vote.objects.exists())

    def test_a_statement_needs_text(self) -> None:
        with self.assertRaises(Refused):
            services.statement_update(
                statement=self.statements[0], text_uk=" ", text_en="", is_meta=False
            )

    def test_the_facilitator_adds_and_translates_statements(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.url("statements"),
            {"texts": "Перше\n\n  Друге  \n", "language": "uk"},
        )
        self.assertRedirects(response, self.url("statements"))
        added = self.session.statements.order_by("-number")[:2]
        self.assertEqual([s.text_uk for s in added], ["Друге", "Перше"])
        number = added[0].number
        self.client.post(
            self.url("statement-edit", number),
            {"text_uk": "Друге", "text_en": "Second", "is_meta": ""},
        )
        response = self.client.get(
            reverse(
                "dialogues:statements", args=[self.community.katotth, self.session.pk]
            ).replace("/communities", "/en/communities")
        )
        self.assertContains(response, "Second")
