"""A network drawn as a graph: a deterministic layout and its SVG.

The layout places each connected group in its own box (the largest on the
left, the others stacked on its right) and the nodes without ties in a band
below, so isolation shows at a glance and never squeezes the main group.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from hromada.web.charts._chart import (
    INK,
    LINE,
    MUTED,
    PAPER,
    TONES,
    Chart,
    DataTable,
    LegendEntry,
    colour,
    draw_legend,
    finish,
    svg_root,
)
from hromada.web.charts._svg import child, text, titled

MAIN_HEIGHT = 0.62  # of the width: the box of the largest group
LOOSE_ROW = 0.13  # one row of the band of nodes without ties
LOOSE_PER_ROW = 6
SIDE_MIN = 0.16  # the smallest box of a side group
PADDING = (0.05, 0.06)  # inside a box, for the nodes' labels
MARGIN = 12.0
STRETCH = 1.6
LABEL_SIZE = 11.0
CHARACTER_WIDTH = 0.56  # of the font size, an average over Cyrillic and Latin
LABEL_CHARACTERS = 20


@dataclass(frozen=True, slots=True)
class Node:
    """A node: ``label`` is drawn (short), ``title`` is the tooltip (full).
    ``size`` scales the radius; ``ring`` outlines it, ``halo`` circles it in gold."""

    id: Hashable
    label: str
    title: str
    tone: str = "grey"
    size: float = 1.0
    ring: bool = False
    halo: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    """A line between two nodes; ``kind`` names its CSS class (``edge-<kind>``)."""

    source: Hashable
    target: Hashable
    kind: str
    tone: str = "ink"
    width: float = 1.5
    dash: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Layout:
    """Positions in units of the drawing's width: x in [0, 1], y in [0, height].
    ``loose`` is the band (top, bottom) of the nodes without ties, if any."""

    positions: dict[Hashable, tuple[float, float]]
    height: float
    loose: tuple[float, float] | None


def network_layout(
    nodes: Sequence[Hashable],
    ties: Iterable[tuple[Hashable, Hashable, float]],
    *,
    seed: int = 7,
) -> Layout:
    """Lay out ``nodes`` by the ``ties`` (source, target, length) that hold them.

    Each connected group is placed by Kamada and Kawai's method (networkx),
    started from a spring layout seeded with ``seed``: the same input gives the
    same picture. Shorter lengths pull nodes closer.
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(ties, weight="length")
    order = {node: index for index, node in enumerate(nodes)}
    parts = sorted(
        (
            sorted(part, key=order.__getitem__)
            for part in nx.connected_components(graph)
        ),
        key=lambda part: (-len(part), order[part[0]]),
    )
    groups = [part for part in parts if len(part) > 1]
    loose = [part[0] for part in parts if len(part) == 1]
    positions: dict[Hashable, tuple[float, float]] = {}
    boxes = _boxes([len(group) for group in groups])
    for group, box in zip(groups, boxes, strict=True):
        positions.update(_place(graph.subgraph(group), box, seed))
    top = max((box[3] for box in boxes), default=0.0)
    band = None
    if loose:
        rows = math.ceil(len(loose) / LOOSE_PER_ROW)
        band = (top, top + rows * LOOSE_ROW)
        positions.update(_row_out(loose, top))
    return Layout(positions, band[1] if band else top, band)


def _boxes(sizes: list[int]) -> list[tuple[float, float, float, float]]:
    """(x0, y0, x1, y1) for each group: the largest on the left, the rest stacked."""
    if not sizes:
        return []
    if len(sizes) == 1:
        return [(0.0, 0.0, 1.0, MAIN_HEIGHT)]
    share = sizes[0] / sum(sizes)
    split = min(max(share, 0.55), 0.78)
    others = sizes[1:]
    heights = [max(SIDE_MIN, MAIN_HEIGHT * size / sum(others)) for size in others]
    total = max(MAIN_HEIGHT, sum(heights))
    boxes = [(0.0, 0.0, split, total)]
    y = 0.0
    for height in heights:
        boxes.append((split, y, 1.0, y + height))
        y += height
    return boxes


