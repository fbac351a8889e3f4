"""The evidence tab's survey pages: rounds, the XLSForm, imports, design, frameworks."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from hromada import core
from hromada.frameworks import framework_text
from hromada.web.audit.models import AuditEvent
from hromada.web.surveys import services
from hromada.web.surveys.frameworks import default_version
from hromada.web.surveys.models import (
    Assessment,
    FrameworkVersion,
    Response,
    Settlement,
    SurveyImport,
)
from tests.survey_files import FRAMEWORK, export_blob
from tests.web.base import HromadaTestCase
from tests.web.refusals import refuses


class SurveyTestCase(HromadaTestCase):
    assessment: Assessment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.assessment = services.assessment_create(
            community=cls.community,
            round="2026-1",
            framework=default_version(),
            actor=cls.facilitator,
        )

    @property
    def base(self) -> str:
        return f"/en/communities/{self.community.katotth}/evidence/"

    def upload(
        self, blob: bytes, name: str = "export.csv", round_: str = "2026-1"
    ) -> Any:
        return self.client.post(
            f"{self.base}{round_}/import/",
            {"file": SimpleUploadedFile(name, blob)},
        )

    def counts(self) -> tuple[int, int, int]:
        return (
            Response.objects.count(),
            SurveyImport.objects.count(),
            AuditEvent.objects.count(),
        )


class EvidenceTabTest(SurveyTestCase):
    def test_it_shows_the_survey_to_the_facilitator(self) -> None:
        self.login(self.facilitator)
        response = self.client.get(self.base)
        self.assertContains(response, "Survey rounds")
        self.assertContains(response, "2026-1")
        self.assertContains(response, "Download the XLSForm")

    def test_it_sends_readers_of_results_to_the_statistics(self) -> None:
        for user in (self.wg_member, self.council_viewer):
            self.login(user)
            response = self.client.get(self.base)
            self.assertRedirects(response, f"{self.base}statistics/")

    @refuses("surveys:evidence")
    def test_it_refuses_another_partners_facilitator(self) -> None:
        self.login(self.other_facilitator)
        self.assertEqual(self.client.get(self.base).status_code, 404)
        self.login(None)
        self.assertEqual(self.client.get(self.base).status_code, 302)


class XLSFormTest(SurveyTestCase):
    def test_it_gives_a_form_pyxform_converts_with_the_settlements(self) -> None:
        services.settlements_set(
            community=self.community,
            names=[("Слов’янськ", "Sloviansk"), ("Черевківка", "")],
            actor=self.facilitator,
        )
        self.login(self.facilitator)
        response = self.client.get(f"{self.base}xlsform/?round=2026-1")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response["Content-Disposition"])
        blob = response.content
        book = load_workbook(io.BytesIO(blob))
        self.assertEqual(book.sheetnames, ["survey", "choices", "settings"])
        choices = list(book["choices"].iter_rows(values_only=True))
        d6 = [row[1] for row in choices if row[0] == "D6"]
        self.assertEqual(d6, ["s01", "s02", "other"])
        settings = list(book["settings"].iter_rows(values_only=True))
        self.assertEqual(settings[1][2], "hromada-default-2026.1")
        warnings: list[str] = []
        result = convert(io.BytesIO(blob), file_type=".xlsx", warnings=warnings)
        self.assertIn("Черевківка", result.xform)
        self.assertEqual(warnings, [])

    @refuses("surveys:xlsform")
    def test_it_refuses_readers_without_survey_rights(self) -> None:
        for user in (self.other_facilitator, self.wg_member, self.council_viewer):
            self.login(user)
            self.assertEqual(self.client.get(f"{self.base}xlsform/").status_code, 404)


class AssessmentCreateTest(SurveyTestCase):
    def test_it_creates_a_round_on_a_framework_version(self) -> None:
        self.login(self.facilitator)
        response = self.client.post(
            f"{self.base}assessments/",
            {"round": "2026-2", "framework": default_version().pk},
        )
        self.assertRedirects(response, f"{self.base}2026-2/")
        created = Assessment.objects.get(community=self.community, round="2026-2")
        self.assertEqual(created.framework.version, "2026.1")

    def test_it_refuses_a_repeated_or_malformed_round(self) -> None:
        self.login(self.facilitator)
        for value in ("2026-1", "26-1"):
            response = self.client.post(
                f"{self.base}assessments/",
                {"round": value, "framework": default_version().pk},
            )
            self.assertEqual(response.status_code, 400)
        self.assertEqual(Assessment.objects.count(), 1)

    @refuses("surveys:assessment-create")
    def test_it_refuses_readers_and_outsiders(self) -> None:
        data = {"round": "2026-2", "framework": default_version().pk}
        self.login(self.coordinator)
        self.assertEqual(
            self.client.post(f"{self.base}assessments/", data).status_code, 403
        )
        self.login(self.other_facilitator)
        self.assertEqual(
            self.client.post(f"{self.base}assessments/", data).status_code, 404
        )
        self.assertEqual(Assessment.objects.count(), 1)


class SettlementsTest(SurveyTestCase):
    def test_it_keeps_codes_of_kept_names_and_never_reuses_one(self) -> None:
        self.login(self.facilitator)
        url = f"{self.base}settlements/"
        self.client.post(url, {"names": "Слов’янськ | Sloviansk\nЧеревківка"})
        self.client.post(url, {"names": "Черевківка\nБилбасівка"})
        codes = dict(
            Settlement.objects.filter(community=self.community).values_list(
                "name_uk", "code"
            )
        )
        self.assertEqual(codes, {"Черевківка": "s02", "Билбасівка": "s03"})

    @refuses("surveys:settlements")
    def test_it_refuses_outsiders(self) -> None:
        self.login(self.other_facilitator)
        response = self.client.post(f"{self.base}settlements/", {"names": "X"})
        self.assertEqual(response.status_code, 404)
        self.login(self.coordinator)
        response = self.client.post(f"{self.base}settlements/", {"names": "X"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Settlement.objects.exists())


class ImportTest(SurveyTestCase):
    def test_it_imports_a_kobo_export_and_counts_the_rows(self) -> None:
        self.login(self.facilitator)
        response = self.upload(export_blob(40, xlsx=True), "kobo.xlsx")
        self.assertRedirects(
            response, f"{self.base}2026-1/", fetch_redirect_response=False
        )
        page = self.client.get(f"{self.base}2026-1/")
        self.assertContains(page, "40 rows read: 40 new responses imported.")
        record = SurveyImport.objects.get()
        self.assertEqual((record.rows, record.imported, record.duplicates), (40, 40, 0))
        self.assertEqual(record.file_format, "xlsx")
        self.assertEqual(record.form_version, "hromada-default-2026.1")
        self.assertEqual(record.imported_by, self.facilitator)
        self.assertEqual(len(record.sha256), 64)
        event = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT)
        self.assertEqual(event.detail["imported"], 40)
        self.assertEqual(Response.objects.count(), 40)
        self.assertEqual(Assessment.objects.get().status, Assessment.Status.COLLECTING)

    def test_a_reimport_counts_the_same_submissions_once(self) -> None:
        self.login(self.facilitator)
        self.upload(export_blob(30, seed=1))
        both = pd.concat(
            [
                pd.read_csv(io.BytesIO(export_blob(30, seed=1)), sep=";", dtype=str),
                pd.read_csv(io.BytesIO(export_blob(10, seed=2)), sep=";", dtype=str),
            ]
        )
        blob = core.export_csv(both.fillna("")).encode()
        self.upload(blob)
        latest = SurveyImport.objects.first()
        assert latest is not None
        self.assertEqual((latest.imported, latest.duplicates), (10, 30))
        self.assertEqual(Response.objects.count(), 40)

    def test_it_keeps_no_submission_id_only_a_keyed_pseudonym(self) -> None:
        self.login(self.facilitator)
        blob = export_blob(5)
        self.upload(blob)
        uuids = pd.read_csv(io.BytesIO(blob), sep=";", dtype=str)["_uuid"]
        stored = set(Response.objects.values_list("respondent", flat=True))
        self.assertEqual(
            stored, set(core.respondent_pseudonyms(uuids, services.pseudonym_key()))
        )
        for response in Response.objects.all():
            self.assertNotIn(uuids.iloc[0], str(response.answers))

    def test_free_text_is_kept_only_where_the_framework_asks(self) -> None:
        def extra(table: pd.DataFrame) -> pd.DataFrame:
            table["profile/D6_other"] = "Іван Петренко, вул. Шевченка 5"
            return table

        self.login(self.facilitator)
        self.upload(export_blob(10, change=extra))
        for response in Response.objects.all():
            self.assertNotIn("Петренко", str(response.answers))
            self.assertLessEqual(
                set(response.answers) - set(FRAMEWORK.items),
                {"D7", "R1", "O1", "PSU"},
            )

    def test_a_broken_export_is_refused_with_the_row_and_nothing_changes(self) -> None:
        self.login(self.facilitator)
        self.upload(export_blob(10))
        before = self.counts()

        def broken(table: pd.DataFrame) -> pd.DataFrame:
            table.loc[3, "safety/S1a"] = "7"
            return table

        response = self.upload(export_blob(20, seed=5, change=broken))
        self.assertEqual(response.status_code, 400)
        self.assertContains(
            response,
            "Row 5, column “safety/S1a”: “7” is not one of the answers",
            status_code=400,
        )
        self.assertContains(response, "nothing was changed", status_code=400)
        self.assertEqual(self.counts(), before)

    def test_every_kind_of_bad_file_is_refused_and_writes_nothing(self) -> None:
        good = export_table_blob = export_blob(8)
        xlsx = export_blob(8, xlsx=True)
        cases: dict[str, tuple[bytes, str]] = {
            "wrong version": (
                export_blob(
                    8,
                    change=lambda t: t.assign(
                        framework_version="hromada-default-2025.9"
                    ),
                ),
                "not “hromada-default-2026.1”",
            ),
            "duplicate uuid": (
                export_blob(8, change=lambda t: t.assign(_uuid=t["_uuid"].iloc[0])),
                "is repeated",
            ),
            "missing column": (
                export_blob(8, change=lambda t: t.drop(columns=["safety/S2b"])),
                "The file has no column “S2b”",
            ),
            "text in a number column": (
                export_blob(8, change=lambda t: t.assign(W="heavy")),
                "“heavy” is not a number",
            ),
            "cp1251": (
                good.decode().replace("uuid", "ід").encode("cp1251"),
                "not in UTF-8 (it looks like Windows-1251)",
            ),
            "truncated xlsx": (xlsx[: len(xlsx) // 2], "damaged, truncated"),
            "formula": (
                export_blob(8, change=lambda t: t.assign(_notes="=HYPERLINK(1)")),
                "formula",
            ),
            "empty": (b"", "The submitted file is empty."),
        }
        self.login(self.facilitator)
        for name, (blob, text) in cases.items():
            with self.subTest(name):
                response = self.upload(blob)
                self.assertContains(response, text, status_code=400)
        self.assertEqual(self.counts()[:2], (0, 0))
        self.assertNotEqual(export_table_blob, b"")

    @override_settings(HROMADA_IMPORT_MAX_BYTES=2_000)
    def test_it_refuses_a_file_over_the_size_limit_before_reading_it(self) -> None:
        self.login(self.facilitator)
        response = self.upload(export_blob(30))
        self.assertContains(response, "The file is larger than 0 MB", status_code=400)
        self.assertFalse(Response.objects.exists())

    @override_settings(HROMADA_IMPORT_MAX_ROWS=5)
    def test_it_refuses_a_file_over_the_row_limit(self) -> None:
        self.login(self.facilitator)
        response = self.upload(export_blob(6))
        self.assertContains(
            response, "The file has 6 rows; at most 5 are accepted", status_code=400
        )

    def test_it_caps_the_problems_with_a_count_of_the_rest(self) -> None:
        self.login(self.facilitator)
        blob = export_blob(40, change=lambda t: t.assign(**{"safety/S1a": "x"}))
        response = self.upload(blob)
        self.assertContains(response, "…and 20 more problems.", status_code=400)

    def test_a_submission_of_another_round_refuses_the_file(self) -> None:
        other = services.assessment_create(
            community=self.community,
            round="2025-1",
            framework=default_version(),
            actor=None,
        )
        self.login(self.facilitator)
        self.upload(export_blob(5), round_="2025-1")
        response = self.upload(export_blob(5))
        self.assertContains(
            response, "already imported into round 2025-1", status_code=400
        )
        self.assertEqual(Response.objects.filter(assessment=other).count(), 5)
        self.assertFalse(Response.objects.filter(assessment=self.assessment).exists())

    def test_labels_exports_in_either_language_import_alike(self) -> None:
        self.login(self.facilitator)
        self.upload(export_blob(12, labels="uk", xlsx=True))
        self.upload(export_blob(12, seed=9, labels="en"))
        self.assertEqual(Response.objects.count(), 24)
        sexes = set(Response.objects.values_list("sex", flat=True))
        self.assertLessEqual(sexes, {"female", "male", "other"})

    @refuses("surveys:import")
    def test_it_refuses_readers_and_outsiders(self) -> None:
        self.login(self.coordinator)
        self.assertEqual(self.upload(export_blob(3)).status_code, 403)
        self.login(self.other_facilitator)
        self.assertEqual(self.upload(export_blob(3)).status_code, 404)
        self.assertFalse(Response.objects.exists())

    @refuses("surveys:assessment")
    def test_the_round_page_is_for_survey_readers_only(self) -> None:
        self.login(self.coordinator)
        self.assertEqual(self.client.get(f"{self.base}2026-1/").status_code, 200)
        for user in (self.wg_member, self.other_facilitator):
            self.login(user)
            self.assertEqual(self.client.get(f"{self.base}2026-1/").status_code, 404)
        self.login(self.facilitator)
        self.assertEqual(self.client.get(f"{self.base}2031-1/").status_code, 404)

    @refuses("surveys:import-delete")
    def test_removing_an_import_removes_its_responses(self) -> None:
        self.login(self.facilitator)
        self.upload(export_blob(6))
        record = SurveyImport.objects.get()
        url = f"{self.base}2026-1/imports/{record.pk}/delete/"
        self.login(self.coordinator)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.other_facilitator)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.login(self.facilitator)
        self.assertRedirects(self.client.post(url), f"{self.base}2026-1/")
        self.assertFalse(Response.objects.exists())
        self.assertTrue(
            AuditEvent.objects.filter(action=AuditEvent.Action.DELETION).exists()
        )


class DesignTest(SurveyTestCase):
    def test_it_rakes_the_weights_to_the_margins(self) -> None:
        self.login(self.facilitator)
        self.upload(export_blob(200, seed=4))
        margins = {
            "margin_female": 5400,
            "margin_male": 4600,
            "margin_14_17": 600,
            "margin_18_29": 1500,
            "margin_30_44": 2500,
            "margin_45_59": 2500,
            "margin_60plus": 2900,
        }
        response = self.client.post(
            f"{self.base}2026-1/design/",
            {"psu_column": "PSU", "strata_column": "D6", "rake": "on", **margins},
        )
        self.assertRedirects(response, f"{self.base}2026-1/")
        frame = self.assessment_frame()
        complete = frame[frame["sex"] != "other"]
        by_sex = complete.groupby("sex")["weight"].sum()
        self.assertAlmostEqual(by_sex["female"], 5400, places=3)
        by_age = complete.groupby("age_group")["weight"].sum()
        self.assertAlmostEqual(by_age["60plus"], 2900, places=3)
        self.assertTrue(frame["psu"].notna().all())
        assessment = Assessment.objects.get()
        self.assertTrue(assessment.raking_converged)
        self.assertEqual(assessment.raking_margins["D1"]["male"], 4600)

    def test_it_refuses_a_weight_column_the_data_lacks(self) -> None:
        self.login(self.facilitator)
        self.upload(export_blob(10))
        response = self.client.post(
            f"{self.base}2026-1/design/", {"weight_column": "W"}
        )
        self.assertContains(
            response, "10 responses have no weight in column W", status_code=400
        )
        self.assertEqual(Assessment.objects.get().weight_column, "")

    def test_weights_from_the_export_are_the_design_weights(self) -> None:
        services.assessment_design_set(
            assessment=self.assessment, actor=None, weight_column="W"
        )
        self.login(self.facilitator)
        self.upload(export_blob(10, change=lambda t: t.assign(W="2,5")))
        frame = self.assessment_frame()
        self.assertEqual(list(frame["design_weight"]), [2.5] * 10)
        self.assertEqual(list(frame["weight"]), [2.5] * 10)
        refused = self.upload(export_blob(5, seed=3))
        self.assertContains(
            refused, "column “W”: The value is missing.", status_code=400
        )

    def assessment_frame(self) -> pd.DataFrame:
        from hromada.web.surveys.frames import assessment_frame

        return assessment_frame(Assessment.objects.get())

    @refuses("surveys:design")
    def test_it_refuses_readers_and_outsiders(self) -> None:
        self.login(self.coordinator)
        url = f"{self.base}2026-1/design/"
        self.assertEqual(self.client.post(url, {"psu_column": "PSU"}).status_code, 403)
        self.login(self.other_facilitator)
        self.assertEqual(self.client.post(url, {"psu_column": "PSU"}).status_code, 404)
        self.assertEqual(Assessment.objects.get().psu_column, "")


class FrameTest(SurveyTestCase):
    def test_a_round_loads_into_one_frame_with_its_design_columns(self) -> None:
        from hromada.web.surveys.frames import assessment_frame

        self.login(self.facilitator)
        blob = export_blob(25, seed=8)
        self.upload(blob)
        frame = assessment_frame(self.assessment)
        self.assertEqual(len(frame), 25)
        for column in ("weight", "stratum", "psu", "sex", "age_group", "idp"):
            self.assertIn(column, frame.columns)
        self.assertEqual(str(frame["idp"].dtype), "boolean")
        self.assertEqual(frame["S1a"].dtype.kind, "f")
        options = [c for c in frame.columns if c.startswith("R1/")]
        self.assertEqual(len(options), 20)
        source = core.read_kobo_export(blob, FRAMEWORK).frame
        assert source is not None
        self.assertEqual(frame["S3c"].sum(skipna=True), source["S3c"].sum(skipna=True))
        self.assertEqual(frame["R1/RK09"].sum(), source["R1/RK09"].sum())
        scores = core.scale_scores(frame, FRAMEWORK.scale_items("C6"))
        self.assertEqual(len(scores.dropna()), len(frame) - scores.isna().sum())


class FrameworksTest(SurveyTestCase):
    def test_the_coordinator_adds_a_checked_version(self) -> None:
        text = framework_text("default").replace(
            'version: "2026.1"', 'version: "2026.2"'
        )
        self.login(self.coordinator)
        response = self.client.post(
            "/en/frameworks/",
            {"file": SimpleUploadedFile("f.yaml", text.encode())},
        )
        self.assertRedirects(response, "/en/frameworks/")
        self.assertTrue(FrameworkVersion.objects.filter(version="2026.2").exists())

    def test_a_broken_framework_is_refused_with_its_lines(self) -> None:
        text = framework_text("default").replace(
            "{code: S1a, scale: L5,", "{code: S1a, scale: L7,"
        )
        self.login(self.coordinator)
        response = self.client.post(
            "/en/frameworks/",
            {"file": SimpleUploadedFile("f.yaml", text.encode())},
        )
        self.assertContains(response, "Line 73", status_code=400)
        self.assertContains(response, "There is no such scale.", status_code=400)
        same = self.client.post(
            "/en/frameworks/",
            {"file": SimpleUploadedFile("f.yaml", framework_text("default").encode())},
        )
        self.assertContains(same, "is already stored", status_code=400)
        self.assertEqual(FrameworkVersion.objects.count(), 1)

    @refuses("surveys:frameworks")
    def test_only_the_coordinator_adds_and_outsiders_do_not_see(self) -> None:
        self.login(self.facilitator)
        self.assertEqual(self.client.get("/en/frameworks/").status_code, 200)
        upload = {"file": SimpleUploadedFile("f.yaml", b"framework: x")}
        self.assertEqual(self.client.post("/en/frameworks/", upload).status_code, 403)
        from hromada.web.accounts import services as accounts

        nobody = accounts.user_create(username="nobody", password=self.password)
        self.login(nobody)
        self.assertEqual(self.client.get("/en/frameworks/").status_code, 404)


class EvidenceTabVisibilityTest(SurveyTestCase):
    def test_every_role_with_evidence_to_read_sees_the_tab(self) -> None:
        url = f"/en/communities/{self.community.katotth}/"
        for user in (
            self.coordinator,
            self.facilitator,
            self.wg_member,
            self.council_viewer,
        ):
            self.login(user)
            tabs = [t.slug for t, _url in self.client.get(url).context["tabs"]]
            self.assertIn("evidence", tabs)
        self.login(self.council_viewer)
        page = self.client.get(f"{self.base}statistics/")
        self.assertNotContains(page, "Resident survey")
        self.assertNotContains(page, "Hotspots")


class ShippedFrameworkTest(HromadaTestCase):
    def test_an_emptied_database_gets_the_shipped_version_back(self) -> None:
        FrameworkVersion.objects.all().delete()
        version = default_version()
        self.assertEqual((version.code, version.version), ("hromada-default", "2026.1"))
        self.assertTrue(version.shipped)
        self.assertEqual(default_version(), version)
        self.assertEqual(FrameworkVersion.objects.count(), 1)
