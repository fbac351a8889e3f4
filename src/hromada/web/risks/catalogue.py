"""The risk catalogue a community's register draws on, and the score bands.

The catalogue comes from the framework of the community's latest round (the
codes RK01–RK20 are what R1 asked about); a community without a round uses the
shipped default framework.
"""

from __future__ import annotations

import pandas as pd
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada import core
from hromada.web.communities.models import Community
from hromada.web.surveys.frameworks import default_version, framework_of
from hromada.web.surveys.models import Assessment

# Band colours of the register and the matrix (Okabe–Ito tones of web/charts).
BAND_TONES = {
    "low": "green",
    "medium": "yellow",
    "high": "orange",
    "very_high": "vermillion",
}
BAND_LABELS = {
    "low": _("low"),
    "medium": _("medium"),
    "high": _("high"),
    "very_high": _("very high"),
}
PERCEPTION = "R1"


def perception_code(risk_code: str) -> str:
    """The result code of the share naming a catalogue risk in R1."""
    return f"{PERCEPTION}/{risk_code}"


def latest_assessment(community: Community) -> Assessment | None:
    return Assessment.objects.of(community).order_by("-round").first()


def framework_for(community: Community) -> core.Framework:
    latest = latest_assessment(community)
    version = latest.framework if latest is not None else default_version()
    return framework_of(version)


def catalogue(framework: core.Framework) -> dict[str, core.Risk]:
    return {item.code: item for item in framework.risks}


def label(item: core.Risk) -> str:
    return item.label.text(get_language() or "uk")


def score(likelihood: int, impact: int) -> tuple[int, str]:
    """Score (likelihood × impact) and band, as the core computes them."""
    scored = core.risk_scores(
        pd.DataFrame({"likelihood": [likelihood], "impact": [impact]})
    )
    return int(scored["score"].iloc[0]), str(scored["band"].iloc[0])


def band_of(value: int | None) -> str | None:
    """The band a stored score falls in (``RISK_BANDS`` hold lower bounds)."""
    if value is None:
        return None
    found = None
    for name, bound in core.RISK_BANDS:
        if value >= bound:
            found = name
    return found
