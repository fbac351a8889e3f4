"""The risks tab for every role: who reads, who edits, who gets 404."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.http import HttpResponse

from hromada.web.risks.evidence import RESOLVERS
from hromada.web.risks.models import Capacity, Risk, RiskEvidence
from hromada.web.risks.services import risk_dialogue_ranks_set
from hromada.web.stakeholders import services as stakeholders
from tests.web.base import KHARKIV
from tests.web.refusals import refuses
from tests.web.risks_base import RisksTestCase

READERS = ("coordinator", "council_viewer")
EDITORS = ("facilitator", "wg_member")
READ_ROUTES = ("register", "matrix", "potential")
LOCATION = "Поле за вул. Світлодарською"


class RisksPageTestCase(RisksTestCase):
    def setUp(self) -> None:
        self.shelling = self.add_risk("RK09", likelihood=5, impact=5, location=LOCATION)
        self.outages = self.add_risk("RK11", likelihood=4, impact=3)
        self.suggestion = Risk.objects.create(
            community=self.community,
            code="RK05",
            title="Небезпека на дорогах",
            title_en="Road traffic danger",
            status="suggested",
            perception_share=0.27,
        )
        self.police = stakeholders.stakeholder_create(
            community=self.community,
            actor=None,
            name_uk="Поліція",
            name_en="Police",
            type="police",
            influence=4,
            interest=4,
        )

    def routes(self) -> list[tuple[str, str, dict[str, Any]]]:
        return [
            ("get", self.url("add"), {}),
            (
                "post",
                self.url("add"),
                {"code": "RK01", "likelihood": "3", "impact": "3", "status": "open"},
            ),
            ("get", self.url("edit", self.outages.pk), {}),
            (
                "post",
                self.url("edit", self.outages.pk),
                {"title": "Х", "likelihood": "1", "impact": "1", "status": "open"},
            ),
            ("post", self.url("accept", self.suggestion.pk), {}),
            ("post", self.url("dismiss", self.suggestion.pk), {}),
            ("post", self.url("refresh"), {}),
            ("get", self.url("capacity"), {}),
            ("post", self.url("capacity"), {"competence": "4"}),
            ("get", self.url("stakeholder-capacity", self.police.pk), {}),
            (
                "post",
                self.url("stakeholder-capacity", self.police.pk),
                {"resources": "2"},
            ),
        ]

    def call(self, method: str, url: str, data: dict[str, Any]) -> HttpResponse:
        response: HttpResponse = getattr(self.client, method)(url, data)
        return response

    def state(self) -> tuple[object, ...]:
        return (
            sorted(Risk.objects.values_list("code", "status", "score")),
            Capacity.objects.count(),
        )


class ReadingTest(RisksPageTestCase):
    def test_editors_and_readers_open_every_page(self) -> None:
        for persona in (*EDITORS, *READERS):
            self.login(self.persona(persona))
            for name in READ_ROUTES:
                with self.subTest(persona=persona, page=name):
                    response = self.client.get(self.url(name))
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response.context["active"].slug, "risks")
                    self.assertIs(response.context["can_edit"], persona in EDITORS)
            detail = self.client.get(self.url("detail", self.shelling.pk))
            self.assertEqual(detail.status_code, 200)

    def test_the_workspace_tab_leads_to_the_register(self) -> None:
        self.login(self.council_viewer)
        response = self.client.get(f"/communities/{self.community.katotth}/")
        tabs = {t.slug: url for t, url in response.context["tabs"]}
        self.assertEqual(tabs["risks"], self.url("register"))

    def test_the_register_orders_by_dialogue_rank_then_score(self) -> None:
        custom = self.add_risk(title="Підтоплення", likelihood=2, impact=2)
        self.login(self.wg_member)
        response = self.client.get("/en" + self.url("register"))
        order = [row.risk for row in response.context["rows"]]
        self.assertEqual(order, [self.shelling, self.outages, custom])
        risk_dialogue_ranks_set(
            community=self.community, ordered=[custom, self.outages]
        )
        response = self.client.get("/en" + self.url("register"))
        order = [row.risk for row in response.context["rows"]]
        self.assertEqual(order, [custom, self.outages, self.shelling])
        self.assertContains(response, 'class="band band-very_high"')
        self.assertContains(response, "Shelling and air strikes")
        # The suggestion waits in its own panel, not in the register.
        self.assertEqual(
            [row.risk for row, _reasons in response.context["suggestions"]],
            [self.suggestion],
        )
        self.assertContains(response, "named by 27%")

    def test_the_register_shows_share_equity_and_trend(self) -> None:
        Risk.objects.filter(pk=self.shelling.pk).update(
            perception_share=0.42,
            perception_ci_low=0.371,
            perception_ci_high=0.468,
            equity_flag=True,
            equity_groups=["idp:yes", "age_group:60plus"],
            trend="up",
        )
        self.login(self.council_viewer)
        page = self.client.get("/en" + self.url("register")).content.decode()
        self.assertIn('42%<br><span class="muted ci">95% CI 37%–47%</span>', page)
        self.assertIn("worse for displaced people, older people (60+)", page)
        self.assertIn("↑", page)
        # In Ukrainian: the catalogue's names, the words and a decimal comma.
        page = self.client.get(self.url("register")).content.decode()
        self.assertIn("Обстріли та авіаудари", page)
        self.assertIn(
            '42\xa0%<br><span class="muted ci">95\xa0% ДІ 37\xa0%–47\xa0%</span>', page
        )
        self.assertIn("гірше для: внутрішньо переміщені особи, старші люди (60+)", page)
        self.assertIn("дуже високий", page)
        self.assertIn("2 ризики", page)
        self.assertNotIn("Perception share", page)

    def test_a_suggestion_says_which_linked_indicators_are_weak(self) -> None:
        self.result(self.assessment, "C4", 3.94)
        Risk.objects.filter(pk=self.suggestion.pk).update(code="RK15")
        Risk.objects.filter(pk=self.suggestion.pk).update(assessment=self.assessment)
        self.login(self.facilitator)
        response = self.client.get("/en" + self.url("register"))
        [(_row, reasons)] = response.context["suggestions"]
        self.assertEqual(reasons, ["C4 Police–community interaction: 3.9 of 10"])
        self.assertContains(response, "weak linked indicators:")

    def test_only_geodata_readers_see_the_location(self) -> None:
        for persona, sees in (
            ("facilitator", True),
            ("wg_member", True),
            ("coordinator", True),
            ("council_viewer", False),
        ):
            self.login(self.persona(persona))
            with self.subTest(persona=persona):
                page = self.client.get(self.url("detail", self.shelling.pk))
                self.assertIs(LOCATION in page.content.decode(), sees)
        self.login(self.facilitator)
        form = self.client.get(self.url("edit", self.shelling.pk)).context["form"]
        self.assertIn("location", form.fields)


class EditingTest(RisksPageTestCase):
    def test_the_facilitator_adds_a_catalogue_risk(self) -> None:
        self.login(self.facilitator)
        form = self.client.get(self.url("add")).context["form"]
        codes = [c for c, _label in form.fields["code"].choices]
        # Held risks are not offered; a suggested one may be added directly.
        self.assertNotIn("RK09", codes)
        self.assertIn("RK05", codes)
        response = self.client.post(
            self.url("add"),
            {
                "code": "RK07",
                "title": "",
                "likelihood": "3",
                "impact": "2",
                "status": "open",
                "location": "Парк",
            },
        )
        self.assertRedirects(response, self.url("register"))
        risk = Risk.objects.get(code="RK07")
        self.assertEqual(
            (risk.title, risk.score, risk.location),
            ("Погане вуличне освітлення", 6, "Парк"),
        )

    def test_the_working_group_edits_and_a_bad_score_is_refused(self) -> None:
        self.login(self.wg_member)
        response = self.client.post(
            self.url("edit", self.outages.pk),
            {
                "title": "Відключення",
                "likelihood": "9",
                "impact": "2",
                "status": "open",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("likelihood", response.context["form"].errors)
        response = self.client.post(
            self.url("edit", self.outages.pk),
            {
                "title": "Відключення",
                "title_en": "Outages",
                "likelihood": "2",
                "impact": "2",
                "status": "addressed",
            },
        )
        self.assertRedirects(response, self.url("register"))
        self.outages.refresh_from_db()
        self.assertEqual((self.outages.score, self.outages.status), (4, "addressed"))

    def test_a_custom_risk_without_a_title_is_refused_on_the_form(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            self.url("add"), {"code": "", "title": "", "status": "open"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("title", response.context["form"].errors)

    def test_the_council_viewer_never_sees_or_sets_a_location(self) -> None:
        # A reader cannot open the form at all; the field is absent for her role.
        self.login(self.council_viewer)
        self.assertEqual(
            self.client.get(self.url("edit", self.shelling.pk)).status_code, 403
        )

    def test_accepting_and_dismissing_suggestions(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(self.url("accept", self.suggestion.pk))
        self.assertRedirects(response, self.url("edit", self.suggestion.pk))
        self.suggestion.refresh_from_db()
        self.assertEqual(self.suggestion.status, "open")
        other = Risk.objects.create(
            community=self.community, code="RK04", title="x", status="suggested"
        )
        self.client.post(self.url("dismiss", other.pk))
        other.refresh_from_db()
        self.assertEqual(other.status, "dismissed")
        self.assertEqual(self.client.get(self.url("accept", other.pk)).status_code, 405)

    def test_a_suggestions_page_offers_accept_and_dismiss_to_editors(self) -> None:
        accept = self.url("accept", self.suggestion.pk)
        self.login(self.facilitator)
        self.assertContains(
            self.client.get(self.url("detail", self.suggestion.pk)), accept
        )
        self.assertNotContains(
            self.client.get(self.url("detail", self.shelling.pk)), "/accept/"
        )
        self.login(self.council_viewer)
        self.assertNotContains(
            self.client.get(self.url("detail", self.suggestion.pk)), accept
        )

    def test_refresh_reads_the_latest_round(self) -> None:
        self.result(self.assessment, "R1/RK09", 0.44)
        self.login(self.facilitator)
        self.client.post(self.url("refresh"))
        self.shelling.refresh_from_db()
        self.assertEqual(self.shelling.perception_share, 0.44)

    def test_capacity_scores_are_saved_for_the_community_and_a_stakeholder(
        self,
    ) -> None:
        self.login(self.wg_member)
        response = self.client.post(
            self.url("capacity"), {"competence": "4", "leadership": "2"}
        )
        self.assertRedirects(response, self.url("potential"))
        self.client.post(
            self.url("stakeholder-capacity", self.police.pk), {"resources": "5"}
        )
        self.assertEqual(
            set(Capacity.objects.values_list("stakeholder", "dimension", "score")),
            {
                (None, "competence", 4),
                (None, "leadership", 2),
                (self.police.pk, "resources", 5),
            },
        )
        response = self.client.post(self.url("capacity"), {"competence": "7"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("competence", response.context["form"].errors)


class EvidenceTrailTest(RisksPageTestCase):
    def test_every_kind_shows_and_a_missing_resolver_shows_the_reference(self) -> None:
        from hromada.web.evidence import services as evidence

        self.result(self.assessment, "R1/RK09", 0.42, ci_low=0.37, ci_high=0.47, n=310)
        self.result(self.assessment, "S4", None, suppressed=True, n=0)
        evidence.statistic_set(
            community=self.community,
            indicator="T9",
            period=2025,
            value=3,
            source="ДСНС",
            actor=None,
        )
        spot = evidence.hotspot_create(
            community=self.community,
            latitude=48.85,
            longitude=37.6,
            category="uxo",
            time_of_day="any",
            actor=None,
        )
        for kind, reference in (
            ("result", "2026-1:R1/RK09"),
            ("result", "2026-1:S4"),
            ("result", "2020-1:S1"),  # a round that is gone: left out
            ("statistic", "T9"),
            ("hotspot", str(spot.pk)),
            ("dialogue", "agreement:3"),
        ):
            RiskEvidence.objects.create(
                risk=self.shelling, kind=kind, reference=reference
            )
        self.login(self.facilitator)
        # A kind whose app cannot be imported shows its bare reference.
        not_installed = {"dialogue": "hromada.web.not_installed:describe"}
        with mock.patch.dict(RESOLVERS, not_installed):
            response = self.client.get("/en" + self.url("detail", self.shelling.pk))
        trail = response.context["trail"]
        self.assertEqual(
            [(i.kind, i.reference) for i in trail],
            [
                ("result", "2026-1:R1/RK09"),
                ("result", "2026-1:S4"),
                ("statistic", "T9"),
                ("hotspot", str(spot.pk)),
                ("dialogue", "agreement:3"),
            ],
        )
        share = trail[0]
        self.assertEqual(
            share.label,
            "Residents naming “Shelling and air strikes” as a top problem (2026-1)",
        )
        self.assertEqual(share.detail, "42.0%, 95% CI 37.0%–47.0%, n = 310")
        self.assertEqual(trail[1].detail, "suppressed: fewer than 10 respondents")
        self.assertIn("source: ДСНС", trail[2].detail)
        self.assertEqual(
            trail[2].url,
            f"/en/communities/{self.community.katotth}/evidence/statistics/",
        )
        self.assertEqual(trail[3].label, "Hotspot: mines or unexploded ordnance")
        self.assertEqual(trail[4].label, "agreement:3")
        self.assertContains(response, "Shelling and air strikes")
        # The council viewer does not see hotspots: they are internal geodata.
        self.login(self.council_viewer)
        response = self.client.get("/en" + self.url("detail", self.shelling.pk))
        self.assertNotIn("hotspot", [i.kind for i in response.context["trail"]])


class MatrixAndPotentialTest(RisksPageTestCase):
    def test_the_matrix_places_scored_risks_on_25_cells(self) -> None:
        unscored = self.add_risk(title="Підтоплення", likelihood=None, impact=None)
        self.login(self.council_viewer)
        response = self.client.get("/en" + self.url("matrix"))
        chart = response.context["chart"]
        self.assertIn('role="img"', chart.svg)
        self.assertEqual(chart.svg.count("<rect") >= 25, True)
        self.assertIn(
            "1. Shelling and air strikes: likelihood 5, impact 5, score 25 (very high)",
            chart.svg,
        )
        self.assertEqual(response.context["unscored"], [unscored])
        self.assertNotIn("Road traffic danger", chart.svg)  # a suggestion is not placed

    def test_an_empty_matrix_says_what_to_do(self) -> None:
        Risk.objects.all().delete()
        self.login(self.facilitator)
        response = self.client.get("/en" + self.url("matrix"))
        self.assertIsNone(response.context["chart"])
        self.assertContains(response, "No risk is scored yet")


class RefusalTest(RisksPageTestCase):
    @refuses(
        "risks:register",
        "risks:matrix",
        "risks:potential",
        "risks:detail",
        "risks:add",
        "risks:edit",
        "risks:accept",
        "risks:dismiss",
        "risks:refresh",
        "risks:capacity",
        "risks:stakeholder-capacity",
    )
    def test_another_partners_facilitator_gets_404_everywhere(self) -> None:
        self.login(self.other_facilitator)
        before = self.state()
        routes: list[tuple[str, str, dict[str, Any]]] = [
            ("get", self.url(name), {}) for name in READ_ROUTES
        ]
        routes += [("get", self.url("detail", self.shelling.pk), {})]
        routes += self.routes()
        for method, url, data in routes:
            with self.subTest(method=method, url=url):
                self.assertEqual(self.call(method, url, data).status_code, 404)
        self.assertEqual(self.state(), before)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        self.login(None)
        for method, url, data in [("get", self.url("register"), {})] + self.routes():
            with self.subTest(method=method, url=url):
                response = self.call(method, url, data)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/login/"))

    def test_readers_may_not_change_anything(self) -> None:
        before = self.state()
        for persona in READERS:
            self.login(self.persona(persona))
            for method, url, data in self.routes():
                with self.subTest(persona=persona, method=method, url=url):
                    self.assertEqual(self.call(method, url, data).status_code, 403)
        self.assertEqual(self.state(), before)

    def test_another_communitys_risk_is_404_through_her_own_community(self) -> None:
        foreign = self.add_risk("RK01", community=self.other_community)
        self.login(self.facilitator)
        for url in (
            self.url("detail", foreign.pk),
            self.url("edit", foreign.pk),
            self.url("detail", foreign.pk, community=self.other_community),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        url = self.url("register").replace(self.community.katotth, KHARKIV)
        self.assertEqual(self.client.get(url).status_code, 404)
