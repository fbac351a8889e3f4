"""The stakeholder cooperation network against networkx and by hand (§11)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import hromada.core as core


def map_of(
    graph: Any, types: dict[int, str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stakeholders and "cooperates" relations drawn from a networkx graph."""
    types = types or {}
    stakeholders = pd.DataFrame(
        {
            "id": [f"s{node}" for node in graph.nodes],
            "name": [f"Stakeholder {node}" for node in graph.nodes],
            "type": [types.get(node, "cso") for node in graph.nodes],
        }
    )
    relations = pd.DataFrame(
        {
            "source": [f"s{a}" for a, _ in graph.edges],
            "target": [f"s{b}" for _, b in graph.edges],
            "kind": "cooperates",
        },
        dtype=object,
    )
    return stakeholders, relations


GRAPHS: dict[str, Callable[[], Any]] = {
    "path": lambda: nx.path_graph(7),
    "star": lambda: nx.star_graph(6),
    "complete": lambda: nx.complete_graph(6),
    "barbell": lambda: nx.barbell_graph(4, 2),
}


@pytest.mark.parametrize("name", GRAPHS)
def test_measures_equal_networkx(name: str) -> None:
    graph = GRAPHS[name]()
    network = core.cooperation_network(*map_of(graph))
    table = network.stakeholders
    ids = [f"s{node}" for node in graph.nodes]
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    degree = nx.degree_centrality(graph)
    assert network.density == pytest.approx(nx.density(graph), abs=1e-12)
    assert table.loc[ids, "betweenness"].to_numpy() == pytest.approx(
        [betweenness[node] for node in graph.nodes], abs=1e-12
    )
    assert table.loc[ids, "degree_centrality"].to_numpy() == pytest.approx(
        [degree[node] for node in graph.nodes], abs=1e-12
    )
    cut = {f"s{node}" for node in nx.articulation_points(graph)}
    assert set(table.index[table["articulation_point"]]) == cut
    assert not network.weighted


def test_a_path_by_hand() -> None:
    network = core.cooperation_network(*map_of(nx.path_graph(7)))
    table = network.stakeholders
    n = 7
    # Node k lies on every path between the k nodes before it and the n - 1 - k after.
    expected = [2 * k * (n - 1 - k) / ((n - 1) * (n - 2)) for k in range(n)]
    assert table["betweenness"].to_numpy() == pytest.approx(expected, abs=1e-12)
    assert network.density == pytest.approx(2 * 6 / (7 * 6), abs=1e-12)
    assert table["articulation_point"].tolist() == [False] + [True] * 5 + [False]
    brokers = [f for f in network.findings if f.code == "broker"]
    assert [f.subjects for f in brokers] == [(f"s{k}",) for k in range(1, 6)]
    assert [f.count for f in brokers] == [2] * 5


def test_a_star_by_hand() -> None:
    network = core.cooperation_network(*map_of(nx.star_graph(6)))
    table = network.stakeholders
    assert table["betweenness"].tolist() == pytest.approx([1.0] + [0.0] * 6, abs=1e-12)
    assert table["degree_centrality"].tolist() == pytest.approx([1.0] + [1 / 6] * 6)
    assert table["degree"].tolist() == [6] + [1] * 6
    broker = [f for f in network.findings if f.code == "broker"]
    assert broker == [core.NetworkFinding("broker", ("s0",), value=1.0, count=6)]


def test_a_complete_graph_has_no_brokers_and_full_density() -> None:
    network = core.cooperation_network(*map_of(nx.complete_graph(6)))
    assert network.density == 1.0
    assert not network.stakeholders["broker"].any()
    assert network.findings == ()


def test_a_barbell_bridge_is_a_broker() -> None:
    graph = nx.barbell_graph(4, 2)
    network = core.cooperation_network(*map_of(graph))
    table = network.stakeholders
    bridge = {"s3", "s4", "s5", "s6"}
    assert set(table.index[table["broker"]]) == bridge
    # Bells 0-3 and 6-9 joined by the path 3-4-5-6: node 4 separates 4 nodes from
    # 5 (20 pairs), node 3 separates 3 from 6 (18 pairs); normalised by 9 x 8 / 2.
    assert table.loc["s4", "betweenness"] == pytest.approx(20 / 36, abs=1e-12)
    assert table.loc["s3", "betweenness"] == pytest.approx(18 / 36, abs=1e-12)
    assert table.loc["s0", "betweenness"] == 0.0


