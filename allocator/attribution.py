"""Why each weight moved: split every active weight across the themes that drove it.

Method (leave one theme out): with the full alpha = Σ_t alpha_t the compiled problem gives
d_full. For each theme t, re-solve the same problem with alpha - alpha_t, giving d_{-t};
theme t's contribution is d_full - d_{-t} (what the allocation loses without it). Because
the bounds, caps and risk penalty make d non-additive in alpha, the contributions need not
sum to d_full; the remainder is reported as "interaction", so for every asset
    Σ_t contribution_t + interaction == d_full   (exactly, by construction).
Cost: one solve per theme plus one, each a parameter re-solve of the compiled problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from allocator.allocation import Allocation, Source
from allocator.errors import SolverFailed
from allocator.inputs import MarketInputs, Settings
from allocator.problem import TiltProblem
from allocator.solving import CLEAN_TOL

INTERACTION = "interaction"


@dataclass(frozen=True, slots=True, eq=False)
class Attribution:
    """Per-asset, per-theme shares of the active weights (decimal; 0.041 = +4.1 pts).

    contributions  (n, n_themes), columns in `themes` order.
    interaction    (n,) the part no single theme explains.
    allocation     the full-alpha allocation the contributions explain (`.active` == sum).
    """

    tickers: tuple[str, ...]
    themes: tuple[str, ...]
    contributions: np.ndarray
    interaction: np.ndarray
    allocation: Allocation

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
) -> Attribution:
    """Attribute the allocation for alpha = Σ theme_alphas to the themes (see module doc).

    theme_alphas maps theme name -> (n,) alpha (annualised decimal, ticker order).
    Raises SolverFailed when a solve falls back to an earlier or model allocation, because
    the differences would then mean nothing. Does not change `problem.last_good`.
    """
    if INTERACTION in theme_alphas:
        raise ValueError(f"{INTERACTION!r} is reserved for the unexplained remainder")
    themes = tuple(theme_alphas)
    alphas = [inputs.vector(theme_alphas[t], f"alpha of theme {t!r}") for t in themes]
    total = np.sum(alphas, axis=0) if alphas else np.zeros(inputs.n)
    full = _solve(problem, inputs, settings, total)
    contributions = np.zeros((inputs.n, len(themes)))
    for k, alpha_t in enumerate(alphas):
        contributions[:, k] = (
            full.active - _solve(problem, inputs, settings, total - alpha_t).active
        )
    # Differences below the solver's noise level are not a theme's doing.
    contributions[np.abs(contributions) < CLEAN_TOL] = 0.0
    interaction = full.active - contributions.sum(axis=1)
    return Attribution(inputs.tickers, themes, contributions, interaction, full)


def _solve(problem: TiltProblem, inputs, settings, alpha: np.ndarray) -> Allocation:
    allocation = problem.solve(inputs, settings, alpha, record=False)
    if allocation.source in (Source.LAST_GOOD, Source.MODEL):
        raise SolverFailed("cannot attribute: " + " ".join(allocation.notes))
    return allocation
