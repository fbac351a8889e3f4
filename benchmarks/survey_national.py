"""National batch of design-based estimates: hromada against svy, R `survey` and
a raw numpy bincount pass (the floor).

Every community is a stratum of one stacked national design, its settlements the
PSUs; 40 items on 0-10 are estimated for every community and for sex, IDP,
veteran and disability groups within each community (five groupings, one call).
The baselines get the same in-memory data and must give the same means (and the
same SEs where they estimate them); timings exclude reading files.

    python benchmarks/survey_national.py [--communities 200] [--full 1469]

Targets at 200 communities x 1,000 respondents: >= 50x faster than R, >= 20x
faster than svy, within 5x of the bincount floor; the full 1,469-community batch
in under 15 s.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hromada.core import SurveyDesign, survey_estimate

GROUPS = {
    "sex": (["female", "male"], [0.54, 0.46]),
    "idp": (["no", "yes"], [0.88, 0.12]),
    "veteran": (["no", "yes"], [0.85, 0.15]),
    "disability": (["no", "yes"], [0.9, 0.1]),
}
GROUPINGS: list[Any] = ["community", *[("community", g) for g in GROUPS]]
DESIGN = SurveyDesign(weights="weight", strata="community", psu="settlement")
R_SCRIPT = r"""
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(community = "character"))
items <- strsplit(args[2], ",")[[1]]
des <- svydesign(ids = ~settlement, strata = ~community, weights = ~weight, data = d)
f <- as.formula(paste("~", paste(items, collapse = "+")))
elapsed <- 0
for (g in c("", "sex", "idp", "veteran", "disability")) {
  by <- if (g == "") ~community else as.formula(paste("~community +", g))
  t <- proc.time()
  b <- svyby(f, by, des, svymean)
  elapsed <- elapsed + (proc.time() - t)[["elapsed"]]
  write.csv(b, file.path(args[3], paste0("r_", if (g == "") "all" else g, ".csv")),
            row.names = FALSE)
}
cat(elapsed, "\n")
"""


def build(communities: int, respondents: int, items: int, seed: int) -> pd.DataFrame:
    """Seeded survey: 4-16 settlements per community, settlement and person
    effects on 0-10 items, weights = community population / respondents."""
    rng = np.random.default_rng(seed)
    n = communities * respondents
    community = np.repeat(np.arange(communities), respondents)
    settlements = rng.integers(4, 17, communities)
    settlement = community * 100 + (rng.random(n) * settlements[community]).astype(int)
    population = rng.integers(3_000, 150_000, communities)
    settlement_effect = rng.normal(0, 1.0, communities * 100)[settlement]
    frame = pd.DataFrame(
        {
            "community": np.char.add("UA", (10**16 + community * 7919).astype(str)),
            "settlement": settlement,
            "weight": population[community] / respondents * rng.uniform(0.6, 1.4, n),
        }
    )
    for name, (labels, p) in GROUPS.items():
        frame[name] = np.asarray(labels)[rng.choice(len(labels), n, p=p)]
    person = rng.normal(0, 1.2, n)
    for k in range(items):
        latent = (
            5 + settlement_effect * (0.5 + k % 3 / 2) + person + rng.normal(0, 2, n)
        )
        frame[f"q{k}"] = np.clip(np.round(latent), 0, 10)
    return frame


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def ours(frame: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    return survey_estimate(frame, DESIGN, items, by=GROUPINGS).table


def floor(frame: pd.DataFrame, items: list[str]) -> list[np.ndarray]:
    """Weighted means only, one bincount pair per grouping and item."""
    weight = frame["weight"].to_numpy()
    community = pd.factorize(frame["community"], sort=True)[0]
    keys = [community] + [
        community * 2 + pd.factorize(frame[g], sort=True)[0] for g in GROUPS
    ]
    values = frame[items].to_numpy(dtype=np.float64)
    means = []
    for key in keys:
        totals = np.bincount(key, weights=weight)
        for k in range(values.shape[1]):
            means.append(np.bincount(key, weights=weight * values[:, k]) / totals)
    return means


def _keyed(table: pd.DataFrame) -> pd.DataFrame:
    """Our table keyed by (grouping, community, group value, variable)."""
    parts = table["domain"].str.split(" × ", expand=True)
    return pd.DataFrame(
        {
            "grouping": table["grouping"].str.replace("community × ", ""),
            "community": parts[0],
            "value": parts[1].fillna("") if 1 in parts else "",
            "variable": table["variable"],
            "estimate": table["estimate"],
            "se": table["se"],
        }
    )


def check_floor(table: pd.DataFrame, means: list[np.ndarray]) -> float:
    return float(
        np.max(np.abs(table["estimate"].to_numpy() - _floor_order(means, table)))
    )


def _floor_order(means: list[np.ndarray], table: pd.DataFrame) -> np.ndarray:
    """The floor's means in our table's order (grouping, domain, item)."""
    items = table["variable"].nunique()
    out = []
    for g in range(len(GROUPINGS)):
        block = np.column_stack(means[g * items : (g + 1) * items])
        out.append(block[~np.isnan(block[:, 0])].ravel())
    return np.concatenate(out)


def with_svy(frame: pd.DataFrame, items: list[str]) -> tuple[float, pd.DataFrame]:
    import polars as pl
    import svy

    sample = svy.Sample(
        pl.from_pandas(frame),
        svy.Design(stratum="community", psu="settlement", wgt="weight"),
    )
    tables, elapsed = [], 0.0
    for grouping in GROUPINGS:
        by = [grouping] if isinstance(grouping, str) else list(grouping)
        start = time.perf_counter()
        result = sample.estimation.mean(items, by=by)
        elapsed += time.perf_counter() - start
        out = result.to_polars().to_pandas()
        tables.append(
            pd.DataFrame(
                {
                    "grouping": "community" if len(by) == 1 else by[1],
                    "community": out["community"].astype(str),
                    "value": out[by[1]].astype(str) if len(by) > 1 else "",
                    "variable": out["y"],
                    "estimate": out["est"],
                    "se": out["se"],
                }
            )
        )
    return elapsed, pd.concat(tables, ignore_index=True)


def with_r(frame: pd.DataFrame, items: list[str]) -> tuple[float, pd.DataFrame] | None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "national.csv"
        frame.to_csv(data, index=False)
        script = Path(tmp) / "national.R"
        script.write_text(R_SCRIPT)
        done = subprocess.run(
            [rscript, str(script), str(data), ",".join(items), tmp],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = float(done.stdout.split()[-1])
        tables = []
        for name in ["all", *GROUPS]:
            wide = pd.read_csv(Path(tmp) / f"r_{name}.csv", dtype={"community": str})
            value = wide[name].astype(str) if name != "all" else ""
            for item in items:
                tables.append(
                    pd.DataFrame(
                        {
                            "grouping": "community" if name == "all" else name,
                            "community": wide["community"],
                            "value": value,
                            "variable": item,
                            "estimate": wide[item],
                            "se": wide[f"se.{item}"],
                        }
                    )
                )
    return elapsed, pd.concat(tables, ignore_index=True)


def agreement(ours_table: pd.DataFrame, other: pd.DataFrame) -> tuple[float, float]:
    """Largest absolute differences of estimates and SEs on matched rows."""
    keys = ["grouping", "community", "value", "variable"]
    merged = _keyed(ours_table).merge(other, on=keys, suffixes=("", "_other"))
    if len(merged) != len(ours_table):
        raise SystemExit(f"only {len(merged)} of {len(ours_table)} estimates matched")
    estimate = np.abs(merged["estimate"] - merged["estimate_other"]).max()
    se = np.abs(merged["se"] - merged["se_other"]).max()
    return float(estimate), float(se)


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=200)
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument(
        "--full",
        type=int,
        default=1469,
        help="communities of the full batch (0 to skip)",
    )
    parser.add_argument("--no-svy", action="store_true")
    parser.add_argument("--no-r", action="store_true")
    parser.add_argument("--seed", type=int, default=20260415)
    args = parser.parse_args(argv)
    items = [f"q{k}" for k in range(args.items)]

    frame = build(args.communities, args.respondents, args.items, args.seed)
    print(
        f"{args.communities} communities x {args.respondents} respondents "
        f"({len(frame):,} rows), {args.items} items, {len(GROUPINGS)} groupings"
    )
    t_ours, table = best_of(3, lambda: ours(frame, items))
    t_floor, means = best_of(3, lambda: floor(frame, items))
    gap = check_floor(table, means)
    if gap > 1e-9:
        raise SystemExit(f"hromada and the floor disagree by {gap:g}")
    print(
        f"  hromada          {t_ours:8.2f} s  "
        f"({len(table):,} estimates with SE, CI, deff)"
    )
    print(
        f"  numpy floor      {t_floor:8.2f} s  means only; hromada / floor = "
        f"{t_ours / t_floor:.1f}x ({verdict(t_ours / t_floor <= 5)}: <= 5x)"
    )
    if not args.no_svy:
        t_svy, svy_table = with_svy(frame, items)
        est, se = agreement(table, svy_table)
        if est > 1e-9 or se > 1e-9:
            raise SystemExit(f"svy disagrees: estimates {est:g}, SEs {se:g}")
        print(
            f"  svy              {t_svy:8.2f} s  svy / hromada = {t_svy / t_ours:.0f}x "
            f"({verdict(t_svy / t_ours >= 20)}: >= 20x); max |diff| est {est:.1e}, "
            f"SE {se:.1e}"
        )
    if not args.no_r:
        r = with_r(frame, items)
        if r is None:
            print("  R survey         skipped (no Rscript)")
        else:
            t_r, r_table = r
            est, se = agreement(table, r_table)
            if est > 1e-9 or se > 1e-9:
                raise SystemExit(f"R disagrees: estimates {est:g}, SEs {se:g}")
            print(
                f"  R survey (svyby) {t_r:8.2f} s  R / hromada = {t_r / t_ours:.0f}x "
                f"({verdict(t_r / t_ours >= 50)}: >= 50x); max |diff| est {est:.1e}, "
                f"SE {se:.1e}"
            )
    if args.full:
        national = build(args.full, args.respondents, args.items, args.seed)
        t_full, full_table = best_of(1, lambda: ours(national, items))
        t_full_floor, full_means = best_of(1, lambda: floor(national, items))
        if check_floor(full_table, full_means) > 1e-9:
            raise SystemExit("hromada and the floor disagree on the full batch")
        print(f"full batch: {args.full} communities ({len(national):,} rows)")
        print(
            f"  hromada          {t_full:8.2f} s  ({verdict(t_full < 15)}: < 15 s); "
            f"{len(full_table):,} estimates"
        )
        print(
            f"  numpy floor      {t_full_floor:8.2f} s  hromada / floor = "
            f"{t_full / t_full_floor:.1f}x"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
