"""The dialogue app's models, one module per part of the domain."""

from hromada.web.dialogues.models.ballots import (
    Ballot,
    BallotComparison,
    BallotItem,
    BallotMark,
    BallotPaperCount,
    BallotResponse,
    PriorityDecision,
    PriorityItem,
)
from hromada.web.dialogues.models.circles import (
    CircleAgreementItem,
    CircleFollowUp,
    CircleParty,
    RestorativeCircle,
)
from hromada.web.dialogues.models.outcomes import ActionItem, Agreement
from hromada.web.dialogues.models.sessions import (
    AttendanceCount,
    Attendee,
    DialogueSession,
    PopulationShare,
)
from hromada.web.dialogues.models.votes import (
    Moderation,
    OpinionAnalysis,
    PaperTally,
    Participant,
    Statement,
    Vote,
)

__all__ = [
    "ActionItem",
    "Agreement",
    "AttendanceCount",
    "Attendee",
    "Ballot",
    "BallotComparison",
    "BallotItem",
    "BallotMark",
    "BallotPaperCount",
    "BallotResponse",
    "CircleAgreementItem",
    "CircleFollowUp",
    "CircleParty",
    "DialogueSession",
    "Moderation",
    "OpinionAnalysis",
    "PaperTally",
    "Participant",
    "PopulationShare",
    "PriorityDecision",
    "PriorityItem",
    "RestorativeCircle",
    "Statement",
    "Vote",
]
