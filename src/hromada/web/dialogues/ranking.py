"""Tallies of a session's risk-ranking ballot beside the register's computed ranks.

Statistics come from the core (statistics.md §9): ``dot_vote_scores``,
``borda_scores`` or ``pairwise_scores`` overall, ``group_rankings`` per declared
stakeholder group, ``risk_scores`` for the register and ``compare_risk_ranks``
for the discordance flags and Kendall's τ.

Disclosure (§7), as the opinion analysis does it: the overall tally is shown
from ``MIN_PEOPLE`` ballots (like a statement's counts); each group's
``voters`` pass ``core.suppress_cells`` with ``n_min = 10`` and the relation
"all ballots = Σ groups", so a lone small group cannot be recovered by
subtracting the others from the overall tally. Suppressed groups' ballots count
in the overall tally only; their rankings, ranks and sizes are never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy as _

from hromada import core
from hromada.web.dialogues.groups import Label, category_label
from hromada.web.dialogues.models import Ballot
from hromada.web.dialogues.summary import META_N_MIN, MIN_PEOPLE
from hromada.web.risks.models import Risk

CORE_METHOD: dict[str, core.RankingMethod] = {
    Ballot.Method.DOTS: "dots",
    Ballot.Method.RANKING: "borda",
    Ballot.Method.PAIRWISE: "pairwise",
}
DISCORDANT_GAP = 5
TOP = 3


def default_budget(items: int) -> int:
    """⌈items/3⌉ (statistics.md §9), at least 1."""
    return max(1, -(-items // 3))


@dataclass(frozen=True)
class GroupColumn:
    code: str
    label: Label
    voters: int | None  # None when suppressed
    suppressed: bool


@dataclass
class RankingRow:
    risk: Risk
    register_rank: int | None
    perception_rank: int | None
    score: float
    rank: int
    group_ranks: list[int | None] = field(default_factory=list)
    largest_gap: int | None = None
    discordant: bool = False

    @property
    def perception_percent(self) -> float | None:
        share = self.risk.perception_share
        return None if share is None else 100 * share


@dataclass(frozen=True)
class TauRow:
    first: Label
    second: Label
    n: int
    tau: float | None


@dataclass
class RankingView:
    ballot: Ballot
    voters: int
    shown: bool
    groups: list[GroupColumn]
    rows: list[RankingRow]
    taus: list[TauRow]
    top_for_everyone: list[Risk]
    top_for_one_group: list[tuple[Risk, Label]]

    @property
    def published_groups(self) -> list[GroupColumn]:
        return [g for g in self.groups if not g.suppressed]

    @property
    def suppressed_groups(self) -> list[GroupColumn]:
        return [g for g in self.groups if g.suppressed]


def ballot_frame(ballot: Ballot) -> pd.DataFrame:
    """One row per mark (``ballot, item, value, group``) or comparison
    (``ballot, winner, loser, group``); items are risk ids."""
    risk_of = dict(ballot.items.values_list("pk", "risk_id"))
    rows: list[dict[str, Any]] = []
    responses = ballot.responses.prefetch_related("marks", "comparisons")
    for response in responses:
        key = f"o{response.pk}"
        for mark in response.marks.all():
            rows.append(_row(key, response.group, risk_of[mark.item_id], mark.value))
        for c in response.comparisons.all():
            rows.append(
                {
                    "ballot": key,
                    "winner": risk_of[c.winner_id],
                    "loser": risk_of[c.loser_id],
                    "group": response.group,
                }
            )
    for count in ballot.paper_counts.all():
        rows += _paper_rows(count.pk, count.group, count.voters, count.dots, risk_of)
    columns = (
        ["ballot", "winner", "loser", "group"]
        if ballot.method == Ballot.Method.PAIRWISE
        else ["ballot", "item", "value", "group"]
    )
    return pd.DataFrame(rows, columns=columns)


def _row(key: str, group: str, item: int, value: int) -> dict[str, Any]:
    return {"ballot": key, "item": item, "value": value, "group": group}


def _paper_rows(
    pk: int, group: str, voters: int, dots: dict[str, int], risk_of: dict[int, int]
) -> list[dict[str, Any]]:
    """A sheet's dots spread over ``voters`` stand-in ballots, one dot each in
    turn: an item's dots come from different people as far as possible (a sheet
    does not say who stuck which dot), and no stand-in exceeds the budget when
    the sheet's dots do not exceed voters × budget."""
    given: dict[tuple[int, int], int] = {}
    person = 0
    for item_pk, n in dots.items():
        if int(item_pk) not in risk_of:
            continue  # the risk was deleted from the register since
        for _dot in range(n):
            key = (person % voters, risk_of[int(item_pk)])
            given[key] = given.get(key, 0) + 1
            person += 1
    return [_row(f"p{pk}-{who}", group, item, n) for (who, item), n in given.items()]


