"""The opinion map as server-rendered SVG (no JavaScript).

Kept inside the dialogue app until the shared ``hromada.web.charts`` module
lands on main; ``Chart`` and ``DataTable`` have the same fields as that module's,
so the map can move there as one more chart kind. Accessible: ``role="img"``
with ``<title>`` and ``<desc>``, a ``<title>`` on each mark, a data table as the
alternative, colours from the Okabe–Ito palette as presentation attributes (the
page's CSS may refine them; the markup renders alone for reports).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Okabe and Ito's palette, readable with every common colour-vision deficiency.
GROUP_TONES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00")
OUTSIDE = "#8A949E"
INK, MUTED, LINE, PAPER = "#1b1f24", "#5a6470", "#d5dae0", "#ffffff"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
WIDTH, HEIGHT, MARGIN = 640.0, 420.0, 28.0


@dataclass(frozen=True, slots=True)
class DataTable:
    """The chart's numbers as text, for screen readers and for the figures."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Chart:
    """``{{ chart }}`` writes the SVG; ``dialogues/_figure.html`` adds the table."""

    svg: str
    title: str
    description: str
    table: DataTable | None = None

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        # Templates call str() before escaping: the markup must stay marked safe.
        return mark_safe(self.svg)  # noqa: S308  (built by ElementTree, which escapes)


@dataclass(frozen=True, slots=True)
class MapGroup:
    """An opinion group: its letter, its centre and the words for its marks."""

    id: int
    letter: str
    center: tuple[float, float]
    title: str  # "Group A: 9 people"


def group_tone(group_id: int) -> str:
    return GROUP_TONES[group_id % len(GROUP_TONES)] if group_id >= 0 else OUTSIDE


def opinion_map(
    points: Sequence[tuple[float, float, int]],
    groups: Sequence[MapGroup],
    *,
    title: str,
    description: str,
    point_titles: dict[int, str],
    table: DataTable | None = None,
    chart_id: str = "opinion-map",
) -> Chart:
    """Participants' projections coloured by group, each group's letter at its centre.

    ``points`` are (x, y, group id; -1 outside every group); ``point_titles``
    names a point of each group (and of -1) for its tooltip.
    """
    root = _root(chart_id, title, description)
    xs = [p[0] for p in points] + [g.center[0] for g in groups]
    ys = [p[1] for p in points] + [g.center[1] for g in groups]
    scale = _Scale(xs or [0.0], ys or [0.0])
    _axes(root, scale)
    dots = _child(root, "g", class_="opinion-points")
    for x, y, label_id in points:
        dot = _child(
            dots,
            "circle",
            cx=scale.x(x),
            cy=scale.y(y),
            r=5.0,
            fill=group_tone(label_id),
            fill_opacity=0.85,
            stroke=PAPER,
            stroke_width=1,
            class_=f"opinion-point opinion-group-{label_id}",
        )
        _child(dot, "title").text = point_titles.get(label_id, "")
    labels = _child(root, "g", class_="opinion-groups")
    for group in groups:
        mark = _child(labels, "g", class_=f"opinion-label opinion-group-{group.id}")
        _child(mark, "title").text = group.title
        cx, cy = scale.x(group.center[0]), scale.y(group.center[1])
        _child(
            mark,
            "circle",
            cx=cx,
            cy=cy,
            r=14.0,
            fill=PAPER,
            stroke=group_tone(group.id),
            stroke_width=3,
        )
        label = _child(
            mark,
            "text",
            x=cx,
            y=cy + 5,
            text_anchor="middle",
            font_weight="700",
            font_size=15,
            fill=INK,
        )
        label.text = group.letter
    svg = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return Chart(svg=svg, title=title, description=description, table=table)


class _Scale:
    """Data → pixels, the same factor on both axes (distances mean the same)."""

    def __init__(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        self.x0, self.x1 = min(xs), max(xs)
        self.y0, self.y1 = min(ys), max(ys)
        span_x = max(self.x1 - self.x0, 1e-9)
        span_y = max(self.y1 - self.y0, 1e-9)
        inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
        self.factor = min(inner_w / span_x, inner_h / span_y)
        if self.x1 == self.x0 and self.y1 == self.y0:
            self.factor = 1.0
        self.left = MARGIN + (inner_w - self.factor * (self.x1 - self.x0)) / 2
        self.top = MARGIN + (inner_h - self.factor * (self.y1 - self.y0)) / 2

    def x(self, value: float) -> float:
        return self.left + self.factor * (value - self.x0)

    def y(self, value: float) -> float:
        # Up is up: SVG's y grows downwards.
        return self.top + self.factor * (self.y1 - value)


def _axes(root: ET.Element, scale: _Scale) -> None:
    frame = _child(root, "g", class_="opinion-axes")
    _child(frame, "rect", x=0, y=0, width=WIDTH, height=HEIGHT, fill=PAPER)
    if scale.x0 <= 0 <= scale.x1:
        x = scale.x(0.0)
        _child(frame, "line", x1=x, y1=MARGIN / 2, x2=x, y2=HEIGHT - MARGIN / 2,
               stroke=LINE, stroke_width=1)  # fmt: skip
    if scale.y0 <= 0 <= scale.y1:
        y = scale.y(0.0)
        _child(frame, "line", x1=MARGIN / 2, y1=y, x2=WIDTH - MARGIN / 2, y2=y,
               stroke=LINE, stroke_width=1)  # fmt: skip


def _root(chart_id: str, title: str, description: str) -> ET.Element:
    root = _element(
        "svg",
        xmlns=SVG_NAMESPACE,
        viewBox=f"0 0 {WIDTH:g} {HEIGHT:g}",
        width=f"{WIDTH:g}",
        height=f"{HEIGHT:g}",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        class_="chart-svg chart-opinion-map",
        id=chart_id,
        font_family=FONT,
        font_size=12,
        fill=INK,
    )
    _child(root, "title", id=f"{chart_id}-title").text = title
    _child(root, "desc", id=f"{chart_id}-desc").text = description
    return root


def _element(tag: str, /, **attributes: str | float | int) -> ET.Element:
    node = ET.Element(tag)
    for name, value in attributes.items():
        node.set(name.rstrip("_").replace("_", "-"), _format(value))
    return node


def _child(
    parent: ET.Element, tag: str, /, **attributes: str | float | int
) -> ET.Element:
    node = _element(tag, **attributes)
    parent.append(node)
    return node


def _format(value: str | float | int) -> str:
    if isinstance(value, float):
        formatted = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if formatted == "-0" else formatted
    return str(value)
