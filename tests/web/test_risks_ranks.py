from __future__ import annotations

from hromada.web.communities.models import Community
from hromada.web.risks.models import Risk
from hromada.web.risks.services import risk_dialogue_ranks_set
from tests.web.base import HromadaTestCase


class DialogueRanksTest(HromadaTestCase):
    def risk(self, title: str, community: Community | None = None) -> Risk:
        return Risk.objects.create(community=community or self.community, title=title)

    def test_the_agreed_order_replaces_earlier_ranks(self) -> None:
        shelling, mines, outages = (
            self.risk(t) for t in ("обстріли", "міни", "світло")
        )
        risk_dialogue_ranks_set(community=self.community, ordered=[outages, shelling])
        risk_dialogue_ranks_set(community=self.community, ordered=[mines, outages])
        ranks = dict(Risk.objects.values_list("title", "dialogue_rank"))
        self.assertEqual(ranks, {"міни": 1, "світло": 2, "обстріли": None})

    def test_it_refuses_a_risk_of_another_community(self) -> None:
        elsewhere = self.risk("чужий", community=self.other_community)
        with self.assertRaisesMessage(ValueError, "must belong to the community"):
            risk_dialogue_ranks_set(community=self.community, ordered=[elsewhere])
        self.assertIsNone(Risk.objects.get().dialogue_rank)
