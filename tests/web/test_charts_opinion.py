"""The opinion map in the shared charts module, parsed back."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.test import SimpleTestCase

from hromada.web import charts

NS = {"svg": "http://www.w3.org/2000/svg"}


def draw(dots: list[charts.OpinionDot]) -> ET.Element:
    chart = charts.opinion_map_chart(
        dots,
        [
            charts.OpinionGroupMark(0, "A", -1.0, 0.5, "Group A: 2 people"),
            charts.OpinionGroupMark(1, "B", 2.0, -1.0, "Group B: 1 person"),
        ],
        title="Opinion map",
        description="Each dot is a participant.",
        dot_titles={0: "In A", 1: "In B", -1: "Outside"},
        table=charts.DataTable("Groups", ("Group", "People"), (("A", "2"),)),
    )
    return ET.fromstring(str(chart.svg))


class OpinionMapTest(SimpleTestCase):
    DOTS = [
        charts.OpinionDot(-1.5, 0.0, 0),
        charts.OpinionDot(-0.5, 1.0, 0),
        charts.OpinionDot(2.0, -1.0, 1),
        charts.OpinionDot(0.0, 0.0, -1),
    ]

    def test_it_is_an_accessible_image(self) -> None:
        root = draw(self.DOTS)
        self.assertEqual(root.attrib["role"], "img")
        self.assertIn("chart-opinion-map", root.attrib["class"])
        self.assertEqual(root.find("svg:title", NS).text, "Opinion map")  # type: ignore[union-attr]

    def test_every_dot_has_its_groups_colour_and_name(self) -> None:
        root = draw(self.DOTS)
        dots = root.findall(".//svg:g[@class='opinion-points']/svg:circle", NS)
        self.assertEqual(len(dots), 4)
        names = [d.find("svg:title", NS).text for d in dots]  # type: ignore[union-attr]
        self.assertEqual(names, ["In A", "In A", "In B", "Outside"])
        fills = [d.attrib["fill"] for d in dots]
        self.assertEqual(fills[0], fills[1])
        self.assertNotEqual(fills[0], fills[2])
        self.assertEqual(fills[3], charts.group_tone(-1))

    def test_both_axes_share_one_scale_and_up_is_up(self) -> None:
        root = draw(self.DOTS)
        dots = root.findall(".//svg:g[@class='opinion-points']/svg:circle", NS)
        xy = [(float(d.attrib["cx"]), float(d.attrib["cy"])) for d in dots]
        # One data unit is as long across as it is up: (-1.5,0)->(-0.5,1).
        self.assertAlmostEqual(xy[1][0] - xy[0][0], xy[0][1] - xy[1][1], places=1)
        width, height = 640, 420
        for x, y in xy:
            self.assertTrue(0 <= x <= width and 0 <= y <= height)

    def test_group_letters_sit_at_their_centres(self) -> None:
        root = draw(self.DOTS)
        labels = root.findall(".//svg:g[@class='opinion-groups']/svg:g", NS)
        self.assertEqual([g.find("svg:text", NS).text for g in labels], ["A", "B"])  # type: ignore[union-attr]

    def test_a_single_point_is_drawn_in_the_middle(self) -> None:
        root = ET.fromstring(
            str(
                charts.opinion_map_chart(
                    [charts.OpinionDot(0.3, 0.3, 0)],
                    [],
                    title="t",
                    description="d",
                    dot_titles={},
                ).svg
            )
        )
        dot = root.find(".//svg:g[@class='opinion-points']/svg:circle", NS)
        assert dot is not None
        self.assertEqual((dot.attrib["cx"], dot.attrib["cy"]), ("320", "210"))
