"""``GET …/assessments`` and ``POST …/imports`` of the REST API."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings

from hromada.web.surveys import services
from hromada.web.surveys.frameworks import default_version
from hromada.web.surveys.middleware import UploadLimitMiddleware
from hromada.web.surveys.models import Response, SurveyImport
from tests.survey_files import export_blob
from tests.web.base import HromadaTestCase
from tests.web.refusals import refuses


class SurveysApiTest(HromadaTestCase):
    def setUp(self) -> None:
        self.assessment = services.assessment_create(
            community=self.community,
            round="2026-1",
            framework=default_version(),
            actor=None,
        )
        self.path = f"/api/v1/communities/{self.community.katotth}"

    def post(self, blob: bytes, round_: str = "2026-1") -> Any:
        return self.client.post(
            f"{self.path}/imports",
            {"round": round_, "file": SimpleUploadedFile("export.csv", blob)},
            headers={"Accept-Language": "en"},
        )

    def test_it_lists_the_rounds_with_their_responses(self) -> None:
        self.login(self.facilitator)
        self.assertEqual(self.post(export_blob(12)).status_code, 201)
        for user in (self.facilitator, self.council_viewer, self.coordinator):
            self.login(user)
            response = self.client.get(f"{self.path}/assessments")
            self.assertEqual(
                response.json(),
                [
                    {
                        "round": "2026-1",
                        "framework": "hromada-default 2026.1",
                        "responses": 12,
                        "status": "collecting",
                    }
                ],
            )

    @refuses("api:assessments")
    def test_it_refuses_outsiders(self) -> None:
        self.login(self.other_facilitator)
        response = self.client.get(f"{self.path}/assessments")
        self.assertEqual(response.status_code, 404)
        self.login(None)
        self.assertEqual(self.client.get(f"{self.path}/assessments").status_code, 401)

    def test_an_import_answers_its_counts(self) -> None:
        self.login(self.facilitator)
        response = self.post(export_blob(9))
        self.assertEqual(response.status_code, 201)
        body = response.json()
        self.assertEqual(
            (body["rows"], body["imported"], body["duplicates"]), (9, 9, 0)
        )
        self.assertEqual(body["form_version"], "hromada-default-2026.1")
        self.assertEqual(SurveyImport.objects.get().via, "api")

    def test_a_refused_import_lists_its_problems_and_writes_nothing(self) -> None:
        self.login(self.facilitator)
        blob = export_blob(5, change=lambda t: t.assign(**{"profile/D2": "99"}))
        response = self.post(blob)
        self.assertEqual(response.status_code, 400)
        body = response.json()
        self.assertEqual(body["code"], "import_refused")
        self.assertEqual(body["total_problems"], 5)
        first = body["problems"][0]
        self.assertEqual((first["row"], first["column"]), (2, "profile/D2"))
        self.assertIn("“99” is not one of the answers", first["message"])
        self.assertFalse(Response.objects.exists())

    def test_an_unknown_round_is_a_bad_request(self) -> None:
        self.login(self.facilitator)
        response = self.post(export_blob(3), round_="2030-1")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["code"], "unknown_round")

    @override_settings(HROMADA_IMPORT_MAX_BYTES=1_000)
    def test_a_file_over_the_limit_is_refused(self) -> None:
        self.login(self.facilitator)
        response = self.post(export_blob(10))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["problems"][0]["code"], "too_large")

    @refuses("api:imports")
    def test_it_refuses_readers_and_outsiders(self) -> None:
        self.login(self.coordinator)
        self.assertEqual(self.post(export_blob(3)).status_code, 403)
        self.login(self.other_facilitator)
        self.assertEqual(self.post(export_blob(3)).status_code, 404)
        self.login(self.wg_member)
        self.assertEqual(self.post(export_blob(3)).status_code, 404)
        self.assertFalse(Response.objects.exists())


class UploadLimitTest(HromadaTestCase):
    def test_a_200_megabyte_upload_is_refused_before_its_body_is_read(self) -> None:
        seen: list[str] = []

        def view(request: Any) -> Any:
            seen.append("read")
            raise AssertionError("the body must not be read")

        middleware = UploadLimitMiddleware(view)
        for path, kind in (("/uk/communities/", "text/plain"), ("/api/v1/x", "json")):
            request = RequestFactory().post(path, data=b"", content_type="text/csv")
            request.META["CONTENT_LENGTH"] = str(200_000_000)
            response = middleware(request)
            self.assertEqual(response.status_code, 413)
            self.assertIn(kind, response["Content-Type"])
        self.assertEqual(seen, [])

    def test_an_ordinary_request_passes(self) -> None:
        middleware = UploadLimitMiddleware(lambda request: "passed")  # type: ignore[arg-type,return-value]
        request = RequestFactory().post("/", data=b"x=1", content_type="text/plain")
        self.assertEqual(middleware(request), "passed")
        request.META["CONTENT_LENGTH"] = "not a number"
        self.assertEqual(middleware(request), "passed")
