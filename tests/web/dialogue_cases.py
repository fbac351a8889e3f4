"""A dialogue session in the cast's community, built through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from hromada.web.dialogues import services
from hromada.web.dialogues.models import DialogueSession, Participant, Statement
from tests.web.base import HromadaTestCase

STATEMENTS = (
    "Біля школи потрібне освітлення.",
    "Поліцейський офіцер громади має щомісяця звітувати.",
    "Укриття в ліцеї відчинене вночі.",
    "У громаді безпечно ввечері.",
    "Молодь мало залучають до рішень.",
    "Переселенців чують на зборах.",
)


class DialogueCase(HromadaTestCase):
    session: DialogueSession
    other_session: DialogueSession
    statements: list[Statement]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.session = services.session_create(
            community=cls.community,
            kind=DialogueSession.Kind.COMMUNITY_DIALOGUE,
            title="Безпека в центрі міста",
            date=dt.date(2025, 9, 18),
            facilitator=cls.facilitator,
        )
        cls.statements = services.statements_add(
            session=cls.session, texts=STATEMENTS, language="uk"
        )
        cls.other_session = services.session_create(
            community=cls.other_community,
            kind=DialogueSession.Kind.FOCUS_GROUP,
            title="Фокус-група в Ізюмі",
            date=dt.date(2025, 9, 20),
        )

    def setUp(self) -> None:
        super().setUp()
        # Failed code look-ups are counted in the cache, per address.
        cache.clear()
        # An /en/ request leaves English active in the thread; reverse() in Ukrainian.
        translation.activate("uk")

    def url(self, name: str, *args: Any, session: DialogueSession | None = None) -> str:
        chosen = session or self.session
        return reverse(
            f"dialogues:{name}", args=[chosen.community.katotth, chosen.pk, *args]
        )

    def tab_url(self, name: str, *args: Any) -> str:
        return reverse(f"dialogues:{name}", args=[self.community.katotth, *args])

    def open_voting(self) -> str:
        services.voting_open(session=self.session)
        assert self.session.code is not None
        return self.session.code

    def voters(self, rows: Sequence[Sequence[int | None]]) -> list[Participant]:
        """One online participant per row; row[i] votes on statement i (None: none)."""
        if not self.session.voting_open:
            self.open_voting()
        people = []
        for row in rows:
            participant, _key = services.participant_create(session=self.session)
            for statement, value in zip(self.statements, row, strict=False):
                if value is not None:
                    services.vote_cast(
                        session=self.session,
                        participant=participant,
                        number=statement.number,
                        value=value,
                    )
            people.append(participant)
        return people


# Two camps of five that disagree on the first three statements and agree on the
# last three, plus two who agree with everything: three groups, none under 3.
CAMPS = [
    *([[1, 1, 1, 1, 1, 1]] * 5),
    *([[-1, -1, -1, 1, 1, 1]] * 5),
    [1, -1, 1, 1, 1, 1],
    [-1, 1, -1, 1, 1, 1],
]
