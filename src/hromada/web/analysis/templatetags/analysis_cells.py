"""Result cells: a number with its interval, traceable to how it was computed."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hromada.web import charts
from hromada.web.analysis.models import AnalysisRun, Result

register = template.Library()


def _number(value: float | None, share: bool, places: int = 1) -> str:
    if value is None:
        return "—"
    if share:
        return number_format(round(value * 100), decimal_pos=0) + "%"
    # Rounded first: number_format cuts a float's digits instead of rounding.
    return number_format(round(value, places), decimal_pos=places)


@register.inclusion_tag("analysis/_estimate.html")
def estimate(
    result: Result | None, run: AnalysisRun | None = None, share: bool = False
) -> dict[str, Any]:
    """The estimate (or "n < 10", or a dash for a missing cell) with a detail
    that opens on: n, SE, CI, design effect, method version and run time."""
    if result is None:
        return {"missing": True}
    if result.suppressed or result.estimate is None:
        return {"suppressed": True, "hidden": _("n < 10")}
    when = run.finished_at if run and run.finished_at else result.computed_at
    return {
        "value": _number(result.estimate, share),
        "low": _number(result.ci_low, share),
        "high": _number(result.ci_high, share),
        "has_ci": result.ci_low is not None and result.ci_high is not None,
        "se": _number(result.se, share, 2) if result.se is not None else "—",
        "deff": _number(result.deff, False, 2),
        "n": result.n or "—",
        "method": result.method_version,
        "when": date_format(when, "SHORT_DATETIME_FORMAT") if when else "—",
    }


@register.simple_tag
def interval_bar(result: Result | None, reference: float | None = None) -> SafeString:
    """A small 0–10 bar of a published score; nothing for a hidden one."""
    if result is None or result.suppressed or result.estimate is None:
        return SafeString("")
    words = _("Estimate %(estimate)s, 95%% CI %(low)s–%(high)s") % {
        "estimate": _number(result.estimate, False),
        "low": _number(result.ci_low, False),
        "high": _number(result.ci_high, False),
    }
    if reference is not None:
        words += "; " + _("network average %(value)s") % {
            "value": _number(reference, False)
        }
    return charts.ci_bar(
        result.estimate,
        result.ci_low,
        result.ci_high,
        axis_low=0,
        axis_high=10,
        title=words,
        reference=reference,
    )


@register.simple_tag
def range_bar(
    own: float | None, low: float | None, median: float | None, high: float | None
) -> SafeString:
    """The network's range (min–max) with its median as a tick and the
    community's own value as the dot."""
    if own is None or low is None or high is None:
        return SafeString("")
    words = _("This community %(own)s; network %(low)s–%(high)s, median %(median)s") % {
        "own": _number(own, False),
        "low": _number(low, False),
        "high": _number(high, False),
        "median": _number(median, False),
    }
    return charts.ci_bar(
        own, low, high, axis_low=0, axis_high=10, title=words, reference=median
    )


@register.filter
def number(value: float | None, places: int = 1) -> str:
    return _number(value, False, places)


@register.filter
def magnitude(value: float | None) -> str:
    return "—" if value is None else number_format(round(abs(value), 1), decimal_pos=1)


@register.filter
def percent_points(value: float | None) -> str:
    """A difference of shares in percentage points."""
    return (
        "—" if value is None else number_format(round(abs(value) * 100), decimal_pos=0)
    )
