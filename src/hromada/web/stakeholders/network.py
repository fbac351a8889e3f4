"""A community's map read for the pages and the API: the core's cooperation
network, the influence–interest grid and the network graph as charts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from hromada import core
from hromada.web import charts
from hromada.web.communities.models import name_sort
from hromada.web.stakeholders.findings import Sentence, sentences
from hromada.web.stakeholders.models import Stakeholder, StakeholderRelation

HIGH = 4  # a score of 4 or 5 is high: above the middle of the 1–5 scale
LAYOUT_SEED = 7


class Quadrant(StrEnum):
    MANAGE_CLOSELY = "manage_closely"
    KEEP_SATISFIED = "keep_satisfied"
    KEEP_INFORMED = "keep_informed"
    MONITOR = "monitor"

    @property
    def label(self) -> str:
        return str(QUADRANT_LABELS[self])

    @property
    def tone(self) -> str:
        return QUADRANT_TONES[self]


QUADRANT_LABELS = {
    Quadrant.MANAGE_CLOSELY: gettext_lazy("Manage closely"),
    Quadrant.KEEP_SATISFIED: gettext_lazy("Keep satisfied"),
    Quadrant.KEEP_INFORMED: gettext_lazy("Keep informed"),
    Quadrant.MONITOR: gettext_lazy("Monitor"),
}
QUADRANT_TONES = {
    Quadrant.MANAGE_CLOSELY: "vermillion",
    Quadrant.KEEP_SATISFIED: "orange",
    Quadrant.KEEP_INFORMED: "blue",
    Quadrant.MONITOR: "grey",
}


def ordered(stakeholders: Iterable[Stakeholder]) -> list[Stakeholder]:
    """In the alphabet of the page's language (databases sort Cyrillic by code
    point, which puts І and Є before А)."""
    if get_language() == "en":
        return sorted(stakeholders, key=lambda s: (s.name.casefold(), s.pk))
    return sorted(stakeholders, key=lambda s: (name_sort(s.name_uk), s.pk))


def quadrant(influence: int, interest: int) -> Quadrant:
    if influence >= HIGH:
        return Quadrant.MANAGE_CLOSELY if interest >= HIGH else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interest >= HIGH else Quadrant.MONITOR


# Colours of the graph's nodes: the types in five families.
FAMILIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("authorities", "blue", ("local_government", "military_administration")),
    (
        "security",
        "vermillion",
        ("police", "community_police_officer", "emergency_service"),
    ),
    ("services", "green", ("health", "education", "social_services")),
    (
        "civil_society",
        "orange",
        ("cso", "veterans_association", "idp_council", "youth", "religious"),
    ),
    ("other", "purple", ("business", "media", "other")),
)
FAMILY_LABELS = {
    "authorities": gettext_lazy("authorities"),
    "security": gettext_lazy("police and rescue"),
    "services": gettext_lazy("public services"),
    "civil_society": gettext_lazy("civil society"),
    "other": gettext_lazy("business, media, other"),
}
TONE_OF_TYPE = {t: tone for _f, tone, types in FAMILIES for t in types}


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    tone: str
    dash: str
    base: float  # width at strength 1 (or without a strength)
    step: float  # added per strength point above 1


# Cooperation solid and wider with strength; conflict red dashed; information
# only a dotted grey; no contact a faint long dash.
EDGE_STYLES = {
    "cooperates": EdgeStyle("ink", "", 1.5, 1.5),
    "information_only": EdgeStyle("grey", "2 4", 1.5, 0.0),
    "conflict": EdgeStyle("red", "8 5", 2.0, 0.75),
    "no_contact": EdgeStyle("#b8c0c8", "12 6", 1.25, 0.0),
}


def edge_width(kind: str, strength: int | None) -> float:
    style = EDGE_STYLES[kind]
    return style.base + style.step * ((strength or 1) - 1)


@dataclass(frozen=True, slots=True)
class Measures:
    """The core's measures of one stakeholder in the cooperation network."""

    stakeholder: Stakeholder
    degree: int  # cooperation partners
    betweenness: float  # normalised, 0-1
    component: int  # 0 = the largest group
    isolate: bool
    broker: bool
    key_actor: bool
    conflicts: int  # partners in conflict

    @property
    def betweenness_text(self) -> str:
        # Rounded first: number_format cuts digits off instead of rounding.
        return number_format(round(self.betweenness, 3), 3)


