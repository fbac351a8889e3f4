"""How a stored result shows in a risk's evidence trail (kind ``result``).

A reference is ``<round>:<code>`` (``2025-1:R1/RK09``, ``2025-1:S4``): the
overall cell of that round. A suppressed cell shows no number.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada import core
from hromada.web.analysis.models import Result
from hromada.web.communities.models import Community
from hromada.web.communities.workspace import tab
from hromada.web.risks.evidence import EvidenceItem
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment

SHARE_PREFIX = "R1/"


def reference(round: str, code: str) -> str:
    return f"{round}:{code}"


def _label(framework: core.Framework, code: str, language: str) -> str:
    if code.startswith(SHARE_PREFIX):
        risks = {r.code: r for r in framework.risks}
        item = risks.get(code.removeprefix(SHARE_PREFIX))
        name = item.label.text(language) if item else code
        return _("Residents naming “%(risk)s” as a top problem") % {"risk": name}
    indicator = framework.indicators.get(code)
    if indicator is not None:
        return f"{code} {indicator.label.text(language)}"
    index = next((i for i in framework.indices if i.code == code), None)
    return f"{code} {index.label.text(language)}" if index else code


def _number(code: str, value: float) -> str:
    if code.startswith(SHARE_PREFIX):
        return _("%(number)s%%") % {"number": number_format(round(100 * value, 1), 1)}
    return number_format(round(value, 1), 1)


def _detail(cell: Result) -> str:
    if cell.suppressed or cell.estimate is None:
        return _("suppressed: fewer than 10 respondents")
    parts = [_number(cell.code, cell.estimate)]
    if cell.ci_low is not None and cell.ci_high is not None:
        parts.append(
            _("95%% CI %(low)s–%(high)s")
            % {
                "low": _number(cell.code, cell.ci_low),
                "high": _number(cell.code, cell.ci_high),
            }
        )
    if cell.n:
        parts.append(_("n = %(n)s") % {"n": cell.n})
    return ", ".join(parts)


def describe(
    community: Community, references: Sequence[str]
) -> dict[str, EvidenceItem]:
    """The overall cells the references name, in the community's rounds."""
    wanted: dict[str, list[str]] = {}
    for ref in references:
        round, _sep, code = ref.partition(":")
        wanted.setdefault(round, []).append(code)
    language = get_language() or "uk"
    url = tab("analysis").url(community)
    items = {}
    assessments = Assessment.objects.of(community).filter(round__in=wanted)
    for assessment in assessments.select_related("framework"):
        framework = framework_of(assessment.framework)
        cells = Result.objects.for_assessment(assessment).overall()
        for cell in cells.filter(code__in=wanted[assessment.round]):
            ref = reference(assessment.round, cell.code)
            label = f"{_label(framework, cell.code, language)} ({assessment.round})"
            items[ref] = EvidenceItem("result", ref, label, _detail(cell), url)
    return items
