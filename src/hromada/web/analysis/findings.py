"""The round's results in plain words, in the page's language.

Each finding names the indicator (in quotes, as the framework labels it) and
the group in readable words, with numbers in the local format. Suppressed cells
never yield a finding, and gaps or changes only when the stored row says they
are significant.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hromada.web.analysis.models import Change, Gap, Result
from hromada.web.analysis.tables import PERCEPTION, Overview, Row, is_scored, name_of

TOP_PERCEPTIONS = 3
MOST = 5  # gaps or changes named one by one; the rest are counted
SHARE_WORTH_SAYING = 0.10  # a problem named by fewer is no headline

# Groups as a sentence names them; a group not listed reads "dimension: group".
GROUPS: dict[tuple[str, str], str | Promise] = {
    ("idp", "yes"): gettext_lazy("Displaced residents"),
    ("idp", "no"): gettext_lazy("Residents who are not displaced"),
    ("veteran_household", "yes"): gettext_lazy("Veterans' households"),
    ("veteran_household", "no"): gettext_lazy("Households without a veteran"),
    ("disability_household", "yes"): gettext_lazy(
        "Households with a person with a disability"
    ),
    ("disability_household", "no"): gettext_lazy(
        "Households without a person with a disability"
    ),
    ("sex", "female"): gettext_lazy("Women"),
    ("sex", "male"): gettext_lazy("Men"),
    ("age_group", "14_17"): gettext_lazy("Teenagers aged 14–17"),
    ("age_group", "18_29"): gettext_lazy("Young people aged 18–29"),
    ("age_group", "30_44"): gettext_lazy("Residents aged 30–44"),
    ("age_group", "45_59"): gettext_lazy("Residents aged 45–59"),
    ("age_group", "60plus"): gettext_lazy("Residents aged 60 or older"),
}
DIMENSION_NAMES: dict[str, str | Promise] = {
    "sex": gettext_lazy("Sex"),
    "age_group": gettext_lazy("Age group"),
    "idp": gettext_lazy("Internally displaced"),
    "veteran_household": gettext_lazy("Veteran in the household"),
    "disability_household": gettext_lazy("Disability in the household"),
    "settlement": gettext_lazy("Settlement"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A sentence and how much it calls for attention: ``high`` (a significant
    gap or a worsening), ``medium`` (a caution) or ``info``."""

    text: str
    level: str
    code: str
    # gap, change, weakest, strongest, perception, reliability; "" for a
    # sentence that only counts the findings left unsaid.
    kind: str = ""


def score(value: float) -> str:
    # Rounded first: number_format cuts a float's digits instead of rounding.
    return number_format(round(value, 1), decimal_pos=1)


def percent(share: float) -> str:
    return number_format(round(share * 100), decimal_pos=0)


def group_name(dimension: str, category: str, label: str = "") -> str:
    if (dimension, category) in GROUPS:
        return str(GROUPS[dimension, category])
    return f"{DIMENSION_NAMES.get(dimension, dimension)}: {label or category}"


def findings(data: Overview, gaps: list[Gap]) -> list[Finding]:
    """Every finding of the round, the most pressing first."""
    out: list[Finding] = _gaps(data, gaps)
    out += _changes(data)
    out += _extremes(data)
    out += _perceptions(data)
    for row in data.rows:
        if row.unreliable and row.reliability and row.reliability.alpha is not None:
            out.append(
                Finding(
                    _(
                        "The questions behind “%(indicator)s” do not agree well "
                        "with each other (Cronbach's α = %(alpha)s, below 0.6): "
                        "read this indicator with care."
                    )
                    % {
                        "indicator": row.name,
                        "alpha": number_format(
                            round(row.reliability.alpha, 2), decimal_pos=2
                        ),
                    },
                    "medium",
                    row.code,
                    "reliability",
                )
            )
    return out


