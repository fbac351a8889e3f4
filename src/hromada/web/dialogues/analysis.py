"""The session's opinion map: votes and paper tallies → ``hromada.core`` → JSON.

Online and imported votes carry a participant, so they form the opinion groups
(Pol.is's PCA and clustering, statistics.md §8). Paper tallies have no
participant identity: they join each statement's counts and the consensus
("what unites everyone"), never the groups, repness or group-aware consensus.

The stored result already obeys the rule of the issue: with fewer than 7 voters,
or a group of fewer than 3 people, it holds no groups, no map and nothing per
group, only the counts and the consensus. Statement counts seen by fewer than 3
people and demographic (meta) counts under 10 are withheld when shown
(``summary.py``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from hromada import core
from hromada.web.dialogues.models import (
    DialogueSession,
    Moderation,
    OpinionAnalysis,
    PaperTally,
    Statement,
    Vote,
)

METHOD_VERSION = "pol.is-math §8 / hromada.core 1"
MIN_VOTERS = 7
MIN_GROUP = 3
TOP = 5


@dataclass(frozen=True, slots=True)
class Computed:
    status: str
    voters: int
    votes: int
    paper_votes: int
    k: int | None
    result: dict[str, Any]


def votes_frame(session: DialogueSession) -> pd.DataFrame:
    """The session's votes as ``core.parse_polis_votes`` returns them."""
    rows = Vote.objects.filter(statement__session=session).values_list(
        "participant_id", "statement__number", "value", "voted_at"
    )
    frame = pd.DataFrame(
        list(rows), columns=["participant", "statement", "vote", "time"]
    )
    frame["time"] = [t.timestamp() * 1000.0 for t in frame["time"]]
    return frame.astype(
        {
            "participant": "int64",
            "statement": "int64",
            "vote": "int64",
            "time": "float64",
        }
    )


def statements_frame(session: DialogueSession) -> pd.DataFrame:
    rows = Statement.objects.filter(session=session).values_list(
        "number", "moderation", "is_meta"
    )
    return pd.DataFrame(
        list(rows), columns=["statement", "moderation", "is_meta"]
    ).astype({"statement": "int64", "moderation": "int64", "is_meta": "bool"})


def paper_frame(session: DialogueSession) -> pd.DataFrame:
    rows = PaperTally.objects.filter(statement__session=session).values_list(
        "statement__number", "agree", "disagree", "passes"
    )
    return pd.DataFrame(
        list(rows), columns=["statement", "agree", "disagree", "passes"]
    ).astype("int64")


def compute(session: DialogueSession) -> Computed:
    statements = statements_frame(session)
    votes = votes_frame(session)
    paper = paper_frame(session)
    counts = _counts(statements, votes, paper)
    left_out = statements.loc[
        (statements["moderation"] == Moderation.REJECTED) | statements["is_meta"],
        "statement",
    ]
    consensus = core.tally_consensus(counts, exclude=left_out.tolist())
    result: dict[str, Any] = {
        "tallies": {
            str(statement): dict(zip(_TALLY, values, strict=True))
            for statement, *values in _rows(counts, ["statement", *_TALLY])
        },
        "consensus": _consensus(consensus),
    }
    paper_votes = int(paper[["agree", "disagree", "passes"]].to_numpy().sum())
    if votes.empty:
        empty = result | {"priorities": {}}
        return Computed(OpinionAnalysis.Status.NO_VOTES, 0, 0, paper_votes, None, empty)
    opinion = core.analyse_opinions(votes, statements)
    result |= _routing(opinion) | _meta(opinion, shown=False)
    status = _status(opinion)
    k = None
    if status == OpinionAnalysis.Status.SHOWN:
        result |= _groups(opinion) | _meta(opinion, shown=True)
        k = opinion.k
    return Computed(
        status=status,
        voters=len(opinion.matrix.participants),
        votes=len(votes),
        paper_votes=paper_votes,
        k=k,
        result=result,
    )


_TALLY = ("agree", "disagree", "passes", "paper")


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[list[int]]:
    """The frame's whole-number columns as rows of plain ints (for JSON)."""
    values: list[list[int]] = frame[columns].to_numpy(dtype=np.int64).tolist()
    return values


