"""Primary and complementary cell suppression (§7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hromada.core as core


def one_way(counts: dict[str, int]) -> pd.DataFrame:
    index = pd.Index(list(counts), name="group")
    return pd.DataFrame(
        {"estimate": np.linspace(1, 2, len(counts)), "n": list(counts.values())},
        index=index,
    )


def test_nothing_is_suppressed_when_every_cell_is_large() -> None:
    table = one_way({"all": 40, "female": 22, "male": 18})
    result = core.suppress_cells(table, core.category_relations(table.index))
    assert result.reason.tolist() == ["published"] * 3
    assert not result.suppressed.any()
    assert result.unprotected == ()
    assert result.n_min == 10


def test_a_small_category_takes_its_sibling_with_it() -> None:
    table = one_way({"all": 40, "female": 7, "male": 33})
    result = core.suppress_cells(table, core.category_relations(table.index))
    # all = female + male: male's 33 is smaller than all's 40.
    assert result.reason.tolist() == ["published", "primary", "complementary"]


def test_n_min_is_configurable() -> None:
    table = one_way({"all": 40, "female": 17, "male": 23})
    relations = core.category_relations(table.index)
    assert not core.suppress_cells(table, relations).suppressed.any()
    strict = core.suppress_cells(table, relations, n_min=20)
    assert strict.reason.tolist() == ["published", "primary", "complementary"]


def test_an_empty_cell_never_protects() -> None:
    table = one_way({"all": 30, "a": 4, "b": 0, "c": 26})
    result = core.suppress_cells(table, core.category_relations(table.index))
    # b (n = 0) is suppressed as small, but its value is known: c must go too.
    assert result.reason.tolist() == [
        "published",
        "primary",
        "primary",
        "complementary",
    ]


def test_ties_go_to_the_earlier_row() -> None:
    table = one_way({"all": 45, "a": 5, "b": 20, "c": 20})
    result = core.suppress_cells(table, core.category_relations(table.index))
    assert result.suppressed.tolist() == [False, True, True, False]
    flipped = table.loc[["all", "a", "c", "b"]]
    result = core.suppress_cells(flipped, core.category_relations(flipped.index))
    assert result.suppressed.to_dict() == {
        "all": False,
        "a": True,
        "c": True,
        "b": False,
    }


def two_way() -> pd.DataFrame:
    index = pd.MultiIndex.from_product(
        [["all", "f", "m"], ["all", "young", "old"]], names=["sex", "age"]
    )
    counts = [50, 36, 14, 25, 21, 4, 25, 15, 10]
    return pd.DataFrame({"estimate": np.arange(9.0), "n": counts}, index=index)


def margins(index: pd.Index) -> list[core.Relation]:
    return core.category_relations(index, level="sex") + core.category_relations(
        index, level="age"
    )


def test_a_two_way_table_protects_both_margins() -> None:
    table = two_way()
    relations = margins(table.index)
    assert relations[0] == core.Relation(("all", "all"), (("f", "all"), ("m", "all")))
    assert len(relations) == 6
    result = core.suppress_cells(table, relations)
    # f-old (4) is small; old = f + m takes m-old (10), f = young + old takes
    # f-young (21), m = young + old then takes m-young (15).
    assert result.reason[result.suppressed].to_dict() == {
        ("f", "young"): "complementary",
        ("f", "old"): "primary",
        ("m", "young"): "complementary",
        ("m", "old"): "complementary",
    }


def test_a_hierarchy_cascades_upward_and_back_down() -> None:
    index = pd.Index(["h", "d1", "s1", "s2", "d2", "s3"], name="place")
    table = pd.DataFrame({"n": [33, 27, 12, 15, 6, 6]}, index=index)
    parents = {"s1": "d1", "s2": "d1", "s3": "d2", "d1": "h", "d2": "h"}
    relations = core.hierarchy_relations(index, parents=parents)
    assert relations == [
        core.Relation("h", ("d1", "d2")),
        core.Relation("d1", ("s1", "s2")),
        core.Relation("d2", ("s3",)),
    ]
    result = core.suppress_cells(table, relations)
    assert result.reason.to_dict() == {
        "h": "published",
        "d1": "complementary",
        "s1": "complementary",
        "s2": "published",
        "d2": "primary",
        "s3": "primary",
    }


def test_a_domain_beside_its_complement_per_indicator() -> None:
    index = pd.MultiIndex.from_product(
        [["S1", "S2"], ["all", "idp", "non_idp", "veteran"]], names=["code", "group"]
    )
    table = pd.DataFrame({"n": [60, 8, 52, 12, 60, 30, 30, 12]}, index=index)
    relations = core.hierarchy_relations(
        index, level="group", parents={"idp": "all", "non_idp": "all"}
    )
    assert relations == [
        core.Relation(("S1", "all"), (("S1", "idp"), ("S1", "non_idp"))),
        core.Relation(("S2", "all"), (("S2", "idp"), ("S2", "non_idp"))),
    ]
    result = core.suppress_cells(table, relations)
    assert result.suppressed[result.suppressed].index.tolist() == [
        ("S1", "idp"),
        ("S1", "non_idp"),
    ]


def test_several_grouping_variables_make_separate_relations() -> None:
    index = pd.MultiIndex.from_product(
        [["S1"], ["all", "female", "male", "idp", "non_idp"]], names=["code", "group"]
    )
    table = pd.DataFrame({"n": [50, 26, 24, 6, 44]}, index=index)
    relations = core.category_relations(
        index, level="group", categories=["female", "male"]
    ) + core.category_relations(index, level="group", categories=["idp", "non_idp"])
    assert relations == [
        core.Relation(("S1", "all"), (("S1", "female"), ("S1", "male"))),
        core.Relation(("S1", "all"), (("S1", "idp"), ("S1", "non_idp"))),
    ]
    result = core.suppress_cells(table, relations)
    # idp (6) takes its complement only; sex is a separate partition of "all".
    assert result.suppressed.tolist() == [False, False, False, True, True]


def test_a_relation_that_cannot_be_protected_is_reported() -> None:
    # n need not add up (a mean over valid answers): the total alone has n > 0.
    table = one_way({"all": 5, "a": 0, "b": 0})
    relations = core.category_relations(table.index)
    result = core.suppress_cells(table, relations)
    assert result.suppressed.all()
    assert result.unprotected == tuple(relations)


def test_forced_cells_are_suppressed_and_protected() -> None:
    table = one_way({"all": 40, "female": 20, "male": 20})
    result = core.suppress_cells(
        table, core.category_relations(table.index), force=["male"]
    )
    assert result.reason.tolist() == ["published", "complementary", "forced"]


def test_masking_hides_the_named_columns_of_suppressed_cells() -> None:
    table = one_way({"all": 40, "female": 7, "male": 33}).assign(se=0.1)
    result = core.suppress_cells(table, core.category_relations(table.index))
    masked = result.masked(table, ["estimate", "se"])
    assert masked["suppressed"].tolist() == [False, True, True]
    assert masked["estimate"].isna().tolist() == [False, True, True]
    assert masked["se"].isna().tolist() == [False, True, True]
    assert masked["n"].tolist() == [40, 7, 33]
    assert table["estimate"].notna().all()
    with pytest.raises(core.InputError) as caught:
        result.masked(table, ["ci_low"])
    assert caught.value.code == "missing_column"
    with pytest.raises(core.InputError) as caught:
        result.masked(table.iloc[:2], ["estimate"])
    assert caught.value.code == "different_table"


@pytest.mark.parametrize(
    ("table", "relations", "options", "code"),
    [
        (
            one_way({"all": 4, "all ": 5}).rename(index=str.strip),
            [],
            {},
            "duplicate_cell",
        ),
        (one_way({"all": 4}).drop(columns="n"), [], {}, "missing_column"),
        (one_way({"all": -1}), [], {}, "out_of_range"),
        (one_way({"all": 4}), [], {"n_min": 0}, "invalid_option"),
        (one_way({"all": 4}), [core.Relation("all", ("a",))], {}, "unknown_cell"),
        (one_way({"all": 4}), [], {"force": ["b"]}, "unknown_cell"),
    ],
)
def test_suppression_refuses_bad_input(
    table: pd.DataFrame,
    relations: list[core.Relation],
    options: dict[str, object],
    code: str,
) -> None:
    with pytest.raises(core.InputError) as caught:
        core.suppress_cells(table, relations, **options)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_relations_refuse_nonsense() -> None:
    with pytest.raises(core.InputError) as caught:
        core.Relation("all", ())
    assert caught.value.code == "empty_relation"
    with pytest.raises(core.InputError) as caught:
        core.category_relations(two_way().index, level="region")
    assert caught.value.code == "unknown_level"
    assert len(core.category_relations(two_way().index, level=1)) == 3
    assert core.category_relations(pd.Index(["f", "m"])) == []


# Property tests over random two-way tables whose n add up along both margins.


@st.composite
def additive_tables(draw: st.DrawFn) -> tuple[pd.DataFrame, int]:
    rows = draw(st.integers(2, 4))
    columns = draw(st.integers(2, 4))
    inner = np.array(
        draw(
            st.lists(
                st.integers(0, 25), min_size=rows * columns, max_size=rows * columns
            )
        )
    ).reshape(rows, columns)
    full = np.zeros((rows + 1, columns + 1), dtype=int)
    full[1:, 1:] = inner
    full[0, 1:] = inner.sum(axis=0)
    full[1:, 0] = inner.sum(axis=1)
    full[0, 0] = inner.sum()
    index = pd.MultiIndex.from_product(
        [
            ["all", *[f"r{k}" for k in range(rows)]],
            ["all", *[f"c{k}" for k in range(columns)]],
        ],
        names=["row", "column"],
    )
    return pd.DataFrame({"n": full.ravel()}, index=index), draw(st.integers(1, 15))


def exposed(
    result: core.Suppression, table: pd.DataFrame, relation: core.Relation
) -> bool:
    cells = list(relation.cells)
    positions = table.index.get_indexer(pd.Index(cells, tupleize_cols=False))
    hidden = result.suppressed.to_numpy()[positions] & (
        table["n"].to_numpy()[positions] > 0
    )
    return int(hidden.sum()) == 1


@settings(max_examples=150, deadline=None)
@given(additive_tables())
def test_suppression_leaves_no_relation_with_one_hidden_cell(
    case: tuple[pd.DataFrame, int],
) -> None:
    table, n_min = case
    relations = margins_of(table.index)
    result = core.suppress_cells(table, relations, n_min=n_min)
    small = table["n"] < n_min
    assert result.suppressed[small].all()
    assert (result.reason[small] == "primary").all()
    assert (result.reason[~small & result.suppressed] == "complementary").all()
    # With n adding up there is always a cell left to suppress beside a lone one.
    assert result.unprotected == ()
    assert not any(exposed(result, table, relation) for relation in relations)


@settings(max_examples=100, deadline=None)
@given(additive_tables())
def test_suppression_is_idempotent(case: tuple[pd.DataFrame, int]) -> None:
    table, n_min = case
    relations = margins_of(table.index)
    first = core.suppress_cells(table, relations, n_min=n_min)
    again = core.suppress_cells(
        table, relations, n_min=n_min, force=first.suppressed[first.suppressed].index
    )
    pd.testing.assert_series_equal(first.suppressed, again.suppressed)
    assert not (again.reason == "complementary").any()


def margins_of(index: pd.Index) -> list[core.Relation]:
    return core.category_relations(index, level="row") + core.category_relations(
        index, level="column"
    )
