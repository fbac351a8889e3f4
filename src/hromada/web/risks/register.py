"""The register read for the pages and the API: order, bands, numbers in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from hromada.web import charts
from hromada.web.risks.catalogue import BAND_LABELS, BAND_TONES, band_of, catalogue
from hromada.web.risks.models import Risk
from hromada.web.risks.readings import RoundReadings, group_label, read_round
from hromada.web.surveys.frameworks import framework_of

TREND_ARROWS = {"up": "↑", "same": "→", "down": "↓"}
TREND_WORDS = {
    "up": gettext_lazy("more residents name it than in the previous round"),
    "same": gettext_lazy("no clear change since the previous round"),
    "down": gettext_lazy("fewer residents name it than in the previous round"),
}


def ordered(risks: Iterable[Risk]) -> list[Risk]:
    """By the dialogue's rank first, then by score (higher first), then code."""
    return sorted(
        risks,
        key=lambda r: (
            r.dialogue_rank is None,
            r.dialogue_rank or 0,
            -(r.score or 0),
            r.code or "~",
            r.pk,
        ),
    )


def percent(value: float) -> str:
    return _("%(number)s%%") % {"number": number_format(round(100 * value))}


@dataclass(frozen=True, slots=True)
class RiskRow:
    risk: Risk

    @property
    def band(self) -> str | None:
        return band_of(self.risk.score)

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band]) if self.band else ""

    @property
    def share(self) -> str:
        """The perception share with its CI, or "" (suppressed or not asked)."""
        if not self.share_estimate:
            return ""
        ci = self.share_ci
        return f"{self.share_estimate} ({ci})" if ci else self.share_estimate

    @property
    def share_estimate(self) -> str:
        share = self.risk.perception_share
        return "" if share is None else percent(share)

    @property
    def share_ci(self) -> str:
        r = self.risk
        if r.perception_share is None or r.perception_ci_low is None:
            return ""
        if r.perception_ci_high is None:
            return ""
        return _("95%% CI %(low)s–%(high)s") % {
            "low": percent(r.perception_ci_low),
            "high": percent(r.perception_ci_high),
        }

    @property
    def groups(self) -> list[str]:
        return [group_label(g) for g in self.risk.equity_groups]

    @property
    def trend_arrow(self) -> str:
        return TREND_ARROWS.get(self.risk.trend, "")

    @property
    def trend_words(self) -> str:
        return str(TREND_WORDS.get(self.risk.trend, ""))


def rows(risks: Iterable[Risk]) -> list[RiskRow]:
    return [RiskRow(r) for r in ordered(risks)]


def reasons(row: RiskRow) -> list[str]:
    """Why a risk ranks where it does, in words: each input that placed it."""
    risk = row.risk
    said = []
    if risk.dialogue_rank is not None:
        said.append(
            _("rank %(rank)s agreed in dialogue") % {"rank": risk.dialogue_rank}
        )
    if risk.score is not None:
        said.append(
            _("score %(score)s: likelihood %(likelihood)s × impact %(impact)s")
            % {
                "score": risk.score,
                "likelihood": risk.likelihood,
                "impact": risk.impact,
            }
        )
    if row.share_estimate:
        said.append(_("named by %(share)s of residents") % {"share": row.share})
    if risk.equity_flag:
        said.append(_("worse for %(groups)s") % {"groups": ", ".join(row.groups)})
    return said


def highest(
    risks: Iterable[Risk], *, count: int = 5
) -> list[tuple[RiskRow, list[str]]]:
    """The top of the register, each with the reasons it is there."""
    return [(row, reasons(row)) for row in rows(risks)[:count]]


def matrix_chart(risks: Iterable[Risk]) -> charts.Chart:
    """Likelihood across, impact up: 25 cells shaded by band, risks as points."""
    regions = []
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            band = band_of(likelihood * impact) or "low"
            regions.append(
                charts.Region(
                    likelihood - 0.5,
                    likelihood + 0.5,
                    impact - 0.5,
                    impact + 0.5,
                    "",
                    BAND_TONES[band],
                )
            )
    points = []
    table = []
    scored = [r for r in ordered(risks) if r.likelihood and r.impact]
    for number, risk in enumerate(scored, start=1):
        row = RiskRow(risk)
        title = _(
            "%(number)s. %(name)s: likelihood %(likelihood)s, impact %(impact)s, "
            "score %(score)s (%(band)s)"
        ) % {
            "number": number,
            "name": risk.name,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "score": risk.score,
            "band": row.band_label,
        }
        points.append(
            charts.Point(
                float(risk.likelihood or 0),
                float(risk.impact or 0),
                str(number),
                title,
                "ink",
            )
        )
        table.append(
            (
                str(number),
                risk.name,
                str(risk.likelihood),
                str(risk.impact),
                str(risk.score),
                row.band_label,
            )
        )
    ticks = (1.0, 2.0, 3.0, 4.0, 5.0)
    return charts.scatter_chart(
        points,
        x=charts.Axis(_("Likelihood (1–5)"), 0.5, 5.5, ticks),
        y=charts.Axis(_("Impact (1–5)"), 0.5, 5.5, ticks),
        regions=regions,
        title=_("Risk matrix"),
        description=_(
            "Each numbered point is a scored risk, placed by likelihood (across) "
            "and impact (up). Cells are shaded by the score's band: green low "
            "(1–4), yellow medium (5–9), orange high (10–16), red very high "
            "(20–25). The table below lists the numbers."
        ),
        table=charts.DataTable(
            _("Risks by likelihood and impact"),
            (
                _("No."),
                _("Risk"),
                _("Likelihood"),
                _("Impact"),
                _("Score"),
                _("Band"),
            ),
            tuple(table),
            frozenset({2, 3, 4}),
        ),
        chart_id="risk-matrix",
    )


def suggestion_reasons(risks: Iterable[Risk]) -> dict[int, list[str]]:
    """Why each suggested risk was suggested beyond its share: the linked 0–10
    indicators on the bad side of the scale, with their estimates."""
    reasons: dict[int, list[str]] = {}
    rounds: dict[int, RoundReadings] = {}
    language = get_language() or "uk"
    for risk in risks:
        assessment = risk.assessment
        if assessment is None or not risk.code:
            continue
        if assessment.pk not in rounds:
            rounds[assessment.pk] = read_round(assessment)
        readings = rounds[assessment.pk]
        framework = framework_of(assessment.framework)
        item = catalogue(framework).get(risk.code)
        if item is None:
            continue
        reasons[risk.pk] = [
            _("%(code)s %(label)s: %(score)s of 10")
            % {
                "code": code,
                "label": framework.indicators[code].label.text(language),
                "score": number_format(
                    round(readings.results[code].estimate or 0.0, 1), 1
                ),
            }
            for code in readings.poor_indicators(item, framework)
        ]
    return reasons
