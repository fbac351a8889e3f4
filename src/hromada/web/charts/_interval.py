"""Estimates with their confidence intervals, and gaps between two groups.

One row per indicator on a shared scale (0–10 for scores): the interval is a
line, the estimate a dot, an optional reference (the network average) a tick.
A row without an estimate (a suppressed cell) shows the caller's note instead,
so a hidden number never looks like a zero.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from hromada.web.charts._chart import (
    INK,
    LINE,
    MUTED,
    PAPER,
    Chart,
    DataTable,
    LegendEntry,
    colour,
    draw_legend,
    finish,
    svg_root,
)
from hromada.web.charts._scatter import Axis
from hromada.web.charts._svg import SVG_NAMESPACE, child, element, markup, text, titled

ROW = 28.0
TOP = 12.0
AXIS_SPACE = 40.0
RIGHT = 18.0
# Width of a character of a 12 px label, Cyrillic included (narrower guesses let
# Ukrainian labels run off the left edge); longer labels are cut with an ellipsis
# to fit ``label_width``, and the mark's title keeps them whole.
CHAR_WIDTH = 7.6


@dataclass(frozen=True, slots=True)
class Interval:
    """One row: ``estimate`` with its interval ``low``–``high`` (all None for a
    suppressed cell, which shows ``note``); ``reference`` draws a tick."""

    label: str
    estimate: float | None
    low: float | None
    high: float | None
    title: str
    reference: float | None = None
    note: str = ""
    tone: str = "blue"


@dataclass(frozen=True, slots=True)
class GapRow:
    """One indicator: the group's and the rest's estimates, joined by a line;
    a ``significant`` gap draws a thick line and ``mark`` after the row."""

    label: str
    group: float | None
    rest: float | None
    title: str
    significant: bool = False
    mark: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Plot:
    axis: Axis
    left: float
    width: float

    def px(self, value: float) -> float:
        clamped = min(max(value, self.axis.low), self.axis.high)
        return self.left + (clamped - self.axis.low) / self.axis.span() * self.width


def _cut(label: str, width: float) -> str:
    chars = max(8, int((width - 14) / CHAR_WIDTH))
    return label if len(label) <= chars else label[: chars - 1] + "…"


def _frame(
    root: ET.Element, plot: _Plot, rows: int, labels: Sequence[str]
) -> tuple[ET.Element, float]:
    """Grid lines, tick values, axis label and the row labels; returns the
    group for the marks and the bottom of the plot."""
    bottom = TOP + rows * ROW
    axes = child(root, "g", class_="axes")
    for tick in plot.axis.ticks:
        at = plot.px(tick)
        child(axes, "line", x1=at, y1=TOP, x2=at, y2=bottom, stroke=LINE)
        text(axes, f"{tick:g}", x=at, y=bottom + 16, text_anchor="middle", fill=MUTED)
    text(
        axes,
        plot.axis.label,
        x=plot.left + plot.width / 2,
        y=bottom + 34,
        text_anchor="middle",
        font_weight=600,
        class_="axis-label",
    )
    names = child(root, "g", class_="labels")
    for index, label in enumerate(labels):
        text(
            names,
            _cut(label, plot.left),
            x=plot.left - 10,
            y=TOP + index * ROW + ROW / 2 + 4,
            text_anchor="end",
        )
    return child(root, "g", class_="rows"), bottom


def _height(rows: int, legend: float) -> float:
    return TOP + rows * ROW + AXIS_SPACE + legend + 8


def interval_chart(
    rows: Sequence[Interval],
    *,
    axis: Axis,
    title: str,
    description: str,
    legend: Sequence[LegendEntry] = (),
    table: DataTable | None = None,
    chart_id: str = "intervals",
    width: float = 640,
    label_width: float = 230,
) -> Chart:
    """One row per estimate: the CI as a line, the estimate as a dot."""
    plot = _Plot(axis, label_width, width - label_width - RIGHT)
    root = svg_root(
        chart_id=chart_id,
        kind="intervals",
        width=width,
        height=0,
        title=title,
        description=description,
    )
    marks, bottom = _frame(root, plot, len(rows), [r.label for r in rows])
    for index, row in enumerate(rows):
        y = TOP + index * ROW + ROW / 2
        mark = titled(marks, "g", row.title, class_="interval")
        if row.estimate is None:
            text(mark, row.note, x=plot.left + 6, y=y + 4, fill=MUTED, class_="note")
            continue
        if row.low is not None and row.high is not None:
            child(
                mark,
                "line",
                x1=plot.px(row.low),
                y1=y,
                x2=plot.px(row.high),
                y2=y,
                stroke=colour(row.tone),
                stroke_width=3,
                stroke_linecap="round",
                class_="ci",
            )
        if row.reference is not None:
            at = plot.px(row.reference)
            child(
                mark,
                "line",
                x1=at,
                y1=y - 9,
                x2=at,
                y2=y + 9,
                stroke=INK,
                stroke_width=2,
                class_="reference",
            )
        child(
            mark,
            "circle",
            cx=plot.px(row.estimate),
            cy=y,
            r=6,
            fill=colour(row.tone),
            stroke=PAPER,
            stroke_width=1.5,
            class_="estimate",
        )
    used = draw_legend(
        root, legend, left=plot.left, top=bottom + AXIS_SPACE, width=plot.width
    )
    _size(root, width, _height(len(rows), used))
    return finish(root, title, description, table)


def gap_chart(
    rows: Sequence[GapRow],
    *,
    axis: Axis,
    title: str,
    description: str,
    legend: Sequence[LegendEntry] = (),
    table: DataTable | None = None,
    chart_id: str = "gaps",
    width: float = 640,
    label_width: float = 230,
    group_tone: str = "vermillion",
    rest_tone: str = "blue",
) -> Chart:
    """Per indicator, the group's dot and the rest's dot joined by a line.

    The legend should say which colour is which; significant gaps are drawn
    with a thick line and the caller's ``mark`` after the row.
    """
    mark_space = 28.0
    plot = _Plot(axis, label_width, width - label_width - RIGHT - mark_space)
    root = svg_root(
        chart_id=chart_id,
        kind="gaps",
        width=width,
        height=0,
        title=title,
        description=description,
    )
    marks, bottom = _frame(root, plot, len(rows), [r.label for r in rows])
    for index, row in enumerate(rows):
        y = TOP + index * ROW + ROW / 2
        kind = "gap gap-significant" if row.significant else "gap"
        mark = titled(marks, "g", row.title, class_=kind)
        if row.group is None or row.rest is None:
            text(mark, row.note, x=plot.left + 6, y=y + 4, fill=MUTED, class_="note")
            continue
        child(
            mark,
            "line",
            x1=plot.px(row.group),
            y1=y,
            x2=plot.px(row.rest),
            y2=y,
            stroke=INK if row.significant else MUTED,
            stroke_width=4 if row.significant else 1.5,
            class_="link",
        )
        for value, tone, name in (
            (row.rest, rest_tone, "rest"),
            (row.group, group_tone, "group"),
        ):
            child(
                mark,
                "circle",
                cx=plot.px(value),
                cy=y,
                r=6,
                fill=colour(tone),
                stroke=PAPER,
                stroke_width=1.5,
                class_=name,
            )
        if row.significant and row.mark:
            text(
                mark,
                row.mark,
                x=plot.left + plot.width + 10,
                y=y + 5,
                font_weight=700,
                font_size=15,
                class_="significant",
            )
    used = draw_legend(
        root, legend, left=plot.left, top=bottom + AXIS_SPACE, width=plot.width
    )
    _size(root, width, _height(len(rows), used))
    return finish(root, title, description, table)


def _size(root: ET.Element, width: float, height: float) -> None:
    root.set("viewBox", f"0 0 {round(width)} {round(height)}")
    root.set("height", str(round(height)))


def ci_bar(
    estimate: float,
    low: float | None,
    high: float | None,
    *,
    axis_low: float,
    axis_high: float,
    title: str,
    reference: float | None = None,
    width: int = 110,
) -> SafeString:
    """A small inline bar for a table cell: the scale, the CI, the estimate and
    an optional reference tick. ``title`` names it for tooltips and readers."""
    height, pad = 16, 5.0

    def px(value: float) -> float:
        clamped = min(max(value, axis_low), axis_high)
        return pad + (clamped - axis_low) / (axis_high - axis_low) * (width - 2 * pad)

    root = element(
        "svg",
        xmlns=SVG_NAMESPACE,
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        class_="ci-bar",
    )
    child(root, "title").text = title
    middle = height / 2
    child(
        root,
        "line",
        x1=pad,
        y1=middle,
        x2=width - pad,
        y2=middle,
        stroke=LINE,
        stroke_width=2,
    )
    if low is not None and high is not None:
        child(
            root,
            "line",
            x1=px(low),
            y1=middle,
            x2=px(high),
            y2=middle,
            stroke=colour("sky"),
            stroke_width=6,
            stroke_linecap="round",
            class_="ci",
        )
    if reference is not None:
        at = px(reference)
        child(
            root,
            "line",
            x1=at,
            y1=1,
            x2=at,
            y2=height - 1,
            stroke=INK,
            stroke_width=1.5,
            class_="reference",
        )
    child(
        root,
        "circle",
        cx=px(estimate),
        cy=middle,
        r=4,
        fill=colour("blue"),
        stroke=PAPER,
        class_="estimate",
    )
    # Safe: ElementTree escaped the title.
    return mark_safe(markup(root))
