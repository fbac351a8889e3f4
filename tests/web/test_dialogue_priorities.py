"""Agreed priorities flow into the register; statements seeded from the register."""

from __future__ import annotations

from django.utils import translation

from hromada.web.dialogues import services
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import Moderation, PriorityDecision, Statement
from hromada.web.dialogues.services.statements import SEEDED_KINDS
from hromada.web.risks.models import Risk, RiskEvidence
from tests.web.ranking_cases import RankingCase
from tests.web.refusals import refuses


class PrioritiesTest(RankingCase):
    def form(self, indices: list[int], rationale: str = "") -> dict[str, object]:
        data: dict[str, object] = {"rationale": rationale}
        for n, i in enumerate(indices, start=1):
            data[f"priority_{n}"] = self.risks[i].pk
        return data

    def dialogue_ranks(self) -> dict[str, int | None]:
        return dict(
            Risk.objects.of(self.community).values_list("code", "dialogue_rank")
        )

    def test_the_computed_order_needs_no_rationale_and_reaches_the_register(
        self,
    ) -> None:
        self.login(self.facilitator)
        response = self.client.post(self.url("priorities"), self.form([0, 1, 2, 3, 4]))
        self.assertRedirects(response, self.url("ranking"))
        ranks = self.dialogue_ranks()
        self.assertEqual(
            [ranks[f"RK0{n}"] for n in range(1, 9)], [1, 2, 3, 4, 5, None, None, None]
        )
        decision = PriorityDecision.objects.get()
        self.assertFalse(decision.differs)
        reference = f"priorities:{self.session.pk}"
        self.assertEqual(
            sorted(
                RiskEvidence.objects.filter(
                    kind="dialogue", reference=reference
                ).values_list("risk__code", "note")
            ),
            [("RK01", "1"), ("RK02", "2"), ("RK03", "3"), ("RK04", "4"), ("RK05", "5")],
        )
        page = self.client.get(self.url("ranking"))
        self.assertContains(page, "Реєстр ризиків показує цей порядок")

    def test_a_different_order_demands_a_rationale(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(self.url("priorities"), self.form([7, 0, 1, 2, 3]))
        self.assertContains(
            response,
            "Узгоджений порядок відрізняється від розрахункового рейтингу",
            status_code=400,
        )
        self.assertFalse(PriorityDecision.objects.exists())
        self.assertEqual(set(self.dialogue_ranks().values()), {None})
        response = self.client.post(
            self.url("priorities"),
            self.form([7, 0, 1, 2, 3], "Крадіжки хвилюють молодь найбільше."),
        )
        self.assertRedirects(response, self.url("ranking"))
        self.assertEqual(self.dialogue_ranks()["RK08"], 1)
        self.assertTrue(PriorityDecision.objects.get().differs)

    def test_skipping_a_computed_risk_also_differs(self) -> None:
        # RK01..RK04 then RK06: the computed fifth (RK05) is left out.
        with self.assertRaisesMessage(Refused, "поясніть чому"):
            services.priorities_record(
                session=self.session,
                actor=None,
                ordered=[self.risks[i] for i in (0, 1, 2, 3, 5)],
                rationale=" ",
            )

    def test_an_unscored_register_needs_no_rationale(self) -> None:
        Risk.objects.of(self.community).update(likelihood=None, impact=None, score=None)
        decision = services.priorities_record(
            session=self.session,
            actor=None,
            ordered=[self.risks[i] for i in (7, 6, 5, 4, 3)],
            rationale="",
        )
        self.assertFalse(decision.differs)
        self.assertEqual(self.dialogue_ranks()["RK08"], 1)

    def test_five_to_seven_distinct_register_risks(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(self.url("priorities"), self.form([0, 1, 2, 3]))
        self.assertEqual(response.status_code, 400)
        for ordered, message in (
            ([0, 1, 2, 3, 4, 5, 6, 7], "від 5 до 7"),
            ([0, 1, 2, 3, 3], "лише одним пріоритетом"),
        ):
            with self.subTest(ordered=ordered):
                with self.assertRaisesMessage(Refused, message):
                    services.priorities_record(
                        session=self.session,
                        actor=None,
                        ordered=[self.risks[i] for i in ordered],
                        rationale="так вирішили",
                    )
        with self.assertRaisesMessage(Refused, "реєстру цієї громади"):
            services.priorities_record(
                session=self.session,
                actor=None,
                ordered=[*self.risks[:4], self.dismissed],
                rationale="так вирішили",
            )
        self.assertFalse(PriorityDecision.objects.exists())

    def test_recording_again_replaces_the_order_and_the_trail(self) -> None:
        services.priorities_record(
            session=self.session,
            actor=None,
            ordered=self.risks[:7],
            rationale="",
        )
        services.priorities_record(
            session=self.session,
            actor=None,
            ordered=[self.risks[i] for i in (4, 3, 2, 1, 0)],
            rationale="Наркотики — головне для батьків.",
        )
        ranks = self.dialogue_ranks()
        self.assertEqual((ranks["RK05"], ranks["RK01"], ranks["RK07"]), (1, 5, None))
        self.assertEqual(
            RiskEvidence.objects.filter(
                reference=f"priorities:{self.session.pk}"
            ).count(),
            5,
        )

    def test_the_messages_are_translated(self) -> None:
        with translation.override("en"):
            with self.assertRaisesMessage(Refused, "Agree on 5 to 7 priorities."):
                services.priorities_record(
                    session=self.session, actor=None, ordered=[], rationale=""
                )

    @refuses("dialogues:priorities")
    def test_outsiders_and_readers_cannot_record_priorities(self) -> None:
        for name, status in (
            ("other_facilitator", 404),
            ("coordinator", 403),
            ("wg_member", 403),
            ("council_viewer", 403),
        ):
            self.login(self.persona(name))
            with self.subTest(persona=name):
                self.assertEqual(
                    self.client.get(self.url("priorities")).status_code, status
                )
                response = self.client.post(
                    self.url("priorities"), self.form([0, 1, 2, 3, 4])
                )
                self.assertEqual(response.status_code, status)
        self.assertFalse(PriorityDecision.objects.exists())


class SeedTest(RankingCase):
    def test_the_facilitator_seeds_statements_from_the_register(self) -> None:
        self.login(self.facilitator)
        before = self.session.statements.count()
        response = self.client.post(self.url("statements-seed"), follow=True)
        self.assertContains(response, "З реєстру ризиків додано 8 тверджень.")
        seeded = list(self.session.statements.filter(origin=Statement.Origin.RISK))
        self.assertEqual(len(seeded), 8)
        first = seeded[0]
        self.assertEqual(first.number, before + 1)
        self.assertEqual(first.risk, self.risks[0])
        self.assertEqual(
            first.text_uk,
            "«Темні вулиці» — одна з найбільших загроз безпеці в нашій громаді.",
        )
        self.assertIn("Темні вулиці (en)", first.text_en)
        # The dismissed risk is not in the register; a second seeding adds nothing.
        self.assertFalse(self.session.statements.filter(risk=self.dismissed).exists())
        response = self.client.post(self.url("statements-seed"), follow=True)
        self.assertContains(response, "Для кожного ризику реєстру вже є твердження.")
        self.assertEqual(self.session.statements.count(), before + 8)

    def test_the_facilitator_seeds_statements_from_the_survey_findings(self) -> None:
        from hromada.web.analysis import findings, tables
        from hromada.web.analysis.compute import analysis_compute
        from tests.web.analysis_rounds import imported_round

        self.login(self.facilitator)
        form = {"source": "findings"}
        response = self.client.post(self.url("statements-seed"), form, follow=True)
        self.assertContains(
            response, "Громада ще не має проаналізованої хвилі опитування"
        )
        self.assertFalse(self.session.statements.filter(origin="survey").exists())
        assessment = imported_round(self.community, n=160, seed=5)
        analysis_compute(assessment=assessment)
        with translation.override("uk"):
            data = tables.overview(assessment)
            said = [
                f.text
                for f in findings.findings(data, findings.overall_gaps(data))
                if f.kind in SEEDED_KINDS
            ]
        self.assertGreaterEqual(len(said), 2)  # at least the weakest and strongest
        before = self.session.statements.count()
        self.client.post(self.url("statements-seed"), form, follow=True)
        seeded = list(self.session.statements.filter(origin=Statement.Origin.SURVEY))
        self.assertEqual(
            [s.text_uk for s in seeded],
            [f"Це збігається з тим, що я бачу в нашій громаді: {t}" for t in said],
        )
        self.assertEqual(seeded[0].number, before + 1)
        self.assertTrue(
            all(
                s.text_en.startswith("This matches what I see in our community: ")
                for s in seeded
            )
        )
        self.assertTrue(all(s.moderation == Moderation.ACCEPTED for s in seeded))
        response = self.client.post(self.url("statements-seed"), form, follow=True)
        self.assertContains(response, "Для кожного висновку опитування вже є")
        self.assertEqual(self.session.statements.count(), before + len(said))

    @refuses("dialogues:statements-seed")
    def test_only_the_facilitator_seeds(self) -> None:
        for name, status in (("other_facilitator", 404), ("wg_member", 403)):
            self.login(self.persona(name))
            response = self.client.post(self.url("statements-seed"))
            self.assertEqual(response.status_code, status)
        self.assertFalse(self.session.statements.filter(origin="risk").exists())
