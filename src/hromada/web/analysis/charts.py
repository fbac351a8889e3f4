"""The tab's charts: words and numbers from the stored rows, drawn by ``web.charts``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hromada.web import charts
from hromada.web.analysis.findings import group_name, score
from hromada.web.analysis.models import Gap
from hromada.web.analysis.tables import (
    Group,
    Overview,
    Section,
    SubgroupRow,
    is_scored,
    name_of,
)

# Kept out of the messages: a bare "95% c…" reads to gettext as a format directive.
LEVEL = {"level": "95%"}
SCALE = charts.Axis("", 0, 10, (0.0, 2.0, 4.0, 6.0, 8.0, 10.0))


def _axis() -> charts.Axis:
    return charts.Axis(_("Score, 0–10"), SCALE.low, SCALE.high, SCALE.ticks)


def suppressed_note() -> str:
    return _("n < 10")


def _interval_words(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "—"
    return f"{score(low)}–{score(high)}"


def section_chart(section: Section, title: str, chart_id: str) -> charts.Chart | None:
    """The section's 0–10 scores as intervals, the network average as a tick."""
    rows = [row for row in section.rows if row.scored and row.result is not None]
    if not rows:
        return None
    marks, table = [], []
    for row in rows:
        result = row.result
        assert result is not None
        if row.shown and result.estimate is not None:
            words = _("%(name)s: %(estimate)s, 95%% CI %(interval)s, n = %(n)s") % {
                "name": row.name,
                "estimate": score(result.estimate),
                "interval": _interval_words(result.ci_low, result.ci_high),
                "n": result.n,
            }
            marks.append(
                charts.Interval(
                    row.name,
                    result.estimate,
                    result.ci_low,
                    result.ci_high,
                    words,
                    reference=row.network,
                )
            )
            table.append(
                (
                    row.name,
                    score(result.estimate),
                    _interval_words(result.ci_low, result.ci_high),
                    str(result.n),
                    score(row.network) if row.network is not None else "—",
                )
            )
        else:
            words = f"{row.name}: {suppressed_note()}"
            marks.append(
                charts.Interval(
                    row.name, None, None, None, words, note=suppressed_note()
                )
            )
            table.append((row.name, suppressed_note(), "—", "—", "—"))
    legend = [
        charts.LegendEntry(
            _("Estimate and its %(level)s confidence interval") % LEVEL, tone="blue"
        )
    ]
    if any(m.reference is not None for m in marks):
        legend.append(charts.LegendEntry(_("Network average"), tone="ink", line=True))
    return charts.interval_chart(
        marks,
        axis=_axis(),
        title=title,
        description=_(
            "Each row is an indicator: the dot is the estimate, the line its "
            "%(level)s confidence interval, on a scale from 0 to 10."
        )
        % LEVEL,
        legend=legend,
        table=charts.DataTable(
            title,
            (
                _("Indicator"),
                _("Estimate"),
                _("%(level)s CI") % LEVEL,
                _("n"),
                _("Network average"),
            ),
            tuple(table),
            frozenset({1, 2, 3, 4}),
        ),
        chart_id=chart_id,
    )


def overview_charts(data: Overview) -> list[charts.Chart]:
    found = []
    for position, section in enumerate(data.sections):
        chart = section_chart(
            section, section.title or _("Indices"), f"intervals-{position}"
        )
        if chart is not None:
            found.append(chart)
    return found


def gap_chart(
    dimension: str, groups: list[Group], rows: list[SubgroupRow]
) -> charts.Chart | None:
    """Each group of a dimension against the rest, per scored indicator."""
    labels = {g.category: g.label for g in groups}
    found = []
    for row in rows:
        if not row.scored:
            continue
        for gap in row.gaps:
            group = group_name(dimension, gap.category, labels.get(gap.category, ""))
            found.append((f"{row.name} · {group}", gap))
    return _gaps(
        found, _("Groups against the rest of the community"), f"gaps-{dimension}"
    )


def significant_gaps_chart(data: Overview, gaps: list[Gap]) -> charts.Chart | None:
    """The round's significant gaps, every dimension, worst first."""
    found = [
        (
            f"{name_of(gap.code, data.framework)} · "
            f"{group_name(gap.dimension, gap.category)}",
            gap,
        )
        for gap in sorted(gaps, key=lambda g: abs(g.difference or 0), reverse=True)
        if gap.significant
        and not gap.suppressed
        and is_scored(gap.code, data.framework)
    ]
    return _gaps(found, _("Significant gaps between groups"), "gaps-significant")


def _gaps(
    found: list[tuple[str, Gap]], title: str, chart_id: str
) -> charts.Chart | None:
    marks = [_gap_mark(label, gap) for label, gap in found]
    table = [_gap_cells(label, gap) for label, gap in found]
    if not marks:
        return None
    return charts.gap_chart(
        marks,
        axis=_axis(),
        title=title,
        description=_(
            "For each indicator, the group's estimate and the estimate for everyone "
            "else, joined by a line; a thick line and an asterisk mark a "
            "significant gap."
        ),
        legend=[
            charts.LegendEntry(_("Group"), tone="vermillion"),
            charts.LegendEntry(_("The rest"), tone="blue"),
            charts.LegendEntry(_("Significant gap"), tone="ink", line=True, width=4),
        ],
        table=charts.DataTable(
            title,
            (
                _("Indicator and group"),
                _("Group"),
                _("The rest"),
                _("Difference"),
                _("Significant"),
            ),
            tuple(table),
            frozenset({1, 2, 3}),
        ),
        chart_id=chart_id,
        # Labels name an indicator and a group: room for both in most cases.
        width=840,
        label_width=430,
    )


def _gap_mark(label: str, gap: Gap) -> charts.GapRow:
    if gap.suppressed or gap.estimate_group is None or gap.estimate_rest is None:
        return charts.GapRow(
            label,
            None,
            None,
            f"{label}: {suppressed_note()}",
            note=suppressed_note(),
        )
    words = _("%(label)s: %(group)s against %(rest)s for the rest") % {
        "label": label,
        "group": score(gap.estimate_group),
        "rest": score(gap.estimate_rest),
    }
    if gap.significant:
        words += " — " + _("a significant gap")
    return charts.GapRow(
        label,
        gap.estimate_group,
        gap.estimate_rest,
        words,
        significant=gap.significant,
        mark="*",
    )


def _gap_cells(label: str, gap: Gap) -> tuple[str, ...]:
    if gap.suppressed or gap.estimate_group is None or gap.estimate_rest is None:
        return (label, suppressed_note(), "—", "—", "—")
    difference = gap.difference
    return (
        label,
        score(gap.estimate_group),
        score(gap.estimate_rest),
        score(difference) if difference is not None else "—",
        _("yes") if gap.significant else _("no"),
    )
