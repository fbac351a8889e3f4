"""What one analysed round says about the catalogue risks (statistics.md §10).

Reads the stored ``Result``, ``Gap`` and ``Change`` rows of a round; the
numbers themselves come from the analysis (design-based, suppressed under
n = 10), never recomputed here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from hromada import core
from hromada.web.analysis.models import ALL, Change, Gap, Result
from hromada.web.risks.catalogue import PERCEPTION, perception_code
from hromada.web.surveys.models import Assessment

# The vulnerable groups compared with the rest of the community.
VULNERABLE_GROUPS = {
    "idp:yes": _("displaced people"),
    "veteran_household:yes": _("veterans' households"),
    "disability_household:yes": _("households with a person with a disability"),
    "sex:female": _("women"),
    "age_group:18_29": _("young people (18–29)"),
    "age_group:60plus": _("older people (60+)"),
}
# A gap counts for equity only when it is this large (statistics.md §10).
SHARE_GAP = 0.10
SCALE_GAP = 0.5
# Suggest a catalogue risk named by this share of residents, or ranking this high.
SUGGEST_SHARE = 0.25
SUGGEST_TOP = 5
# A 0–10 indicator is poor on the wrong side of the scale's middle.
SCALE_MIDDLE = 5.0


def group_label(group: str) -> str:
    return str(VULNERABLE_GROUPS.get(group, group))


@dataclass(frozen=True, slots=True)
class Share:
    estimate: float | None  # None when suppressed
    ci_low: float | None
    ci_high: float | None
    n: int | None


@dataclass
class RoundReadings:
    assessment: Assessment
    results: dict[str, Result] = field(default_factory=dict)  # overall, by code
    gaps: dict[str, list[Gap]] = field(default_factory=lambda: defaultdict(list))
    changes: dict[str, Change] = field(default_factory=dict)  # overall, by code

    @property
    def has_results(self) -> bool:
        return bool(self.results)

    def share(self, risk_code: str) -> Share | None:
        """R1's share naming the risk, or None when the round has no such cell."""
        cell = self.results.get(perception_code(risk_code))
        if cell is None:
            return None
        if cell.suppressed or cell.estimate is None:
            return Share(None, None, None, None)
        return Share(cell.estimate, cell.ci_low, cell.ci_high, cell.n)

    def equity_groups(self, item: core.Risk) -> list[str]:
        """Vulnerable groups significantly worse off on the risk's share or its
        linked indicators, by at least the §10 margin; in VULNERABLE_GROUPS order."""
        flagged: set[str] = set()
        for code in (perception_code(item.code), *item.evidence):
            margin = SHARE_GAP if code.startswith(f"{PERCEPTION}/") else SCALE_GAP
            for gap in self.gaps.get(code, ()):
                group = f"{gap.dimension}:{gap.category}"
                if (
                    group in VULNERABLE_GROUPS
                    and gap.worse
                    and gap.significant
                    and not gap.suppressed
                    and gap.difference is not None
                    and abs(gap.difference) >= margin
                ):
                    flagged.add(group)
        return [g for g in VULNERABLE_GROUPS if g in flagged]

    def trend(self, risk_code: str) -> str:
        """``up``/``down`` on a detected change of the share, ``same`` otherwise;
        "" without a comparable previous round."""
        change = self.changes.get(perception_code(risk_code))
        if change is None or change.verdict == Change.Verdict.NOT_COMPARABLE:
            return ""
        if change.verdict == Change.Verdict.CHANGE and change.difference:
            return "up" if change.difference > 0 else "down"
        return "same"

    def poor_indicators(self, item: core.Risk, framework: core.Framework) -> list[str]:
        """Linked 0–10 indicators whose overall estimate is on the bad side of 5
        (below it, or above it for an indicator where higher is worse)."""
        poor = []
        for code in item.evidence:
            indicator = framework.indicators.get(code)
            cell = self.results.get(code)
            if indicator is None or indicator.source not in ("survey", "expert"):
                continue
            if cell is None or cell.suppressed or cell.estimate is None:
                continue
            if indicator.polarity * (cell.estimate - SCALE_MIDDLE) < 0:
                poor.append(code)
        return poor

    def top_shares(self, codes: list[str]) -> list[str]:
        """The catalogue codes ranking in the top SUGGEST_TOP by share."""
        known = [
            (share.estimate, code)
            for code in codes
            if (share := self.share(code)) is not None and share.estimate is not None
        ]
        known.sort(key=lambda pair: (-pair[0], pair[1]))
        return [code for _estimate, code in known[:SUGGEST_TOP]]


def read_round(assessment: Assessment) -> RoundReadings:
    readings = RoundReadings(assessment)
    for result in Result.objects.for_assessment(assessment).overall():
        readings.results[result.code] = result
    for gap in Gap.objects.filter(assessment=assessment):
        readings.gaps[gap.code].append(gap)
    for change in Change.objects.filter(assessment=assessment, dimension=ALL):
        readings.changes[change.code] = change
    return readings