def _place(
    graph: nx.Graph, box: tuple[float, float, float, float], seed: int
) -> dict[Hashable, tuple[float, float]]:
    start = nx.spring_layout(graph, seed=seed, weight=None)
    raw = nx.kamada_kawai_layout(graph, pos=start, weight="length")
    x0, y0, x1, y1 = box
    left, right = x0 + PADDING[0], x1 - PADDING[0]
    top, bottom = y0 + PADDING[1], y1 - PADDING[1] - 0.02  # room for the label
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    fit_x = (right - left) / span_x if span_x > 1e-9 else math.inf
    fit_y = (bottom - top) / span_y if span_y > 1e-9 else math.inf
    # Fill the box, but stretch one axis at most STRETCH times the other: the
    # shape survives and a nearly flat group is not blown up from rounding noise.
    uniform = min(fit_x, fit_y)
    scale_x, scale_y = min(fit_x, uniform * STRETCH), min(fit_y, uniform * STRETCH)
    middle_x, middle_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    return {
        node: (
            centre_x + (float(p[0]) - middle_x) * scale_x,
            centre_y + (float(p[1]) - middle_y) * scale_y,
        )
        for node, p in raw.items()
    }


def _row_out(loose: list[Hashable], top: float) -> dict[Hashable, tuple[float, float]]:
    positions = {}
    for index, node in enumerate(loose):
        row, column = divmod(index, LOOSE_PER_ROW)
        in_row = min(LOOSE_PER_ROW, len(loose) - row * LOOSE_PER_ROW)
        positions[node] = (
            (column + 0.5) / in_row,
            top + (row + 0.45) * LOOSE_ROW,
        )
    return positions


def network_chart(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    layout: Layout,
    *,
    title: str,
    description: str,
    legend: Sequence[LegendEntry] = (),
    loose_label: str = "",
    table: DataTable | None = None,
    chart_id: str = "network",
    width: float = 760,
    radius: float = 8,
) -> Chart:
    """Draw ``nodes`` at ``layout``'s positions with ``edges`` between them,
    under them a legend; ``loose_label`` names the band of nodes without ties."""
    inner = width - 2 * MARGIN
    body = max(layout.height, 0.1) * inner
    legend_top = MARGIN + body + 8
    root = svg_root(
        chart_id=chart_id,
        kind="network",
        width=width,
        height=legend_top,  # grows below, once the legend is drawn
        title=title,
        description=description,
    )

    def at(node: Hashable) -> tuple[float, float]:
        x, y = layout.positions[node]
        return MARGIN + x * inner, MARGIN + y * inner

    if layout.loose is not None:
        _loose_band(root, layout.loose, inner, loose_label)
    _edges(root, edges, at)
    _nodes(root, nodes, at, radius)
    used = draw_legend(root, legend, left=MARGIN, top=legend_top, width=inner)
    root.set("viewBox", f"0 0 {round(width)} {math.ceil(legend_top + used + MARGIN)}")
    root.set("height", str(math.ceil(legend_top + used + MARGIN)))
    return finish(root, title, description, table)


def _loose_band(
    root: ET.Element, band: tuple[float, float], inner: float, label: str
) -> None:
    top, bottom = MARGIN + band[0] * inner, MARGIN + band[1] * inner
    group = child(root, "g", class_="loose-band")
    child(
        group,
        "rect",
        x=MARGIN,
        y=top,
        width=inner,
        height=bottom - top,
        fill="#f4f6f8",
        stroke=LINE,
        stroke_dasharray="4 3",
        rx=6,
    )
    if label:
        text(group, label, x=MARGIN + 8, y=top + 15, fill=MUTED, font_weight=600)


Place = Callable[[Hashable], tuple[float, float]]


