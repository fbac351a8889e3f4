"""The stakeholder cooperation network (statistics.md §11), as networkx computes it,
and its plain-language findings as data (the web layer words them)."""

from __future__ import annotations

from collections.abc import Collection, Hashable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from hromada.core._errors import InputError
from hromada.core._tabular import (
    labels,
    optional_numbers,
    refuse_first,
    repeats,
    require_columns,
)

STAKEHOLDER_TYPES: tuple[str, ...] = (
    "local_government",
    "military_administration",
    "police",
    "community_police_officer",
    "emergency_service",
    "health",
    "education",
    "social_services",
    "cso",
    "veterans_association",
    "idp_council",
    "youth",
    "business",
    "religious",
    "media",
    "other",
)
# The domain model has no "safety centre" type: a hromada's safety centre is staffed
# by the community police officer and a State Emergency Service fire-and-rescue
# team, so those types stand for it.
KEY_ACTOR_TYPES: frozenset[str] = frozenset(
    {
        "police",
        "community_police_officer",
        "local_government",
        "military_administration",
        "emergency_service",
    }
)
RELATION_KINDS: tuple[str, ...] = (
    "cooperates",
    "information_only",
    "conflict",
    "no_contact",
)
FINDING_CODES: tuple[str, ...] = (
    "low_density",
    "fragmented",
    "isolates",
    "key_actor_isolated",
    "key_actor_single_link",
    "key_actors_not_connected",
    "broker",
    "conflict_between",
    "no_contact_between",
)


@dataclass(frozen=True, slots=True)
class NetworkFinding:
    """One finding about the network, for the web layer to put into words.

    Attributes
    ----------
    code : str
        One of ``FINDING_CODES``:

        - ``low_density``: ``value`` = density, below the threshold;
        - ``fragmented``: ``count`` = components of two or more stakeholders
          (at least two), ``value`` = share of stakeholders in the largest;
        - ``isolates``: ``subjects`` = stakeholders without any cooperation tie
          (key actors excepted: they get their own finding), ``count`` = how many;
        - ``key_actor_isolated``: ``subjects`` = (actor,);
        - ``key_actor_single_link``: ``subjects`` = (actor, its only partner);
        - ``key_actors_not_connected``: ``subjects`` = (actor, actor), two
          non-isolated key actors with no path between them ("the police are
          not connected to the council");
        - ``broker``: ``subjects`` = (stakeholder,), ``value`` = normalised
          betweenness, ``count`` = parts its component falls into without it
          (1 when it is not a cut point);
        - ``conflict_between``, ``no_contact_between``: ``subjects`` = the pair.
    subjects : tuple of stakeholder ids
    value : float, optional
    count : int, optional
    """

    code: str
    subjects: tuple[Hashable, ...] = ()
    value: float | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class CooperationNetwork:
    """The cooperation network of one community's stakeholders.

    Attributes
    ----------
    graph : networkx.Graph or networkx.DiGraph
        Nodes = stakeholder ids (attributes ``name``, ``type``); edges =
        "cooperates" (attributes ``strength`` and ``distance`` = 1/strength when
        strengths were given).
    stakeholders : DataFrame
        Index ``id`` in input order; ``name``, ``type`` (str), ``key_actor``
        (bool), ``degree`` (int, distinct cooperation partners),
        ``degree_centrality``, ``betweenness`` (float, normalised as networkx:
        by (n - 1)(n - 2)), ``component`` (int, 0 = largest), ``isolate``,
        ``articulation_point``, ``broker`` (bool), and ``conflicts``,
        ``no_contacts``, ``information_only`` (int, partners with such a
        relation).
    components : DataFrame
        Index ``component``; ``size`` (int) and ``members`` (tuple of ids), by
        size, then the earliest member.
    density : float
        2m / (n(n - 1)) undirected, m / (n(n - 1)) directed, 0 when n <= 1.
    weighted : bool
        Whether betweenness used distances 1/strength.
    findings : tuple of NetworkFinding
        In ``FINDING_CODES`` order, then stakeholder order.
    """

    graph: Any
    stakeholders: pd.DataFrame
    components: pd.DataFrame
    density: float
    weighted: bool
    findings: tuple[NetworkFinding, ...]


