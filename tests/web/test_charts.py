"""The shared SVG charts, parsed back with ElementTree: what do they show?"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

from django.test import SimpleTestCase
from hypothesis import given
from hypothesis import strategies as st

from hromada.web import charts

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))


def first(node: ET.Element, path: str) -> ET.Element:
    found = node.find(path, NS)
    assert found is not None, path
    return found


def view_box(root: ET.Element) -> tuple[float, float]:
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    return width, height


def circles(root: ET.Element, group: str) -> list[ET.Element]:
    return root.findall(f".//svg:g[@class='{group}']//svg:circle", NS)


class ScatterChartTest(SimpleTestCase):
    AXIS = charts.Axis("x", 0.5, 5.5, (1.0, 2.0, 3.0, 4.0, 5.0))

    def chart(self, points: list[charts.Point], **kwargs: object) -> ET.Element:
        return parse(
            charts.scatter_chart(
                points,
                x=self.AXIS,
                y=charts.Axis("y", 0.5, 5.5, (1.0, 5.0)),
                title="Influence and interest",
                description="Each point is a stakeholder.",
                chart_id="grid",
                **kwargs,  # type: ignore[arg-type]
            )
        )

    def test_it_is_an_accessible_image_named_by_its_title_and_description(
        self,
    ) -> None:
        root = self.chart([charts.Point(1, 1, "1", "Police")])
        self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg")
        self.assertEqual(root.attrib["role"], "img")
        title, desc = root.attrib["aria-labelledby"].split()
        self.assertEqual(
            first(root, f"svg:title[@id='{title}']").text,
            "Influence and interest",
        )
        self.assertEqual(
            first(root, f"svg:desc[@id='{desc}']").text,
            "Each point is a stakeholder.",
        )

    def test_it_places_points_by_value_inside_the_plot(self) -> None:
        root = self.chart(
            [
                charts.Point(1, 1, "1", "low"),
                charts.Point(5, 5, "2", "high"),
                charts.Point(5, 1, "3", "right"),
            ]
        )
        marks = circles(root, "point")
        self.assertEqual(len(marks), 3)
        (x1, y1), (x2, y2), (x3, y3) = (
            (float(c.attrib["cx"]), float(c.attrib["cy"])) for c in marks
        )
        self.assertLess(x1, x2)
        self.assertGreater(y1, y2)  # SVG's y grows downwards
        self.assertAlmostEqual(y1, y3)
        self.assertAlmostEqual(x2, x3)
        width, height = view_box(root)
        for c in marks:
            r = float(c.attrib["r"])
            self.assertTrue(r <= float(c.attrib["cx"]) <= width - r)
            self.assertTrue(r <= float(c.attrib["cy"]) <= height - r)

    def test_points_at_one_spot_are_dodged_apart_without_overlap(self) -> None:
        crowd = [charts.Point(3, 3, str(n), f"#{n}") for n in range(7)]
        marks = circles(self.chart(crowd), "point")
        centres = [(float(c.attrib["cx"]), float(c.attrib["cy"])) for c in marks]
        radius = float(marks[0].attrib["r"])
        for a, b in itertools.combinations(centres, 2):
            self.assertGreaterEqual(math.dist(a, b), 2 * radius)
        # The crowd stays around its spot: within one unit (a cell) of it.
        xs = [x for x, _y in centres]
        self.assertLess(max(xs) - min(xs), (560 - 64 - 16) / 5)

    def test_each_point_carries_its_name_and_marker_escaped(self) -> None:
        root = self.chart([charts.Point(2, 4, "7", "<script>alert(1)</script> & Co")])
        point = first(root, ".//svg:g[@class='point']")
        assert point is not None
        self.assertEqual(
            first(point, "svg:title").text,
            "<script>alert(1)</script> & Co",
        )
        self.assertEqual(first(point, "svg:text").text, "7")
        markup = str(
            charts.scatter_chart(
                [], x=self.AXIS, y=self.AXIS, title="<script>", description=""
            ).svg
        )
        self.assertIn('<title id="scatter-title">&lt;script&gt;</title>', markup)

    def test_regions_are_shaded_and_labelled(self) -> None:
        root = self.chart(
            [],
            regions=[
                charts.Region(3.5, 5.5, 3.5, 5.5, "Manage closely", "vermillion"),
                charts.Region(0.5, 3.5, 0.5, 3.5, "Monitor", "grey"),
            ],
        )
        rects = root.findall(".//svg:rect[@class='region']", NS)
        self.assertEqual(
            [r.attrib["fill"] for r in rects],
            [charts.TONES["vermillion"], charts.TONES["grey"]],
        )
        labels = [
            t.text for t in root.findall(".//svg:text[@class='region-label']", NS)
        ]
        self.assertEqual(labels, ["Manage closely", "Monitor"])
        # The high region is the top right: 2 of 5 units wide, from 3.5 up.
        high, low = rects
        self.assertLess(float(high.attrib["width"]), float(low.attrib["width"]))
        self.assertGreater(float(high.attrib["x"]), float(low.attrib["x"]))
        self.assertLess(float(high.attrib["y"]), float(low.attrib["y"]))

    def test_the_data_table_comes_with_the_chart(self) -> None:
        table = charts.DataTable("Stakeholders", ("No.", "Name"), (("1", "Police"),))
        chart = charts.scatter_chart(
            [], x=self.AXIS, y=self.AXIS, title="t", description="d", table=table
        )
        self.assertEqual(chart.table, table)
        self.assertEqual(chart.__html__(), chart.svg)


@given(st.integers(1, 40), st.floats(6, 20), st.floats(40, 200))
def test_dodged_markers_never_overlap(count: int, radius: float, cell: float) -> None:
    r, offsets = charts.dodge(count, radius, cell)
    assert len(offsets) == count
    assert 6 <= r <= radius
    for a, b in itertools.combinations(offsets, 2):
        assert math.dist(a, b) >= 2 * r - 1e-9
    # Every row is centred across the spot.
    assert abs(sum(x for x, _y in offsets)) < 1e-6


class NetworkLayoutTest(SimpleTestCase):
    NODES = list("abcdefgh")
    TIES = [("a", "b", 1.0), ("b", "c", 1.0), ("c", "a", 1.0), ("d", "e", 1.0)]

    def test_it_is_deterministic(self) -> None:
        first = charts.network_layout(self.NODES, self.TIES, seed=3)
        again = charts.network_layout(self.NODES, self.TIES, seed=3)
        self.assertEqual(first, again)

    def test_groups_get_separate_boxes_and_loose_nodes_the_band_below(self) -> None:
        layout = charts.network_layout(self.NODES, self.TIES)
        big = [layout.positions[n] for n in "abc"]
        small = [layout.positions[n] for n in "de"]
        loose = [layout.positions[n] for n in "fgh"]
        self.assertLess(max(x for x, _ in big), min(x for x, _ in small))
        assert layout.loose is not None
        top, bottom = layout.loose
        self.assertTrue(all(top < y < bottom for _x, y in loose))
        self.assertTrue(all(y < top for _x, y in big + small))
        self.assertEqual(bottom, layout.height)
        for x, y in layout.positions.values():
            self.assertTrue(0 <= x <= 1 and 0 <= y <= layout.height)

    def test_a_network_without_ties_is_all_band_and_an_empty_one_is_empty(
        self,
    ) -> None:
        layout = charts.network_layout(["a", "b"], [])
        self.assertEqual(layout.loose, (0.0, layout.height))
        empty = charts.network_layout([], [])
        self.assertEqual((empty.positions, empty.height, empty.loose), ({}, 0.0, None))

    def test_a_two_node_group_is_centred_not_stretched(self) -> None:
        layout = charts.network_layout(["a", "b"], [("a", "b", 1.0)])
        (xa, ya), (xb, yb) = layout.positions["a"], layout.positions["b"]
        self.assertAlmostEqual((xa + xb) / 2, 0.5, places=6)
        self.assertGreater(math.dist((xa, ya), (xb, yb)), 0.3)


class NetworkChartTest(SimpleTestCase):
    def chart(self) -> ET.Element:
        nodes = [
            charts.Node(1, "Police", "Sloviansk police", "vermillion", ring=True),
            charts.Node(2, "Council", "City council", "blue", size=1.5, halo=True),
            charts.Node(3, "Youth", "Youth council", "orange"),
            charts.Node(4, "Media", "Local news", "purple"),
        ]
        ties = [(1, 2, 1.0), (2, 3, 1.0)]
        edges = [
            charts.Edge(1, 2, "cooperates", "ink", 4.5, title="Police — Council"),
            charts.Edge(2, 3, "cooperates", "ink", 1.5),
            charts.Edge(1, 3, "conflict", "red", 2.0, "8 5"),
            charts.Edge(3, 4, "information-only", "grey", 1.5, "2 4"),
        ]
        return parse(
            charts.network_chart(
                nodes,
                edges,
                charts.network_layout([1, 2, 3, 4], ties),
                title="Cooperation network",
                description="Who works with whom.",
                legend=[charts.LegendEntry("conflict", "red", line=True, dash="8 5")],
                loose_label="No cooperation ties",
            )
        )

    def test_it_draws_every_node_with_its_marks_and_name(self) -> None:
        root = self.chart()
        nodes = root.findall(".//svg:g[@class='nodes']/svg:g", NS)
        self.assertEqual([n.attrib["data-id"] for n in nodes], ["1", "2", "3", "4"])
        self.assertEqual(nodes[0].attrib["class"], "node ring")
        self.assertEqual(nodes[1].attrib["class"], "node halo")
        self.assertEqual(
            [first(n, "svg:title").text for n in nodes],
            ["Sloviansk police", "City council", "Youth council", "Local news"],
        )
        self.assertEqual(
            [first(n, "svg:text").text for n in nodes],
            ["Police", "Council", "Youth", "Media"],
        )
        mark = nodes[0].find("svg:circle[@class='node-mark']", NS)
        assert mark is not None
        self.assertEqual(mark.attrib["fill"], charts.TONES["vermillion"])

    def test_edges_are_styled_by_kind(self) -> None:
        root = self.chart()
        edges = root.findall(".//svg:g[@class='edges']/svg:line", NS)
        self.assertEqual(len(edges), 4)
        style = {
            e.attrib["class"]: (
                e.attrib["stroke"],
                e.attrib.get("stroke-dasharray"),
                float(e.attrib["stroke-width"]),
            )
            for e in edges[1:]
        }
        self.assertEqual(style["edge edge-conflict"], (charts.TONES["red"], "8 5", 2.0))
        self.assertEqual(
            style["edge edge-information-only"], (charts.TONES["grey"], "2 4", 1.5)
        )
        strong, weak = edges[0], edges[1]
        self.assertNotIn("stroke-dasharray", strong.attrib)
        self.assertGreater(
            float(strong.attrib["stroke-width"]), float(weak.attrib["stroke-width"])
        )
        self.assertEqual(first(strong, "svg:title").text, "Police — Council")

    def test_edges_join_their_nodes_and_everything_is_inside_the_picture(
        self,
    ) -> None:
        root = self.chart()
        width, height = view_box(root)
        centre = {
            g.attrib["data-id"]: (
                float(first(g, "svg:circle[@class='node-mark']").attrib["cx"]),
                float(first(g, "svg:circle[@class='node-mark']").attrib["cy"]),
            )
            for g in root.findall(".//svg:g[@class='nodes']/svg:g", NS)
        }
        for edge in root.findall(".//svg:g[@class='edges']/svg:line", NS):
            start = (float(edge.attrib["x1"]), float(edge.attrib["y1"]))
            end = (float(edge.attrib["x2"]), float(edge.attrib["y2"]))
            self.assertEqual(start, centre[edge.attrib["data-source"]])
            self.assertEqual(end, centre[edge.attrib["data-target"]])
        for x, y in centre.values():
            self.assertTrue(0 < x < width and 0 < y < height)
        for label in root.findall(".//svg:text[@class='node-label']", NS):
            self.assertTrue(0 <= float(label.attrib["x"]) <= width)
            self.assertTrue(0 <= float(label.attrib["y"]) <= height)

    def test_the_loose_band_and_the_legend_are_drawn(self) -> None:
        root = self.chart()
        band = first(root, ".//svg:g[@class='loose-band']/svg:text")
        self.assertEqual(band.text, "No cooperation ties")
        entry = first(root, ".//svg:g[@class='legend-entry']")
        assert entry is not None
        self.assertEqual(first(entry, "svg:text").text, "conflict")
        self.assertEqual(
            first(entry, "svg:line").attrib["stroke-dasharray"],
            "8 5",
        )

    def test_labels_are_shortened_at_a_word(self) -> None:
        self.assertEqual(charts.shorten("ДСНС"), "ДСНС")
        self.assertEqual(
            charts.shorten("Управління освіти міської ради"), "Управління освіти…"
        )
        self.assertEqual(
            charts.shorten("Надзвичайнодовгеслово" * 2), "Надзвичайнодовгесло…"
        )


class ColourTest(SimpleTestCase):
    def test_text_on_a_fill_is_whichever_contrasts_more(self) -> None:
        self.assertEqual(charts.ink_on("yellow"), "#1b1f24")
        self.assertEqual(charts.ink_on("blue"), "#ffffff")
        self.assertEqual(charts.colour("#123456"), "#123456")