def _edges(root: ET.Element, edges: Sequence[Edge], at: Place) -> None:
    group = child(root, "g", class_="edges")
    for edge in edges:
        (x1, y1), (x2, y2) = at(edge.source), at(edge.target)
        line = titled(
            group,
            "line",
            edge.title,
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            stroke=colour(edge.tone),
            stroke_width=edge.width,
            stroke_dasharray=edge.dash or None,
            stroke_linecap="round" if not edge.dash else "butt",
            class_=f"edge edge-{edge.kind}",
        )
        line.set("data-source", str(edge.source))
        line.set("data-target", str(edge.target))


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _nodes(root: ET.Element, nodes: Sequence[Node], at: Place, radius: float) -> None:
    group = child(root, "g", class_="nodes")
    marks = {node.id: (*at(node.id), radius * node.size) for node in nodes}
    labels = _place_labels(nodes, marks, float(root.get("width", "0")))
    for node in nodes:
        x, y, r = marks[node.id]
        classes = ["node"] + ["ring"] * node.ring + ["halo"] * node.halo
        item = titled(group, "g", node.title, class_=" ".join(classes))
        item.set("data-id", str(node.id))
        if node.halo:
            child(item, "circle", cx=x, cy=y, r=r + 4, fill=TONES["gold"])
        child(
            item,
            "circle",
            cx=x,
            cy=y,
            r=r,
            fill=colour(node.tone),
            stroke=INK if node.ring else PAPER,
            stroke_width=2.5 if node.ring else 1.5,
            class_="node-mark",
        )
        lx, ly, anchor = labels[node.id]
        text(
            item,
            shorten(node.label),
            x=lx,
            y=ly,
            text_anchor=anchor,
            font_size=LABEL_SIZE,
            stroke=PAPER,
            stroke_width=3,
            paint_order="stroke",
            stroke_linejoin="round",
            class_="node-label",
        )


def _place_labels(
    nodes: Sequence[Node],
    marks: dict[Hashable, tuple[float, float, float]],
    width: float,
) -> dict[Hashable, tuple[float, float, str]]:
    """Each label below its node, or above, right or left when that spot would
    cover a label already placed or another node (the first free spot wins)."""
    taken: list[Box] = [(x - r, y - r, x + r, y + r) for x, y, r in marks.values()]
    placed: dict[Hashable, tuple[float, float, str]] = {}
    for node in sorted(nodes, key=lambda n: -n.size):  # hubs choose first
        x, y, r = marks[node.id]
        span = CHARACTER_WIDTH * LABEL_SIZE * len(shorten(node.label))
        own = (x - r, y - r, x + r, y + r)
        # A centred label near the edge moves inwards rather than being cut.
        middle = min(max(x, span / 2 + 2), width - span / 2 - 2)
        spots = (
            (middle, y + r + LABEL_SIZE + 2, "middle"),
            (middle, y - r - 5, "middle"),
            (x + r + 4, y + LABEL_SIZE / 3, "start"),
            (x - r - 4, y + LABEL_SIZE / 3, "end"),
        )
        boxes = [_label_box(spot, span) for spot in spots]
        free = [
            i
            for i, box in enumerate(boxes)
            if box[0] >= 0
            and box[2] <= width
            and not any(_overlap(box, t) for t in taken if t != own)
        ]
        chosen = free[0] if free else 0
        placed[node.id] = spots[chosen]
        taken.append(boxes[chosen])
    return placed


def _label_box(spot: tuple[float, float, str], width: float) -> Box:
    x, baseline, anchor = spot
    left = {"middle": x - width / 2, "start": x, "end": x - width}[anchor]
    return (left, baseline - LABEL_SIZE, left + width, baseline + 2)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def shorten(label: str, limit: int = LABEL_CHARACTERS) -> str:
    """The label cut at a word, with an ellipsis, when it is longer than ``limit``."""
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space >= limit // 2 else cut).rstrip(" ,.;:—-") + "…"
