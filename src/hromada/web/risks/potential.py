"""The security potential in plain words: what the community can build on and
what to strengthen (methodology: actors' competences and resources, their
cooperation, and the Security Potential Index).

Three sources, each optional: the capacity scores 1–5 (community-wide and by
stakeholder), the stakeholders' cooperation network (its findings worded by
the stakeholders app) and the SPI of the latest analysed round with the means
of its components.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from hromada.web.analysis.models import Result
from hromada.web.communities.models import Community
from hromada.web.risks.models import Capacity
from hromada.web.stakeholders import network
from hromada.web.stakeholders.findings import listing
from hromada.web.stakeholders.models import Stakeholder, StakeholderRelation
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment

STRONG = 4  # a capacity of 4 or 5 of 5 is a strength
WEAK = 2  # 1 or 2 of 5 needs strengthening
SPI_STRONG = 6.0  # a component mean of 6 or more of 10 is a growth point
SPI_WEAK = 5.0  # below the middle of the 0–10 scale
BEST_CONNECTED = 3
SPI = "SPI"


@dataclass
class Potential:
    build_on: list[str] = field(default_factory=list)
    strengthen: list[str] = field(default_factory=list)
    spi: Result | None = None
    spi_round: str = ""
    components: list[tuple[str, float]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.build_on and not self.strengthen


def dimension_label(dimension: str) -> str:
    return str(Capacity.Dimension(dimension).label)


def _of_five(value: float) -> str:
    return _("%(score)s of 5") % {"score": number_format(round(value))}


def _of_ten(value: float) -> str:
    return _("%(score)s of 10") % {"score": number_format(round(value, 1), 1)}


def capacity_sentences(community: Community, potential: Potential) -> None:
    wide = {
        c.dimension: c.score
        for c in Capacity.objects.filter(community=community, stakeholder=None)
    }
    strong = [d for d in Capacity.Dimension.values if wide.get(d, 0) >= STRONG]
    weak = [d for d in Capacity.Dimension.values if d in wide and wide[d] <= WEAK]
    if strong:
        potential.build_on.append(
            _("Community-wide strengths: %(items)s.")
            % {
                "items": listing(
                    [f"{dimension_label(d)} ({_of_five(wide[d])})" for d in strong]
                )
            }
        )
    if weak:
        potential.strengthen.append(
            _("Community-wide weak points: %(items)s.")
            % {
                "items": listing(
                    [f"{dimension_label(d)} ({_of_five(wide[d])})" for d in weak]
                )
            }
        )
    by_stakeholder: dict[Stakeholder, dict[str, int]] = defaultdict(dict)
    for c in (
        Capacity.objects.filter(community=community)
        .exclude(stakeholder=None)
        .select_related("stakeholder")
    ):
        assert c.stakeholder is not None
        by_stakeholder[c.stakeholder][c.dimension] = c.score
    for stakeholder in network.ordered(by_stakeholder):
        scores = by_stakeholder[stakeholder]
        best = [d for d in Capacity.Dimension.values if scores.get(d, 0) >= STRONG]
        if best:
            potential.build_on.append(
                _("%(name)s: strong in %(items)s.")
                % {
                    "name": stakeholder.name,
                    "items": listing([dimension_label(d) for d in best]),
                }
            )


def network_sentences(community: Community, potential: Potential) -> None:
    stakeholders = list(Stakeholder.objects.of(community).order_by("pk"))
    if not stakeholders:
        return
    relations = list(StakeholderRelation.objects.of(community).order_by("pk"))
    analysis = network.analyse(stakeholders, relations)
    measures = [analysis.metrics(s) for s in stakeholders]
    connected = sorted(
        (m for m in measures if m.degree >= 2),
        key=lambda m: (-m.degree, m.stakeholder.pk),
    )[:BEST_CONNECTED]
    if connected:
        potential.build_on.append(
            _("Best connected: %(items)s.")
            % {
                "items": listing(
                    [
                        ngettext(
                            "%(name)s (%(count)s partner)",
                            "%(name)s (%(count)s partners)",
                            m.degree,
                        )
                        % {"name": m.stakeholder.name, "count": m.degree}
                        for m in connected
                    ]
                )
            }
        )
    for sentence in analysis.findings:
        if sentence.code == "broker":
            potential.build_on.append(sentence.text)
        elif sentence.severity in ("high", "medium"):
            potential.strengthen.append(sentence.text)


def spi_sentences(community: Community, potential: Potential) -> None:
    cell = (
        Result.objects.filter(
            assessment__community=community, code=SPI, dimension="all"
        )
        .select_related("assessment__framework")
        .order_by("-assessment__round")
        .first()
    )
    if cell is None:
        return
    assessment: Assessment = cell.assessment
    if cell.suppressed or cell.estimate is None:
        return
    potential.spi, potential.spi_round = cell, assessment.round
    framework = framework_of(assessment.framework)
    index = next((i for i in framework.indices if i.code == SPI), None)
    estimates = {
        r.code: r.estimate
        for r in Result.objects.for_assessment(assessment).overall().published()
        if r.estimate is not None
    }
    labels = {
        c.code: c.label.text(get_language() or "uk") for c in framework.components
    }
    for part in index.parts if index else ():
        values = [estimates[code] for code in part.indicators if code in estimates]
        if part.component and values:
            potential.components.append(
                (labels.get(part.component, part.component), fmean(values))
            )
    strong = [(n, v) for n, v in potential.components if v >= SPI_STRONG]
    weak = [(n, v) for n, v in potential.components if v < SPI_WEAK]
    potential.build_on.append(
        _("Security Potential Index in round %(round)s: %(score)s.")
        % {"round": assessment.round, "score": _of_ten(cell.estimate)}
    )
    if strong:
        potential.build_on.append(
            _("Strongest parts of the security potential: %(items)s.")
            % {"items": listing([f"{n} ({_of_ten(v)})" for n, v in strong])}
        )
    if weak:
        potential.strengthen.append(
            _("Weakest parts of the security potential: %(items)s.")
            % {"items": listing([f"{n} ({_of_ten(v)})" for n, v in weak])}
        )


def summary(community: Community) -> Potential:
    potential = Potential()
    capacity_sentences(community, potential)
    network_sentences(community, potential)
    spi_sentences(community, potential)
    return potential
