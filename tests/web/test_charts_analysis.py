"""Interval and gap charts, parsed back: where the marks sit, what they say."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.test import SimpleTestCase

from hromada.web import charts

NS = {"svg": "http://www.w3.org/2000/svg"}
AXIS = charts.Axis("Score", 0, 10, (0.0, 5.0, 10.0))


def parse(chart: charts.Chart | str) -> ET.Element:
    return ET.fromstring(str(chart))


def marks(root: ET.Element, kind: str) -> list[ET.Element]:
    return root.findall(f".//svg:g[@class='{kind}']", NS)


def text_at(node: ET.Element, path: str) -> str | None:
    found = node.find(path, NS)
    assert found is not None, path
    return found.text


def x_of(node: ET.Element, name: str) -> float:
    found = node.find(f"svg:*[@class='{name}']", NS)
    assert found is not None, name
    return float(found.attrib["cx"] if "cx" in found.attrib else found.attrib["x1"])


class IntervalChartTest(SimpleTestCase):
    def chart(self, rows: list[charts.Interval], **kwargs: object) -> ET.Element:
        return parse(
            charts.interval_chart(
                rows,
                axis=AXIS,
                title="Safety",
                description="Estimates with their intervals.",
                chart_id="safety",
                **kwargs,  # type: ignore[arg-type]
            )
        )

    def test_it_is_an_accessible_image(self) -> None:
        root = self.chart([charts.Interval("S1", 5, 4, 6, "S1: 5")])
        self.assertEqual(root.attrib["role"], "img")
        self.assertEqual(root.attrib["aria-labelledby"], "safety-title safety-desc")
        self.assertEqual(text_at(root, "svg:title"), "Safety")

    def test_rows_place_the_estimate_inside_its_interval_by_value(self) -> None:
        root = self.chart(
            [
                charts.Interval("low", 2, 1, 3, "low: 2"),
                charts.Interval("high", 8, 7.5, 8.5, "high: 8", reference=5),
            ]
        )
        low, high = marks(root, "interval")
        self.assertLess(x_of(low, "estimate"), x_of(high, "estimate"))
        ci = high.find("svg:line[@class='ci']", NS)
        assert ci is not None
        self.assertLess(float(ci.attrib["x1"]), x_of(high, "estimate"))
        self.assertGreater(float(ci.attrib["x2"]), x_of(high, "estimate"))
        # The reference tick sits at 5: halfway between the axis ends.
        ticks = [
            float(t.attrib["x1"])
            for t in root.findall(".//svg:g[@class='axes']/svg:line", NS)
        ]
        self.assertAlmostEqual(x_of(high, "reference"), ticks[1])
        self.assertIsNone(low.find("svg:line[@class='reference']", NS))
        self.assertEqual(text_at(high, "svg:title"), "high: 8")

    def test_a_row_without_an_estimate_shows_the_note_and_no_mark(self) -> None:
        root = self.chart(
            [charts.Interval("IDP", None, None, None, "hidden", note="n < 10")]
        )
        (row,) = marks(root, "interval")
        self.assertIsNone(row.find("svg:circle", NS))
        self.assertEqual(text_at(row, "svg:text"), "n < 10")

    def test_the_height_grows_with_the_rows_and_long_labels_are_cut(self) -> None:
        one = self.chart([charts.Interval("a", 5, 4, 6, "a")])
        name = "A very long indicator name that would run into the plot"
        three = self.chart([charts.Interval(name, 5, 4, 6, name)] * 3)
        self.assertGreater(float(three.attrib["height"]), float(one.attrib["height"]))
        label = three.find(".//svg:g[@class='labels']/svg:text", NS)
        assert label is not None and label.text is not None
        self.assertTrue(label.text.endswith("…"))
        self.assertEqual(text_at(marks(three, "interval")[0], "svg:title"), name)

    def test_values_beyond_the_axis_stay_inside_the_plot(self) -> None:
        root = self.chart([charts.Interval("x", 12, -3, 14, "x")])
        (row,) = marks(root, "interval")
        ci = row.find("svg:line[@class='ci']", NS)
        assert ci is not None
        width = float(root.attrib["width"])
        self.assertGreaterEqual(float(ci.attrib["x1"]), 0)
        self.assertLessEqual(float(ci.attrib["x2"]), width)

    def test_names_are_escaped(self) -> None:
        chart = charts.interval_chart(
            [charts.Interval("<b>", 5, 4, 6, "<script>")],
            axis=AXIS,
            title="t",
            description="d",
        )
        self.assertNotIn("<script>", chart.svg)
        self.assertIn("&lt;script&gt;", chart.svg)


class GapChartTest(SimpleTestCase):
    def chart(self, rows: list[charts.GapRow]) -> ET.Element:
        return parse(
            charts.gap_chart(
                rows,
                axis=AXIS,
                title="Gaps",
                description="Groups against the rest.",
                legend=[charts.LegendEntry("Group", tone="vermillion")],
            )
        )

    def test_group_and_rest_are_joined_and_significant_gaps_marked(self) -> None:
        root = self.chart(
            [
                charts.GapRow("C6", 4.1, 6.3, "C6", significant=True, mark="*"),
                charts.GapRow("S1", 6.0, 6.2, "S1", mark="*"),
            ]
        )
        (significant,) = marks(root, "gap gap-significant")
        (plain,) = marks(root, "gap")
        self.assertLess(x_of(significant, "group"), x_of(significant, "rest"))
        link = significant.find("svg:line[@class='link']", NS)
        plain_link = plain.find("svg:line[@class='link']", NS)
        assert link is not None and plain_link is not None
        self.assertGreater(
            float(link.attrib["stroke-width"]), float(plain_link.attrib["stroke-width"])
        )
        self.assertEqual(text_at(significant, "svg:text[@class='significant']"), "*")
        self.assertIsNone(plain.find("svg:text[@class='significant']", NS))
        self.assertEqual(len(root.findall(".//svg:g[@class='legend-entry']", NS)), 1)

    def test_a_hidden_gap_draws_no_dots(self) -> None:
        root = self.chart([charts.GapRow("S1", None, 6.2, "S1", note="n < 10")])
        (row,) = marks(root, "gap")
        self.assertEqual(row.findall("svg:circle", NS), [])
        self.assertEqual(text_at(row, "svg:text"), "n < 10")


class CiBarTest(SimpleTestCase):
    def test_the_bar_scales_the_estimate_and_names_itself(self) -> None:
        root = parse(
            charts.ci_bar(
                5, 4, 6, axis_low=0, axis_high=10, title="5 (4–6)", reference=7
            )
        )
        self.assertEqual(root.attrib["role"], "img")
        self.assertEqual(text_at(root, "svg:title"), "5 (4–6)")
        width = float(root.attrib["width"])
        self.assertAlmostEqual(x_of(root, "estimate"), width / 2)
        self.assertGreater(x_of(root, "reference"), x_of(root, "estimate"))

    def test_a_bar_without_an_interval_has_only_the_dot(self) -> None:
        root = parse(charts.ci_bar(5, None, None, axis_low=0, axis_high=10, title="5"))
        self.assertIsNone(root.find("svg:line[@class='ci']", NS))
        self.assertIsNotNone(root.find("svg:circle", NS))