def test_strength_is_read_as_distance_one_over_strength() -> None:
    # A square a-b-c-d-a; strong ties a-b-c make the path through b the shortest.
    stakeholders = pd.DataFrame(
        {"id": list("abcd"), "name": list("ABCD"), "type": ["cso"] * 4}
    )
    relations = pd.DataFrame(
        {
            "source": ["a", "b", "c", "d"],
            "target": ["b", "c", "d", "a"],
            "kind": "cooperates",
            "strength": [5, 5, 1, 1],
        }
    )
    network = core.cooperation_network(stakeholders, relations)
    assert network.weighted
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1 / 5)
    graph.add_edge("b", "c", weight=1 / 5)
    graph.add_edge("c", "d", weight=1.0)
    graph.add_edge("d", "a", weight=1.0)
    expected = nx.betweenness_centrality(graph, normalized=True, weight="weight")
    table = network.stakeholders
    assert table["betweenness"].to_dict() == pytest.approx(expected, abs=1e-12)
    # a-c runs through b (0.4 against 2.0 through d); a-d and c-d are direct.
    assert table.loc["b", "betweenness"] == pytest.approx(2 * 1 / (3 * 2), abs=1e-12)
    assert table.loc["d", "betweenness"] == 0.0
    assert network.graph.edges["a", "b"] == {"strength": 5, "distance": 0.2}


def test_directed_relations_use_directed_measures() -> None:
    graph = nx.DiGraph([(0, 1), (1, 2), (2, 0), (2, 3)])
    stakeholders, relations = map_of(graph)
    network = core.cooperation_network(stakeholders, relations, directed=True)
    assert network.density == pytest.approx(nx.density(graph), abs=1e-12)
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert network.stakeholders["betweenness"].tolist() == pytest.approx(
        [expected[k] for k in range(4)], abs=1e-12
    )
    degree = nx.degree_centrality(graph)
    assert network.stakeholders["degree_centrality"].tolist() == pytest.approx(
        [degree[k] for k in range(4)]
    )


COMMUNITY = pd.DataFrame(
    {
        "id": ["pol", "cpo", "cou", "mil", "ses", "you", "sch", "idp", "vet", "med"],
        "name": [
            "Police",
            "Community police officer",
            "Council",
            "Military administration",
            "Fire and rescue",
            "Youth council",
            "School",
            "IDP council",
            "Veterans' association",
            "Media",
        ],
        "type": [
            "police",
            "community_police_officer",
            "local_government",
            "military_administration",
            "emergency_service",
            "youth",
            "education",
            "idp_council",
            "veterans_association",
            "media",
        ],
    }
)
TIES = pd.DataFrame(
    [
        ("pol", "cpo", "cooperates"),
        ("cou", "cpo", "cooperates"),
        ("cou", "sch", "cooperates"),
        ("sch", "you", "cooperates"),
        ("you", "sch", "cooperates"),
        ("mil", "vet", "cooperates"),
        ("idp", "you", "conflict"),
        ("pol", "you", "no_contact"),
        ("med", "cou", "information_only"),
    ],
    columns=["source", "target", "kind"],
)


def test_findings_on_a_hand_built_map() -> None:
    network = core.cooperation_network(COMMUNITY, TIES)
    table = network.stakeholders
    assert network.components["size"].tolist() == [5, 2, 1, 1, 1]
    assert network.components["members"].iloc[0] == ("pol", "cpo", "cou", "you", "sch")
    assert table["component"].tolist() == [0, 0, 0, 1, 2, 0, 0, 3, 1, 4]
    assert table["key_actor"].tolist() == [True] * 5 + [False] * 5
    # 5 ties (sch-you stated both ways) among 10 stakeholders.
    assert network.density == pytest.approx(5 / 45, abs=1e-12)
    assert table.loc["you", "conflicts"] == 1
    assert table.loc["you", "no_contacts"] == 1
    assert table.loc["cou", "information_only"] == 1
    codes = [f.code for f in network.findings]
    assert codes == sorted(codes, key=core.FINDING_CODES.index)
    found = {(f.code, f.subjects) for f in network.findings}
    assert ("key_actor_isolated", ("ses",)) in found
    assert ("key_actor_single_link", ("pol", "cpo")) in found
    assert ("key_actor_single_link", ("mil", "vet")) in found
    # The police, officer and council are cut off from the military administration.
    assert {s for c, s in found if c == "key_actors_not_connected"} == {
        ("pol", "mil"),
        ("cpo", "mil"),
        ("cou", "mil"),
    }
    assert ("isolates", ("idp", "med")) in found
    assert ("conflict_between", ("you", "idp")) in found
    assert ("no_contact_between", ("pol", "you")) in found
    fragmented = next(f for f in network.findings if f.code == "fragmented")
    assert (fragmented.count, fragmented.value) == (2, 0.5)
    low = next(f for f in network.findings if f.code == "low_density")
    assert low.value == pytest.approx(5 / 45, abs=1e-12)
    brokers = {f.subjects[0]: f for f in network.findings if f.code == "broker"}
    assert set(brokers) == {"cpo", "cou", "sch"}
    assert brokers["cou"].count == 2
    assert brokers["cou"].value == pytest.approx(table.loc["cou", "betweenness"])


