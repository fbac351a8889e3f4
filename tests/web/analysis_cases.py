"""Stored results of a round, written directly: the tab only reads them."""

from __future__ import annotations

from typing import Any

from hromada.web.analysis.models import Change, Gap, Reliability, Result
from hromada.web.communities.models import Community
from hromada.web.surveys import services as surveys
from hromada.web.surveys.frameworks import default_version
from hromada.web.surveys.models import Assessment
from tests.web.base import HromadaTestCase

METHOD = "hromada-stats-1.0"


def assessment_of(community: Community, round: str = "2026-1") -> Assessment:
    return surveys.assessment_create(
        community=community, round=round, framework=default_version(), actor=None
    )


def result(
    assessment: Assessment, code: str, estimate: float | None, **extra: Any
) -> Result:
    kind = (
        Result.Kind.INDEX
        if code in ("PSI", "SPI", "CPI")
        else Result.Kind.STATISTIC
        if code.startswith("T")
        else Result.Kind.EXPERT
        if code.startswith("E")
        else Result.Kind.SURVEY
    )
    fields: dict[str, Any] = {
        "kind": kind,
        "estimate": estimate,
        "se": 0.21,
        "ci_low": None if estimate is None else estimate - 0.4,
        "ci_high": None if estimate is None else estimate + 0.4,
        "deff": 1.37,
        "n": 412,
        "method_version": METHOD,
    } | extra
    return Result.objects.create(assessment=assessment, code=code, **fields)


class AnalysedRoundCase(HromadaTestCase):
    """Sloviansk's round 2026-1, analysed, with a significant worse gap for
    displaced residents, a hidden subgroup cell, a change since 2025-1, an
    unreliable indicator and the residents' top problems."""

    previous: Assessment
    assessment: Assessment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.previous = assessment_of(cls.community, "2025-1")
        result(cls.previous, "S1", 5.1)
        result(cls.previous, "C6", 6.0)
        cls.assessment = assessment_of(cls.community)
        a = cls.assessment
        result(a, "S1", 6.34, ci_low=5.91, ci_high=6.77)
        result(a, "S4", 3.12)
        result(a, "C6", 5.78)
        result(a, "C2", 7.45)
        result(a, "E2", 4.0, se=None, ci_low=None, ci_high=None, deff=None, n=0)
        result(a, "PSI", 5.5)
        result(a, "T1", 45.2, se=None, ci_low=None, ci_high=None, deff=None, n=0)
        result(a, "R1/RK09", 0.412, ci_low=0.37, ci_high=0.45)
        result(a, "R1/RK11", 0.287, ci_low=0.25, ci_high=0.33)
        result(a, "R1/RK01", 0.05, ci_low=0.03, ci_high=0.07)
        result(a, "R1/RK13", None, suppressed=True, n=7)
        result(a, "S1", 6.1, dimension="idp", category="no", n=380)
        result(
            a,
            "S1",
            None,
            dimension="idp",
            category="yes",
            n=8,
            suppressed=True,
            se=None,
            deff=None,
        )
        result(a, "C6", 6.3, dimension="idp", category="no", n=380)
        result(a, "C6", 4.1, dimension="idp", category="yes", n=32)
        Gap.objects.create(
            assessment=a,
            code="C6",
            dimension="idp",
            category="yes",
            estimate_group=4.1,
            estimate_rest=6.3,
            difference=-2.2,
            ci_low=-3.0,
            ci_high=-1.4,
            n_group=32,
            n_rest=380,
            significant=True,
            worse=True,
            method_version=METHOD,
        )
        Gap.objects.create(
            assessment=a,
            code="S1",
            dimension="idp",
            category="yes",
            n_group=8,
            n_rest=380,
            suppressed=True,
            method_version=METHOD,
        )
        Change.objects.create(
            assessment=a,
            previous=cls.previous,
            code="S1",
            difference=1.24,
            ci_low=0.6,
            ci_high=1.9,
            verdict=Change.Verdict.CHANGE,
            method_version=METHOD,
        )
        Change.objects.create(
            assessment=a,
            previous=cls.previous,
            code="C6",
            difference=-0.22,
            verdict=Change.Verdict.UNCLEAR,
            method_version=METHOD,
        )
        Reliability.objects.create(assessment=a, code="S1", alpha=0.81, items=3, n=400)
        Reliability.objects.create(assessment=a, code="C2", alpha=0.52, items=3, n=398)
