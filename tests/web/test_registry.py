from __future__ import annotations

import csv
import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from hromada.core import InputError
from hromada.web.communities.models import Community
from hromada.web.communities.registry import COLUMNS, read_registry
from tests.datasets import DATASETS

REGISTRY = Path(settings.HROMADA_REGISTRY_FILE)
KSE = DATASETS / "ukraine-admin"
migration = importlib.import_module(
    "hromada.web.communities.migrations.0002_load_registry"
)


def rows() -> list[dict[str, str]]:
    with open(REGISTRY, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(
    path: Path, data: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS
) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(data)
    return path


class PackagedRegistryTest(TestCase):
    def test_migrate_loaded_all_1469_hromadas(self) -> None:
        self.assertEqual(Community.objects.count(), 1469)
        self.assertEqual(
            Community.objects.values("oblast_katotth").distinct().count(), 24
        )
        kramatorsk = Community.objects.get(katotth="UA14120090000098500")
        self.assertEqual(
            (
                kramatorsk.name_uk,
                kramatorsk.name_en,
                kramatorsk.type,
                kramatorsk.population,
            ),
            ("Краматорська", "Kramatorska", "urban", 180922),
        )
        self.assertEqual(
            (kramatorsk.oblast_name_en, kramatorsk.centre_name_en),
            ("Donetsk", "Kramatorsk"),
        )
        self.assertEqual(
            Community.objects.filter(occupied_before_2022=True).count(), 31
        )
        self.assertEqual(Community.objects.filter(area_km2=None).count(), 31)

    def test_it_sorts_names_in_the_order_of_the_ukrainian_alphabet(self) -> None:
        names = list(Community.objects.values_list("name_uk", flat=True))
        self.assertEqual(names[0][0], "А")
        self.assertEqual(names[-1][0], "Я")
        initials = list(dict.fromkeys(name[0] for name in names))
        self.assertEqual(initials.index("Є"), initials.index("Е") + 1)
        self.assertLess(initials.index("І"), initials.index("К"))

    def test_the_file_keeps_the_kse_values(self) -> None:
        kse = {}
        with open(KSE / "hromadas_full_dataset_kse.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                kse[row["hromada_code"]] = row
        derived = rows()
        self.assertEqual({r["katotth"] for r in derived}, set(kse))
        for row in derived:
            source = kse[row["katotth"]]
            self.assertEqual(row["population"], source["total_popultaion_2022"])
            self.assertEqual(float(row["latitude"]), float(source["lat_center"]))
            self.assertEqual(row["raion_katotth"], source["raion_code"])
            self.assertAlmostEqual(
                float(row["border_distance_km"]),
                float(source["distance_to_russia_belarus"]),
                delta=0.05,
            )

    def test_notice_and_outlines_ship_beside_it(self) -> None:
        notice = (REGISTRY.parent / "NOTICE").read_text(encoding="utf-8")
        self.assertIn("KSE", notice)
        self.assertIn("Natural Earth", notice)
        self.assertIn("MIT", notice)
        topojson = (REGISTRY.parent / "ukraine_oblasts.topojson").read_text(
            encoding="utf-8"
        )
        self.assertIn('"regions"', topojson)


class ValidationTest(TestCase):
    def setUp(self) -> None:
        import tempfile

        self.dir = Path(tempfile.mkdtemp())
        self.good = rows()[:3]

    def refused(
        self, data: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS
    ) -> InputError:
        with self.assertRaises(InputError) as raised:
            read_registry(write(self.dir / "bad.csv", data, columns))
        return raised.exception

    def with_cell(self, column: str, value: str, row: int = 1) -> InputError:
        data = [dict(r) for r in self.good]
        data[row][column] = value
        return self.refused(data)

    def test_it_names_row_and_column_of_a_bad_cell(self) -> None:
        cases = {
            ("katotth", "UA123"): "not a KATOTTH code",
            ("latitude", "55.1"): "outside 44.3–52.4",
            ("longitude", "east"): "not a number",
            ("type", "city"): "not a known type",
            ("population", "-5"): "not a whole number",
            ("occupied_before_2022", "yes"): "not 0 or 1",
            ("name_uk", "Kramatorska"): "not a name in Ukrainian letters",
            ("name_en", "Краматорська"): "not a name in Latin letters",
            ("raion_katotth", "UA07020000000026686"): "does not lie in",
        }
        for (column, value), message in cases.items():
            with self.subTest(column=column):
                error = self.with_cell(column, value)
                self.assertEqual((error.row, error.column), (2, column))
                self.assertIn(message, error.message)

    def test_it_names_a_missing_column(self) -> None:
        error = self.refused(self.good, COLUMNS[:-1])
        self.assertEqual(
            (error.code, error.column), ("missing_column", "border_distance_km")
        )

    def test_it_refuses_a_repeated_code(self) -> None:
        error = self.refused([self.good[0], self.good[1], self.good[0]])
        self.assertEqual(
            (error.code, error.row, error.column), ("duplicate", 3, "katotth")
        )


class MigrationTest(TestCase):
    def test_a_bad_file_stops_migrate_and_writes_nothing(self) -> None:
        import tempfile

        Community.objects.all().delete()
        data = rows()
        data[1000]["latitude"] = "60"
        bad = write(Path(tempfile.mkdtemp()) / "registry.csv", data)
        with override_settings(HROMADA_REGISTRY_FILE=bad):
            with self.assertRaisesMessage(
                CommandError, "row 1001, column 'latitude': 60 is outside 44.3–52.4"
            ):
                migration.load(apps, None)
        self.assertEqual(Community.objects.count(), 0)
        migration.load(apps, None)
        self.assertEqual(Community.objects.count(), 1469)
