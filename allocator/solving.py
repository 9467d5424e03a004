"""Run the compiled problem through the configured solvers in order, and clean the result."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import cvxpy as cp
import numpy as np

from allocator.allocation import Source
from allocator.compiled import ClarabelProgram
from allocator.formulation import Formulation

SolverSpec = tuple[str, dict]

# Clarabel first (interior point), with gap tolerances tightened from 1e-8 because the
# objective is nearly flat near its optimum (an annualised variance of a few pts²): d is
# only determined to about sqrt(gap / (gamma_risk·λmin(Σ))). Costs one or two iterations.
# SCS is the independent fallback, tightened from its 1e-4 default for the same reason.
DEFAULT_SOLVERS: tuple[SolverSpec, ...] = (
    ("CLARABEL", {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10}),
    ("SCS", {"eps_abs": 1e-8, "eps_rel": 1e-8, "max_iters": 200_000}),
)

# Active weights below this (decimal: 1e-5 pts) are interior-point noise: a model
# portfolio must come back exactly when nothing pushes it away.
CLEAN_TOL = 1e-7

# Largest constraint violation (decimal weight or TE) tolerated in a reduced-accuracy answer.
ACCEPT_VIOLATION = 1e-5

_SOLVED = {cp.OPTIMAL, cp.OPTIMAL_INACCURATE}
_INFEASIBLE = {cp.INFEASIBLE, cp.INFEASIBLE_INACCURATE}


@dataclass(frozen=True, slots=True, eq=False)
class Outcome:
    """What the solver chain produced.

    d_value      (n,) active weights, or None when nothing solved.
    infeasible   a solver proved the problem infeasible.
    attempts     (solver, status or error) for every solver that did not solve it.
    """

    d_value: np.ndarray | None
    status: str
    solver: str | None
    solver_time: float | None
    infeasible: bool
    attempts: tuple[tuple[str, str], ...]

    @property
    def source(self) -> Source:
        return Source.FALLBACK_SOLVER if self.attempts else Source.OPTIMAL

    def summary(self) -> str:
        return "; ".join(f"{name}: {why}" for name, why in self.attempts) or "no solver ran"

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.attempts and self.solver is not None:
            notes.append(f"solved by the fallback solver {self.solver} after {self.summary()}")
        if self.status == cp.OPTIMAL_INACCURATE:
            notes.append(
                f"{self.solver} reached only reduced accuracy; weights may be off slightly"
            )
        return tuple(notes)


def run_solvers(formulation: Formulation, solvers: tuple[SolverSpec, ...]) -> Outcome:
    """Solve with each solver in turn until one solves or proves infeasibility.

    A reduced-accuracy answer is kept only if it meets every constraint to within
    `ACCEPT_VIOLATION`; otherwise (e.g. an iteration limit) the next solver is tried.
    """
    attempts: list[tuple[str, str]] = []
    for name, options in solvers:
        try:
            status, solver_time = _solve_with(formulation, name, options)
        except Exception as exc:  # whatever broke in one solver, the next one may work
            attempts.append((name, f"error: {exc}"))
            continue
        if (
            status == cp.OPTIMAL_INACCURATE
            and _worst_violation(formulation.problem) > ACCEPT_VIOLATION
        ):
            attempts.append((name, f"{status}, constraints violated"))
            continue
        if status in _SOLVED or status in _INFEASIBLE:
            return Outcome(
                d_value=np.array(formulation.d.value) if status in _SOLVED else None,
                status=status,
                solver=name,
                solver_time=solver_time,
                infeasible=status in _INFEASIBLE,
                attempts=tuple(attempts),
            )
        attempts.append((name, status))
    return Outcome(None, "", None, None, False, tuple(attempts))


def _solve_with(formulation: Formulation, name: str, options: dict) -> tuple[str, float | None]:
    """(status, solver-reported seconds); Clarabel through the compiled fast path if it fits."""
    if name == "CLARABEL" and name not in formulation.compiled:
        formulation.compiled[name] = ClarabelProgram.compile(formulation.problem)
    program = formulation.compiled.get(name)
    if program is not None:
        return program.solve(options)
    problem = formulation.problem
    with warnings.catch_warnings():
        # The status says the same; it is handled by the caller, not printed.
        warnings.filterwarnings("ignore", "Solution may be inaccurate", UserWarning)
        problem.solve(solver=name, **options)
    return problem.status, problem.solver_stats.solve_time


def _worst_violation(problem: cp.Problem) -> float:
    return max(float(np.max(c.violation())) for c in problem.constraints)


def clean_active(d: np.ndarray, w_bench: np.ndarray) -> np.ndarray:
    """Remove interior-point noise from active weights d (n,); return the cleaned d.

    |d_i| < CLEAN_TOL becomes exactly 0 and w = w_bench + d is clipped at 0; the rounding
    this leaves in Σd (of the order of the solver tolerance) goes to the largest weight
    that moved, so Σw stays 1. Without this, a zero-view solve would show ±0.00001 pts tilts.
    """
    d = np.where(np.abs(d) < CLEAN_TOL, 0.0, d)
    d = np.clip(w_bench + d, 0.0, None) - w_bench
    moved = np.flatnonzero(d)
    if moved.size:
        absorber = moved[np.argmax((w_bench + d)[moved])]
        d[absorber] -= d.sum()
    return d