@dataclass(frozen=True, slots=True)
class MapAnalysis:
    """What the pages and the API show of one map."""

    stakeholders: list[Stakeholder]
    relations: list[StakeholderRelation]
    network: core.CooperationNetwork
    findings: list[Sentence]

    def metrics(self, stakeholder: Stakeholder) -> Measures:
        row = self.network.stakeholders.loc[stakeholder.pk].to_dict()
        return Measures(
            stakeholder,
            degree=int(row["degree"]),
            betweenness=float(row["betweenness"]),
            component=int(row["component"]),
            isolate=bool(row["isolate"]),
            broker=bool(row["broker"]),
            key_actor=bool(row["key_actor"]),
            conflicts=int(row["conflicts"]),
        )


def analyse(
    stakeholders: Sequence[Stakeholder], relations: Sequence[StakeholderRelation]
) -> MapAnalysis:
    """Run the core's cooperation network over the map (no personal data goes in).

    Give the stakeholders in a fixed order (by ``pk``): the layout of the graph
    and the order of the findings follow it, whatever the page's language.
    """
    frame = pd.DataFrame(
        {
            "id": [s.pk for s in stakeholders],
            "name": [s.name_uk for s in stakeholders],
            "type": [s.type for s in stakeholders],
        },
        dtype=object,
    )
    ties = pd.DataFrame(
        {
            "source": pd.Series([r.source_id for r in relations], dtype=object),
            "target": pd.Series([r.target_id for r in relations], dtype=object),
            "kind": pd.Series([r.kind for r in relations], dtype=object),
            "strength": pd.Series([r.strength for r in relations], dtype="float64"),
        }
    )
    network = core.cooperation_network(frame, ties)
    names = {s.pk: s.name for s in stakeholders}
    return MapAnalysis(
        list(stakeholders), list(relations), network, sentences(network.findings, names)
    )


def grid_chart(stakeholders: Sequence[Stakeholder]) -> charts.Chart:
    """The influence–interest grid: numbered markers, quadrants, a table."""
    split = HIGH - 0.5
    low, high = (0.5, split), (split, 5.5)
    corners = {  # (interest, influence) ranges of each quadrant
        Quadrant.MANAGE_CLOSELY: (high, high),
        Quadrant.KEEP_SATISFIED: (low, high),
        Quadrant.KEEP_INFORMED: (high, low),
        Quadrant.MONITOR: (low, low),
    }
    regions = [
        charts.Region(x[0], x[1], y[0], y[1], q.label, q.tone)
        for q, (x, y) in corners.items()
    ]
    points = []
    rows = []
    for number, s in enumerate(stakeholders, start=1):
        where = quadrant(s.influence, s.interest)
        points.append(
            charts.Point(
                s.interest,
                s.influence,
                str(number),
                _(
                    "%(number)s. %(name)s: influence %(influence)s, "
                    "interest %(interest)s"
                )
                % {
                    "number": number,
                    "name": s.name,
                    "influence": s.influence,
                    "interest": s.interest,
                },
                where.tone,
            )
        )
        rows.append(
            (str(number), s.name, str(s.influence), str(s.interest), where.label)
        )
    ticks = (1.0, 2.0, 3.0, 4.0, 5.0)
    return charts.scatter_chart(
        points,
        x=charts.Axis(_("Interest (1–5)"), 0.5, 5.5, ticks),
        y=charts.Axis(_("Influence (1–5)"), 0.5, 5.5, ticks),
        regions=regions,
        title=_("Influence and interest"),
        description=_(
            "Each numbered point is a stakeholder, placed by interest (across) "
            "and influence (up). A score of 4 or 5 is high. Top right: manage "
            "closely; top left: keep satisfied; bottom right: keep informed; "
            "bottom left: monitor. The table below lists the numbers."
        ),
        table=charts.DataTable(
            _("Stakeholders by influence and interest"),
            (_("No."), _("Stakeholder"), _("Influence"), _("Interest"), _("Approach")),
            tuple(rows),
            frozenset({2, 3}),
        ),
        chart_id="influence-interest",
    )


