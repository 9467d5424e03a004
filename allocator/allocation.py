"""The answer: a frozen `Allocation`, with where it came from and what had to give."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import numpy as np
import pandas as pd


class Source(StrEnum):
    """How an allocation was obtained (compares equal to its string value)."""

    OPTIMAL = "optimal"  # the first solver solved the problem as set
    FALLBACK_SOLVER = "fallback_solver"  # the first solver failed, a later one solved it
    RELAXED = "relaxed"  # settings infeasible: nearest feasible answer, slack reported
    LAST_GOOD = "last_good"  # every solver failed: the previous good allocation
    MODEL = "model"  # every solver failed and there was no previous one: the model portfolio


@dataclass(frozen=True, slots=True, eq=False)
class Slack:
    """How far one family of limits was loosened in a relaxed solve.

    constraint  e.g. "asset upper bounds", "tracking-error cap".
    amounts     name (ticker, class or "portfolio") -> loosening, decimal, > 0.
    """

    constraint: str
    amounts: Mapping[str, float]

    def __post_init__(self) -> None:
        object.__setattr__(self, "amounts", MappingProxyType(dict(self.amounts)))

    @property
    def total(self) -> float:
        return float(sum(self.amounts.values()))

    def describe(self) -> str:
        """E.g. "asset upper bounds had to be loosened by 12.0 pts in total: SPY +8.0, QQQ +4.0"."""
        parts = ", ".join(
            f"{name} +{100 * v:.1f}"
            for name, v in sorted(self.amounts.items(), key=lambda kv: -kv[1])
        )
        return (
            f"{self.constraint} had to be loosened by {100 * self.total:.1f} pts in total: {parts}"
        )


@dataclass(frozen=True, slots=True, eq=False)
class Allocation:
    """A suggested portfolio. Weights are decimals; risk and return figures annualised.

    weights                 (n,) suggested weights w, >= 0, summing to 1.
    active                  (n,) d = w - w_bench (positive = overweight).
    tracking_error          ||F d||, ex-ante annualised.
    expected_active_return  alpha · d, annualised decimal.
    objective               alpha·d - gamma_risk·||F d||² - kappa·||w - w_prev||₁ at these
                            weights (without any slack penalty).
    status                  the solver's status string ("optimal", ...; "" if none ran).
    solver                  name of the solver that produced it, or None.
    solve_time              wall seconds spent in `TiltProblem.solve`.
    solver_time             seconds the solver reported for its own work, or None.
    source                  see `Source`.
    conflicts               limits found to clash, in words (relaxed answers).
    slack                   loosening per family of limits (relaxed answers).
    notes                   anything else the user should know, in words.
    """

    tickers: tuple[str, ...]
    weights: np.ndarray
    active: np.ndarray
    tracking_error: float
    expected_active_return: float
    objective: float
    status: str
    solver: str | None
    solve_time: float
    solver_time: float | None
    source: Source
    conflicts: tuple[str, ...] = ()
    slack: tuple[Slack, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("weights", "active"):
            array = np.array(getattr(self, name), dtype=float)
            array.setflags(write=False)
            object.__setattr__(self, name, array)

    @property
    def slack_report(self) -> tuple[str, ...]:
        """One sentence per loosened family of limits."""
        return tuple(s.describe() for s in self.slack)

    def to_frame(self) -> pd.DataFrame:
        """Weights and active weights (decimal) indexed by ticker."""
        return pd.DataFrame(
            {"weight": self.weights, "active": self.active},
            index=pd.Index(self.tickers, name="ticker"),
        )
