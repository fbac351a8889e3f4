"""What every chart is: accessible SVG markup, its words, and a data table."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from hromada.web.charts._svg import SVG_NAMESPACE, child, element, markup, text

# Okabe and Ito's palette, readable with every common colour-vision deficiency.
TONES: dict[str, str] = {
    "blue": "#0072B2",
    "sky": "#56B4E9",
    "green": "#009E73",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#8A949E",
    "ink": "#33415C",
    "red": "#B3261E",
    "gold": "#FFD500",
}
INK = "#1b1f24"
MUTED = "#5a6470"
LINE = "#d5dae0"
PAPER = "#ffffff"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"


@dataclass(frozen=True, slots=True)
class DataTable:
    """The chart's numbers as a table: the alternative for screen readers and
    for anyone who wants the figures. Cells are text, already formatted."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = field(default_factory=frozenset)  # right-aligned


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart. ``{{ chart }}`` in a template writes the SVG itself;
    ``{% include "charts/figure.html" %}`` adds the caption and the data table."""

    svg: SafeString
    title: str
    description: str
    table: DataTable | None = None

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line of a legend: a line sample (``dash``, ``width``) or a marker."""

    label: str
    tone: str = "grey"
    line: bool = False
    width: float = 2.0
    dash: str = ""
    ring: bool = False
    halo: bool = False


def colour(tone: str) -> str:
    """A tone's colour; a ``#rrggbb`` passes through."""
    return tone if tone.startswith("#") else TONES[tone]


def ink_on(fill: str) -> str:
    """Dark or white text, whichever contrasts more with the fill (WCAG ratio)."""
    light = _luminance(colour(fill))
    dark = _luminance(INK)
    return INK if (light + 0.05) / (dark + 0.05) >= 1.05 / (light + 0.05) else PAPER


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def svg_root(
    *,
    chart_id: str,
    kind: str,
    width: float,
    height: float,
    title: str,
    description: str,
) -> ET.Element:
    """The ``<svg role="img">`` with its ``<title>`` and ``<desc>``."""
    root = element(
        "svg",
        xmlns=SVG_NAMESPACE,
        viewBox=f"0 0 {round(width)} {round(height)}",
        width=round(width),
        height=round(height),
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        class_=f"chart-svg chart-{kind}",
        id=chart_id,
        font_family=FONT,
        font_size=12,
        fill=INK,
    )
    child(root, "title", id=f"{chart_id}-title").text = title
    child(root, "desc", id=f"{chart_id}-desc").text = description
    return root


def finish(
    root: ET.Element, title: str, description: str, table: DataTable | None
) -> Chart:
    # Safe: ElementTree escaped every name and label the callers passed in.
    return Chart(mark_safe(markup(root)), title, description, table)


def draw_legend(
    parent: ET.Element,
    entries: Sequence[LegendEntry],
    *,
    left: float,
    top: float,
    width: float,
) -> float:
    """Entries in rows across ``width``; returns the height used."""
    if not entries:
        return 0.0
    group = child(parent, "g", class_="legend")
    x, y, row = left, top, 22.0
    for entry in entries:
        needed = 34 + 6.6 * len(entry.label) + 18
        if x > left and x + needed > left + width:
            x, y = left, y + row
        item = child(group, "g", class_="legend-entry")
        _sample(item, entry, x, y + row / 2)
        text(item, entry.label, x=x + 34, y=y + row / 2 + 4)
        x += needed
    return y + row - top


def _sample(parent: ET.Element, entry: LegendEntry, x: float, y: float) -> None:
    if entry.line:
        child(
            parent,
            "line",
            x1=x,
            y1=y,
            x2=x + 28,
            y2=y,
            stroke=colour(entry.tone),
            stroke_width=entry.width,
            stroke_dasharray=entry.dash or None,
            stroke_linecap="butt",
        )
        return
    if entry.halo:
        child(parent, "circle", cx=x + 14, cy=y, r=9, fill=TONES["gold"])
    child(
        parent,
        "circle",
        cx=x + 14,
        cy=y,
        r=6,
        fill=colour(entry.tone),
        stroke=INK if entry.ring else PAPER,
        stroke_width=2.5 if entry.ring else 1,
    )