def graph_chart(analysis: MapAnalysis) -> charts.Chart:
    """The cooperation network as a graph, every kind of relation drawn."""
    cooperation = [
        r for r in analysis.relations if r.kind == StakeholderRelation.Kind.COOPERATES
    ]
    layout = charts.network_layout(
        [s.pk for s in analysis.stakeholders],
        # Stronger ties pull a little closer (1.5, 1.25, 1): enough to group
        # close partners, not so much that weak partners drift to the edge.
        [
            (r.source_id, r.target_id, 1.75 - 0.25 * (r.strength or 1))
            for r in cooperation
        ],
        seed=LAYOUT_SEED,
    )
    nodes = [
        charts.Node(
            m.stakeholder.pk,
            m.stakeholder.label,
            m.stakeholder.name,
            TONE_OF_TYPE[m.stakeholder.type],
            size=1.0 + 0.25 * min(m.degree, 6),
            ring=m.key_actor,
            halo=m.broker,
        )
        for m in map(analysis.metrics, analysis.stakeholders)
    ]
    names = {s.pk: s.name for s in analysis.stakeholders}
    edges = [
        charts.Edge(
            r.source_id,
            r.target_id,
            r.kind.replace("_", "-"),
            EDGE_STYLES[r.kind].tone,
            edge_width(r.kind, r.strength),
            EDGE_STYLES[r.kind].dash,
            f"{names[r.source_id]} — {names[r.target_id]}: {r.get_kind_display()}",
        )
        for r in analysis.relations
    ]
    return charts.network_chart(
        nodes,
        edges,
        layout,
        title=_("Cooperation network"),
        description=_(
            "Stakeholders as circles, sized by their number of cooperation "
            "partners and coloured by kind; key actors outlined, brokers ringed "
            "in gold. Solid lines are cooperation (wider is stronger), red dashed "
            "lines conflict, dotted lines information only, faint dashes no "
            "contact. Groups that do not cooperate with each other are drawn "
            "apart; stakeholders without cooperation ties sit in the band below."
        ),
        legend=_legend(),
        loose_label=_("No cooperation ties"),
        chart_id="cooperation-network",
    )


def _legend() -> list[charts.LegendEntry]:
    entries = [
        charts.LegendEntry(
            _("cooperates (1–3)"), "ink", line=True, width=edge_width("cooperates", 2)
        ),
        charts.LegendEntry(
            _("conflict"),
            "red",
            line=True,
            width=2.5,
            dash=EDGE_STYLES["conflict"].dash,
        ),
        charts.LegendEntry(
            _("information only"), "grey", line=True, width=1.5, dash="2 4"
        ),
        charts.LegendEntry(
            _("no contact"), "#b8c0c8", line=True, width=1.5, dash="12 6"
        ),
        charts.LegendEntry(_("key actor"), "grey", ring=True),
        charts.LegendEntry(_("broker"), "grey", halo=True),
    ]
    entries += [
        charts.LegendEntry(str(FAMILY_LABELS[family]), tone)
        for family, tone, _types in FAMILIES
    ]
    return entries


def metric_rows(analysis: MapAnalysis) -> list[Measures]:
    """One row per stakeholder, most central first, for the metrics table."""
    rows = [analysis.metrics(s) for s in analysis.stakeholders]
    return sorted(rows, key=lambda m: (-m.betweenness, -m.degree))