def _gaps(data: Overview, gaps: list[Gap]) -> list[Finding]:
    """Significant gaps that hurt the group, the widest first; past ``MOST``
    one sentence counts the rest (the chart shows them all)."""
    framework = data.framework
    worth = sorted(
        (
            gap
            for gap in gaps
            if not gap.suppressed
            and gap.significant
            and gap.worse
            and gap.estimate_group is not None
            and gap.estimate_rest is not None
            and is_scored(gap.code, framework)
        ),
        key=lambda gap: -abs((gap.estimate_group or 0) - (gap.estimate_rest or 0)),
    )
    out = []
    for gap in worth[:MOST]:
        assert gap.estimate_group is not None and gap.estimate_rest is not None
        out.append(
            Finding(
                _(
                    "%(group)s: “%(indicator)s” %(group_value)s against "
                    "%(rest_value)s for the rest of the community — a significant gap."
                )
                % {
                    "group": group_name(gap.dimension, gap.category),
                    "indicator": name_of(gap.code, framework),
                    "group_value": score(gap.estimate_group),
                    "rest_value": score(gap.estimate_rest),
                },
                "high",
                gap.code,
                "gap",
            )
        )
    more = len(worth) - MOST
    if more > 0:
        text = ngettext(
            "%(count)s more significant gap against a group: see the chart of gaps.",
            "%(count)s more significant gaps against groups: see the chart of gaps.",
            more,
        )
        out.append(Finding(text % {"count": more}, "high", ""))
    return out


def _changes(data: Overview) -> list[Finding]:
    """Changes beyond the margin of error, those for the worse first."""
    out = []
    for row in data.rows:
        change = row.change
        if (
            change is None
            or change.verdict != Change.Verdict.CHANGE
            or change.difference is None
            or not row.shown
            or row.result is None
            or row.result.estimate is None
            or not row.scored
        ):
            continue
        values = {
            "indicator": row.name,
            "round": change.previous.round,
            "difference": score(abs(change.difference)),
            "value": score(row.result.estimate),
        }
        if change.difference > 0:
            text = _(
                "“%(indicator)s” rose by %(difference)s since round %(round)s, "
                "to %(value)s — more than the margin of error."
            )
        else:
            text = _(
                "“%(indicator)s” fell by %(difference)s since round %(round)s, "
                "to %(value)s — more than the margin of error."
            )
        better = change.difference * (row.polarity or 1) > 0
        order = (better, -abs(change.difference))
        out.append(
            (
                order,
                Finding(
                    text % values, "info" if better else "high", row.code, "change"
                ),
            )
        )
    out.sort(key=lambda pair: pair[0])
    found = [finding for _order, finding in out[:MOST]]
    more = len(out) - MOST
    if more > 0:
        text = ngettext(
            "%(count)s more change beyond the margin of error: see the table.",
            "%(count)s more changes beyond the margin of error: see the table.",
            more,
        )
        found.append(Finding(text % {"count": more}, "info", ""))
    return found


def _extremes(data: Overview) -> list[Finding]:
    """The weakest and the strongest scored indicator (indices excluded: they
    summarise the indicators already named)."""
    candidates = [
        row
        for row in data.rows
        if row.shown
        and row.scored
        and row.polarity != 0
        and row.result is not None
        and row.result.kind in (Result.Kind.SURVEY, Result.Kind.EXPERT)
    ]
    if len(candidates) < 2:
        return []

    def goodness(row: Row) -> float:
        value = row.result.estimate if row.result and row.result.estimate else 0.0
        return value if row.polarity > 0 else 10 - value

    weakest = min(candidates, key=goodness)
    strongest = max(candidates, key=goodness)
    assert weakest.result is not None and weakest.result.estimate is not None
    assert strongest.result is not None and strongest.result.estimate is not None
    return [
        Finding(
            _("The weakest indicator is “%(indicator)s”: %(value)s out of 10.")
            % {"indicator": weakest.name, "value": score(weakest.result.estimate)},
            "medium",
            weakest.code,
            "weakest",
        ),
        Finding(
            _("The strongest indicator is “%(indicator)s”: %(value)s out of 10.")
            % {"indicator": strongest.name, "value": score(strongest.result.estimate)},
            "info",
            strongest.code,
            "strongest",
        ),
    ]


def _perceptions(data: Overview) -> list[Finding]:
    shown = [
        row
        for row in data.perceptions
        if row.shown
        and row.result is not None
        and (row.result.estimate or 0) >= SHARE_WORTH_SAYING
    ][:TOP_PERCEPTIONS]
    out = []
    for row in shown:
        assert row.result is not None and row.result.estimate is not None
        out.append(
            Finding(
                _(
                    "%(share)s%% of residents name “%(risk)s” among the three most "
                    "serious safety problems of the community."
                )
                % {"share": percent(row.result.estimate), "risk": row.name},
                "info",
                row.code,
                "perception",
            )
        )
    return out


def overall_gaps(data: Overview) -> list[Gap]:
    return list(
        Gap.objects.filter(assessment=data.assessment).exclude(
            code__startswith=PERCEPTION
        )
    )
