"""Why did the weights move: split every active weight across the themes that drove it.

With the full alpha = Σ_t alpha_t the compiled problem gives d_full. Two methods, each a set
of parameter re-solves of the same compiled problem (alpha changes, nothing else):

- "leave_one_out": theme t's contribution is d_full - d_{-t}, where d_{-t} solves with
  alpha - alpha_t. k + 1 solves for k themes. Because the bounds, caps and risk penalty make d
  non-additive in alpha, the contributions need not sum to d_full.
- "shapley": theme t's contribution is its Shapley value, the average over every order of
  switching themes on of what switching t on adds:
      phi_t = Σ_{S ⊆ themes - {t}} |S|! (k - |S| - 1)! / k! · (d(S ∪ {t}) - d(S)),
  where d(S) solves with the alphas of S only. 2^k solves (64 for 6 themes). The contributions
  sum to d_full - d(∅): limits are shared among the themes that pushed into them.

Whatever the method, "interaction" is the part the themes leave unexplained, so for every asset
    Σ_t contribution_t + interaction == d_full   (exactly, by construction).
For "shapley" that part is d(∅), where the portfolio sits with no view at all: 0 unless the
turnover penalty holds it near current holdings or the model breaks a bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from math import factorial

import numpy as np
import pandas as pd

from allocator.allocation import Allocation, Source
from allocator.errors import SolverFailed
from allocator.inputs import MarketInputs, Settings
from allocator.problem import TiltProblem
from allocator.solving import CLEAN_TOL

INTERACTION = "interaction"
METHODS = ("leave_one_out", "shapley")


@dataclass(frozen=True, slots=True, eq=False)
class Attribution:
    """Per-asset, per-theme shares of the active weights (decimal; 0.041 = +4.1 pts).

    contributions  (n, n_themes), columns in `themes` order.
    interaction    (n,) the part no single theme explains (see the module doc per method).
    allocation     the full-alpha allocation the contributions explain (`.active` == sum).
    method         "leave_one_out" or "shapley".
    """

    tickers: tuple[str, ...]
    themes: tuple[str, ...]
    contributions: np.ndarray
    interaction: np.ndarray
    allocation: Allocation
    method: str = "leave_one_out"

    def to_frame(self) -> pd.DataFrame:
        """Rows tickers, columns themes then "interaction"; each row sums to the active weight."""
        frame = pd.DataFrame(
            self.contributions, index=pd.Index(self.tickers, name="ticker"), columns=self.themes
        )
        frame[INTERACTION] = self.interaction
        return frame

    def for_asset(self, ticker: str) -> dict[str, float]:
        """Theme -> contribution (decimal) for one ticker, largest magnitude first."""
        row = self.to_frame().loc[ticker]
        return {k: float(row[k]) for k in row.abs().sort_values(ascending=False).index}


def attribute(
    problem: TiltProblem,
    theme_alphas: Mapping[str, np.ndarray],
    inputs: MarketInputs,
    settings: Settings,
    *,
    method: str = "leave_one_out",
) -> Attribution:
    """Attribute the allocation for alpha = Σ theme_alphas to the themes (see module doc).

    theme_alphas maps theme name -> (n,) alpha (annualised decimal, ticker order).
    Raises SolverFailed when a solve falls back to an earlier or model allocation, because
    the differences would then mean nothing. Does not change `problem.last_good`.
    """
    if INTERACTION in theme_alphas:
        raise ValueError(f"{INTERACTION!r} is reserved for the unexplained remainder")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    themes = tuple(theme_alphas)
    alphas = np.array(
        [inputs.vector(theme_alphas[t], f"alpha of theme {t!r}") for t in themes]
    ).reshape(len(themes), inputs.n)  # (k, n)
    explain = _shapley if method == "shapley" else _leave_one_out
    full, contributions = explain(problem, inputs, settings, alphas)
    # Differences below the solver's noise level are not a theme's doing.
    contributions[np.abs(contributions) < CLEAN_TOL] = 0.0
    interaction = full.active - contributions.sum(axis=1)
    return Attribution(inputs.tickers, themes, contributions, interaction, full, method)


def _leave_one_out(problem, inputs, settings, alphas: np.ndarray):
    """(full allocation, (n, k) d_full - d_{-t})."""
    total = alphas.sum(axis=0)
    full = _solve(problem, inputs, settings, total)
    without = [_solve(problem, inputs, settings, total - a).active for a in alphas]
    return full, full.active[:, None] - np.array(without).reshape(len(alphas), inputs.n).T


def _shapley(problem, inputs, settings, alphas: np.ndarray):
    """(full allocation, (n, k) exact Shapley values) from one solve per subset of themes."""
    k = len(alphas)
    members = (np.arange(2**k)[:, None] >> np.arange(k)) & 1  # (2^k, k): subset m holds t?
    solved = [_solve(problem, inputs, settings, row @ alphas) for row in members]
    active = np.array([a.active for a in solved])  # (2^k, n)
    size = members.sum(axis=1)
    contributions = np.zeros((inputs.n, k))
    for t in range(k):
        without = np.flatnonzero(members[:, t] == 0)  # subsets S not holding t
        weight = np.array([factorial(s) * factorial(k - s - 1) for s in size[without]])
        gain = active[without | (1 << t)] - active[without]  # (2^(k-1), n)
        contributions[:, t] = weight @ gain / factorial(k)
    return solved[-1], contributions


def _solve(problem: TiltProblem, inputs, settings, alpha: np.ndarray) -> Allocation:
    allocation = problem.solve(inputs, settings, alpha, record=False)
    if allocation.source in (Source.LAST_GOOD, Source.MODEL):
        raise SolverFailed("cannot attribute: " + " ".join(allocation.notes))
    return allocation
