"""The opinion map of a dialogue: participants placed by how they voted (Pol.is).

Each participant's projection is a dot in the colour of their opinion group
(grey outside every group); each group's letter sits at its centre. Both axes
use the same scale, so distances mean the same in every direction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from hromada.web.charts._chart import (
    INK,
    LINE,
    PAPER,
    Chart,
    DataTable,
    colour,
    finish,
    svg_root,
)
from hromada.web.charts._svg import child, text, titled

WIDTH, HEIGHT, MARGIN = 640.0, 420.0, 28.0
GROUP_TONES = ("blue", "orange", "green", "purple", "vermillion")


@dataclass(frozen=True, slots=True)
class OpinionDot:
    """A participant: projection (x, y) and group id (-1 outside every group)."""

    x: float
    y: float
    group: int


@dataclass(frozen=True, slots=True)
class OpinionGroupMark:
    """A group's letter at its centre; ``title`` is its tooltip ("Group A: 9")."""

    id: int
    letter: str
    x: float
    y: float
    title: str


def group_tone(group_id: int) -> str:
    """The group's colour (grey for participants outside every group)."""
    if group_id < 0:
        return colour("grey")
    return colour(GROUP_TONES[group_id % len(GROUP_TONES)])


def opinion_map_chart(
    dots: Sequence[OpinionDot],
    groups: Sequence[OpinionGroupMark],
    *,
    title: str,
    description: str,
    dot_titles: dict[int, str],
    table: DataTable | None = None,
    chart_id: str = "opinion-map",
) -> Chart:
    """The map; ``dot_titles`` names a dot of each group id (and of -1)."""
    root = svg_root(
        chart_id=chart_id,
        kind="opinion-map",
        width=WIDTH,
        height=HEIGHT,
        title=title,
        description=description,
    )
    scale = _Scale(
        [d.x for d in dots] + [g.x for g in groups],
        [d.y for d in dots] + [g.y for g in groups],
    )
    _axes(root, scale)
    layer = child(root, "g", class_="opinion-points")
    for dot in dots:
        titled(
            layer,
            "circle",
            dot_titles.get(dot.group, ""),
            cx=scale.x(dot.x),
            cy=scale.y(dot.y),
            r=5.0,
            fill=group_tone(dot.group),
            fill_opacity=0.85,
            stroke=PAPER,
            stroke_width=1,
            class_=f"opinion-point opinion-group-{dot.group}",
        )
    labels = child(root, "g", class_="opinion-groups")
    for group in groups:
        mark = titled(
            labels, "g", group.title, class_=f"opinion-label opinion-group-{group.id}"
        )
        cx, cy = scale.x(group.x), scale.y(group.y)
        child(
            mark,
            "circle",
            cx=cx,
            cy=cy,
            r=14.0,
            fill=PAPER,
            stroke=group_tone(group.id),
            stroke_width=3,
        )
        text(
            mark,
            group.letter,
            x=cx,
            y=cy + 5,
            text_anchor="middle",
            font_weight="700",
            font_size=15,
            fill=INK,
        )
    return finish(root, title, description, table)


class _Scale:
    """Data → pixels with one factor for both axes, the points centred."""

    def __init__(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        xs, ys = list(xs) or [0.0], list(ys) or [0.0]
        self.x0, self.x1 = min(xs), max(xs)
        self.y0, self.y1 = min(ys), max(ys)
        inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
        spans = (self.x1 - self.x0, self.y1 - self.y0)
        self.factor = min(
            inner_w / max(spans[0], 1e-9), inner_h / max(spans[1], 1e-9), 1e9
        )
        if spans == (0.0, 0.0):
            self.factor = 1.0
        self.left = MARGIN + (inner_w - self.factor * spans[0]) / 2
        self.top = MARGIN + (inner_h - self.factor * spans[1]) / 2

    def x(self, value: float) -> float:
        return self.left + self.factor * (value - self.x0)

    def y(self, value: float) -> float:
        # Up is up: SVG's y grows downwards.
        return self.top + self.factor * (self.y1 - value)


def _axes(root: ET.Element, scale: _Scale) -> None:
    frame = child(root, "g", class_="opinion-axes")
    child(frame, "rect", x=0, y=0, width=WIDTH, height=HEIGHT, fill=PAPER)
    if scale.x0 <= 0 <= scale.x1:
        x = scale.x(0.0)
        child(frame, "line", x1=x, y1=MARGIN / 2, x2=x, y2=HEIGHT - MARGIN / 2,
              stroke=LINE, stroke_width=1)  # fmt: skip
    if scale.y0 <= 0 <= scale.y1:
        y = scale.y(0.0)
        child(frame, "line", x1=MARGIN / 2, y1=y, x2=WIDTH - MARGIN / 2, y2=y,
              stroke=LINE, stroke_width=1)  # fmt: skip
