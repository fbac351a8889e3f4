"""How the evidence app's records show in a risk's evidence trail.

``statistic`` links name an indicator (``T1``): the trail shows its latest
years. ``hotspot`` links name a hotspot's ``pk``: hotspots are internal
geodata, so the risks app shows them only to those who may read it. The
register refresh asks here which records back a catalogue risk.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.web.communities.models import Community
from hromada.web.evidence.models import Hotspot, StatisticValue
from hromada.web.evidence.services import statistics_framework
from hromada.web.risks.evidence import EvidenceItem

# Which catalogue risk a safety-walk finding shows (categories without an
# obvious risk, such as "other", link to none).
HOTSPOT_RISKS = {
    Hotspot.Category.LIGHTING: ("RK07",),
    Hotspot.Category.ABANDONED: ("RK19",),
    Hotspot.Category.TRAFFIC: ("RK05",),
    Hotspot.Category.UXO: ("RK10",),
    Hotspot.Category.ALCOHOL: ("RK04",),
    Hotspot.Category.ANIMALS: ("RK08",),
    Hotspot.Category.SHELTER: ("RK12",),
    Hotspot.Category.VANDALISM: ("RK01",),
}
YEARS_SHOWN = 3


def statistic_references(community: Community, codes: Sequence[str]) -> list[str]:
    """The statistics among ``codes`` the community has figures for."""
    present = set(
        StatisticValue.objects.filter(
            community=community, indicator__in=codes
        ).values_list("indicator", flat=True)
    )
    return [code for code in codes if code in present]


def hotspot_references(community: Community, risk_code: str) -> list[str]:
    """Unresolved hotspots of the categories that show the risk."""
    categories = [c for c, risks in HOTSPOT_RISKS.items() if risk_code in risks]
    hotspots = (
        Hotspot.objects.of(community)
        .filter(category__in=categories)
        .exclude(status=Hotspot.Status.RESOLVED)
        .order_by("pk")
    )
    return [str(pk) for pk in hotspots.values_list("pk", flat=True)]


def _unit(unit: str | None) -> str:
    words = {
        "per_10000": _("per 10,000 residents"),
        "per_1000": _("per 1,000 residents"),
        "per_100": _("per 100 residents"),
        "percent": _("per cent"),
        "minutes": _("min."),
    }
    return words.get(unit or "", "")


def describe_statistics(
    community: Community, references: Sequence[str]
) -> dict[str, EvidenceItem]:
    indicators = {i.code: i for i in statistics_framework().indicators_of("statistics")}
    language = get_language() or "uk"
    url = reverse("evidence:statistics", args=[community.katotth])
    items = {}
    for code in references:
        values = list(
            StatisticValue.objects.filter(community=community, indicator=code).order_by(
                "-period"
            )[:YEARS_SHOWN]
        )
        if not values:
            continue
        indicator = indicators.get(code)
        years = "; ".join(
            f"{v.period}: {number_format(round(v.rate, 1), 1)}"
            for v in reversed(values)
        )
        detail = f"{years} {_unit(indicator.unit if indicator else None)}".strip()
        detail += " — " + _("source: %(source)s") % {"source": values[0].source}
        label = indicator.label.text(language) if indicator else code
        items[code] = EvidenceItem("statistic", code, f"{code} {label}", detail, url)
    return items


def describe_hotspots(
    community: Community, references: Sequence[str]
) -> dict[str, EvidenceItem]:
    pks = [int(r) for r in references if r.isdigit()]
    url = reverse("evidence:hotspots", args=[community.katotth])
    items = {}
    for hotspot in Hotspot.objects.of(community).filter(pk__in=pks):
        label = _("Hotspot: %(category)s") % {
            "category": hotspot.get_category_display()
        }
        detail = ", ".join(
            part
            for part in (
                hotspot.get_time_of_day_display(),
                hotspot.get_status_display(),
                hotspot.description,
            )
            if part
        )
        items[str(hotspot.pk)] = EvidenceItem(
            "hotspot", str(hotspot.pk), label, detail, url
        )
    return items
