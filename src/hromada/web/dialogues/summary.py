"""The stored opinion analysis, worded for people, with the disclosure rules applied.

- Opinion groups show only when the analysis says so (7+ voters, every group
  3+ people); otherwise a "not enough votes" message stands in their place.
- No count of fewer than 3 people is shown: a statement seen by fewer than 3
  gets no counts, a consensus or repness line over fewer than 3 is dropped.
- Answers to meta (demographic) statements are counts of people in a category:
  cells under 10 are suppressed, with complementary suppression (``suppress_cells``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada import core
from hromada.web.charts import (
    Chart,
    DataTable,
    OpinionDot,
    OpinionGroupMark,
    opinion_map_chart,
)
from hromada.web.dialogues.models import (
    DialogueSession,
    Moderation,
    OpinionAnalysis,
    Statement,
)

MIN_PEOPLE = 3
META_N_MIN = 10


def letter(group_id: int) -> str:
    return chr(ord("A") + group_id)


def percent(share: float) -> str:
    return f"{round(100 * share)} %"


@dataclass(frozen=True, slots=True)
class Line:
    """A sentence about one statement (its text is set apart in the template)."""

    sentence: str
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class GroupView:
    letter: str
    size: int
    share: str
    tone_class: str
    distinct: list[Line]


@dataclass(frozen=True, slots=True)
class MetaRow:
    number: int
    text: str
    cells: list[str]  # agree, disagree, pass, then "agree" per group


@dataclass(frozen=True, slots=True)
class StatementRow:
    statement: Statement
    counts: tuple[int, int, int] | None  # agree, disagree, pass: None when hidden
    paper: int
    seen: int


@dataclass
class OpinionView:
    status: str
    voters: int
    votes: int
    paper_votes: int
    computed_at: Any
    method_version: str
    headline: str
    groups: list[GroupView] = field(default_factory=list)
    chart: Chart | None = None
    consensus_agree: list[Line] = field(default_factory=list)
    consensus_disagree: list[Line] = field(default_factory=list)
    group_aware: list[Line] = field(default_factory=list)
    divisive: list[Line] = field(default_factory=list)
    uncertain: list[Line] = field(default_factory=list)
    meta_columns: list[str] = field(default_factory=list)
    meta_rows: list[MetaRow] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.status == OpinionAnalysis.Status.SHOWN


def statement_texts(session: DialogueSession) -> dict[int, str]:
    return {s.number: s.text for s in session.statements.all()}


def opinion_view(session: DialogueSession, analysis: OpinionAnalysis) -> OpinionView:
    result = analysis.result
    texts = statement_texts(session)
    view = OpinionView(
        status=analysis.status,
        voters=analysis.voters,
        votes=analysis.votes,
        paper_votes=analysis.paper_votes,
        computed_at=analysis.computed_at,
        method_version=analysis.method_version,
        headline=headline(analysis),
    )
    consensus = result.get("consensus", {})
    view.consensus_agree = _consensus(consensus.get("agree", []), texts, agree=True)
    view.consensus_disagree = _consensus(
        consensus.get("disagree", []), texts, agree=False
    )
    view.uncertain = [
        Line(
            _("%(n)s of %(seen)s passed or were unsure:")
            % {"n": u["n_pass"], "seen": u["n_seen"]},
            u["tid"],
            texts.get(u["tid"], ""),
        )
        for u in result.get("uncertain", [])
        if u["n_seen"] >= MIN_PEOPLE
    ]
    if view.shown:
        _fill_groups(view, result, texts, analysis.voters)
    view.meta_columns, view.meta_rows = _meta(result, texts, shown=view.shown)
    return view


def headline(analysis: OpinionAnalysis) -> str:
    status, voters = analysis.status, analysis.voters
    if status == OpinionAnalysis.Status.NO_VOTES and analysis.paper_votes:
        return _(
            "Only paper tallies so far: they count in the totals and in what "
            "unites everyone; opinion groups need votes cast online."
        )
    if status == OpinionAnalysis.Status.NO_VOTES:
        return _("No votes yet.")
    if status == OpinionAnalysis.Status.FEW_VOTERS:
        return ngettext(
            "Not enough votes to show opinion groups yet: %(n)s person has voted; "
            "groups appear once at least 7 have.",
            "Not enough votes to show opinion groups yet: %(n)s people have voted; "
            "groups appear once at least 7 have.",
            voters,
        ) % {"n": voters}
    if status == OpinionAnalysis.Status.SMALL_GROUP:
        return _(
            "Not enough votes to show opinion groups: a group would have fewer "
            "than 3 people. Groups appear as more people vote."
        )
    groups = ", ".join(
        f"{letter(g['id'])} ({g['size']})" for g in analysis.result.get("groups", [])
    )
    return ngettext(
        "%(voters)s people voted and form %(k)s opinion group: %(groups)s.",
        "%(voters)s people voted and form %(k)s opinion groups: %(groups)s.",
        analysis.k or 0,
    ) % {"voters": voters, "k": analysis.k, "groups": groups}


def _consensus(
    entries: list[dict[str, Any]], texts: dict[int, str], *, agree: bool
) -> list[Line]:
    template = (
        _("%(n)s of %(trials)s agreed:")
        if agree
        else _("%(n)s of %(trials)s disagreed:")
    )
    return [
        Line(
            template % {"n": c["n_success"], "trials": c["n_trials"]},
            c["tid"],
            texts.get(c["tid"], ""),
        )
        for c in entries
        if c["n_trials"] >= MIN_PEOPLE
    ]


def _fill_groups(
    view: OpinionView, result: dict[str, Any], texts: dict[int, str], voters: int
) -> None:
    groups = result["groups"]
    repness = result.get("repness", {})
    view.groups = [
        GroupView(
            letter=letter(g["id"]),
            size=g["size"],
            share=percent(g["size"] / voters),
            tone_class=f"opinion-group-{g['id']}",
            distinct=[
                _repness_line(r, letter(g["id"]), texts)
                for r in repness.get(str(g["id"]), [])
                if r["n_trials"] >= MIN_PEOPLE
            ],
        )
        for g in groups
    ]
    view.chart = _chart(result)
    view.group_aware = [
        Line(
            _("Agreed across all groups (group-aware consensus %(value)s):")
            % {"value": f"{g['value']:.2f}"},
            g["tid"],
            texts.get(g["tid"], ""),
        )
        for g in result.get("group_aware_consensus", [])
    ]
    view.divisive = [
        _divisive_line(d, texts)
        for d in result.get("divisive", [])
        if min(d.get("seen", [MIN_PEOPLE])) >= MIN_PEOPLE
    ]


def _repness_line(r: dict[str, Any], group: str, texts: dict[int, str]) -> Line:
    values = {"n": r["n_success"], "trials": r["n_trials"], "group": group}
    if r["best_agree"] and r["repful_for"] == "disagree":
        sentence = _(
            "The nearest statement for group %(group)s, without a clear difference "
            "(%(n)s of %(trials)s disagreed):"
        )
    elif r["repful_for"] == "agree":
        sentence = _(
            "%(n)s of %(trials)s in group %(group)s agreed, more than the other groups:"
        )
    else:
        sentence = _(
            "%(n)s of %(trials)s in group %(group)s disagreed, more than the other "
            "groups:"
        )
    return Line(sentence % values, r["tid"], texts.get(r["tid"], ""))


def _divisive_line(d: dict[str, Any], texts: dict[int, str]) -> Line:
    shares = d["agree_shares"]
    most, least = d["most_agree_group"], d["least_agree_group"]
    sentence = _(
        "Divides the groups: about %(high)s of group %(most)s agree, about "
        "%(low)s of group %(least)s:"
    ) % {
        "high": percent(shares[most]),
        "most": letter(most),
        "low": percent(shares[least]),
        "least": letter(least),
    }
    return Line(sentence, d["tid"], texts.get(d["tid"], ""))


def _chart(result: dict[str, Any]) -> Chart:
    groups = result["groups"]
    sizes = {g["id"]: g["size"] for g in groups}
    titles = {
        gid: ngettext(
            "Group %(group)s: %(n)s person", "Group %(group)s: %(n)s people", size
        )
        % {"group": letter(gid), "n": size}
        for gid, size in sizes.items()
    }
    listing = "; ".join(titles.values())
    voters = len(result["points"])
    return opinion_map_chart(
        [OpinionDot(float(x), float(y), int(g)) for x, y, g in result["points"]],
        [
            OpinionGroupMark(
                g["id"],
                letter(g["id"]),
                float(g["center"][0]),
                float(g["center"][1]),
                titles[g["id"]],
            )
            for g in groups
        ],
        title=_("Opinion map"),
        description=_(
            "Each dot is a participant, placed by how they voted: people close "
            "together voted alike. %(groups)s."
        )
        % {"groups": listing},
        dot_titles={
            **{
                gid: _("A participant in group %(group)s") % {"group": letter(gid)}
                for gid in sizes
            },  # fmt: skip
            -1: _("A participant outside the groups (too few votes)"),
        },
        table=DataTable(
            caption=_("Opinion groups"),
            columns=(_("Group"), _("People"), _("Share of voters")),
            rows=tuple(
                (letter(gid), str(size), percent(size / voters))
                for gid, size in sizes.items()
            ),
            numeric=frozenset({1, 2}),
        ),
    )


def _meta(
    result: dict[str, Any], texts: dict[int, str], *, shown: bool
) -> tuple[list[str], list[MetaRow]]:
    """Meta answers, every cell under 10 people suppressed (with its complements)."""
    entries = result.get("meta", [])
    if not entries:
        return [], []
    n_groups = len(result.get("groups", [])) if shown else 0
    cells: list[tuple[tuple[int, str], int]] = []
    relations = []
    for entry in entries:
        tid = entry["tid"]
        agree, disagree, passes = entry["all"]
        cells += [
            ((tid, "agree"), agree),
            ((tid, "disagree"), disagree),
            ((tid, "pass"), passes),
            # Never shown, but whoever knows the voters could work it out.
            ((tid, "seen"), agree + disagree + passes),
        ]
        relations.append(
            core.Relation(
                (tid, "seen"), ((tid, "agree"), (tid, "disagree"), (tid, "pass"))
            )
        )
        if n_groups:
            in_groups = [g[0] for g in entry["groups"]]
            parts = [((tid, f"group-{i}"), n) for i, n in enumerate(in_groups)]
            cells += parts + [((tid, "outside"), agree - sum(in_groups))]
            relations.append(
                core.Relation(
                    (tid, "agree"),
                    (*(key for key, _n in parts), (tid, "outside")),
                )
            )
    table = pd.DataFrame(
        {"n": [n for _key, n in cells]},
        index=pd.MultiIndex.from_tuples([key for key, _n in cells]),
    )
    suppression = core.suppress_cells(table, relations, n_min=META_N_MIN)
    hidden = suppression.suppressed
    shown_columns = ["agree", "disagree", "pass"] + [
        f"group-{i}" for i in range(n_groups)
    ]

    counts = dict(cells)

    def cell(tid: int, column: str) -> str:
        n = counts[(tid, column)]
        # A zero reveals no one (and never protects another cell).
        return _("n < 10") if hidden[(tid, column)] and n else str(n)

    rows = [
        MetaRow(
            e["tid"],
            texts.get(e["tid"], ""),
            [cell(e["tid"], c) for c in shown_columns],
        )
        for e in entries
    ]
    headings = [_("yes"), _("no"), _("pass")] + [
        _("yes in group %(group)s") % {"group": letter(i)} for i in range(n_groups)
    ]
    return headings, rows


def statement_rows(
    session: DialogueSession, analysis: OpinionAnalysis | None
) -> list[StatementRow]:
    """Every statement with its counts (online + paper), hidden under 3 people.

    Meta statements get no counts here: their answers are in the meta table,
    where the demographic rule (under 10) applies.
    """
    tallies = (analysis.result.get("tallies", {}) if analysis else {}) or {}
    rows = []
    for statement in session.statements.order_by("number"):
        t = tallies.get(str(statement.number))
        counts, paper, seen = None, 0, 0
        if t is not None:
            seen = t["agree"] + t["disagree"] + t["passes"]
            paper = t["paper"]
            if seen >= MIN_PEOPLE and not statement.is_meta:
                counts = (t["agree"], t["disagree"], t["passes"])
        rows.append(StatementRow(statement, counts, paper, seen))
    return rows


def top_consensus(analysis: OpinionAnalysis, limit: int = 3) -> list[dict[str, Any]]:
    """The strongest agree-consensus statements over 3 people or more (for the API)."""
    entries = analysis.result.get("consensus", {}).get("agree", [])
    return [c for c in entries if c["n_trials"] >= MIN_PEOPLE][:limit]


def is_open(statement: Statement) -> bool:
    return statement.moderation == Moderation.ACCEPTED
