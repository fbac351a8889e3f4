"""Official statistics, expert ratings and hotspots on the evidence tab."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from hromada.web.audit.models import AuditEvent
from hromada.web.evidence import services
from hromada.web.evidence.models import ExpertRating, Hotspot, StatisticValue
from hromada.web.surveys import services as surveys
from hromada.web.surveys.frameworks import default_version
from tests.web.base import HromadaTestCase
from tests.web.refusals import refuses


class EvidenceTestCase(HromadaTestCase):
    @property
    def base(self) -> str:
        return f"/en/communities/{self.community.katotth}/evidence/"


class StatisticsTest(EvidenceTestCase):
    def test_a_figure_gets_its_rate_from_the_population(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            f"{self.base}statistics/",
            {"indicator": "T1", "period": 2024, "value": 57, "source": "Police"},
        )
        self.assertRedirects(response, f"{self.base}statistics/")
        figure = StatisticValue.objects.get()
        population = self.community.population
        self.assertAlmostEqual(figure.rate, 57 / population * 10_000)
        self.assertEqual(figure.population, population)
        services.statistic_set(
            community=self.community,
            indicator="T8",
            period=2024,
            value=40,
            source="Council",
            actor=None,
        )
        cameras = StatisticValue.objects.get(indicator="T8")
        self.assertAlmostEqual(cameras.rate, 40 / population * 1_000)

    def test_a_statistics_file_imports_whole_or_not_at_all(self) -> None:
        self.login(self.facilitator)
        good = "indicator;period;value;source\nT1;2024;57;Police\nT5;2024;11,5;EMS\n"
        response = self.client.post(
            f"{self.base}statistics/import/",
            {"file": SimpleUploadedFile("s.csv", good.encode())},
        )
        self.assertRedirects(response, f"{self.base}statistics/")
        self.assertEqual(StatisticValue.objects.get(indicator="T5").rate, 11.5)
        bad = "indicator;period;value;source\nT2;2024;5;Police\nT99;20x4;many;\n"
        response = self.client.post(
            f"{self.base}statistics/import/",
            {"file": SimpleUploadedFile("s.csv", bad.encode())},
        )
        self.assertContains(response, "Row 3, column “indicator”", status_code=400)
        self.assertContains(response, "“many” is not a number", status_code=400)
        self.assertFalse(StatisticValue.objects.filter(indicator="T2").exists())

    def test_the_council_viewer_reads_but_does_not_write(self) -> None:
        self.login(self.council_viewer)
        self.assertEqual(self.client.get(f"{self.base}statistics/").status_code, 200)
        response = self.client.post(
            f"{self.base}statistics/",
            {"indicator": "T1", "period": 2024, "value": 1, "source": "x"},
        )
        self.assertEqual(response.status_code, 403)

    @refuses("evidence:statistics", "evidence:statistics-import")
    def test_it_refuses_another_partners_facilitator(self) -> None:
        self.login(self.other_facilitator)
        self.assertEqual(self.client.get(f"{self.base}statistics/").status_code, 404)
        response = self.client.post(
            f"{self.base}statistics/import/",
            {"file": SimpleUploadedFile("s.csv", b"indicator;period;value;source\n")},
        )
        self.assertEqual(response.status_code, 404)

    @refuses("evidence:statistic-delete")
    def test_removing_a_figure_is_for_the_facilitator(self) -> None:
        figure = services.statistic_set(
            community=self.community,
            indicator="T1",
            period=2024,
            value=3,
            source="x",
            actor=None,
        )
        url = f"{self.base}statistics/{figure.pk}/delete/"
        self.login(self.wg_member)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.other_facilitator)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.login(self.facilitator)
        self.client.post(url)
        self.assertFalse(StatisticValue.objects.exists())


class RatingsTest(EvidenceTestCase):
    def setUp(self) -> None:
        self.assessment = surveys.assessment_create(
            community=self.community,
            round="2026-1",
            framework=default_version(),
            actor=None,
        )

    def test_a_checklist_gives_a_score_out_of_ten(self) -> None:
        self.login(self.facilitator)
        data = {
            "indicator": "E2",
            "assessment": self.assessment.pk,
            "rater": "ДСНС",
            "c_capacity": 2,
            "c_accessibility": 1,
            "c_condition": 1,
            "c_signage": 0,
        }
        response = self.client.post(f"{self.base}ratings/", data)
        self.assertRedirects(response, f"{self.base}ratings/")
        rating = ExpertRating.objects.get()
        self.assertEqual(rating.score, 5.0)
        self.assertEqual(rating.criteria["signage"], 0)
        page = self.client.get(f"{self.base}ratings/")
        self.assertContains(page, "5.0")

    def test_an_incomplete_checklist_is_refused(self) -> None:
        self.login(self.facilitator)
        data = {"indicator": "E4", "assessment": self.assessment.pk, "rater": "x"}
        response = self.client.post(f"{self.base}ratings/", data)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ExpertRating.objects.exists())

    @refuses("evidence:ratings", "evidence:rating-delete")
    def test_it_refuses_outsiders_and_readers_who_write(self) -> None:
        rating = services.expert_rating_add(
            assessment=self.assessment,
            indicator="E4",
            rater="x",
            criteria={"joint_plans": 2, "shared_channels": 2, "joint_exercises": 2},
            actor=None,
        )
        self.assertEqual(rating.score, 10.0)
        self.login(self.other_facilitator)
        self.assertEqual(self.client.get(f"{self.base}ratings/").status_code, 404)
        delete = f"{self.base}ratings/{rating.pk}/delete/"
        self.assertEqual(self.client.post(delete).status_code, 404)
        self.login(self.council_viewer)
        self.assertEqual(self.client.get(f"{self.base}ratings/").status_code, 200)
        self.assertEqual(self.client.post(delete).status_code, 403)
        self.assertTrue(ExpertRating.objects.exists())


class HotspotsTest(EvidenceTestCase):
    def add(self) -> Hotspot:
        return services.hotspot_create(
            community=self.community,
            latitude=self.community.latitude + 0.01,
            longitude=self.community.longitude,
            category="lighting",
            time_of_day="night",
            description="=cmd|' /C calc'!A0",
            actor=self.facilitator,
        )

    def test_the_facilitator_notes_a_hotspot_and_sees_it_drawn(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            f"{self.base}hotspots/",
            {
                "latitude": self.community.latitude,
                "longitude": self.community.longitude + 0.02,
                "category": "traffic",
                "time_of_day": "day",
                "description": "Перехід біля школи",
            },
        )
        self.assertRedirects(response, f"{self.base}hotspots/")
        page = self.client.get(f"{self.base}hotspots/")
        self.assertContains(page, 'role="img"')
        self.assertContains(page, "<title>traffic danger — open</title>")
        self.assertContains(page, "Use my location")

    def test_a_point_outside_ukraine_is_refused(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            f"{self.base}hotspots/",
            {
                "latitude": 10,
                "longitude": 10,
                "category": "traffic",
                "time_of_day": "day",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Hotspot.objects.exists())

    def test_the_working_group_reads_and_the_council_does_not_see(self) -> None:
        self.add()
        self.login(self.wg_member)
        self.assertEqual(self.client.get(f"{self.base}hotspots/").status_code, 200)
        self.login(self.council_viewer)
        self.assertEqual(self.client.get(f"{self.base}hotspots/").status_code, 404)
        page = self.client.get(f"{self.base}statistics/")
        self.assertNotContains(page, "Hotspots")

    @refuses("evidence:hotspots-export")
    def test_an_export_is_audited_and_defuses_formulas(self) -> None:
        self.add()
        self.login(self.wg_member)
        response = self.client.get(f"{self.base}hotspots/export.csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn("'=cmd", response.content.decode())
        event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
        self.assertEqual(event.actor, self.wg_member)
        self.assertTrue(event.detail["internal"])
        self.login(self.council_viewer)
        self.assertEqual(
            self.client.get(f"{self.base}hotspots/export.csv").status_code, 404
        )

    @refuses("evidence:hotspots", "evidence:hotspot", "evidence:hotspot-delete")
    def test_changes_are_for_the_facilitator(self) -> None:
        hotspot = self.add()
        url = f"{self.base}hotspots/{hotspot.pk}/"
        data = {"status": "resolved", "description": "Лампи замінено"}
        self.login(self.other_facilitator)
        self.assertEqual(self.client.get(f"{self.base}hotspots/").status_code, 404)
        self.assertEqual(self.client.post(url, data).status_code, 404)
        self.login(self.wg_member)
        self.assertEqual(self.client.post(url, data).status_code, 403)
        self.assertEqual(self.client.post(f"{url}delete/").status_code, 403)
        self.login(self.facilitator)
        self.client.post(url, data)
        hotspot.refresh_from_db()
        self.assertEqual(hotspot.status, "resolved")
        self.client.post(f"{url}delete/")
        self.assertFalse(Hotspot.objects.exists())

    def test_hotspots_never_reach_the_public_api(self) -> None:
        self.add()
        self.login(None)
        for path in (
            f"/api/v1/communities/{self.community.katotth}",
            f"/api/v1/communities/{self.community.katotth}/assessments",
        ):
            response = self.client.get(path)
            self.assertNotIn(b'latitude": 48.8', response.content)
            self.assertNotIn(b"lighting", response.content)
