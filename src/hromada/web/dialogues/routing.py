"""Which statement a participant sees next.

Meta (demographic) statements come first, in order, unless the participant
skips them; then Pol.is's comment priority (statistics.md §8.8) draws among the
statements they have not voted on, with the priorities of the last analysis
(as Pol.is uses its previous update's) and a random draw seeded by the
participant and their number of votes: reloading the page shows the same
statement, the next vote moves on.
"""

from __future__ import annotations

import numpy as np

from hromada import core
from hromada.web.dialogues.analysis import default_priorities
from hromada.web.dialogues.models import (
    DialogueSession,
    OpinionAnalysis,
    Participant,
    Statement,
)


def voted_numbers(participant: Participant | None) -> set[int]:
    if participant is None:
        return set()
    return set(participant.votes.values_list("statement__number", flat=True))


def next_statement_for(
    session: DialogueSession, participant: Participant | None
) -> Statement | None:
    open_ = list(session.statements.accepted().order_by("number"))
    voted = voted_numbers(participant)
    if participant is None or not participant.skipped_meta:
        for statement in open_:
            if statement.is_meta and statement.number not in voted:
                return statement
    regular = [s for s in open_ if not s.is_meta]
    if not regular:
        return None
    numbers = np.array([s.number for s in regular], dtype=np.int64)
    chosen = core.next_statement(
        numbers,
        _priorities(session, [s.number for s in regular]),
        voted=np.array(sorted(voted), dtype=np.int64),
        random_state=np.random.default_rng(
            [participant.pk if participant else 0, len(voted)]
        ),
    )
    return next((s for s in regular if s.number == chosen), None)


def _priorities(session: DialogueSession, numbers: list[int]) -> np.ndarray:
    stored = (
        OpinionAnalysis.objects.filter(session=session)
        .values_list("result", flat=True)
        .first()
        or {}
    ).get("priorities", {})
    fresh = default_priorities(numbers)
    return np.array(
        [stored.get(str(n), fresh[i]) for i, n in enumerate(numbers)],
        dtype=np.float64,
    )


def progress(
    session: DialogueSession, participant: Participant | None
) -> tuple[int, int]:
    """(statements voted on, statements open) for the participant."""
    open_numbers = set(session.statements.accepted().values_list("number", flat=True))
    return len(voted_numbers(participant) & open_numbers), len(open_numbers)
