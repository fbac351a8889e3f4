"""Risk-ranking ballots: set-up, phone ballots, paper dot sheets, tallies."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from django.test import Client
from django.urls import reverse

from hromada import core
from hromada.web.dialogues import services
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import (
    Ballot,
    BallotComparison,
    BallotPaperCount,
    BallotResponse,
)
from hromada.web.dialogues.ranking import ranking_view
from hromada.web.risks.models import Risk
from tests.web.ranking_cases import RankingCase
from tests.web.refusals import refuses


class BallotSetupTest(RankingCase):
    def test_the_facilitator_sets_up_a_ballot_over_the_register(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.url("ranking-setup"),
            {"method": "dots", "risks": [r.pk for r in self.risks]},
        )
        self.assertRedirects(response, self.url("ranking"))
        ballot = Ballot.objects.get()
        # ⌈8 / 3⌉ dots by default, the risks in register order.
        self.assertEqual(ballot.budget, 3)
        self.assertEqual(
            list(ballot.items.values_list("risk__code", flat=True)),
            [r.code for r in self.risks],
        )

    def test_only_register_risks_of_the_community_go_on_a_ballot(self) -> None:
        for risks in (
            [*self.risks[:3], self.dismissed],
            [*self.risks[:3], self.outsider_risk],
        ):
            with self.assertRaisesMessage(Refused, "реєстру"):
                services.ballot_setup(session=self.session, method="dots", risks=risks)
        self.assertFalse(Ballot.objects.exists())
        with self.assertRaisesMessage(Refused, "щонайменше два ризики"):
            services.ballot_setup(
                session=self.session, method="dots", risks=self.risks[:1]
            )

    def test_a_ballot_with_votes_is_not_set_up_again(self) -> None:
        self.ballot()
        self.cast("resident", {0: 3})
        with self.assertRaises(Refused) as refused:
            self.ballot(method="ranking")
        self.assertEqual(refused.exception.code, "has_ballots")
        self.assertEqual(Ballot.objects.get().method, "dots")
        self.login(self.facilitator)
        self.client.post(self.url("ranking-delete"))
        self.assertFalse(Ballot.objects.exists() or BallotResponse.objects.exists())

    @refuses(
        "dialogues:ranking",
        "dialogues:ranking-setup",
        "dialogues:ranking-delete",
        "dialogues:ranking-paper",
    )
    def test_outsiders_and_readers_are_refused(self) -> None:
        self.ballot()
        pages = ("ranking", "ranking-paper")
        posts = ("ranking-setup", "ranking-delete", "ranking-paper")
        self.login(self.other_facilitator)
        for name in pages:
            self.assertEqual(self.client.get(self.url(name)).status_code, 404)
        for name in posts:
            self.assertEqual(
                self.client.post(self.url(name), {"method": "ranking"}).status_code,
                404,
            )
        self.login(self.wg_member)
        self.assertEqual(self.client.get(self.url("ranking")).status_code, 200)
        for name in posts:
            self.assertEqual(
                self.client.post(self.url(name), {"method": "ranking"}).status_code,
                403,
            )
        self.assertEqual(Ballot.objects.get().method, "dots")
        self.login(None)
        self.assertEqual(self.client.get(self.url("ranking")).status_code, 302)


class PhoneBallotTest(RankingCase):
    def setUp(self) -> None:
        super().setUp()
        self.code = self.open_voting()

    def post_dots(self, group: str, dots: dict[int, int]) -> Any:
        data: dict[str, object] = {"group": group}
        data |= {f"risk_{self.risks[i].pk}": n for i, n in dots.items()}
        return self.client.post(self.rank_url(), data, follow=True)

    def test_a_participant_casts_dots_and_recasting_replaces_them(self) -> None:
        self.ballot()
        page = self.client.get(reverse("dialogues:vote", args=[self.code]))
        self.assertContains(page, self.rank_url())
        page = self.client.get(self.rank_url())
        self.assertContains(page, "Темні вулиці")
        self.assertContains(page, "мешканці")
        sent = self.post_dots("resident", {0: 2, 3: 1})
        self.assertContains(sent, "Ваш бюлетень враховано")
        self.post_dots("police", {5: 3})
        cast = BallotResponse.objects.get()
        self.assertEqual(cast.group, "police")
        self.assertEqual(
            list(cast.marks.values_list("item__risk_id", "value")),
            [(self.risks[5].pk, 3)],
        )
        # The page shows the ballot as it was cast.
        page = self.client.get(self.rank_url())
        self.assertContains(page, "Надіславши його знову, ви його заміните")

    def test_over_budget_no_group_or_empty_ballots_are_refused(self) -> None:
        self.ballot()
        for group, dots, message in (
            ("resident", {0: 3, 1: 1}, "У вас 3 крапки; ви дали 4."),
            ("", {0: 1}, "Оберіть групу"),
            ("resident", {}, "Дайте хоча б одному ризику"),
            ("resident", {0: 9}, "Використовуйте лише варіанти"),
        ):
            with self.subTest(dots=dots, group=group):
                self.assertContains(self.post_dots(group, dots), message)
        self.assertFalse(BallotResponse.objects.exists())

    def test_a_risk_off_the_ballot_is_refused(self) -> None:
        services.ballot_setup(
            session=self.session, method="dots", risks=self.risks[:4], budget=2
        )
        participant, _key = services.participant_create(session=self.session)
        for risk in (self.risks[6], self.outsider_risk, self.dismissed):
            with self.assertRaisesMessage(Refused, "немає в цьому бюлетені"):
                services.ballot_cast(
                    session=self.session,
                    participant=participant,
                    group="resident",
                    marks={risk.pk: 1},
                )
        self.assertFalse(BallotResponse.objects.exists())

    def test_ranking_places_are_unique_and_within_the_places(self) -> None:
        self.ballot(method="ranking", budget=3)
        response = self.post_dots("youth", {0: 1, 1: 1})
        self.assertContains(response, "Дайте кожне місце від 1 до 3")
        self.post_dots("youth", {0: 2, 1: 1, 4: 3})
        self.assertEqual(BallotResponse.objects.get().marks.count(), 3)

    def test_pairwise_pairs_are_answered_on_the_phone(self) -> None:
        self.ballot(method="pairwise", budget=4)
        page = self.client.get(self.rank_url()).content.decode()
        pairs = re.findall(r'name="pair_(\d+)" value="(\d+)-(\d+)"', page)
        self.assertEqual(len(pairs), 4)
        data = {"group": "local_government"}
        for n, first, _second in pairs:
            data[f"pair_{n}"] = f"{first}-{_second}"
            data[f"choice_{n}"] = first
        self.client.post(self.rank_url(), data)
        winners = set(
            BallotComparison.objects.values_list("winner__risk_id", flat=True)
        )
        self.assertEqual(winners, {int(first) for _n, first, _s in pairs})
        # A pair with a risk that is not on the ballot is refused.
        data = {
            "group": "local_government",
            "pair_0": f"{self.risks[0].pk}-{self.outsider_risk.pk}",
            "choice_0": str(self.risks[0].pk),
        }
        response = self.client.post(self.rank_url(), data, follow=True)
        self.assertContains(response, "немає в цьому бюлетені")
        self.assertEqual(BallotComparison.objects.count(), 4)

    @refuses("dialogues:rank")
    def test_unknown_codes_closed_voting_and_no_ballot_are_refused(self) -> None:
        response = self.client.get(self.rank_url("ZZZZZZ"))
        self.assertContains(response, "Жоден діалог не має коду", status_code=404)
        response = self.client.get(self.rank_url())
        self.assertContains(response, "немає бюлетеня", status_code=404)
        self.ballot()
        services.voting_close(session=self.session)
        closed = self.post_dots("resident", {0: 1})
        self.assertEqual(closed.status_code, 410)
        self.assertFalse(BallotResponse.objects.exists())
        # An account is no way in either.
        self.login(self.other_facilitator)
        self.assertEqual(self.client.get(self.rank_url()).status_code, 410)

    def test_a_session_without_statements_goes_straight_to_the_ballot(self) -> None:
        self.session.statements.all().delete()
        self.ballot()
        response = self.client.get(reverse("dialogues:vote", args=[self.code]))
        self.assertRedirects(response, self.rank_url())
        page = self.client.get(self.rank_url())
        self.assertNotContains(page, "Назад до тверджень")

    def test_the_page_works_in_english(self) -> None:
        self.ballot()
        page = Client().get(f"/en/d/{self.code}/ranking/")
        self.assertContains(page, "Which risks matter most?")
        self.assertContains(page, "residents")


class TallyTest(RankingCase):
    def test_the_overall_tally_is_the_cores(self) -> None:
        ballot = self.ballot()
        cast = [
            *self.cast("resident", {0: 2, 1: 1}, times=4),
            *self.cast("police", {3: 3}, times=2),
            *self.cast("youth", {5: 1, 6: 1, 0: 1}),
        ]
        frame = pd.DataFrame(
            [
                {"ballot": r.pk, "item": m.item.risk_id, "value": m.value}
                for r in cast
                for m in r.marks.select_related("item")
            ]
        )
        expected = core.dot_vote_scores(
            frame, items=[r.pk for r in self.risks], budget=3
        )
        view = ranking_view(ballot)
        self.assertEqual(view.voters, 7)
        self.assertEqual(
            {row.risk.pk: (row.score, row.rank) for row in view.rows},
            {
                pk: (float(s), int(r))
                for pk, s, r in zip(
                    expected.index, expected["score"], expected["rank"], strict=True
                )
            },
        )
        # L × I ranks beside them; all three groups are under 10.
        by_code = {row.risk.code: row for row in view.rows}
        self.assertEqual(by_code["RK01"].register_rank, 1)
        self.assertEqual(by_code["RK04"].register_rank, 4)
        self.assertEqual(view.published_groups, [])
        self.assertEqual(
            sorted(g.code for g in view.suppressed_groups),
            ["police", "resident", "youth"],
        )

    def test_groups_of_10_are_shown_and_smaller_ones_suppressed(self) -> None:
        ballot = self.ballot()
        self.cast("resident", {0: 3}, times=12)
        self.cast("police", {7: 3}, times=10)
        self.cast("youth", {6: 3}, times=4)
        self.cast("veterans_association", {5: 3}, times=2)
        view = ranking_view(ballot)
        self.assertEqual(
            [(g.code, g.voters) for g in view.published_groups],
            [("police", 10), ("resident", 12)],
        )
        self.assertEqual(
            [(g.code, g.voters) for g in view.suppressed_groups],
            [("veterans_association", None), ("youth", None)],
        )
        by_code = {row.risk.code: row for row in view.rows}
        # RK08: last by L × I, first for the police: a discordant risk.
        self.assertEqual(by_code["RK08"].group_ranks, [1, 2])
        self.assertTrue(by_code["RK08"].discordant)
        self.assertFalse(by_code["RK01"].discordant)
        self.assertEqual({r.code for r in view.top_for_everyone[:2]}, {"RK01", "RK08"})
        taus = {(str(t.first), str(t.second)): t for t in view.taus}
        self.assertIn(("розрахункова оцінка", "діалог, усі"), taus)
        self.login(self.wg_member)
        page = self.client.get(self.url("ranking"))
        self.assertContains(page, "n = 12")
        self.assertContains(page, "ветеранське об’єднання (n &lt; 10)")
        self.assertNotContains(page, "n = 4")
        self.assertNotContains(page, "n = 2")

    def test_a_risk_first_for_one_group_only_is_named(self) -> None:
        ballot = self.ballot()
        self.cast("resident", {0: 1, 1: 1, 2: 1}, times=12)
        self.cast("police", {7: 3}, times=10)
        view = ranking_view(ballot)
        self.assertEqual(
            [r.code for r in view.top_for_everyone], ["RK01", "RK02", "RK03"]
        )
        self.assertEqual(
            [(risk.code, str(group)) for risk, group in view.top_for_one_group],
            [("RK08", "поліція")],
        )
        self.login(self.council_viewer)
        page = self.client.get(self.url("ranking"))
        self.assertContains(
            page, "Крадіжки велосипедів: перше місце для групи «поліція»"
        )

    def test_one_small_group_hides_the_next_smallest_too(self) -> None:
        ballot = self.ballot()
        self.cast("resident", {0: 3}, times=12)
        self.cast("police", {7: 3}, times=11)
        self.cast("youth", {6: 3}, times=4)
        view = ranking_view(ballot)
        # 27 − 12 − 4 would give the youth's ballots away were the police shown.
        self.assertEqual([g.code for g in view.published_groups], ["resident"])

    def test_the_page_shows_computed_scores_and_perception_shares(self) -> None:
        Risk.objects.filter(pk=self.risks[3].pk).update(perception_share=0.524)
        Risk.objects.filter(pk=self.risks[0].pk).update(perception_share=0.31)
        self.ballot()
        self.cast("resident", {3: 3}, times=3)
        self.login(self.council_viewer)
        page = self.client.get(self.url("ranking"))
        row = re.search(
            r"RK04 Шахрайство телефоном</th>(.*?)</tr>", page.content.decode(), re.S
        )
        assert row is not None
        cells = re.findall(r'<td class="number">([^<]*)</td>', row.group(1))
        # dialogue score, dialogue rank, L × I, computed rank, perception rank (share)
        self.assertEqual(cells[:5], ["9", "1", "12", "4", "1 (52 %)"])

    def test_risks_not_yet_scored_have_no_computed_rank(self) -> None:
        Risk.objects.of(self.community).update(likelihood=None, impact=None, score=None)
        ballot = self.ballot()
        self.cast("resident", {2: 3}, times=3)
        view = ranking_view(ballot)
        self.assertEqual(view.rows[0].risk.code, "RK03")
        self.assertEqual({row.register_rank for row in view.rows}, {None})
        self.assertFalse(any(row.discordant for row in view.rows))

    def test_fewer_than_three_ballots_show_no_tally(self) -> None:
        ballot = self.ballot()
        self.cast("resident", {0: 3}, times=2)
        view = ranking_view(ballot)
        self.assertFalse(view.shown)
        self.assertEqual(view.rows, [])


class PaperTest(RankingCase):
    def setUp(self) -> None:
        super().setUp()
        self.ballot_ = self.ballot()
        services.attendance_record(session=self.session, attendees=20, counts={})

    def test_paper_sheets_per_group_join_the_tally(self) -> None:
        self.login(self.facilitator)
        data = {"group": "resident", "voters": 12}
        data |= {f"dots_{self.risks[0].pk}": 20, f"dots_{self.risks[2].pk}": 10}
        response = self.client.post(self.url("ranking-paper"), data)
        self.assertRedirects(response, self.url("ranking"))
        view = ranking_view(self.ballot_)
        self.assertEqual(view.voters, 12)
        self.assertEqual(
            [(g.code, g.voters) for g in view.published_groups], [("resident", 12)]
        )
        by_code = {row.risk.code: row for row in view.rows}
        self.assertEqual((by_code["RK01"].score, by_code["RK01"].rank), (20.0, 1))
        self.assertEqual((by_code["RK03"].score, by_code["RK03"].rank), (10.0, 2))
        # Entering the group again replaces its sheet.
        data["voters"] = 11
        self.client.post(self.url("ranking-paper"), data)
        self.assertEqual(BallotPaperCount.objects.get().voters, 11)

    def test_sheets_over_the_attendance_or_the_dots_are_refused(self) -> None:
        services.ballot_paper_record(
            session=self.session,
            actor=None,
            group="resident",
            voters=15,
            dots={self.risks[0].pk: 10},
        )
        self.login(self.facilitator)
        response = self.client.post(
            self.url("ranking-paper"), {"group": "police", "voters": 6}
        )
        self.assertContains(
            response, "21 учасників, але присутніх було лише 20", status_code=400
        )
        response = self.client.post(
            self.url("ranking-paper"),
            {"group": "police", "voters": 2, f"dots_{self.risks[1].pk}": 7},
        )
        self.assertContains(response, "не можуть дати 7 крапок", status_code=400)
        self.assertEqual(BallotPaperCount.objects.count(), 1)

    def test_a_risk_deleted_after_a_sheet_leaves_the_tally_working(self) -> None:
        services.ballot_paper_record(
            session=self.session,
            actor=None,
            group="resident",
            voters=4,
            dots={self.risks[0].pk: 6, self.risks[1].pk: 4},
        )
        self.risks[1].delete()
        view = ranking_view(self.ballot_)
        self.assertEqual(view.voters, 4)
        self.assertEqual(
            [(row.risk.code, row.score) for row in view.rows[:2]],
            [("RK01", 6.0), ("RK03", 0.0)],
        )

    def test_only_dot_ballots_are_counted_from_paper(self) -> None:
        services.ballot_delete(session=self.session)
        self.ballot(method="ranking")
        with self.assertRaisesMessage(Refused, "лише бюлетень"):
            services.ballot_paper_record(
                session=self.session, actor=None, group="resident", voters=3, dots={}
            )


class BallotApiTest(RankingCase):
    def test_the_api_gives_the_tally_and_names_suppressed_groups(self) -> None:
        self.ballot()
        self.cast("resident", {0: 3}, times=10)
        self.cast("youth", {1: 3}, times=3)
        self.cast("police", {2: 3}, times=3)
        self.login(self.council_viewer)
        url = reverse("api:community-dialogues", args=[self.community.katotth])
        item = next(
            i
            for i in self.client.get(url).json()["items"]
            if i["id"] == self.session.pk
        )
        ballot = item["ballot"]
        self.assertEqual((ballot["method"], ballot["voters"]), ("dots", 16))
        self.assertEqual(ballot["overall"][0]["code"], "RK01")
        groups = {g["group"]: g for g in ballot["groups"]}
        self.assertEqual(
            groups["youth"],
            {"group": "youth", "suppressed": True, "voters": None, "ranks": None},
        )
        self.assertEqual(groups["resident"]["voters"], 10)
        self.assertEqual(groups["resident"]["ranks"][str(self.risks[0].pk)], 1)
        self.assertIsNone(item["priorities"])