def cooperation_network(
    stakeholders: pd.DataFrame,
    relations: pd.DataFrame,
    *,
    directed: bool = False,
    key_types: Collection[str] = KEY_ACTOR_TYPES,
    broker_threshold: float = 0.2,
    low_density: float = 0.2,
) -> CooperationNetwork:
    """Build the cooperation network and measure it.

    Parameters
    ----------
    stakeholders : DataFrame, one row per stakeholder
        ``id`` (unique label), ``name`` (str) and ``type`` (one of
        ``STAKEHOLDER_TYPES``).
    relations : DataFrame, one row per stated relation
        ``source``, ``target`` (stakeholder ids, different), ``kind`` (one of
        ``RELATION_KINDS``) and, optionally, ``strength`` (whole number 1-5).
        When any "cooperates" row has a strength, all must. A pair stated twice
        keeps its strongest tie; undirected pairs ignore their order.
    directed : bool
        Read relations as directed (components are then weakly connected).
    key_types : collection of str
        Types whose isolation or single tie is flagged.
    broker_threshold : float
        Normalised betweenness from which a stakeholder is a broker (0.2, a
        project choice); cut points are brokers whatever their betweenness.
    low_density : float
        Density below which ``low_density`` is reported (0.2, a project choice).

    Returns
    -------
    CooperationNetwork

    Raises
    ------
    InputError
        ``missing_column``, ``missing_value``, ``duplicate_stakeholder``,
        ``unknown_stakeholder_type``, ``unknown_stakeholder``,
        ``unknown_relation_kind``, ``self_relation``, ``not_a_number``,
        ``out_of_range``, ``not_a_whole_number``.
    """
    unknown = sorted(set(key_types) - set(STAKEHOLDER_TYPES))
    if unknown:
        raise InputError(
            "unknown_stakeholder_type", f"unknown key actor type {unknown[0]!r}"
        )
    nodes = _nodes(stakeholders)
    stated = _relations(relations, nodes.index, directed)
    cooperation = stated[stated["kind"] == "cooperates"]
    weighted = bool(cooperation["strength"].notna().any())
    graph = _graph(nodes, cooperation, directed, weighted)
    table = _measures(graph, nodes, stated, key_types, broker_threshold, weighted)
    components = _components(graph, nodes.index)
    table["component"] = _membership(components, nodes.index)
    density = float(nx.density(graph))
    findings = _findings(graph, table, components, stated, density, low_density)
    return CooperationNetwork(
        graph=graph,
        stakeholders=table,
        components=components,
        density=density,
        weighted=weighted,
        findings=findings,
    )


def _nodes(stakeholders: pd.DataFrame) -> pd.DataFrame:
    require_columns(stakeholders, ("id", "name", "type"))
    ids = labels(stakeholders, "id")
    names = labels(stakeholders, "name")
    types = labels(stakeholders, "type")
    refuse_first(
        repeats([ids]),
        "duplicate_stakeholder",
        "id",
        lambda p: f"stakeholder {ids[p]!r} appears twice",
    )
    _refuse_unknown(types, STAKEHOLDER_TYPES, "unknown_stakeholder_type", "type")
    index = pd.Index(ids, name="id", dtype=object)
    return pd.DataFrame(
        {"name": pd.array(names, dtype="str"), "type": pd.array(types, dtype="str")},
        index=index,
    )


def _relations(relations: pd.DataFrame, ids: pd.Index, directed: bool) -> pd.DataFrame:
    require_columns(relations, ("source", "target", "kind"))
    ends = {column: labels(relations, column) for column in ("source", "target")}
    kinds = labels(relations, "kind")
    for column, values in ends.items():
        _refuse_unknown(values, ids, "unknown_stakeholder", column)
    _refuse_unknown(kinds, RELATION_KINDS, "unknown_relation_kind", "kind")
    refuse_first(
        ends["source"] == ends["target"],
        "self_relation",
        "target",
        lambda p: "a stakeholder cannot relate to itself",
    )
    strength = _strengths(relations, kinds)
    source, target = ends["source"], ends["target"]
    if not directed:
        # Order each pair by input order of the stakeholders, so (a, b) = (b, a).
        swap = ids.get_indexer(pd.Index(source, dtype=object)) > ids.get_indexer(
            pd.Index(target, dtype=object)
        )
        source, target = np.where(swap, target, source), np.where(swap, source, target)
    stated = pd.DataFrame(
        {"source": source, "target": target, "kind": kinds, "strength": strength}
    )
    merged = stated.groupby(["source", "target", "kind"], sort=False).agg(
        strength=("strength", "max")
    )
    return merged.reset_index()


def _strengths(relations: pd.DataFrame, kinds: np.ndarray) -> np.ndarray:
    if "strength" not in relations.columns:
        return np.full(len(relations), np.nan)
    values = optional_numbers(relations, "strength", low=1, high=5)
    cooperates = kinds == "cooperates"
    stated = ~np.isnan(values)
    refuse_first(
        stated & (values != np.round(values)),
        "not_a_whole_number",
        "strength",
        lambda p: f"not a whole number: {values[p]:g}",
    )
    if (cooperates & stated).any():
        refuse_first(
            cooperates & ~stated,
            "missing_value",
            "strength",
            lambda p: "strength is given for some cooperation ties but not this one",
        )
    return np.where(cooperates, values, np.nan)


def _refuse_unknown(
    values: np.ndarray, known: Collection[Hashable], code: str, column: str
) -> None:
    outside = ~pd.Index(values, dtype=object).isin(list(known))
    words = code.removeprefix("unknown_").replace("_", " ")
    refuse_first(outside, code, column, lambda p: f"unknown {words} {values[p]!r}")


def _graph(
    nodes: pd.DataFrame, cooperation: pd.DataFrame, directed: bool, weighted: bool
) -> Any:
    graph = nx.DiGraph() if directed else nx.Graph()
    for node, row in nodes.iterrows():
        graph.add_node(node, name=row["name"], type=row["type"])
    for source, target, strength in cooperation[
        ["source", "target", "strength"]
    ].itertuples(index=False):
        attributes = (
            {"strength": int(strength), "distance": 1.0 / strength} if weighted else {}
        )
        graph.add_edge(source, target, **attributes)
    return graph


