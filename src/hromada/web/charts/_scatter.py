"""A scatter on a scored grid (influence × interest, likelihood × impact, …).

Scores are whole numbers, so many points share a spot: they are dodged into a
small grid around it, never drawn on top of each other.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from hromada.web.charts._chart import (
    LINE,
    MUTED,
    PAPER,
    Chart,
    DataTable,
    colour,
    finish,
    ink_on,
    svg_root,
)
from hromada.web.charts._svg import child, text, titled

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64.0, 16.0, 16.0, 52.0
GAP = 3.0  # between dodged markers


@dataclass(frozen=True, slots=True)
class Axis:
    """A scored axis from ``low`` to ``high`` (data units), ticks where given."""

    label: str
    low: float
    high: float
    ticks: tuple[float, ...] = ()

    def span(self) -> float:
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class Region:
    """A shaded part of the plot in data units (a quadrant, a risk band)."""

    x0: float
    x1: float
    y0: float
    y1: float
    label: str = ""
    tone: str = "grey"


@dataclass(frozen=True, slots=True)
class Point:
    """One marker: ``marker`` is the short text inside it (a number), ``title``
    the full name shown as its tooltip and read by screen readers."""

    x: float
    y: float
    marker: str
    title: str
    tone: str = "blue"


@dataclass(frozen=True, slots=True)
class _Frame:
    x: Axis
    y: Axis
    left: float
    top: float
    width: float
    height: float

    def px(self, value: float) -> float:
        return self.left + (value - self.x.low) / self.x.span() * self.width

    def py(self, value: float) -> float:
        return (
            self.top + self.height - (value - self.y.low) / self.y.span() * self.height
        )


def scatter_chart(
    points: Sequence[Point],
    *,
    x: Axis,
    y: Axis,
    title: str,
    description: str,
    regions: Sequence[Region] = (),
    table: DataTable | None = None,
    chart_id: str = "scatter",
    width: float = 560,
    height: float = 460,
    radius: float = 11,
) -> Chart:
    """Draw ``points`` over ``regions`` on the ``x`` × ``y`` grid.

    Points at the same position are set out in a small grid around it; the
    markers shrink (down to 6 px) when a crowd would spill out of its cell, one
    unit of each axis wide.
    """
    frame = _Frame(
        x,
        y,
        MARGIN_LEFT,
        MARGIN_TOP,
        width - MARGIN_LEFT - MARGIN_RIGHT,
        height - MARGIN_TOP - MARGIN_BOTTOM,
    )
    root = svg_root(
        chart_id=chart_id,
        kind="scatter",
        width=width,
        height=height,
        title=title,
        description=description,
    )
    _regions(root, frame, regions)
    _axes(root, frame)
    _points(root, frame, points, radius)
    return finish(root, title, description, table)


def _regions(root: ET.Element, frame: _Frame, regions: Sequence[Region]) -> None:
    group = child(root, "g", class_="regions")
    for region in regions:
        left, right = frame.px(region.x0), frame.px(region.x1)
        top, bottom = frame.py(region.y1), frame.py(region.y0)
        child(
            group,
            "rect",
            x=left,
            y=top,
            width=right - left,
            height=bottom - top,
            fill=colour(region.tone),
            fill_opacity=0.14,
            class_="region",
        )
        if region.label:
            # In the region's outer corner, away from the crowd in the middle.
            at_top = region.y1 >= frame.y.high
            at_left = region.x0 <= frame.x.low
            text(
                group,
                region.label,
                x=left + 6 if at_left else right - 6,
                y=top + 16 if at_top else bottom - 8,
                text_anchor="start" if at_left else "end",
                font_weight=600,
                fill=MUTED,
                class_="region-label",
            )


def _axes(root: ET.Element, frame: _Frame) -> None:
    group = child(root, "g", class_="axes")
    right, bottom = frame.left + frame.width, frame.top + frame.height
    for tick in frame.x.ticks:
        at = frame.px(tick)
        child(group, "line", x1=at, y1=frame.top, x2=at, y2=bottom, stroke=LINE)
        text(group, f"{tick:g}", x=at, y=bottom + 16, text_anchor="middle", fill=MUTED)
    for tick in frame.y.ticks:
        at = frame.py(tick)
        child(group, "line", x1=frame.left, y1=at, x2=right, y2=at, stroke=LINE)
        text(
            group,
            f"{tick:g}",
            x=frame.left - 8,
            y=at + 4,
            text_anchor="end",
            fill=MUTED,
        )
    child(
        group,
        "rect",
        x=frame.left,
        y=frame.top,
        width=frame.width,
        height=frame.height,
        fill="none",
        stroke=MUTED,
    )
    text(
        group,
        frame.x.label,
        x=frame.left + frame.width / 2,
        y=bottom + 40,
        text_anchor="middle",
        font_weight=600,
        class_="axis-label",
    )
    middle = frame.top + frame.height / 2
    text(
        group,
        frame.y.label,
        x=18,
        y=middle,
        text_anchor="middle",
        font_weight=600,
        transform=f"rotate(-90 18 {middle:.1f})",
        class_="axis-label",
    )


def _points(
    root: ET.Element, frame: _Frame, points: Sequence[Point], radius: float
) -> None:
    group = child(root, "g", class_="points")
    crowds: dict[tuple[float, float], list[Point]] = {}
    for point in points:
        crowds.setdefault((point.x, point.y), []).append(point)
    cell = min(frame.width / frame.x.span(), frame.height / frame.y.span())
    for (x, y), crowd in crowds.items():
        r, offsets = dodge(len(crowd), radius, cell)
        cx, cy = frame.px(x), frame.py(y)
        for point, (dx, dy) in zip(crowd, offsets, strict=True):
            px = min(max(cx + dx, frame.left + r), frame.left + frame.width - r)
            py = min(max(cy + dy, frame.top + r), frame.top + frame.height - r)
            marker = titled(group, "g", point.title, class_="point")
            child(
                marker,
                "circle",
                cx=px,
                cy=py,
                r=r,
                fill=colour(point.tone),
                stroke=PAPER,
                stroke_width=1.5,
            )
            text(
                marker,
                point.marker,
                x=px,
                y=py + r * 0.36,
                text_anchor="middle",
                font_size=round(r, 1),
                font_weight=700,
                fill=ink_on(point.tone),
            )


def dodge(
    count: int, radius: float, cell: float
) -> tuple[float, list[tuple[float, float]]]:
    """Radius and offsets that set ``count`` markers in a grid, centred, inside a
    ``cell``-wide square (90 % of it), without overlap."""
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    fits = (0.9 * cell / columns - GAP) / 2
    r = max(6.0, min(radius, fits))
    step = 2 * r + GAP
    offsets = []
    for index in range(count):
        row, column = divmod(index, columns)
        in_row = min(columns, count - row * columns)  # the last row is centred
        offsets.append(
            ((column - (in_row - 1) / 2) * step, (row - (rows - 1) / 2) * step)
        )
    return r, offsets