def test_key_types_and_thresholds_are_configurable() -> None:
    network = core.cooperation_network(
        COMMUNITY,
        TIES,
        key_types={"youth", "police"},
        broker_threshold=0.05,
        low_density=0.1,
    )
    codes = {f.code for f in network.findings}
    assert "low_density" not in codes
    assert network.stakeholders.loc["you", "key_actor"]
    assert not network.stakeholders.loc["cou", "key_actor"]
    assert not any(f.code == "key_actors_not_connected" for f in network.findings)


def test_key_types_must_be_stakeholder_types() -> None:
    with pytest.raises(core.InputError) as caught:
        core.cooperation_network(COMMUNITY, TIES, key_types={"police", "safety_centre"})
    assert caught.value.code == "unknown_stakeholder_type"
    assert "safety_centre" in caught.value.message


def test_a_single_stakeholder_follows_networkx() -> None:
    stakeholders = COMMUNITY.iloc[:1]
    relations = TIES.iloc[:0]
    network = core.cooperation_network(stakeholders, relations)
    assert network.density == 0.0
    assert network.stakeholders["degree_centrality"].tolist() == [1.0]
    assert network.findings == (core.NetworkFinding("key_actor_isolated", ("pol",)),)


@pytest.mark.parametrize(
    ("stakeholders", "relations", "code", "row", "column"),
    [
        (
            COMMUNITY.assign(type=["police"] * 9 + ["press"]),
            TIES,
            "unknown_stakeholder_type",
            10,
            "type",
        ),
        (COMMUNITY.assign(id=["pol"] * 10), TIES, "duplicate_stakeholder", 2, "id"),
        (COMMUNITY.drop(columns="name"), TIES, "missing_column", None, "name"),
        (COMMUNITY, TIES.assign(kind="friends"), "unknown_relation_kind", 1, "kind"),
        (
            COMMUNITY,
            TIES.assign(target=["pol"] + ["cpo"] * 8),
            "self_relation",
            1,
            "target",
        ),
        (
            COMMUNITY,
            TIES.assign(source=["nobody"] * 9),
            "unknown_stakeholder",
            1,
            "source",
        ),
        (
            COMMUNITY,
            TIES.assign(strength=[3, 4, 2, 2, 5, np.nan, np.nan, np.nan, np.nan]),
            "missing_value",
            6,
            "strength",
        ),
        (
            COMMUNITY,
            TIES.assign(strength=[3, 4, 2, 2, 5, 6, np.nan, np.nan, np.nan]),
            "out_of_range",
            6,
            "strength",
        ),
        (
            COMMUNITY,
            TIES.assign(strength=[3, 4, 2, 2.5, 5, 1, np.nan, np.nan, np.nan]),
            "not_a_whole_number",
            4,
            "strength",
        ),
    ],
)
def test_bad_maps_name_the_cell(
    stakeholders: pd.DataFrame,
    relations: pd.DataFrame,
    code: str,
    row: int | None,
    column: str,
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.cooperation_network(stakeholders, relations)
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        code,
        row,
        column,
    )


def test_a_pair_stated_twice_keeps_its_strongest_tie() -> None:
    relations = TIES.assign(strength=[3, 4, 2, 2, 5, 1, np.nan, np.nan, np.nan])
    network = core.cooperation_network(COMMUNITY, relations)
    assert network.weighted
    assert network.graph.edges["sch", "you"]["strength"] == 5
    assert np.isclose(network.graph.edges["sch", "you"]["distance"], 0.2)


def test_an_empty_strength_column_means_unweighted() -> None:
    network = core.cooperation_network(COMMUNITY, TIES.assign(strength=np.nan))
    assert not network.weighted
    plain = core.cooperation_network(COMMUNITY, TIES)
    pd.testing.assert_frame_equal(network.stakeholders, plain.stakeholders)
    assert network.graph.edges["sch", "you"] == {}


def test_messages_name_what_is_unknown() -> None:
    with pytest.raises(core.InputError, match="unknown relation kind 'friends'"):
        core.cooperation_network(COMMUNITY, TIES.assign(kind="friends"))
    with pytest.raises(core.InputError, match="unknown stakeholder 'nobody'"):
        core.cooperation_network(COMMUNITY, TIES.assign(target="nobody"))
