"""Points around a community's centre, without map tiles.

Wartime privacy and the content security policy keep tile servers out: pins
are placed by their distance east and north of the centre settlement (an
equirectangular projection, exact enough across a hromada), with distance rings
every few kilometres and north up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hromada.web.charts._chart import (
    INK,
    LINE,
    MUTED,
    PAPER,
    Chart,
    DataTable,
    colour,
    finish,
    svg_root,
)
from hromada.web.charts._svg import child, text, titled

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE = 111.320
SIZE = 360.0
PADDING = 24.0


@dataclass(frozen=True, slots=True)
class Pin:
    """A point: ``title`` is its tooltip and screen-reader name."""

    latitude: float
    longitude: float
    title: str
    tone: str = "vermillion"


def offset_km(
    latitude: float, longitude: float, centre: tuple[float, float]
) -> tuple[float, float]:
    """Kilometres east and north of the centre."""
    lat0, lon0 = centre
    east = (longitude - lon0) * KM_PER_DEGREE_LONGITUDE * math.cos(math.radians(lat0))
    north = (latitude - lat0) * KM_PER_DEGREE_LATITUDE
    return east, north


def ring_step(extent: float) -> float:
    """A round spacing for at most four rings: 0.25, 0.5, 1, 2, 5 … km."""
    return next((s for s in (0.25, 0.5, 1, 2, 5, 10, 20, 50) if extent / s <= 4), 100.0)


def pin_map(
    pins: Sequence[Pin],
    *,
    centre: tuple[float, float],
    centre_label: str,
    title: str,
    description: str,
    table: DataTable | None = None,
    chart_id: str = "pins",
) -> Chart:
    """Pins around the centre, north up, with rings; at least 1 km across."""
    offsets = [offset_km(p.latitude, p.longitude, centre) for p in pins]
    extent = max([1.0, *(max(abs(e), abs(n)) for e, n in offsets)]) * 1.1
    scale = (SIZE / 2 - PADDING) / extent
    middle = SIZE / 2
    root = svg_root(
        chart_id=chart_id,
        kind="pins",
        width=SIZE,
        height=SIZE,
        title=title,
        description=description,
    )
    child(root, "rect", width=SIZE, height=SIZE, fill=PAPER, stroke=LINE)
    step = ring_step(extent)
    ring = step
    while ring <= extent:
        radius = ring * scale
        child(
            root,
            "circle",
            cx=middle,
            cy=middle,
            r=radius,
            fill="none",
            stroke=LINE,
            stroke_dasharray="4 3",
        )
        text(
            root,
            f"{ring:g} km",
            x=middle + radius + 2,
            y=middle - 3,
            fill=MUTED,
            font_size=11,
        )
        ring += step
    child(
        root,
        "path",
        d=f"M{middle - 6} {middle}h12M{middle} {middle - 6}v12",
        stroke=INK,
        stroke_width=2,
    )
    text(root, centre_label, x=middle + 8, y=middle + 16, fill=MUTED, font_size=11)
    for pin, (east, north) in zip(pins, offsets, strict=True):
        titled(
            root,
            "circle",
            pin.title,
            cx=middle + east * scale,
            cy=middle - north * scale,
            r=6,
            fill=colour(pin.tone),
            stroke=PAPER,
            stroke_width=1.5,
        )
    text(root, "N ↑", x=SIZE - PADDING, y=PADDING, text_anchor="end", fill=MUTED)
    return finish(root, title, description, table)