def voters_by_group(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby("group")["ballot"].nunique().sort_index()


def suppressed_groups(by_group: pd.Series) -> set[str]:
    if by_group.empty:
        return set()
    table = pd.concat([pd.Series({"all": int(by_group.sum())}), by_group]).to_frame("n")
    relations = [core.Relation("all", tuple(by_group.index))]
    result = core.suppress_cells(table, relations, n_min=META_N_MIN)
    return {g for g in by_group.index if bool(result.suppressed[g])}


def _overall(ballot: Ballot, frame: pd.DataFrame, items: list[int]) -> pd.DataFrame:
    data = frame.drop(columns="group")
    if ballot.method == Ballot.Method.DOTS:
        return core.dot_vote_scores(data, items=items, budget=ballot.budget)
    if ballot.method == Ballot.Method.RANKING:
        return core.borda_scores(data, items=items, positions=ballot.budget)
    return core.pairwise_scores(data, items=items)


def register_ranks(risks: list[Risk]) -> pd.DataFrame:
    """The register's computed rank (L × I, ties to the higher impact) and the
    perception rank, for the risks that have a likelihood and an impact."""
    scored = [r for r in risks if r.likelihood and r.impact]
    if not scored:
        return pd.DataFrame(columns=["rank", "perception_rank"])
    table = pd.DataFrame(
        {
            "likelihood": [r.likelihood for r in scored],
            "impact": [r.impact for r in scored],
            "perceived_share": [r.perception_share for r in scored],
        },
        index=[r.pk for r in scored],
        dtype=float,
    )
    if table["perceived_share"].isna().all():
        table = table.drop(columns="perceived_share")
    ranked = core.risk_scores(table)
    if "perception_rank" not in ranked:
        ranked["perception_rank"] = pd.NA
    return ranked[["rank", "perception_rank"]]


def _int(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def ranking_view(ballot: Ballot) -> RankingView:
    items = list(ballot.items.select_related("risk"))
    risks = [i.risk for i in items]
    ids = [r.pk for r in risks]
    frame = ballot_frame(ballot)
    voters = int(frame["ballot"].nunique()) if not frame.empty else 0
    by_group = voters_by_group(frame) if not frame.empty else pd.Series(dtype=int)
    hidden = suppressed_groups(by_group)
    groups = [
        GroupColumn(
            code=str(code),
            label=category_label("stakeholder_type", str(code)),
            voters=None if code in hidden else int(n),
            suppressed=code in hidden,
        )
        for code, n in by_group.items()
    ]
    shown = voters >= MIN_PEOPLE
    view = RankingView(ballot, voters, shown, groups, [], [], [], [])
    if not shown:
        return view
    overall = _overall(ballot, frame, ids)
    published = [g.code for g in groups if not g.suppressed]
    per_group, across = _per_group(ballot, frame, ids, published, hidden)
    register = register_ranks(
        list(Risk.objects.of(ballot.session.community).in_register())
    )
    columns: dict[str, pd.Series] = {
        "register": register["rank"].reindex(ids),
        "dialogue": overall["rank"].reindex(ids),
    }
    if register["perception_rank"].notna().any():
        columns["perception"] = register["perception_rank"].reindex(ids)
    for code in published:
        columns[code] = per_group[code]
    compared = core.compare_risk_ranks(
        pd.DataFrame(columns, index=ids).astype("Float64"), gap=DISCORDANT_GAP
    )
    scores: dict[Any, Any] = overall["score"].to_dict()
    places: dict[Any, Any] = overall["rank"].to_dict()
    for risk in risks:
        ranks = compared.ranks.loc[risk.pk]
        view.rows.append(
            RankingRow(
                risk=risk,
                register_rank=_int(ranks["register"]),
                perception_rank=_int(ranks["perception"])
                if "perception" in ranks
                else None,
                score=float(scores[risk.pk]),
                rank=int(places[risk.pk]),
                group_ranks=[_int(ranks[c]) for c in published],
                largest_gap=_int(ranks["largest_gap"]),
                discordant=bool(ranks["discordant"]),
            )
        )
    view.rows.sort(key=lambda row: (row.rank, row.risk.pk))
    view.taus = [
        TauRow(_list_label(t["first"]), _list_label(t["second"]), int(t["n"]), _tau(t))
        for _i, t in compared.tau.iterrows()
    ]
    _tops(view, risks, across, per_group, published)
    return view


def _tau(row: pd.Series) -> float | None:
    return None if pd.isna(row["tau"]) else float(row["tau"])


def _per_group(
    ballot: Ballot,
    frame: pd.DataFrame,
    ids: list[int],
    published: list[str],
    hidden: set[str],
) -> tuple[dict[str, pd.Series], pd.DataFrame | None]:
    if not published:
        return {}, None
    # Suppressed groups' ballots belong to no group here: nothing about them,
    # not even an item's best group rank, reaches the page.
    data = frame.copy()
    data["group"] = data["group"].where(~data["group"].isin(hidden), None)
    ranked = core.group_rankings(
        data,
        by="group",
        method=CORE_METHOD[ballot.method],
        items=ids,
        budget=ballot.budget if ballot.method == Ballot.Method.DOTS else None,
        positions=ballot.budget if ballot.method == Ballot.Method.RANKING else None,
    )
    per_group = {
        code: ranked.groups.xs(code, level="group")["rank"].reindex(ids)
        for code in published
    }
    return per_group, ranked.across if len(published) > 1 else None


def _tops(
    view: RankingView,
    risks: list[Risk],
    across: pd.DataFrame | None,
    per_group: dict[str, pd.Series],
    published: list[str],
) -> None:
    """ "Top for everyone" (the best of Π_g (v_gi + 1)/(n_g + 2)) and items one
    group put first that are not among them."""
    if across is None:
        return
    by_pk = {r.pk: r for r in risks}
    everyone = across.sort_values(["rank", "min_group_rank"]).index[:TOP]
    view.top_for_everyone = [by_pk[pk] for pk in everyone]
    for code in published:
        firsts = per_group[code][per_group[code] == 1].index
        for pk in firsts.difference(everyone):
            view.top_for_one_group.append(
                (by_pk[pk], category_label("stakeholder_type", code))
            )


def _list_label(name: str) -> Label:
    fixed: dict[str, Label] = {
        "register": _("computed score"),
        "perception": _("perception"),
        "dialogue": _("dialogue, everyone"),
    }
    return fixed.get(name) or category_label("stakeholder_type", name)
