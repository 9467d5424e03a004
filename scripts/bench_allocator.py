"""Benchmark the compiled tilt problem against rebuilding it and against PyPortfolioOpt.

    python scripts/bench_allocator.py [--prices CSV] [--runs N]      (`make bench`)

Universes: the default one (17 held assets of resources/universe.toml; covariance from the
last three years of the bundled synthetic demo prices, or of a wide CSV of adjusted closes
given with --prices), and seeded synthetic factor-model universes of 25 and 50 assets.
Each run changes the views (sparse random alpha) and every fifth also the settings
(gamma_risk, kappa, TE cap, active cap); class bounds are always on.

Timed, per universe (medians and 95th percentiles, milliseconds):
  ours      TiltProblem.solve on the one compiled problem: parameters written, validated,
            solved, cleaned and wrapped in an Allocation (the wall time a slider move costs);
  solver    Clarabel's own reported solve time for those same solves;
  naive     the same formulation written with constants and rebuilt by cvxpy every call;
  pypfopt   PyPortfolioOpt's EfficientFrontier, built per call as its API requires, with
            convex_objective(-alpha·d + gamma·d'Σd + kappa·||w - w_prev||₁), weight bounds,
            add_sector_constraints, and add_constraint for |d| <= cap and d'Σd <= TE².
            Differences: the TE cap is on variance (quad_form) rather than on ||F d||; same
            optimum. All three use Clarabel with the same tolerances.
Also the largest weight difference from ours over the runs. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import cvxpy as cp
import numpy as np
import pandas as pd
from pypfopt import EfficientFrontier

from allocator import DEFAULT_SOLVERS, MarketInputs, Settings, TiltProblem, shrunk_covariance
from allocator.limits import resolve_limits

CLARABEL_OPTIONS = dict(DEFAULT_SOLVERS)["CLARABEL"]
CLASS_VOL = {
    "us_equity": 0.17,
    "intl_equity": 0.16,
    "commodities": 0.20,
    "bonds": 0.06,
    "cash": 0.01,
}


@dataclass
class Case:
    name: str
    inputs: MarketInputs
    runs: list[tuple[Settings, np.ndarray]]


def default_inputs(prices_csv: Path | None) -> MarketInputs:
    """The default universe; covariance from 3 years of daily returns (demo prices or CSV)."""
    from desktop.data.paths import resources_dir
    from desktop.data.user_files import load_universe

    universe = load_universe(resources_dir() / "universe.toml")
    tickers = list(universe.held_tickers)
    if prices_csv is None:
        from scripts.demo_data.market import generate_prices

        prices = generate_prices()
    else:
        prices = pd.read_csv(prices_csv, index_col=0, parse_dates=True)
    returns = prices[tickers].pct_change(fill_method=None).iloc[-756:]
    return MarketInputs(
        tickers=tuple(tickers),
        asset_classes=tuple(a.asset_class for a in universe.assets),
        w_bench=universe.model_weights().to_numpy(),
        covariance=shrunk_covariance(returns).to_numpy(),
    )


def synthetic_inputs(n: int, seed: int) -> MarketInputs:
    """n assets over five classes; returns from a 3-factor model with class volatilities."""
    rng = np.random.default_rng(seed)
    classes = [list(CLASS_VOL)[i % 5] if i % 2 else "us_equity" for i in range(n)]
    vols = np.array([CLASS_VOL[c] for c in classes]) * rng.uniform(0.7, 1.4, n)
    loadings = rng.normal(0.5, 0.3, (n, 3))
    days = 756
    raw = rng.standard_normal((days, 3)) @ loadings.T + rng.standard_normal((days, n))
    returns = raw / raw.std(axis=0) * vols / np.sqrt(252)
    tickers = [f"S{i:02d}" for i in range(n)]
    weights = rng.uniform(0.5, 2.0, n)
    return MarketInputs(
        tickers=tuple(tickers),
        asset_classes=tuple(classes),
        w_bench=weights / weights.sum(),
        covariance=shrunk_covariance(pd.DataFrame(returns, columns=tickers)).to_numpy(),
    )


def make_runs(inputs: MarketInputs, count: int, seed: int) -> list[tuple[Settings, np.ndarray]]:
    """Sparse views every run; new knobs every fifth. Class bounds keep the model feasible."""
    rng = np.random.default_rng(seed)
    classes = np.array(inputs.asset_classes)
    class_w = {c: inputs.w_bench[classes == c].sum() for c in dict.fromkeys(classes)}
    class_bounds = {c: (0.5 * w, min(1.0, 1.5 * w + 0.05)) for c, w in class_w.items()}
    runs, knobs = [], None
    for k in range(count):
        if k % 5 == 0:
            knobs = Settings(
                gamma_risk=float(rng.choice([1.0, 2.0, 5.0])),
                kappa=float(rng.choice([0.0005, 0.001, 0.002])),
                max_te=float(rng.choice([0.02, 0.03, 0.04, 0.06])),
                max_active=float(rng.choice([0.05, 0.10])),
                class_bounds=class_bounds,
            )
        alpha = rng.normal(0, 0.02, inputs.n) * (rng.random(inputs.n) < 0.4)
        runs.append((knobs, alpha))
    return runs


def solve_naive(inputs: MarketInputs, knobs: Settings, alpha: np.ndarray) -> np.ndarray:
    """The same problem with constants, built and compiled from scratch."""
    limits = resolve_limits(knobs, inputs)
    classes = np.array(inputs.asset_classes)
    membership = np.array([classes == c for c in dict.fromkeys(classes)], dtype=float)
    d = cp.Variable(inputs.n)
    w = inputs.w_bench + d
    objective = alpha @ d - knobs.gamma_risk * cp.sum_squares(inputs.F @ d)
    objective -= knobs.kappa * cp.norm1(w - limits.w_prev)
    constraints = [
        cp.sum(w) == 1, w >= limits.lo, w <= limits.hi,
        membership @ w >= limits.class_lo, membership @ w <= limits.class_hi,
        cp.abs(d) <= limits.max_active, cp.norm(inputs.F @ d) <= limits.te_max,
    ]  # fmt: skip
    cp.Problem(cp.Maximize(objective), constraints).solve(solver=cp.CLARABEL, **CLARABEL_OPTIONS)
    return inputs.w_bench + d.value


def solve_pypfopt(inputs: MarketInputs, knobs: Settings, alpha: np.ndarray) -> np.ndarray:
    """PyPortfolioOpt's closest equivalent (see the module docstring for the differences)."""
    limits = resolve_limits(knobs, inputs)
    wb, cov = inputs.w_bench, inputs.covariance
    ef = EfficientFrontier(
        pd.Series(alpha, index=inputs.tickers),
        pd.DataFrame(cov, index=inputs.tickers, columns=inputs.tickers),
        weight_bounds=list(zip(limits.lo, limits.hi, strict=True)),
        solver="CLARABEL",
        solver_options=CLARABEL_OPTIONS,
    )
    mapper = dict(zip(inputs.tickers, inputs.asset_classes, strict=True))
    names = list(dict.fromkeys(inputs.asset_classes))
    ef.add_sector_constraints(
        mapper,
        dict(zip(names, limits.class_lo, strict=True)),
        dict(zip(names, limits.class_hi, strict=True)),
    )
    ef.add_constraint(lambda w: cp.abs(w - wb) <= limits.max_active)
    ef.add_constraint(lambda w: cp.quad_form(w - wb, cov) <= limits.te_max**2)

    def objective(w):
        d = w - wb
        tilt = -alpha @ d + knobs.gamma_risk * cp.quad_form(d, cov)
        return tilt + knobs.kappa * cp.norm1(w - limits.w_prev)

    ef.convex_objective(objective, weights_sum_to_one=True)
    return np.array(ef.weights, dtype=float)


