"""Invariants of survey estimation, and the vectorised variance against a
plain-loop reference written from statistics.md §1.3-§1.8 on random designs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.core import SurveyDesign, survey_estimate

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@dataclass
class Sample:
    frame: pd.DataFrame
    fpc: bool


@st.composite
def samples(draw: st.DrawFn, *, min_psus: int = 1) -> Sample:
    """Stratified cluster samples with 1-4 strata, 1-4 PSUs each, 1-4 rows per
    PSU, positive weights, optional fpc (census strata included)."""
    strata = draw(st.integers(1, 4))
    rows: list[dict[str, Any]] = []
    fpc = draw(st.booleans())
    psu_id = 0
    for h in range(strata):
        n_h = draw(st.integers(min_psus, 4))
        extra = draw(st.integers(0, 3))
        for _ in range(n_h):
            psu_id += 1
            for _ in range(draw(st.integers(1, 4))):
                rows.append(
                    {
                        "h": f"s{h}",
                        "p": psu_id,
                        "N": n_h + extra,
                        "w": draw(st.floats(0.5, 20)),
                        "y": float(draw(st.integers(0, 10))),
                        "x": float(draw(st.integers(1, 10))),
                        "g": draw(st.sampled_from(["a", "b"])),
                    }
                )
    return Sample(pd.DataFrame(rows), fpc)


def _design(sample: Sample, **options: Any) -> SurveyDesign:
    fpc = "N" if sample.fpc else None
    return SurveyDesign(weights="w", strata="h", psu="p", fpc=fpc, **options)


def _stratum_sizes(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    n_h = frame.groupby("h")["p"].nunique()
    return n_h, frame.groupby("h")["N"].first()


def _reference_taylor(
    sample: Sample, domain: np.ndarray, statistic: str, option: str
) -> float:
    """V from the formulas of §1.2-§1.5, stratum by stratum."""
    f = sample.frame
    w, y, x = f["w"].to_numpy(), f["y"].to_numpy(), f["x"].to_numpy()
    d = domain.astype(float)
    if statistic == "mean":
        mean = (w * d * y).sum() / (w * d).sum()
        z = w * d * (y - mean) / (w * d).sum()
    elif statistic == "total":
        z = w * d * y
    else:
        ratio = (w * d * y).sum() / (w * d * x).sum()
        z = w * d * (y - ratio * x) / (w * d * x).sum()
    n_h, big_n = _stratum_sizes(f)
    total, reached, lonely_reached = 0.0, 0, 0
    for h in n_h.index:
        rows = np.flatnonzero(f["h"].to_numpy() == h)
        psu_totals = pd.Series(z[rows]).groupby(f["p"].to_numpy()[rows]).sum()
        n = int(n_h.loc[h])
        fraction = n / float(big_n.loc[h]) if sample.fpc else 0.0
        in_domain = bool(domain[rows].any())
        reached += in_domain
        if fraction == 1:
            continue
        if n == 1:
            lonely_reached += in_domain
            if option == "adjust":
                total += (1 - fraction) * float(psu_totals.iloc[0]) ** 2
            continue
        deviation = psu_totals - psu_totals.mean()
        total += (1 - fraction) * n / (n - 1) * float((deviation**2).sum())
    if option == "average":
        if reached == lonely_reached:
            return float("nan")
        total *= reached / (reached - lonely_reached)
    return total


@given(
    samples(),
    st.sampled_from(["mean", "total", "ratio"]),
    st.sampled_from(["remove", "certainty", "adjust", "average"]),
)
@SETTINGS
def test_taylor_variance_matches_the_formulas(
    sample: Sample, statistic: str, option: str
) -> None:
    result = survey_estimate(
        sample.frame,
        _design(sample, lonely_psu=option),
        ["y"],
        statistic=statistic,
        denominator="x" if statistic == "ratio" else None,
        by=[None, "g"],
    )
    groups = sample.frame["g"].to_numpy()
    masks = [np.ones(len(groups), bool)] + [
        groups == label for label in result.table["domain"].iloc[1:]
    ]
    for mask, se in zip(masks, result.table["se"], strict=True):
        expected = _reference_taylor(sample, mask, statistic, option)
        assert np.isnan(se) == np.isnan(expected)
        if not np.isnan(expected):
            assert float(se) ** 2 == pytest.approx(expected, rel=1e-9, abs=1e-12)


def _replicate_factors(
    sample: Sample, kind: str, option: str
) -> tuple[np.ndarray, np.ndarray, float]:
    """(rows x replicates) factors, rscales and scale as R builds them (§1.8)."""
    f = sample.frame
    n_h, big_n = _stratum_sizes(f)
    psu = f["p"].to_numpy()
    stratum = f["h"].to_numpy()
    columns: list[np.ndarray] = []
    rscales: list[float] = []
    if kind == "jk1":
        units = np.unique(psu)
        r = units.size
        for unit in units:
            columns.append(np.where(psu == unit, 0.0, r / (r - 1)))
            rscales.append(1.0)
        fraction = r / big_n.iloc[0] if sample.fpc else 0.0
        return np.column_stack(columns), np.array(rscales), (r - 1) / r * (1 - fraction)
    strata = n_h.size
    for h in n_h.index:
        n = int(n_h[h])
        fraction = n / big_n[h] if sample.fpc else 0.0
        if fraction == 1:
            continue
        if n == 1:
            if option == "adjust":
                columns.append(np.where(stratum == h, 0.0, strata / (strata - 1)))
                rscales.append((strata - 1) / strata)
            continue
        for unit in np.unique(psu[stratum == h]):
            factor = np.where(stratum == h, n / (n - 1), 1.0)
            columns.append(np.where(psu == unit, 0.0, factor))
            rscales.append((n - 1) / n * (1 - fraction))
    scale = 1.0
    if option == "average" and len(columns) < np.unique(psu).size:
        scale = np.unique(psu).size / len(columns)
    return np.column_stack(columns), np.array(rscales), scale


def _reference_replicates(
    sample: Sample,
    domain: np.ndarray,
    statistic: str,
    kind: str,
    option: str,
    mse: bool,
) -> tuple[float, int]:
    f = sample.frame
    factors, rscale, scale = _replicate_factors(sample, kind, option)
    weights = f["w"].to_numpy()[:, None] * factors * domain[:, None]
    y, x = f["y"].to_numpy(), f["x"].to_numpy()
    full_w = f["w"].to_numpy() * domain
    with np.errstate(divide="ignore", invalid="ignore"):
        if statistic == "total":
            theta, full = y @ weights, y @ full_w
        else:
            denominator = np.ones_like(x) if statistic == "mean" else x
            theta = (y @ weights) / (denominator @ weights)
            full = (y @ full_w) / (denominator @ full_w)
    ok = np.isfinite(theta)
    centre = full if mse else theta[ok].mean()
    variance = scale * float((rscale[ok] * (theta[ok] - centre) ** 2).sum())
    rank = np.linalg.matrix_rank(weights[domain & (f["w"].to_numpy() > 0)])
    return variance, int(rank) - 1


@given(
    samples(),
    st.sampled_from(["mean", "total", "ratio"]),
    st.sampled_from(["jk1", "jkn"]),
    st.sampled_from(["remove", "certainty", "adjust", "average"]),
    st.booleans(),
)
@SETTINGS
def test_jackknife_matches_explicit_replicate_weights(
    sample: Sample, statistic: str, kind: str, option: str, mse: bool
) -> None:
    frame = sample.frame
    if kind == "jk1":
        frame = frame.assign(h="s0", N=frame["p"].nunique() + 2)
        sample = Sample(frame, sample.fpc)
    factors_possible = _possible(sample, kind, option)
    design = SurveyDesign(
        weights="w",
        strata=None if kind == "jk1" else "h",
        psu="p",
        fpc="N" if sample.fpc else None,
        lonely_psu=option,  # type: ignore[arg-type]
        replicates=kind,  # type: ignore[arg-type]
        mse=mse,
    )
    if not factors_possible:
        return
    result = survey_estimate(
        frame,
        design,
        ["y"],
        statistic=statistic,
        denominator="x" if statistic == "ratio" else None,
        by=[None, "g"],
    )
    groups = frame["g"].to_numpy()
    rows: list[Any] = list(result.table.itertuples(index=False))
    for row in rows:
        mask = (
            np.ones(len(groups), bool) if row.domain is None else groups == row.domain
        )
        variance, df = _reference_replicates(sample, mask, statistic, kind, option, mse)
        assert float(row.se) ** 2 == pytest.approx(variance, rel=1e-9, abs=1e-12)
        assert row.df == df


def _possible(sample: Sample, kind: str, option: str) -> bool:
    """Designs R can turn into replicates (some stratum yields replicates)."""
    n_h, big_n = _stratum_sizes(sample.frame)
    census = (n_h == big_n) if sample.fpc else n_h < 0
    if kind == "jk1":
        return bool(n_h.iloc[0] > 1 and not census.iloc[0])
    regular = ((n_h > 1) & ~census).any()
    lonely = ((n_h == 1) & ~census).any()
    if option == "adjust":
        return bool(regular or (lonely and n_h.size > 1))
    return bool(regular)


@given(samples(min_psus=2), st.floats(0.01, 100))
@SETTINGS
def test_scaling_weights_scales_totals_and_leaves_means(
    sample: Sample, c: float
) -> None:
    design = _design(sample)
    scaled = sample.frame.assign(w=sample.frame["w"] * c)
    for statistic, power in (("mean", 0), ("total", 1)):
        base = survey_estimate(sample.frame, design, ["y"], statistic=statistic).table
        other = survey_estimate(scaled, design, ["y"], statistic=statistic).table
        factor = c**power
        assert other["estimate"].iloc[0] == pytest.approx(
            factor * base["estimate"].iloc[0], rel=1e-9, abs=1e-9
        )
        assert other["se"].iloc[0] == pytest.approx(
            factor * base["se"].iloc[0], rel=1e-9, abs=1e-9
        )


@given(samples(), st.randoms(use_true_random=False))
@SETTINGS
def test_permuting_rows_changes_nothing(sample: Sample, random: Any) -> None:
    design = _design(sample)
    order = list(range(len(sample.frame)))
    random.shuffle(order)
    shuffled = sample.frame.iloc[order].reset_index(drop=True)
    by: list[Any] = [None, "g", "h"]
    base = survey_estimate(sample.frame, design, ["y", "g"], by=by).table
    other = survey_estimate(shuffled, design, ["y", "g"], by=by).table
    pd.testing.assert_frame_equal(base, other, rtol=1e-9, atol=1e-12)


@given(samples())
@SETTINGS
def test_a_domain_equal_to_the_sample_is_the_overall_estimate(sample: Sample) -> None:
    frame = sample.frame.assign(everyone="all")
    table = survey_estimate(frame, _design(sample), ["y"], by=[None, "everyone"]).table
    columns = ["estimate", "se", "df", "n", "deff", "ci_low", "ci_high"]
    overall, domain = table[columns].iloc[0], table[columns].iloc[1]
    pd.testing.assert_series_equal(overall, domain, check_names=False)


@given(samples(min_psus=2))
@SETTINGS
def test_proportions_of_the_levels_sum_to_one(sample: Sample) -> None:
    frame = sample.frame.assign(y=sample.frame["y"].astype(int).astype(str))
    table = survey_estimate(
        frame, _design(sample), ["y"], statistic="proportion", by=[None, "g"]
    ).table
    sums = table.groupby("domain", dropna=False)["estimate"].sum()
    assert np.allclose(sums, 1)
    defined = table[table["df"] > 0]
    assert (defined["ci_low"] <= defined["estimate"] + 1e-12).all()
    assert (defined["estimate"] <= defined["ci_high"] + 1e-12).all()


def _lonely_strata(*, certain: int, lonely: int, groups: str) -> Sample:
    """JKn designs whose only replicates come from ``adjust``: ``lonely``
    one-PSU strata and ``certain`` census strata of two PSUs."""
    rows: list[dict[str, Any]] = []
    psu = 0
    for h in range(lonely + certain):
        for _ in range(1 if h < lonely else 2):
            psu += 1
            for i in range(2):
                rows.append(
                    {
                        "h": f"s{h}",
                        "p": psu,
                        "N": 1 if h < lonely else 2,
                        "w": 1.0 + psu + i,
                        "y": float(psu * i),
                        "x": 1.0,
                        "g": groups[(h + i) % len(groups)],
                    }
                )
    return Sample(pd.DataFrame(rows), fpc=True)


@pytest.mark.parametrize(
    ("certain", "lonely", "groups"),
    [(0, 3, "a"), (0, 3, "ab"), (2, 1, "a"), (2, 1, "ab"), (1, 2, "abc"), (0, 2, "ab")],
)
def test_jackknife_df_with_only_adjust_replicates(
    certain: int, lonely: int, groups: str
) -> None:
    sample = _lonely_strata(certain=certain, lonely=lonely, groups=groups)
    frame = sample.frame.assign(N=np.where(sample.frame["N"] == 1, 3, 2))
    sample = Sample(frame, fpc=True)
    design = SurveyDesign(
        weights="w",
        strata="h",
        psu="p",
        fpc="N",
        lonely_psu="adjust",
        replicates="jkn",
    )
    table = survey_estimate(frame, design, ["y"], by=[None, "g"]).table
    labels = frame["g"].to_numpy()
    rows: list[Any] = list(table.itertuples(index=False))
    for row in rows:
        mask = (
            np.ones(len(labels), bool) if row.domain is None else labels == row.domain
        )
        variance, df = _reference_replicates(
            sample, mask, "mean", "jkn", "adjust", False
        )
        assert row.df == df
        assert float(row.se) ** 2 == pytest.approx(variance, rel=1e-9, abs=1e-12)
