"""Points around a community's centre, without map tiles.

Wartime privacy and the content security policy keep tile servers out: the
drawing places pins by their distance east and north of the centre settlement
(an equirectangular projection, exact enough over a hromada), with distance
rings and a scale bar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE = 111.320
SIZE = 360
PADDING = 24


@dataclass(frozen=True, slots=True)
class Pin:
    latitude: float
    longitude: float
    label: str
    css_class: str = ""


def offset_km(
    latitude: float, longitude: float, centre: tuple[float, float]
) -> tuple[float, float]:
    """Kilometres east and north of the centre."""
    lat0, lon0 = centre
    east = (longitude - lon0) * KM_PER_DEGREE_LONGITUDE * math.cos(math.radians(lat0))
    north = (latitude - lat0) * KM_PER_DEGREE_LATITUDE
    return east, north


def _nice(extent: float) -> float:
    """A round ring spacing: 0.5, 1, 2, 5, 10 … km."""
    for step in (0.25, 0.5, 1, 2, 5, 10, 20, 50):
        if extent / step <= 4:
            return step
    return 100.0


def pin_map(
    pins: Sequence[Pin],
    *,
    centre: tuple[float, float],
    centre_label: str,
    title: str,
    description: str,
) -> SafeString:
    """An SVG of pins around the centre (north up), with rings every few km."""
    offsets = [offset_km(p.latitude, p.longitude, centre) for p in pins]
    extent = max([1.0, *(max(abs(e), abs(n)) for e, n in offsets)]) * 1.1
    scale = (SIZE / 2 - PADDING) / extent
    middle = SIZE / 2
    step = _nice(extent)
    parts = [
        f'<svg class="pin-map" role="img" viewBox="0 0 {SIZE} {SIZE}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="pm-title pm-desc">',
        f'<title id="pm-title">{escape(title)}</title>',
        f'<desc id="pm-desc">{escape(description)}</desc>',
        f'<rect class="pin-map-ground" width="{SIZE}" height="{SIZE}"/>',
    ]
    ring = step
    while ring <= extent:
        parts.append(
            f'<circle class="pin-map-ring" cx="{middle}" cy="{middle}" '
            f'r="{ring * scale:.1f}"/>'
            f'<text class="pin-map-note" x="{middle + ring * scale + 2:.1f}" '
            f'y="{middle - 2}">{ring:g} km</text>'
        )
        ring += step
    parts.append(
        f'<path class="pin-map-centre" d="M{middle - 6} {middle}h12M{middle} '
        f'{middle - 6}v12"/><text class="pin-map-note" x="{middle + 8}" '
        f'y="{middle + 14}">{escape(centre_label)}</text>'
    )
    for pin, (east, north) in zip(pins, offsets, strict=True):
        x, y = middle + east * scale, middle - north * scale
        parts.append(
            f'<circle class="pin {escape(pin.css_class)}" cx="{x:.1f}" '
            f'cy="{y:.1f}" r="6"><title>{escape(pin.label)}</title></circle>'
        )
    parts.append(
        f'<text class="pin-map-note" x="{SIZE - PADDING}" y="{PADDING}" '
        'text-anchor="end">N ↑</text></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308  every text above is escaped
