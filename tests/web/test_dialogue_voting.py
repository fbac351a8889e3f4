"""The participants' page: a code, no account, one vote per statement."""

from __future__ import annotations

from django.test import Client, override_settings
from django.urls import reverse

from hromada.web.dialogues import codes, services
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import (
    Moderation,
    OpinionAnalysis,
    Participant,
    Statement,
    Vote,
)
from hromada.web.dialogues.routing import next_statement_for
from tests.web.dialogue_cases import DialogueCase
from tests.web.refusals import refuses


class VotingPageTest(DialogueCase):
    def vote_url(self, code: str | None = None) -> str:
        return reverse("dialogues:vote", args=[code or self.session.code])

    def vote(self, number: int, choice: str, client: Client | None = None) -> None:
        (client or self.client).post(
            self.vote_url(), {"statement": number, "choice": choice}
        )

    def shown_number(self, client: Client | None = None) -> int:
        page = (client or self.client).get(self.vote_url())
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        marker = 'name="statement" value="'
        start = html.index(marker) + len(marker)
        return int(html[start : html.index('"', start)])

    def test_a_code_is_found_whatever_the_case_and_separators(self) -> None:
        code = self.open_voting()
        typed = f" {code[:3].lower()}-{code[3:].lower()} "
        response = self.client.get(reverse("dialogues:join"), {"code": typed})
        self.assertRedirects(response, self.vote_url(code))
        response = self.client.get(self.vote_url(code.lower()))
        self.assertRedirects(response, self.vote_url(code))

    def test_codes_use_an_unambiguous_alphabet(self) -> None:
        for _attempt in range(50):
            code = codes.new_code()
            self.assertTrue(codes.is_well_formed(code))
            self.assertFalse(set(code) & set("01OILUV"))

    @refuses("dialogues:join", "dialogues:vote")
    def test_an_unknown_code_is_refused_in_the_page_language(self) -> None:
        self.open_voting()
        response = self.client.get(reverse("dialogues:join"), {"code": "ZZZ-ZZZ"})
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Жоден діалог не має коду", status_code=404)
        response = self.client.get("/en/d/ZZZZZZ/")
        self.assertContains(response, "No dialogue has the code", status_code=404)

    @refuses("dialogues:propose", "dialogues:skip-meta")
    def test_a_closed_session_takes_no_votes_statements_or_skips(self) -> None:
        code = self.open_voting()
        services.voting_close(session=self.session)
        number = self.statements[0].number
        for url, data in (
            (self.vote_url(code), {"statement": number, "choice": "agree"}),
            (reverse("dialogues:propose", args=[code]), {"text": "Нове"}),
            (reverse("dialogues:skip-meta", args=[code]), {}),
        ):
            with self.subTest(url=url):
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 410)
                self.assertContains(
                    response, "закритий для голосування", status_code=410
                )
        self.assertFalse(Vote.objects.exists())
        self.assertFalse(Participant.objects.exists())
        self.assertEqual(self.session.statements.count(), len(self.statements))

    @override_settings(HROMADA_CODE_FAILURE_LIMIT=4)
    def test_lookups_are_throttled_after_repeated_failures(self) -> None:
        code = self.open_voting()
        for _attempt in range(4):
            self.assertEqual(self.client.get(self.vote_url("ABCDEF")).status_code, 404)
        response = self.client.get(self.vote_url(code))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "10 хвилин", status_code=429)
        other = Client(REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.get(self.vote_url(code)).status_code, 200)

    def test_a_vote_makes_an_anonymous_participant_kept_in_a_signed_cookie(
        self,
    ) -> None:
        self.open_voting()
        number = self.shown_number()
        self.vote(number, "agree")
        participant = Participant.objects.get()
        self.assertEqual(participant.origin, "online")
        self.assertEqual(
            list(participant.votes.values_list("statement__number", "value")),
            [(number, 1)],
        )
        cookie = self.client.cookies[f"hromada_dialogue_{self.session.pk}"]
        self.assertTrue(cookie["httponly"])
        self.assertNotIn(participant.key_hash or "", cookie.value)
        # The same device goes on as the same participant.
        self.vote(self.shown_number(), "disagree")
        self.assertEqual(Participant.objects.count(), 1)
        self.assertEqual(participant.votes.count(), 2)

    def test_a_forged_cookie_is_a_new_participant(self) -> None:
        self.open_voting()
        self.client.cookies[f"hromada_dialogue_{self.session.pk}"] = "forged"
        self.vote(self.statements[0].number, "agree")
        participant = Participant.objects.get()
        self.assertEqual(participant.votes.count(), 1)

    def test_a_second_vote_on_a_statement_is_refused_and_not_counted(self) -> None:
        self.open_voting()
        number = self.statements[0].number
        self.vote(number, "agree")
        response = self.client.post(
            self.vote_url(), {"statement": number, "choice": "disagree"}, follow=True
        )
        self.assertContains(response, "Ви вже проголосували за це твердження")
        self.assertEqual(list(Vote.objects.values_list("value", flat=True)), [1])

    def test_the_database_refuses_a_duplicate_vote_too(self) -> None:
        self.open_voting()
        participant, _key = services.participant_create(session=self.session)
        statement = self.statements[0]
        services.vote_cast(
            session=self.session, participant=participant, number=1, value=1
        )
        with self.assertRaisesMessage(Refused, "Ви вже проголосували"):
            services.vote_cast(
                session=self.session, participant=participant, number=1, value=-1
            )
        self.assertEqual(Vote.objects.filter(statement=statement).count(), 1)

    def test_votes_on_moderated_or_unknown_statements_are_refused(self) -> None:
        self.open_voting()
        rejected = self.statements[1]
        services.statement_moderate(statement=rejected, moderation=Moderation.REJECTED)
        for number, message in (
            (rejected.number, "не відкрите для голосування"),
            (99, "Тут немає такого твердження"),
        ):
            response = self.client.post(
                self.vote_url(), {"statement": number, "choice": "agree"}, follow=True
            )
            self.assertContains(response, message)
        self.assertFalse(Vote.objects.exists())

    def test_a_bad_choice_is_refused(self) -> None:
        self.open_voting()
        response = self.client.post(
            self.vote_url(), {"statement": 1, "choice": "maybe"}, follow=True
        )
        self.assertContains(response, "Оберіть")
        self.assertFalse(Vote.objects.exists())

    def test_the_page_keeps_csrf_protection(self) -> None:
        self.open_voting()
        strict = Client(enforce_csrf_checks=True)
        response = strict.post(self.vote_url(), {"statement": 1, "choice": "agree"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Vote.objects.exists())
        page = strict.get(self.vote_url())
        token = page.context["csrf_token"]
        response = strict.post(
            self.vote_url(),
            {"statement": 1, "choice": "agree", "csrfmiddlewaretoken": str(token)},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Vote.objects.count(), 1)

    def test_meta_questions_come_first_and_can_be_skipped(self) -> None:
        meta = services.statements_add(
            session=self.session,
            texts=["Мені від 18 до 29 років.", "Я переселенець."],
            language="uk",
            is_meta=True,
        )
        self.open_voting()
        self.assertEqual(self.shown_number(), meta[0].number)
        self.vote(meta[0].number, "agree")
        self.assertEqual(self.shown_number(), meta[1].number)
        page = self.client.get(self.vote_url())
        self.assertContains(page, "Пропустити запитання про себе")
        self.client.post(reverse("dialogues:skip-meta", args=[self.session.code]))
        self.assertNotIn(self.shown_number(), {m.number for m in meta})

    def test_the_next_statement_follows_the_seeded_polis_priority(self) -> None:
        self.open_voting()
        first = self.shown_number()
        # Reloading shows the same statement: the draw is seeded.
        self.assertEqual(self.shown_number(), first)
        seen = []
        for _step in range(len(self.statements)):
            number = self.shown_number()
            seen.append(number)
            self.vote(number, "pass")
        self.assertEqual(sorted(seen), [s.number for s in self.statements])
        page = self.client.get(self.vote_url())
        self.assertContains(page, "Ви проголосували за всі твердження")
        self.assertNotContains(page, 'name="statement"')

    def test_high_priority_statements_are_drawn_more_often(self) -> None:
        self.open_voting()
        analysis = services.analysis_refresh(session=self.session)
        target = self.statements[3].number
        analysis.result = {
            "priorities": {str(s.number): 0.0 for s in self.statements}
            | {str(target): 1.0}
        }
        analysis.save()
        for _person in range(5):
            participant, _key = services.participant_create(session=self.session)
            shown = next_statement_for(self.session, participant)
            self.assertIsNotNone(shown)
            assert shown is not None
            self.assertEqual(shown.number, target)

    def test_a_participant_proposes_a_statement_that_waits_for_moderation(
        self,
    ) -> None:
        self.open_voting()
        response = self.client.post(
            reverse("dialogues:propose", args=[self.session.code]),
            {"text": "  Потрібен   молодіжний центр.  "},
            follow=True,
        )
        self.assertContains(response, "з’явиться після перевірки")
        statement = Statement.objects.get(origin="participant")
        self.assertEqual(statement.text_uk, "Потрібен молодіжний центр.")
        self.assertEqual(statement.moderation, Moderation.PENDING)
        self.assertIsNotNone(statement.author)
        # It is not shown to anyone before it is accepted.
        for _step in range(len(self.statements)):
            number = self.shown_number()
            self.assertNotEqual(number, statement.number)
            self.vote(number, "agree")

    def test_proposals_are_limited_and_duplicates_refused(self) -> None:
        self.open_voting()
        url = reverse("dialogues:propose", args=[self.session.code])
        response = self.client.post(url, {"text": STATEMENT_COPY}, follow=True)
        self.assertContains(response, "вже є в діалозі")
        for n in range(6):
            response = self.client.post(url, {"text": f"Ідея номер {n}"}, follow=True)
        self.assertContains(response, "ще чекають на фасилітатора")
        self.assertEqual(Statement.objects.filter(origin="participant").count(), 5)

    def test_votes_refresh_the_analysis(self) -> None:
        self.voters([[1, 1, -1]])
        analysis = OpinionAnalysis.objects.get(session=self.session)
        self.session.refresh_from_db()
        self.assertEqual(analysis.revision, self.session.revision)
        self.assertEqual(analysis.votes, 3)
        self.assertEqual(analysis.result["tallies"]["3"]["disagree"], 1)

    @override_settings(LANGUAGE_CODE="uk")
    def test_the_page_is_phone_first_and_works_without_javascript(self) -> None:
        self.open_voting()
        page = self.client.get(self.vote_url())
        html = page.content.decode()
        self.assertIn('name="viewport"', html)
        self.assertNotIn("<script", html)
        self.assertEqual(html.count('type="submit" name="choice"'), 3)
        self.assertIn("Погоджуюся", html)
        self.assertEqual(page["Cache-Control"].count("no-cache"), 1)


STATEMENT_COPY = "Біля школи потрібне освітлення."