def timed(solve, runs) -> tuple[np.ndarray, np.ndarray]:
    """(wall seconds per run, (runs, n) weights)."""
    times, weights = [], []
    for knobs, alpha in runs:
        start = time.perf_counter()
        weights.append(solve(knobs, alpha))
        times.append(time.perf_counter() - start)
    return np.array(times), np.array(weights)


def ms(seconds: np.ndarray, percentile: float) -> float:
    return round(1e3 * float(np.percentile(seconds, percentile)), 3)


def bench_case(case: Case, compare_runs: int) -> dict[str, float]:
    problem = TiltProblem(case.inputs.tickers, case.inputs.asset_classes)
    start = time.perf_counter()
    problem.solve(case.inputs, *case.runs[0])
    first = time.perf_counter() - start
    allocations = [problem.solve(case.inputs, knobs, alpha) for knobs, alpha in case.runs]
    if any(a.source != "optimal" for a in allocations):
        raise RuntimeError("benchmark settings must be feasible and solved by Clarabel")
    ours = np.array([a.solve_time for a in allocations])
    solver = np.array([a.solver_time for a in allocations])
    ours_w = np.array([a.weights for a in allocations[:compare_runs]])
    some = case.runs[:compare_runs]
    naive, naive_w = timed(lambda k, a: solve_naive(case.inputs, k, a), some)
    pfo, pfo_w = timed(lambda k, a: solve_pypfopt(case.inputs, k, a), some)
    return {
        "assets": case.inputs.n,
        "first_solve_compile_ms": round(1e3 * first, 1),
        "ours_median_ms": ms(ours, 50), "ours_p95_ms": ms(ours, 95),
        "solver_reported_median_ms": ms(solver, 50), "solver_reported_p95_ms": ms(solver, 95),
        "naive_median_ms": ms(naive, 50), "naive_p95_ms": ms(naive, 95),
        "pypfopt_median_ms": ms(pfo, 50), "pypfopt_p95_ms": ms(pfo, 95),
        "speedup_vs_naive": round(float(np.median(naive) / np.median(ours)), 2),
        "speedup_vs_pypfopt": round(float(np.median(pfo) / np.median(ours)), 2),
        "ours_over_solver": round(float(np.median(ours) / np.median(solver)), 2),
        "max_weight_diff_vs_pypfopt": float(f"{np.abs(ours_w - pfo_w).max():.2e}"),
        "max_weight_diff_vs_naive": float(f"{np.abs(ours_w - naive_w).max():.2e}"),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prices", type=Path, help="wide CSV of daily adjusted closes")
    parser.add_argument("--runs", type=int, default=300, help="re-solves per universe")
    parser.add_argument("--compare-runs", type=int, default=60, help="naive/PyPortfolioOpt runs")
    args = parser.parse_args()
    cases = [Case("default", default_inputs(args.prices), [])]
    cases += [Case(f"synthetic_{n}", synthetic_inputs(n, seed=n), []) for n in (25, 50)]
    results = {}
    for k, case in enumerate(cases):
        case.runs = make_runs(case.inputs, args.runs, seed=k)
        results[case.name] = bench_case(case, min(args.compare_runs, args.runs))
        r = results[case.name]
        print(
            f"{case.name:>13} n={r['assets']:>2}: ours {r['ours_median_ms']:.2f} ms "
            f"(p95 {r['ours_p95_ms']:.2f}, solver {r['solver_reported_median_ms']:.2f}), "
            f"naive {r['naive_median_ms']:.2f}, PyPortfolioOpt {r['pypfopt_median_ms']:.2f}; "
            f"max |Δw| vs PyPortfolioOpt {r['max_weight_diff_vs_pypfopt']:.1e}"
        )
    at25 = results["synthetic_25"]
    results["targets_at_25"] = {
        "speedup_vs_naive_ge_4": at25["speedup_vs_naive"] >= 4,
        "speedup_vs_pypfopt_ge_4": at25["speedup_vs_pypfopt"] >= 4,
        "weights_equal_1e-4": at25["max_weight_diff_vs_pypfopt"] <= 1e-4,
        "ours_within_3x_solver": at25["ours_over_solver"] <= 3,
    }
    print(json.dumps(results, separators=(",", ":")))


if __name__ == "__main__":
    main()
