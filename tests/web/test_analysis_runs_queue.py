from __future__ import annotations

from django.test import override_settings

from hromada.web.analysis.models import AnalysisRun
from hromada.web.analysis.runs import analysis_request, latest_run
from hromada.web.risks.models import Risk, RiskEvidence
from hromada.web.risks.services import risk_evidence_link, risk_evidence_unlink
from hromada.web.surveys import services as surveys
from hromada.web.surveys.frameworks import default_version
from tests.web.base import HromadaTestCase


@override_settings(HROMADA_ANALYSIS_INLINE_MAX=0)
class QueueTest(HromadaTestCase):
    def setUp(self) -> None:
        self.assessment = surveys.assessment_create(
            community=self.community,
            round="2026-1",
            framework=default_version(),
            actor=self.facilitator,
        )

    def test_a_second_request_joins_the_pending_run(self) -> None:
        first = analysis_request(assessment=self.assessment, actor=self.facilitator)
        again = analysis_request(assessment=self.assessment, actor=None)
        self.assertEqual(first.pk, again.pk)
        self.assertEqual(first.status, AnalysisRun.Status.QUEUED)
        AnalysisRun.objects.filter(pk=first.pk).update(status=AnalysisRun.Status.DONE)
        later = analysis_request(assessment=self.assessment, actor=None)
        self.assertNotEqual(later.pk, first.pk)
        self.assertEqual(latest_run(self.assessment), later)


class EvidenceLinkTest(HromadaTestCase):
    def test_links_are_unique_and_go_with_their_record(self) -> None:
        risks = [Risk.objects.create(community=self.community, title=t) for t in "ab"]
        for risk in risks:
            risk_evidence_link(risk=risk, kind="dialogue", reference="agreement:7")
        risk_evidence_link(
            risk=risks[0], kind="dialogue", reference="agreement:7", note="again"
        )
        self.assertEqual(RiskEvidence.objects.count(), 2)
        self.assertEqual(RiskEvidence.objects.get(risk=risks[0]).note, "again")
        self.assertEqual(
            risk_evidence_unlink(kind="dialogue", reference="agreement:7"), 2
        )
        self.assertFalse(RiskEvidence.objects.exists())
