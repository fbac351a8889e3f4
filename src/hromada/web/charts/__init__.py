"""Charts as server-rendered SVG, built in Python (no JavaScript).

Every chart is accessible: ``role="img"`` with a ``<title>`` and ``<desc>``, a
``<title>`` on each mark (tooltip and screen-reader name), and a ``DataTable``
alternative that ``templates/charts/figure.html`` shows under it. Colours are
presentation attributes (the Okabe–Ito palette, ``TONES``), so the same markup
renders alone (PNG for reports) and on the site, whose CSS may refine it.

- ``scatter_chart(points, x=Axis, y=Axis, regions=[Region], …)``: points on a
  scored grid, crowds dodged (influence × interest, likelihood × impact).
- ``pin_map(pins, centre=…, …)``: points around a community's centre by their
  distance in km, north up, with rings; no map tiles (internal geodata).
- ``network_layout(nodes, ties, seed=…)`` then ``network_chart(nodes, edges,
  layout, legend=[LegendEntry], …)``: a graph, groups boxed, loose nodes apart.
- ``opinion_map_chart(dots, groups, …)``: a dialogue's opinion map, participants
  coloured by opinion group, each group's letter at its centre.
- ``interval_chart(rows, axis=Axis, …)``: one row per estimate with its CI and
  an optional reference tick; ``gap_chart(rows, axis=Axis, …)``: a group's and
  the rest's estimates joined per row; ``ci_bar(…)``: a table cell's small CI.

Callers pass every word already translated: the module knows no language.
"""

from hromada.web.charts._chart import (
    TONES,
    Chart,
    DataTable,
    LegendEntry,
    colour,
    ink_on,
)
from hromada.web.charts._interval import (
    GapRow,
    Interval,
    ci_bar,
    gap_chart,
    interval_chart,
)
from hromada.web.charts._network import (
    Edge,
    Layout,
    Node,
    network_chart,
    network_layout,
    shorten,
)
from hromada.web.charts._opinion import (
    OpinionDot,
    OpinionGroupMark,
    group_tone,
    opinion_map_chart,
)
from hromada.web.charts._pins import Pin, pin_map
from hromada.web.charts._scatter import Axis, Point, Region, dodge, scatter_chart

__all__ = [
    "TONES",
    "Axis",
    "Chart",
    "DataTable",
    "Edge",
    "GapRow",
    "Interval",
    "Layout",
    "LegendEntry",
    "Node",
    "OpinionDot",
    "OpinionGroupMark",
    "Pin",
    "Point",
    "Region",
    "ci_bar",
    "colour",
    "dodge",
    "gap_chart",
    "group_tone",
    "ink_on",
    "interval_chart",
    "network_chart",
    "network_layout",
    "opinion_map_chart",
    "pin_map",
    "scatter_chart",
    "shorten",
]