def _measures(
    graph: Any,
    nodes: pd.DataFrame,
    stated: pd.DataFrame,
    key_types: Collection[str],
    broker_threshold: float,
    weighted: bool,
) -> pd.DataFrame:
    ids = nodes.index
    undirected = graph.to_undirected(as_view=True)
    betweenness = nx.betweenness_centrality(
        graph, normalized=True, weight="distance" if weighted else None
    )
    cut_points = set(nx.articulation_points(undirected))
    table = nodes.copy()
    table["key_actor"] = table["type"].isin(list(key_types)).to_numpy()
    table["degree"] = [undirected.degree(node) for node in ids]
    centrality = nx.degree_centrality(graph)
    table["degree_centrality"] = [float(centrality[node]) for node in ids]
    table["betweenness"] = [float(betweenness[node]) for node in ids]
    table["isolate"] = table["degree"].to_numpy() == 0
    table["articulation_point"] = [node in cut_points for node in ids]
    table["broker"] = table["articulation_point"].to_numpy() | (
        table["betweenness"].to_numpy() >= broker_threshold
    )
    for column, kind in (
        ("conflicts", "conflict"),
        ("no_contacts", "no_contact"),
        ("information_only", "information_only"),
    ):
        table[column] = _partners(stated[stated["kind"] == kind], ids)
    return table


def _partners(pairs: pd.DataFrame, ids: pd.Index) -> np.ndarray:
    ends = pd.concat(
        [
            pairs[["source", "target"]],
            pairs[["target", "source"]].set_axis(["source", "target"], axis=1),
        ]
    ).drop_duplicates()
    counts = ends.groupby("source").size()
    return counts.reindex(ids, fill_value=0).to_numpy(dtype=np.int64)


def _components(graph: Any, ids: pd.Index) -> pd.DataFrame:
    order = {node: position for position, node in enumerate(ids)}
    parts = [
        tuple(sorted(part, key=order.__getitem__))
        for part in nx.connected_components(graph.to_undirected(as_view=True))
    ]
    parts.sort(key=lambda members: (-len(members), order[members[0]]))
    return pd.DataFrame(
        {
            "size": np.array([len(p) for p in parts], dtype=np.int64),
            "members": pd.Series(parts, dtype=object),
        }
    ).rename_axis("component")


def _membership(components: pd.DataFrame, ids: pd.Index) -> np.ndarray:
    where = {
        node: number
        for number, members in components["members"].items()
        for node in members
    }
    return np.array([where[node] for node in ids], dtype=np.int64)


def _findings(
    graph: Any,
    table: pd.DataFrame,
    components: pd.DataFrame,
    stated: pd.DataFrame,
    density: float,
    low_density: float,
) -> tuple[NetworkFinding, ...]:
    found: list[NetworkFinding] = []
    if len(table) >= 2 and density < low_density:
        found.append(NetworkFinding("low_density", value=density))
    groups = components[components["size"] >= 2]
    if len(groups) >= 2:
        largest = float(groups["size"].iloc[0] / len(table))
        found.append(NetworkFinding("fragmented", value=largest, count=len(groups)))
    lonely = table.index[table["isolate"] & ~table["key_actor"]]
    if len(lonely):
        found.append(NetworkFinding("isolates", tuple(lonely), count=len(lonely)))
    found.extend(_key_actor_findings(graph, table))
    for node, row in table[table["broker"]].iterrows():
        found.append(
            NetworkFinding(
                "broker",
                (node,),
                value=float(row["betweenness"]),
                count=_parts_without(graph, node),
            )
        )
    for kind in ("conflict", "no_contact"):
        pairs = stated.loc[stated["kind"] == kind, ["source", "target"]]
        found.extend(
            NetworkFinding(f"{kind}_between", (source, target))
            for source, target in pairs.drop_duplicates().itertuples(index=False)
        )
    return tuple(found)


def _key_actor_findings(graph: Any, table: pd.DataFrame) -> list[NetworkFinding]:
    keys = table[table["key_actor"]]
    undirected = graph.to_undirected(as_view=True)
    found = [
        NetworkFinding("key_actor_isolated", (node,))
        for node in keys.index[keys["isolate"]]
    ]
    found.extend(
        NetworkFinding("key_actor_single_link", (node, next(iter(undirected[node]))))
        for node in keys.index[keys["degree"] == 1]
    )
    linked = keys[~keys["isolate"]]
    part = dict(zip(linked.index, linked["component"].tolist(), strict=True))
    found.extend(
        NetworkFinding("key_actors_not_connected", (a, b))
        for a, b in combinations(linked.index, 2)
        if part[a] != part[b]
    )
    return found


def _parts_without(graph: Any, node: Hashable) -> int:
    undirected = graph.to_undirected(as_view=True)
    component = nx.node_connected_component(undirected, node) - {node}
    return int(nx.number_connected_components(undirected.subgraph(component)))