def _counts(
    statements: pd.DataFrame, votes: pd.DataFrame, paper: pd.DataFrame
) -> pd.DataFrame:
    """Online and paper counts per statement (every statement of the session)."""
    online = (
        votes.assign(
            agree=votes["vote"] == 1,
            disagree=votes["vote"] == -1,
            passes=votes["vote"] == 0,
        )
        .groupby("statement")[["agree", "disagree", "passes"]]
        .sum()
    )
    on_paper = paper.set_index("statement")
    index = pd.Index(statements["statement"], name="statement")
    online = online.reindex(index, fill_value=0).astype("int64")
    on_paper = on_paper.reindex(index, fill_value=0).astype("int64")
    total = online + on_paper
    total["paper"] = on_paper.sum(axis=1)
    return total.reset_index()


def _status(opinion: core.OpinionMap) -> str:
    if len(opinion.matrix.participants) < MIN_VOTERS:
        return OpinionAnalysis.Status.FEW_VOTERS
    sizes = [len(g.members) for g in opinion.groups]
    if not sizes or min(sizes) < MIN_GROUP:
        return OpinionAnalysis.Status.SMALL_GROUP
    return OpinionAnalysis.Status.SHOWN


def _routing(opinion: core.OpinionMap) -> dict[str, Any]:
    tids = opinion.matrix.statements.tolist()
    return {
        "priorities": {
            str(t): float(p)
            for t, p in zip(tids, opinion.comment_priorities, strict=True)
        },
        "uncertain": [
            {"tid": u.tid, "n_pass": u.n_pass, "n_seen": u.n_seen, "p_pass": u.p_pass}
            for u in opinion.uncertain[:TOP]
        ],
    }


def _groups(opinion: core.OpinionMap) -> dict[str, Any]:
    matrix, pca = opinion.matrix, opinion.pca
    tids = matrix.statements.tolist()
    gac = opinion.group_aware_consensus
    seen = core.group_tallies(matrix, opinion.labels)[:, 2, :]
    column = {t: i for i, t in enumerate(tids)}
    keep = np.flatnonzero(~matrix.mod_out)
    top_gac = keep[np.argsort(-gac[keep], kind="stable")][:TOP]
    return {
        "k": opinion.k,
        "groups": [
            {"id": g.id, "size": len(g.members), "center": list(g.center)}
            for g in opinion.groups
        ],
        # Projections without participant ids: the map needs no one's identity.
        "points": [
            [float(x), float(y), int(label)]
            for (x, y), label in zip(pca.participant_xy, opinion.labels, strict=True)
        ],
        "repness": {
            str(gid): [asdict(r) for r in reps] for gid, reps in opinion.repness.items()
        },
        "group_aware_consensus": [
            {"tid": int(tids[i]), "value": float(gac[i])} for i in top_gac
        ],
        "divisive": [
            {
                "tid": d.tid,
                "divisiveness": d.divisiveness,
                "most_agree_group": d.most_agree_group,
                "least_agree_group": d.least_agree_group,
                "agree_shares": list(d.agree_shares),
                "seen": [int(n) for n in seen[:, column[d.tid]]],
            }
            for d in opinion.divisive
        ],
    }


def _meta(opinion: core.OpinionMap, *, shown: bool) -> dict[str, Any]:
    """Answers to the meta statements: overall, and per group once groups show."""
    matrix = opinion.matrix
    columns = np.flatnonzero(matrix.meta & ~matrix.moderated_out)
    tallies = core.group_tallies(matrix, opinion.labels)
    meta = []
    for i in columns:
        votes = matrix.votes[:, i]
        entry: dict[str, Any] = {
            "tid": int(matrix.statements[i]),
            "all": [
                int(np.sum(votes == 1)),
                int(np.sum(votes == -1)),
                int(np.sum(votes == 0)),
            ],
        }
        if shown:
            entry["groups"] = [
                [int(t[0, i]), int(t[1, i]), int(t[2, i] - t[0, i] - t[1, i])]
                for t in tallies
            ]
        meta.append(entry)
    return {"meta": meta}


def _consensus(consensus: core.Consensus) -> dict[str, list[dict[str, Any]]]:
    return {
        side: [asdict(c) for c in statements]
        for side, statements in (
            ("agree", consensus.agree),
            ("disagree", consensus.disagree),
        )
    }


def default_priorities(numbers: list[int]) -> np.ndarray:
    """Pol.is's priority of statements nobody has voted on yet (§8.8)."""
    size = len(numbers)
    return core.comment_priorities(
        np.zeros((1, 3, size), dtype=np.int64),
        np.zeros(size),
        np.zeros(size, dtype=bool),
    )
