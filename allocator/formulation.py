"""The cvxpy formulation, written once per universe and driven only through Parameters.

    maximise    alpha·d - gamma_risk·||F d||² - kappa·||w - w_prev||₁
    subject to  w = w_bench + d,  Σ w = 1,  w >= 0,  lo <= w <= hi,
                class_lo <= C w <= class_hi,  |d| <= max_active,  ||F d|| <= te_max

d (active weights) is the decision variable and w an affine expression of it, so the
problem has no duplicate copy of the weights. DPP (disciplined parametrised programming)
forbids a Parameter multiplying an expression that itself holds a Parameter, so:
  * y == F d is a variable: risk is gamma_risk·||y||² and the cap ||y|| <= te_max (and F
    appears once, in a constraint);
  * z == w - w_prev is a variable (the trades), so kappa multiplies ||z||₁ alone.
The relaxed variant adds nonnegative slack to every soft limit (bounds, class bounds,
active cap, TE cap) and penalises its sum: full investment and long-only stay hard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import cvxpy as cp
import numpy as np

if TYPE_CHECKING:
    from allocator.compiled import ClarabelProgram

# Objective cost of one unit (100 pts) of slack. Any achievable alpha·d is a few
# hundredths at most, so slack is used only where the limits leave no choice (an exact
# L1 penalty), and the relaxed answer is the feasible portfolio nearest to the limits.
SLACK_PENALTY = 100.0


@dataclass(frozen=True, slots=True, eq=False)
class TiltParameters:
    """The Parameters shared by the strict and relaxed problems; shapes in comments."""

    alpha: cp.Parameter  # (n,) expected active return per unit of d, annualised decimal
    w_bench: cp.Parameter  # (n,)
    w_prev: cp.Parameter  # (n,)
    F: cp.Parameter  # (n, n) risk root, ||F d||² = d'Σd annualised
    gamma_risk: cp.Parameter  # scalar >= 0
    kappa: cp.Parameter  # scalar >= 0
    te_max: cp.Parameter  # scalar >= 0
    lo: cp.Parameter  # (n,)
    hi: cp.Parameter  # (n,)
    class_lo: cp.Parameter  # (m,)
    class_hi: cp.Parameter  # (m,)
    max_active: cp.Parameter  # (n,) >= 0

    @classmethod
    def create(cls, n: int, m: int) -> TiltParameters:
        return cls(
            alpha=cp.Parameter(n, name="alpha"),
            w_bench=cp.Parameter(n, name="w_bench"),
            w_prev=cp.Parameter(n, name="w_prev"),
            F=cp.Parameter((n, n), name="F"),
            gamma_risk=cp.Parameter(nonneg=True, name="gamma_risk"),
            kappa=cp.Parameter(nonneg=True, name="kappa"),
            te_max=cp.Parameter(nonneg=True, name="te_max"),
            lo=cp.Parameter(n, name="lo"),
            hi=cp.Parameter(n, name="hi"),
            class_lo=cp.Parameter(m, name="class_lo"),
            class_hi=cp.Parameter(m, name="class_hi"),
            max_active=cp.Parameter(n, nonneg=True, name="max_active"),
        )


@dataclass(frozen=True, slots=True, eq=False)
class Formulation:
    """A compiled-once cvxpy problem and the variables read after solving.

    slacks maps a constraint family to its slack variable (empty for the strict problem).
    """

    problem: cp.Problem
    d: cp.Variable  # (n,) active weights
    slacks: dict[str, cp.Variable]
    # Solver-specific compiled programs (see allocator.compiled), made on first use.
    compiled: dict[str, ClarabelProgram | None] = field(default_factory=dict)


SLACK_FAMILIES = (
    "asset lower bounds",
    "asset upper bounds",
    "asset-class lower bounds",
    "asset-class upper bounds",
    "active-weight cap",
    "tracking-error cap",
)


def build(p: TiltParameters, membership: np.ndarray, *, relaxed: bool) -> Formulation:
    """Write the problem over Parameters `p`; `membership` (m, n) is 1 where asset j is in class k.

    Raises RuntimeError unless the problem is DPP (else every solve would recompile).
    """
    n, m = p.alpha.shape[0], membership.shape[0]
    d = cp.Variable(n, name="d")
    y = cp.Variable(n, name="y")
    z = cp.Variable(n, name="z")
    w = p.w_bench + d
    shapes = dict(zip(SLACK_FAMILIES, (n, n, m, m, n, 1), strict=True))
    slacks = (
        {k: cp.Variable(size, nonneg=True, name=k) for k, size in shapes.items()} if relaxed else {}
    )

    def soft(family: str) -> cp.Expression | float:
        return slacks[family] if relaxed else 0.0

    constraints = [
        cp.sum(w) == 1,
        y == p.F @ d,
        z == w - p.w_prev,
        w >= p.lo - soft("asset lower bounds"),
        w <= p.hi + soft("asset upper bounds"),
        membership @ w >= p.class_lo - soft("asset-class lower bounds"),
        membership @ w <= p.class_hi + soft("asset-class upper bounds"),
        cp.abs(d) <= p.max_active + soft("active-weight cap"),
        cp.norm(y, 2) <= p.te_max + soft("tracking-error cap"),
    ]
    objective = p.alpha @ d - p.gamma_risk * cp.sum_squares(y) - p.kappa * cp.norm1(z)
    if relaxed:
        # Settings guarantee lo >= 0, so long-only only needs stating once lo can slacken.
        constraints += [w >= 0, *(s >= 0 for s in slacks.values())]
        objective = objective - SLACK_PENALTY * sum(cp.sum(s) for s in slacks.values())
    problem = cp.Problem(cp.Maximize(objective), constraints)
    if not problem.is_dpp():
        raise RuntimeError("tilt problem is not DPP: each solve would recompile it")
    return Formulation(problem=problem, d=d, slacks=slacks)
