"""The analysis tab over stored results: what each role reads, what stays hidden."""

from __future__ import annotations

import html
import re
from typing import Any

from django.http import HttpResponse
from django.urls import reverse as django_reverse
from django.utils import timezone
from django.utils.translation import override

from hromada.web.analysis.models import AnalysisRun, Change, Gap, Result
from hromada.web.analysis.views import stage_text
from hromada.web.communities.models import Community
from hromada.web.surveys import services as surveys
from tests.web.analysis_cases import METHOD, AnalysedRoundCase, assessment_of, result
from tests.web.refusals import refuses


def reverse(name: str, args: list[str]) -> str:
    """The Ukrainian (unprefixed) URL, whatever language the last page set."""
    with override("uk"):
        return django_reverse(name, args=args)


def text_of(response: Any) -> str:
    """The page's visible words, tags dropped and spaces squeezed."""
    body = response if isinstance(response, str) else response.content.decode()
    body = re.sub(r"<(script|title|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


class TabTest(AnalysedRoundCase):
    def url(self, name: str = "tab", prefix: str = "") -> str:
        return prefix + reverse(f"analysis:{name}", args=[self.community.katotth])

    def get(self, name: str = "tab", query: str = "", prefix: str = "") -> Any:
        response = self.client.get(self.url(name, prefix) + query)
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_tab_shows_the_newest_analysed_round_with_its_numbers(self) -> None:
        self.login(self.wg_member)
        page = text_of(self.get())
        self.assertIn("Хвиля 2026-1", page)
        self.assertIn("6,3", page)  # S1, Ukrainian decimal comma
        self.assertIn("(5,9–6,8)", page)
        self.assertIn("hromada-stats-1.0", page)  # every cell says how it was made
        self.assertIn("1,37", page)  # its design effect
        self.assertIn("41%", page)  # the share of R1/RK09
        # A statistic reads with its unit and has no CI bar to mislead.
        self.assertIn(
            "Зареєстровані кримінальні правопорушення (на 10 000 мешканців) 45,2", page
        )

    def test_the_highest_risks_show_with_the_reasons_they_rank(self) -> None:
        from hromada.web.risks.models import Risk
        from hromada.web.risks.services import risk_dialogue_ranks_set

        def risk(code: str, title: str, likelihood: int, impact: int) -> Risk:
            return Risk.objects.create(
                community=self.community,
                code=code,
                title=title,
                likelihood=likelihood,
                impact=impact,
                score=likelihood * impact,
            )

        shelling = risk("RK09", "Обстріли", 5, 5)
        lighting = risk("RK07", "Освітлення", 3, 2)
        risk("RK05", "Дороги", 2, 2)
        Risk.objects.create(
            community=self.community, code="RK08", title="Тварини", status="dismissed"
        )
        risk_dialogue_ranks_set(community=self.community, ordered=[lighting])
        Risk.objects.filter(pk=shelling.pk).update(
            perception_share=0.41, perception_ci_low=0.36, perception_ci_high=0.46
        )
        self.login(self.council_viewer)
        page = text_of(self.get())
        top = page[page.index("Найвищі ризики") : page.index("Показники")]
        self.assertLess(top.index("RK07"), top.index("RK09"))  # the dialogue first
        self.assertLess(top.index("RK09"), top.index("RK05"))
        self.assertIn("місце 1 за рішенням діалогу", top)
        self.assertIn("бал 25: імовірність 5 × наслідки 5", top)
        self.assertIn("називають 41 % (95 % ДІ 36 %–46 %) мешканців", top)
        self.assertNotIn("RK08", top)  # dismissed: not in the register

    def test_the_workspace_tab_links_here(self) -> None:
        self.login(self.council_viewer)
        response = self.client.get(
            reverse("communities:workspace", args=[self.community.katotth])
        )
        self.assertContains(response, f'href="{self.url()}"')

    def test_an_older_round_is_chosen_by_the_selector(self) -> None:
        self.login(self.facilitator)
        page = text_of(self.get(query="?round=2025-1"))
        self.assertIn("5,1", page)
        self.assertNotIn("6,3", page)
        self.assertEqual(self.client.get(self.url() + "?round=2019-9").status_code, 404)

    def test_a_suppressed_cell_shows_n_under_10_and_no_number(self) -> None:
        Result.objects.filter(assessment=self.assessment, code="R1/RK13").update(
            estimate=0.777, ci_low=0.7, ci_high=0.8
        )
        self.login(self.facilitator)
        response = self.get()
        self.assertContains(response, "n &lt; 10")
        self.assertNotIn("78%", text_of(response))

    def test_changes_show_an_arrow_only_when_they_pass_the_margin(self) -> None:
        self.login(self.facilitator)
        body = self.get(prefix="/en").content.decode()
        s1 = body[body.index('id="result-S1"') : body.index('id="result-S4"')]
        self.assertIn("▲", s1)
        self.assertIn("up 1.2", text_of(HttpResponse(s1)))
        c6 = body[body.index('id="result-C6"') :]
        c6 = c6[: c6.index("</tr>")]
        self.assertNotIn("▲", c6)
        self.assertNotIn("▼", c6)
        self.assertIn("unclear", c6)

    def test_a_low_alpha_carries_a_visible_warning(self) -> None:
        self.login(self.facilitator)
        body = self.get(prefix="/en").content.decode()
        c2 = body[body.index('id="result-C2"') :]
        c2 = c2[: c2.index("</tr>")]
        self.assertIn("α = 0.52", c2)
        self.assertIn("low: read with care", c2)
        s1 = body[body.index('id="result-S1"') :]
        self.assertNotIn("read with care", s1[: s1.index("</tr>")])

    def test_findings_read_in_ukrainian_and_in_english(self) -> None:
        self.login(self.wg_member)
        uk = text_of(self.get())
        self.assertIn(
            "Внутрішньо переміщені особи: «Інклюзія вразливих груп» 4,1 проти 6,3",
            uk,
        )
        self.assertIn("41 % мешканців називають «Обстріли та авіаудари»", uk)
        self.assertIn("«Відчуття особистої безпеки»: зростання на 1,2", uk)
        en = text_of(self.get(prefix="/en"))
        self.assertIn(
            "Displaced residents: “Inclusion of vulnerable groups” 4.1 against 6.3",
            en,
        )
        self.assertIn(
            "41% of residents name “Shelling and air strikes” among the three",
            en,
        )
        self.assertIn("The weakest indicator is “Civil-protection readiness”", en)
        self.assertIn("The strongest indicator is “Intergroup relations”", en)
        self.assertIn("“Intergroup relations” do not agree well", en)

    def test_past_five_gaps_the_rest_are_counted(self) -> None:
        for code, rest in (
            ("S2", 7.0),
            ("S3", 8.0),
            ("S5", 8.5),
            ("S6", 9.0),
            ("C1", 9.5),
        ):
            Gap.objects.create(
                assessment=self.assessment,
                code=code,
                dimension="sex",
                category="female",
                estimate_group=4.0,
                estimate_rest=rest,
                difference=4.0 - rest,
                significant=True,
                worse=True,
                method_version=METHOD,
            )
        self.login(self.facilitator)
        found = text_of(self.get(prefix="/en")).split("What the results say")[1]
        self.assertIn("Women: “Social trust and cohesion” 4.0 against 9.5", found)
        # The narrowest of the six (C6, 2.2 points) is counted, not named.
        self.assertNotIn("Displaced residents", found.split("Indicators")[0])
        self.assertIn("1 more significant gap against a group: see the chart", found)

    def test_no_finding_comes_from_a_suppressed_cell(self) -> None:
        self.login(self.facilitator)
        body = self.get(prefix="/en").content.decode()
        found = body[body.index('id="findings-heading"') : body.index("table-heading")]
        self.assertNotIn("Perceived personal safety”: ", found)  # the hidden S1 gap
        self.assertNotIn("Tension between residents", found)  # the hidden share
        # The two shares worth a sentence; 5 % for burglary is no headline.
        self.assertEqual(found.count("of residents name"), 2)

    def test_the_significant_gaps_are_charted_and_hidden_ones_are_not(self) -> None:
        self.login(self.wg_member)
        body = self.get(prefix="/en").content.decode()
        start = body.index('id="gaps-significant"')
        chart = body[start : body.index("</svg>", start)]
        self.assertIn(
            "Inclusion of vulnerable groups · Displaced residents: 4.1 against 6.3 "
            "for the rest — a significant gap",
            chart,
        )
        self.assertNotIn("Perceived personal safety", chart)

    def test_the_network_average_needs_three_other_communities(self) -> None:
        others = list(Community.objects.exclude(pk=self.community.pk)[:3])
        for community, value in zip(others[:2], (5.0, 7.0), strict=True):
            result(assessment_of(community), "S1", value)
        self.login(self.facilitator)
        body = self.get(prefix="/en").content.decode()
        s1 = body[body.index('id="result-S1"') :]
        s1 = s1[: s1.index("</tr>")]
        self.assertNotIn("other communities", s1)
        # An older round of the third community does not count, its newest does.
        result(assessment_of(others[2], "2025-1"), "S1", 9.9)
        result(assessment_of(others[2], "2026-1"), "S1", 6.0)
        body = self.get(prefix="/en").content.decode()
        s1 = body[body.index('id="result-S1"') :]
        s1 = s1[: s1.index("</tr>")]
        self.assertIn("Mean of 3 other communities", s1)
        self.assertIn(">6.0<", s1)

    def test_the_facilitator_queues_a_computation(self) -> None:
        self.login(self.facilitator)
        self.assertContains(self.get(), "Перерахувати")
        response = self.client.post(
            reverse(
                "analysis:compute", args=[self.community.katotth, self.assessment.round]
            )
        )
        self.assertRedirects(response, self.url() + "?round=2026-1")
        run = AnalysisRun.objects.get(assessment=self.assessment)
        self.assertEqual(run.requested_by, self.facilitator)

    def test_readers_see_no_button_and_may_not_compute(self) -> None:
        url = reverse(
            "analysis:compute", args=[self.community.katotth, self.assessment.round]
        )
        for persona in ("council_viewer", "wg_member", "coordinator"):
            self.login(self.persona(persona))
            self.assertNotContains(self.get(), url)
            self.assertEqual(self.client.post(url).status_code, 403, persona)
        self.assertFalse(AnalysisRun.objects.exists())

    def test_a_pending_run_shows_its_progress_and_is_followed(self) -> None:
        AnalysisRun.objects.create(
            assessment=self.assessment,
            status=AnalysisRun.Status.RUNNING,
            progress=40,
            stage="gaps",
        )
        self.login(self.wg_member)
        body = self.get(prefix="/en").content.decode()
        self.assertIn('<progress max="100" value="40"', body)
        self.assertIn("analysis/progress.js", body)
        self.assertIn("previous computation, not of this one", body)
        status = self.client.get(
            reverse(
                "analysis:status", args=[self.community.katotth, self.assessment.round]
            )
        ).json()
        with override("uk"):
            stage = stage_text("gaps")  # worded by the computation when it is there
        self.assertEqual(
            status,
            {"status": "running", "progress": 40, "stage": stage, "pending": True},
        )

    def test_a_failed_run_shows_its_problems(self) -> None:
        AnalysisRun.objects.create(
            assessment=self.assessment,
            status=AnalysisRun.Status.FAILED,
            problems=[{"code": "too_few", "message": "Only 4 responses."}],
        )
        self.login(self.facilitator)
        page = text_of(self.get(prefix="/en"))
        self.assertIn("The last computation failed.", page)
        self.assertIn("Only 4 responses.", page)
        self.assertIn("previous successful computation", page)
        self.assertNotIn("progress.js", page)

    def test_a_finished_run_shows_its_caveats(self) -> None:
        AnalysisRun.objects.create(
            assessment=self.assessment,
            status=AnalysisRun.Status.DONE,
            progress=100,
            finished_at=timezone.now(),
            method_version=METHOD,
            problems=[{"code": "x", "message": "No expert ratings this round."}],
        )
        self.login(self.council_viewer)
        page = text_of(self.get(prefix="/en"))
        self.assertIn(f"with method {METHOD}.", page)
        self.assertIn("Notes on this computation: No expert ratings this round.", page)

    def test_a_round_without_results_says_so(self) -> None:
        fresh = assessment_of(self.community, "2026-2")
        self.login(self.facilitator)
        page = text_of(self.get(query=f"?round={fresh.round}", prefix="/en"))
        self.assertIn("This round has no results yet.", page)
        self.assertIn("Compute", page)

    @refuses(
        "analysis:tab",
        "analysis:subgroups",
        "analysis:compare",
        "analysis:status",
        "analysis:compute",
    )
    def test_outsiders_are_refused_everywhere(self) -> None:
        round_urls = [
            reverse(name, args=[self.community.katotth, self.assessment.round])
            for name in ("analysis:status", "analysis:compute")
        ]
        pages = [self.url(n) for n in ("tab", "subgroups", "compare")]
        self.login(self.other_facilitator)
        for url in [*pages, round_urls[0]]:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(self.client.post(round_urls[1]).status_code, 404)
        self.login(None)
        for url in [*pages, *round_urls]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
        self.assertFalse(AnalysisRun.objects.exists())


class SubgroupsTest(AnalysedRoundCase):
    def url(self, dimension: str, prefix: str = "") -> str:
        base = reverse("analysis:subgroups", args=[self.community.katotth])
        return f"{prefix}{base}?round=2026-1&dimension={dimension}"

    def test_every_indicator_by_group_with_small_groups_hidden(self) -> None:
        Result.objects.filter(
            assessment=self.assessment, code="S1", category="yes"
        ).update(estimate=9.87)
        self.login(self.council_viewer)
        response = self.client.get(self.url("idp", "/en"))
        page = text_of(response)
        self.assertIn("Perceived personal safety", page)
        self.assertIn("4.1", page)
        self.assertIn("6.3", page)
        self.assertIn("n < 10", page)
        self.assertNotIn("9.9", page)
        self.assertContains(response, 'class="chart-svg chart-gaps"')

    def test_settlements_are_named_from_the_communitys_list(self) -> None:
        surveys.settlements_set(
            community=self.community,
            names=[("Билбасівка", "Bylbasivka"), ("Маяки", "Maiaky")],
            actor=None,
        )
        for category, value in (("s02", 5.2), ("other", 6.6), ("s01", 4.4)):
            result(
                self.assessment,
                "S1",
                value,
                dimension="settlement",
                category=category,
                n=40,
            )
        self.login(self.facilitator)
        page = text_of(self.client.get(self.url("settlement", "/en")))
        # In the list's order, the form's "another settlement" last.
        self.assertIn(
            "Indicator Bylbasivka Maiaky Another settlement of the hromada "
            "S1 Perceived personal safety 4.4",
            page,
        )

    def test_an_unknown_dimension_is_not_found(self) -> None:
        self.login(self.facilitator)
        self.assertEqual(self.client.get(self.url("religion")).status_code, 404)

    def test_a_dimension_without_results_says_so(self) -> None:
        self.login(self.facilitator)
        self.assertContains(
            self.client.get(self.url("sex", "/en")), "No results for these groups"
        )


class CompareTest(AnalysedRoundCase):
    def test_the_network_range_and_the_earlier_round(self) -> None:
        others = list(Community.objects.exclude(pk=self.community.pk)[:3])
        for community, value in zip(others, (4.0, 5.0, 8.0), strict=True):
            result(assessment_of(community), "S1", value)
        self.login(self.council_viewer)
        response = self.client.get(
            "/en" + reverse("analysis:compare", args=[self.community.katotth])
        )
        page = text_of(response)
        # S1: this community 6.3; network 4.0, median 5.0, 8.0; second of four.
        self.assertIn("S1 Perceived personal safety 6.3 4.0 5.0 8.0", page)
        self.assertIn("2 of 4", page)
        self.assertIn("too few communities to compare", page)  # C6 has no others
        # Across rounds: 2025-1 then 2026-1, with the verdict of the change.
        self.assertIn("2025-1 2026-1", page)
        self.assertIn("5.1", page)
        self.assertIn("up 1.2", page)

    def test_a_single_round_waits_for_the_next_and_shares_stay_out(self) -> None:
        other = Community.objects.exclude(pk=self.community.pk).first()
        assert other is not None
        self.login(self.coordinator)
        lone = assessment_of(other)
        result(lone, "S1", 5.0)
        result(lone, "R1/RK09", 0.3)
        page = text_of(
            self.client.get("/en" + reverse("analysis:compare", args=[other.katotth]))
        )
        self.assertIn("Only one round is analysed", page)
        self.assertIn("S1 Perceived personal safety 5.0 too few communities", page)
        self.assertNotIn("Shelling", page)


class ShareChangeTest(AnalysedRoundCase):
    def test_a_share_changes_in_percentage_points(self) -> None:
        Change.objects.create(
            assessment=self.assessment,
            previous=self.previous,
            code="R1/RK09",
            difference=0.12,
            verdict=Change.Verdict.CHANGE,
            method_version=METHOD,
        )
        self.login(self.facilitator)
        body = self.client.get(
            "/en" + reverse("analysis:tab", args=[self.community.katotth])
        ).content.decode()
        row = body[body.index('id="result-r1rk09"') :]
        row = text_of(row[: row.index("</tr>")])
        # More residents naming a problem is a change for the worse.
        self.assertIn("▲ up 12 points", row)
        self.assertIn(
            'class="change change-worse"', body[body.index('id="result-r1rk09"') :]
        )
