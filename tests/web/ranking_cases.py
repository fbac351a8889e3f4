"""A dialogue session with a small risk register, for the risk-ranking tests."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from hromada.web.dialogues import services
from hromada.web.dialogues.models import Ballot, BallotResponse
from hromada.web.risks.models import Risk
from tests.web.dialogue_cases import DialogueCase

# code, title, likelihood, impact: computed ranks follow L × I (ties to impact).
RISKS = (
    ("RK01", "Темні вулиці", 5, 5),
    ("RK02", "Домашнє насильство", 4, 5),
    ("RK03", "Міни на полях", 4, 4),
    ("RK04", "Шахрайство телефоном", 4, 3),
    ("RK05", "Торгівля наркотиками", 3, 3),
    ("RK06", "ДТП біля шкіл", 3, 2),
    ("RK07", "Конфлікти з ВПО", 2, 2),
    ("RK08", "Крадіжки велосипедів", 1, 2),
)


class RankingCase(DialogueCase):
    risks: list[Risk]
    dismissed: Risk
    outsider_risk: Risk

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.risks = [
            Risk.objects.create(
                community=cls.community,
                code=code,
                title=title,
                title_en=f"{title} (en)",
                likelihood=likelihood,
                impact=impact,
                score=likelihood * impact,
            )
            for code, title, likelihood, impact in RISKS
        ]
        cls.dismissed = Risk.objects.create(
            community=cls.community,
            code="RK20",
            title="Відхилений ризик",
            status=Risk.Status.DISMISSED,
        )
        cls.outsider_risk = Risk.objects.create(
            community=cls.other_community, code="RK01", title="Ризик Ізюму"
        )

    def rank_url(self, code: str | None = None) -> str:
        return reverse("dialogues:rank", args=[code or self.session.code])

    def ballot(self, method: str = Ballot.Method.DOTS, budget: int = 3) -> Ballot:
        return services.ballot_setup(
            session=self.session, method=method, risks=self.risks, budget=budget
        )

    def cast(
        self, group: str, marks: dict[int, int], times: int = 1
    ) -> list[BallotResponse]:
        """``times`` online ballots of ``group``: risk index → dots or place."""
        if not self.session.voting_open:
            self.open_voting()
        cast = []
        for _n in range(times):
            participant, _key = services.participant_create(session=self.session)
            cast.append(
                services.ballot_cast(
                    session=self.session,
                    participant=participant,
                    group=group,
                    marks={self.risks[i].pk: v for i, v in marks.items()},
                )
            )
        return cast

    def pks(self, indices: Sequence[int]) -> list[int]:
        return [self.risks[i].pk for i in indices]
