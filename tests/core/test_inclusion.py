"""Inclusion of a dialogue: attendance against population and survey shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hromada.core as core


def row(table: pd.DataFrame, dimension: str, category: str) -> pd.Series:
    found: pd.Series = table.loc[[(dimension, category)]].iloc[0]
    return found


def frame(rows: list[tuple[str, str, float]], value: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["dimension", "category", value])


ATTENDANCE = frame([("sex", "female", 3), ("sex", "male", 10), ("idp", "yes", 0)], "n")
POPULATION = frame(
    [("sex", "female", 0.54), ("sex", "male", 0.46), ("age_group", "60_plus", 0.3)],
    "share",
)


def test_shares_are_of_the_head_count_and_compared_with_the_population() -> None:
    table = core.inclusion_metrics(ATTENDANCE, total=14, population=POPULATION)
    female = row(table, "sex", "female")
    assert female["share"] == pytest.approx(3 / 14)
    assert female["population_share"] == pytest.approx(0.54)
    assert female["population_ratio"] == pytest.approx(3 / 14 / 0.54)
    assert bool(female["under_represented"]) is True
    assert bool(row(table, "sex", "male")["under_represented"]) is False
    assert np.isnan(female["survey_share"]) and np.isnan(female["survey_ratio"])
    assert list(table.index) == [
        ("sex", "female"),
        ("sex", "male"),
        ("idp", "yes"),
        ("age_group", "60_plus"),
    ]
    assert table.index.names == ["dimension", "category"]


def test_a_dimension_that_was_not_recorded_is_never_flagged() -> None:
    table = core.inclusion_metrics(
        ATTENDANCE,
        total=14,
        population=POPULATION,
        expected=[("veteran", "yes"), ("idp", "yes")],
    )
    older = row(table, "age_group", "60_plus")
    assert pd.isna(older["n"]) and np.isnan(older["share"])
    assert not older["missing"] and not older["under_represented"]
    assert pd.isna(row(table, "veteran", "yes")["n"])
    assert not row(table, "veteran", "yes")["missing"]


def test_an_expected_group_nobody_came_from_is_missing() -> None:
    table = core.inclusion_metrics(ATTENDANCE, total=14, expected=[("idp", "yes")])
    assert bool(row(table, "idp", "yes")["missing"]) is True
    assert row(table, "idp", "yes")["n"] == 0
    plain = core.inclusion_metrics(ATTENDANCE, total=14)
    assert not plain["missing"].any()


def test_a_recorded_category_without_a_row_is_zero_and_missing_by_reference() -> None:
    attendance = frame([("sex", "male", 9)], "n")
    table = core.inclusion_metrics(attendance, total=9, population=POPULATION)
    female = row(table, "sex", "female")
    assert female["n"] == 0 and female["share"] == 0.0
    assert bool(female["missing"]) is True and not female["under_represented"]


def test_survey_shares_are_a_second_reference() -> None:
    survey = frame([("idp", "yes", 0.2), ("sex", "female", 0.0)], "share")
    table = core.inclusion_metrics(
        ATTENDANCE, total=14, population=POPULATION, survey=survey
    )
    assert bool(row(table, "idp", "yes")["missing"]) is True
    assert row(table, "idp", "yes")["survey_share"] == pytest.approx(0.2)
    # A reference share of 0 gives no ratio.
    assert np.isnan(row(table, "sex", "female")["survey_ratio"])


def test_the_threshold_is_configurable() -> None:
    table = core.inclusion_metrics(
        ATTENDANCE, total=14, population=POPULATION, under=0.3
    )
    assert not row(table, "sex", "female")["under_represented"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"total": 0}, "no_attendees"),
        ({"total": 9}, "over_total"),
        ({"total": 14, "under": 0.0}, "bad_threshold"),
        ({"total": 14, "under": float("nan")}, "bad_threshold"),
        (
            {
                "total": 14,
                "population": frame(
                    [("sex", "female", 0.6), ("sex", "male", 0.5)], "share"
                ),
            },
            "shares_over_one",
        ),
        (
            {
                "total": 14,
                "survey": frame([("sex", "male", 0.4), ("sex", "male", 0.4)], "share"),
            },
            "duplicate_category",
        ),
        (
            {"total": 14, "population": frame([("sex", "male", 1.4)], "share")},
            "out_of_range",
        ),
        (
            {"total": 14, "population": frame([("sex", "", 0.4)], "share")},
            "missing_value",
        ),
    ],
)
def test_it_refuses_bad_input(kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(core.InputError) as caught:
        core.inclusion_metrics(ATTENDANCE, **kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_it_names_the_row_of_a_repeated_or_impossible_count() -> None:
    repeated = frame([("sex", "male", 3), ("sex", "male", 4)], "n")
    with pytest.raises(core.InputError) as caught:
        core.inclusion_metrics(repeated, total=9)
    assert (caught.value.code, caught.value.row) == ("duplicate_category", 2)
    with pytest.raises(core.InputError) as caught:
        core.inclusion_metrics(ATTENDANCE.drop(columns="n"), total=9)
    assert caught.value.code == "missing_column"
    with pytest.raises(core.InputError) as caught:
        core.inclusion_metrics(ATTENDANCE, total=9)
    assert (caught.value.code, caught.value.row) == ("over_total", 2)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=5),
    st.integers(0, 20),
    st.floats(0.05, 2.0),
)
def test_flags_follow_their_definitions(
    ns: list[int], extra: int, under: float
) -> None:
    attendance = frame([("age_group", f"g{i}", n) for i, n in enumerate(ns)], "n")
    total = sum(ns) + extra
    if total == 0:
        total = 1
    share = 1.0 / (len(ns) + 1)
    population = frame(
        [("age_group", f"g{i}", share) for i in range(len(ns) + 1)], "share"
    )
    table = core.inclusion_metrics(
        attendance, total=total, population=population, under=under
    )
    n = table["n"].to_numpy(dtype=np.int64)
    assert (table["missing"].to_numpy() == (n == 0)).all()
    ratio = n / total / share
    assert (table["under_represented"].to_numpy() == ((n > 0) & (ratio < under))).all()
    np.testing.assert_allclose(table["population_ratio"].to_numpy(), ratio)
