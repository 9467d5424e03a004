"""Tilt a model portfolio toward signal views with a compiled cvxpy problem.

Pure library: NumPy/pandas/cvxpy in, frozen dataclasses out; no I/O, no clock (except
`time.perf_counter` to report solve time), no `signals` import. All weights, bounds and
caps are decimals (0.04 = 4 %); all risk and return figures are annualised. Arrays are
(n,) in `tickers` order; active weights d = w - w_bench (positive = overweight).

Typical use (the desktop maps readings -> theme views -> `alpha`; this package does not):

    cov = shrunk_covariance(daily_returns)                  # (n, n) annualised, PD
    inputs = MarketInputs(tickers, asset_classes, w_bench, cov.to_numpy())
    problem = TiltProblem(tickers, asset_classes)           # compiled once per universe
    allocation = problem.solve(inputs, Settings(max_te=0.04), alpha)   # re-solve: ms
    allocation.weights, allocation.active, allocation.source, allocation.slack_report
    why = attribute(problem, {"small_caps": a1, "gold": a2}, inputs, settings)
    plan = plan_trades(tickers, allocation.weights, prices, portfolio_value=100_000)

Public API
----------
MarketInputs(tickers, asset_classes, w_bench, covariance)       market data; `.F` risk root,
    `.vector(mapping_or_array, what)` -> (n,) array (mapping: ticker -> value, missing = 0).
Settings(gamma_risk=2.0, kappa=0.001, max_te=0.04, max_active=0.10,
         default_bounds=(0, 1), asset_bounds={ticker: (lo, hi)},
         class_bounds={class: (lo, hi)}, w_prev=None)           the user's knobs.
TiltProblem(tickers, asset_classes, *, solvers=DEFAULT_SOLVERS)
    .solve(inputs, settings, alpha, *, strict=False) -> Allocation
        maximise alpha·d - gamma_risk·||F d||² - kappa·||w - w_prev||₁ s.t. Σw = 1, w >= 0,
        asset and class bounds, |d_i| <= max_active, ||F d|| <= max_te.
        Never raises on settings: `Allocation.source` is one of `Source`:
        "optimal", "fallback_solver" (first solver failed), "relaxed" (settings infeasible;
        nearest feasible answer with `conflicts` and `slack` in words), "last_good" (all
        solvers failed), "model" (all failed, nothing earlier). strict=True raises
        `Infeasible` / `SolverFailed` instead. ValueError for malformed inputs (NaN alpha
        names the ticker; unknown tickers/classes in bounds; another universe).
    .problem (the one compiled cvxpy.Problem), .last_good, .solvers (the chain, in order;
    replaceable between solves), .tickers, .class_names
Allocation  frozen: tickers, weights, active, tracking_error, expected_active_return,
    objective, status, solver, solve_time (wall s), solver_time (solver-reported s),
    source, conflicts, slack (tuple[Slack]), notes; .slack_report, .to_frame().
attribute(problem, theme_alphas, inputs, settings, *, method="leave_one_out") -> Attribution
    per-asset, per-theme share of d by leave-one-theme-out re-solves (k + 1) or exact Shapley
    values (method="shapley", 2^k re-solves), plus 'interaction', the unexplained rest.
    Attribution: tickers, themes, contributions (n, n_themes), interaction (n,), allocation,
    method;
    .to_frame() (rows add up to d), .for_asset(ticker) -> {theme: pts as decimal}.
shrunk_covariance(returns, *, periods_per_year=252, min_obs=60, prior_vol=0.20)
    -> DataFrame: Ledoit-Wolf constant-correlation shrinkage, NaN-tolerant, PD.
plan_trades(tickers, weights, prices, *, portfolio_value=None, holdings=None) -> TradePlan
    whole-share orders without exceeding the cash available. TradePlan: lines
    (TradeLine: ticker, weight, price, target_value, target_shares, current_shares,
    trade_shares, in_universe), portfolio_value, cash_left, unpriced; .to_frame().
Errors: AllocatorError > Infeasible(message, conflicts, slack_report: what the nearest
    feasible answer had to loosen), SolverFailed(message, attempts).

Zero views (alpha = 0) with w_prev = w_bench give back w_bench exactly: the objective is
then -gamma_risk·||F d||² - kappa·||d||₁ (gamma_risk > 0, F full rank), uniquely maximised
at d = 0. The solver only approaches that point to its tolerance (the objective is flat
there), so whenever the model is provably optimal (views spread by at most 2·kappa, model
within every bound, w_prev = w_bench) d is set to exactly 0; elsewhere |d_i| < 1e-7 is
cleaned to 0 (see `allocator.solving.clean_active`).
"""

from allocator.allocation import Allocation, Slack, Source
from allocator.attribution import Attribution, attribute
from allocator.errors import AllocatorError, Infeasible, SolverFailed
from allocator.inputs import MarketInputs, Settings
from allocator.problem import TiltProblem
from allocator.risk import risk_root, shrunk_covariance
from allocator.solving import DEFAULT_SOLVERS
from allocator.trades import TradeLine, TradePlan, plan_trades

__all__ = [
    "DEFAULT_SOLVERS",
    "Allocation",
    "AllocatorError",
    "Attribution",
    "Infeasible",
    "MarketInputs",
    "Settings",
    "Slack",
    "SolverFailed",
    "Source",
    "TiltProblem",
    "TradeLine",
    "TradePlan",
    "attribute",
    "plan_trades",
    "risk_root",
    "shrunk_covariance",
]
