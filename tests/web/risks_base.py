"""A round of analysis rows built by hand, as the analysis stores them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from hromada.web.analysis.models import Change, Gap, Result
from hromada.web.communities.models import Community
from hromada.web.risks import services
from hromada.web.risks.models import Risk
from hromada.web.surveys import services as surveys
from hromada.web.surveys.frameworks import default_version
from hromada.web.surveys.models import Assessment
from tests.web.base import HromadaTestCase

ROUND = "2026-1"


class RisksTestCase(HromadaTestCase):
    assessment: Assessment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.assessment = cls.round(cls.community, ROUND)

    @classmethod
    def round(cls, community: Community, name: str) -> Assessment:
        return surveys.assessment_create(
            community=community,
            round=name,
            framework=default_version(),
            actor=None,
        )

    @staticmethod
    def result(
        assessment: Assessment, code: str, estimate: float | None, **fields: Any
    ) -> Result:
        kind = (
            Result.Kind.INDEX if code in ("PSI", "SPI", "CPI") else Result.Kind.SURVEY
        )
        defaults: dict[str, Any] = {"n": 300}
        if estimate is not None:
            width = 0.04 if code.startswith("R1/") else 0.5
            defaults |= {"ci_low": estimate - width, "ci_high": estimate + width}
        return Result.objects.create(
            assessment=assessment,
            code=code,
            kind=kind,
            estimate=estimate,
            method_version="test",
            **(defaults | fields),
        )

    @staticmethod
    def gap(
        assessment: Assessment,
        code: str,
        group: str,
        difference: float,
        *,
        significant: bool = True,
        worse: bool = True,
        suppressed: bool = False,
    ) -> Gap:
        dimension, category = group.split(":")
        return Gap.objects.create(
            assessment=assessment,
            code=code,
            dimension=dimension,
            category=category,
            difference=None if suppressed else difference,
            significant=significant,
            worse=worse,
            suppressed=suppressed,
            n_group=8 if suppressed else 60,
            n_rest=240,
            method_version="test",
        )

    @staticmethod
    def change(
        assessment: Assessment,
        previous: Assessment,
        code: str,
        difference: float,
        verdict: str,
    ) -> Change:
        return Change.objects.create(
            assessment=assessment,
            previous=previous,
            code=code,
            difference=difference,
            verdict=verdict,
            method_version="test",
        )

    def add_risk(
        self,
        code: str = "",
        likelihood: int | None = 3,
        impact: int | None = 4,
        **extra: Any,
    ) -> Risk:
        return services.risk_create(
            community=extra.pop("community", self.community),
            actor=self.facilitator,
            code=code,
            likelihood=likelihood,
            impact=impact,
            **extra,
        )

    def url(self, name: str, *args: object, community: Community | None = None) -> str:
        # In the default language: a test adds "/en" itself where it wants it.
        with translation.override("uk"):
            return reverse(
                f"risks:{name}", args=[(community or self.community).katotth, *args]
            )
