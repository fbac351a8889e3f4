"""Outlier treatment (statistics.md §3.2.4): synthetic cases by hand, then ASEM."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from scipy.stats import kurtosis as scipy_kurtosis
from scipy.stats import skew as scipy_skew

import hromada.core as core
from tests.core.index_data import asem_result


def _units(n: int) -> tuple[str, ...]:
    return tuple(f"u{i}" for i in range(n))


def _treat(
    values: list[float] | list[int], **options: Any
) -> tuple[np.ndarray, core.TreatmentRecord]:
    return core.treat_indicator(
        np.array(values, dtype=float),
        units=_units(len(values)),
        code="x",
        **options,
    )


def _passes(values: np.ndarray) -> bool:
    x = values[~np.isnan(values)]
    return bool(
        abs(scipy_skew(x, bias=False)) < 2 or scipy_kurtosis(x, bias=False) < 3.5
    )


@pytest.mark.parametrize("seed", range(5))
def test_skewness_and_kurtosis_are_the_type_2_excel_formulas(seed: int) -> None:
    x = np.random.default_rng(seed).lognormal(size=30)
    x[3] = np.nan
    valid = x[~np.isnan(x)]
    assert core.skewness(x) == pytest.approx(scipy_skew(valid, bias=False), abs=1e-12)
    assert core.kurtosis(x) == pytest.approx(
        scipy_kurtosis(valid, bias=False), abs=1e-12
    )


def test_skewness_and_kurtosis_need_enough_values() -> None:
    with pytest.raises(core.InputError, match="at least 3"):
        core.skewness([1.0, 2.0, np.nan])
    with pytest.raises(core.InputError, match="at least 4"):
        core.kurtosis([1.0, 2.0, 3.0])
    assert math.isnan(core.skewness([2.0, 2.0, 2.0]))
    assert core.skewness([1.0, 2.0, 4.0]) == pytest.approx(
        scipy_skew([1.0, 2.0, 4.0], bias=False), abs=1e-12
    )
    assert math.isnan(core.kurtosis([2.0, 2.0, 2.0, 2.0]))


def test_a_passing_indicator_is_left_alone() -> None:
    values, record = _treat([1, 2, 3, 4, 5, 6, np.nan])
    assert np.array_equal(values, [1, 2, 3, 4, 5, 6, np.nan], equal_nan=True)
    assert (record.treatment, record.n_winsorised, record.passed) == ("none", 0, True)


def test_negative_skew_caps_the_low_side() -> None:
    # [-50, 1..10]: g < 0 and K > 3.5, so the minimum takes the next value, 1.
    values, record = _treat([-50, *range(1, 11)])
    assert values.tolist() == [1, 1, *range(2, 11)]
    assert record.skew_before < -2 and record.kurtosis_before > 3.5
    assert (record.treatment, record.n_winsorised, record.capped) == (
        "winsorise",
        1,
        (("u0", "low"),),
    )
    assert record.passed and _passes(values)


def test_a_capped_point_joins_the_next_extreme_set() -> None:
    # [1..20, 60, 100]: 100 → 60 still fails, then both 60s → 20: c = 2.
    values, record = _treat([*range(1, 21), 60, 100])
    assert values.tolist() == [*range(1, 21), 20, 20]
    assert record.n_winsorised == 2
    assert record.capped == (("u20", "high"), ("u21", "high"))


def test_the_count_adds_the_latest_high_and_low_sets() -> None:
    # [-30, 1..20, 200]: skew > 0 caps 200 → 20, then skew < 0 caps -30 → 1.
    values, record = _treat([-30, *range(1, 21), 200])
    assert values.tolist() == [1, *range(1, 21), 20]
    assert record.n_winsorised == 2
    assert record.capped == (("u21", "high"), ("u0", "low"))


def test_ties_at_an_extreme_can_exceed_winmax() -> None:
    # Three tied maxima are capped in one step, so c = 3 > winmax = 2.
    values, record = _treat([*range(1, 41), 200, 200, 200], winsorise_max_points=2)
    assert values.tolist() == [*range(1, 41), 40, 40, 40]
    assert record.n_winsorised == 3
    assert [side for _, side in record.capped] == ["high"] * 3


def test_log_ct_falls_back_on_the_original_values() -> None:
    # winmax 1 caps 2000 → 1000, which still fails; log_CT then reads the
    # original: ln(x − 1 + 0.01 (2000 − 1)).
    original = [*range(1, 21), 1000, 2000]
    values, record = _treat(original, winsorise_max_points=1)
    expected = [math.log(x - 1 + 0.01 * 1999) for x in original]
    assert values == pytest.approx(expected, abs=1e-12)
    assert (record.treatment, record.n_winsorised, record.passed) == (
        "log_ct",
        1,
        False,
    )
    assert record.skew_after == pytest.approx(scipy_skew(expected, bias=False))


def test_a_copy_made_constant_by_capping_fails_and_falls_back() -> None:
    # Capping 100 makes [0 × 11]; the log_CT of the original is ln(1) and ln(101).
    values, record = _treat([0] * 10 + [100])
    assert values == pytest.approx([0.0] * 10 + [math.log(101)], abs=1e-12)
    assert record.treatment == "log_ct"


def test_without_fallback_the_winsorised_copy_stays() -> None:
    values, record = _treat(
        [*range(1, 21), 1000, 2000], winsorise_max_points=1, fallback="none"
    )
    assert values.tolist() == [*range(1, 21), 1000, 1000]
    assert (record.treatment, record.passed) == ("winsorise", False)


def test_a_constant_indicator_is_untreatable() -> None:
    values, record = _treat([3, 3, 3, 3, np.nan])
    assert np.array_equal(values, [3, 3, 3, 3, np.nan], equal_nan=True)
    assert (record.treatment, record.passed) == ("untreatable", False)


def test_too_few_values_name_the_indicator() -> None:
    with pytest.raises(core.InputError) as caught:
        _treat([1, 2, 3, np.nan])
    assert (caught.value.code, caught.value.column) == ("too_few_values", "x")


def test_log_ct_formula() -> None:
    assert core.log_ct([2.0, 4.0, np.nan, 12.0]) == pytest.approx(
        [math.log(0.1), math.log(2.1), np.nan, math.log(10.1)], nan_ok=True
    )


# Produced by this implementation on ASEM and checked independently in
# test_asem_treatment_caps_exactly_the_extreme_units (scipy skew/kurtosis, ranks).
ASEM_TREATMENT = {
    "Flights": ("MLT",),
    "Bord": ("BEL", "LUX", "SGP"),
    "Gas": ("NOR", "BRN", "MMR"),
    "Services": ("IRL", "LUX", "MLT", "SGP"),
    "FDI": ("KHM", "MNG"),
    "ForPort": ("IRL", "LUX", "MLT"),
    "CostImpEx": ("PAK",),
    "Tariff": ("BGD", "KHM", "PAK"),
    "StMob": ("CYP", "LUX"),
    "CultServ": ("LUX", "MLT", "ESP"),
    "Forest": ("PRT", "KHM"),
    "Poverty": ("BGD", "IND", "LAO"),
    "NGOs": ("BEL", "LUX", "CHE"),
    "FemLab": ("PAK",),
    "PubDebt": ("JPN",),
}


def test_asem_treatment_table() -> None:
    result = asem_result()
    treated = {r.indicator: r for r in result.treatment if r.treatment != "none"}
    assert {
        code: tuple(u for u, _ in r.capped) for code, r in treated.items()
    } == ASEM_TREATMENT
    assert all(r.treatment == "winsorise" and r.passed for r in treated.values())
    assert {r.n_winsorised for r in treated.values()} <= {1, 2, 3, 4}
    assert treated["FemLab"].capped == (("PAK", "low"),)
    assert len(result.treatment) == 49


def test_asem_treatment_caps_exactly_the_extreme_units() -> None:
    result = asem_result()
    before = result.datasets["Screened"]
    after = result.datasets["Treated"]
    for record in result.treatment:
        x = before[record.indicator].to_numpy()
        y = after[record.indicator].to_numpy()
        assert record.skew_before == pytest.approx(scipy_skew(x, bias=False), abs=1e-10)
        assert record.kurtosis_before == pytest.approx(
            scipy_kurtosis(x, bias=False), abs=1e-10
        )
        if record.treatment == "none":
            assert _passes(x) and np.array_equal(x, y)
            continue
        assert not _passes(x) and _passes(y)
        capped = [list(before.index).index(u) for u, _ in record.capped]
        high = record.capped[0][1] == "high"
        order = np.argsort(-x if high else x, kind="stable")
        assert sorted(capped) == sorted(order[: len(capped)].tolist())
        rest = np.delete(x, capped)
        assert np.all(y[capped] == (rest.max() if high else rest.min()))
        assert np.array_equal(np.delete(y, capped), rest)
