"""`TiltProblem`: compile the tilt problem once per universe, then re-solve in milliseconds.

Moving a view or a setting only writes Parameter values; cvxpy re-uses the canonicalised
program (DPP), so no re-solve rebuilds anything. The solve path never raises on user
settings: it answers with an `Allocation` whose `source` says how it was obtained.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence

import cvxpy as cp
import numpy as np

from allocator.allocation import Allocation, Slack, Source
from allocator.errors import Infeasible, SolverFailed
from allocator.feasibility import find_conflicts, model_is_optimal
from allocator.formulation import Formulation, TiltParameters, build
from allocator.inputs import MarketInputs, Settings
from allocator.limits import Limits, class_names_of, resolve_limits
from allocator.solving import DEFAULT_SOLVERS, Outcome, SolverSpec, clean_active, run_solvers

# Slack below this (decimal) is solver noise, not a loosened limit.
_SLACK_NOISE = 1e-6
# What to say when the solver proves infeasibility that no simple check isolated.
COMBINED_CONFLICT = "the limits clash in combination, in a way no quick check pinpoints"


class TiltProblem:
    """The tilt problem for one universe (fixed tickers and asset classes).

    Not thread-safe: cvxpy objects are mutable, so keep one instance per worker thread.
    """

    def __init__(
        self,
        tickers: Sequence[str],
        asset_classes: Sequence[str],
        *,
        solvers: Sequence[SolverSpec] = DEFAULT_SOLVERS,
    ) -> None:
        self.tickers = tuple(str(t) for t in tickers)
        self.asset_classes = tuple(str(c) for c in asset_classes)
        if not self.tickers:
            raise ValueError("the universe is empty: add at least one held asset")
        if len(self.asset_classes) != len(self.tickers):
            raise ValueError("need exactly one asset class per ticker")
        self.class_names = class_names_of(self.asset_classes)
        self._membership = np.array(
            [[float(c == name) for c in self.asset_classes] for name in self.class_names]
        )  # (m, n)
        installed = set(cp.installed_solvers())
        # The chain tried in order on every solve; uninstalled solvers are left out.
        self.solvers = tuple((name, dict(opts)) for name, opts in solvers if name in installed)
        if not self.solvers:
            raise RuntimeError(f"none of the solvers {[s[0] for s in solvers]} is installed")
        self._params = TiltParameters.create(len(self.tickers), len(self.class_names))
        self._strict = build(self._params, self._membership, relaxed=False)
        self._relaxed: Formulation | None = None  # built the first time settings clash
        self._last_good: Allocation | None = None

    @property
    def problem(self) -> cp.Problem:
        """The compiled strict problem (the same object for the life of this instance)."""
        return self._strict.problem

    @property
    def last_good(self) -> Allocation | None:
        """The last allocation that solved the settings as given, if any."""
        return self._last_good

    def solve(
        self,
        inputs: MarketInputs,
        settings: Settings,
        alpha: Mapping[str, float] | Sequence[float] | np.ndarray,
        *,
        strict: bool = False,
        record: bool = True,
    ) -> Allocation:
        """Tilt `inputs.w_bench` toward `alpha` (annualised expected active return per unit of
        weight, decimal, by ticker) within `settings`.

        Infeasible settings give the nearest feasible answer (source "relaxed", slack
        reported); solver failure falls back to the next solver, then to the last good
        allocation. With `strict=True`, raise `Infeasible` / `SolverFailed` instead.
        `record=False` leaves `last_good` untouched (what-if solves such as attribution).
        Malformed inputs (NaN alpha, other tickers) raise ValueError naming the problem.
        """
        start = time.perf_counter()
        if inputs.tickers != self.tickers or inputs.asset_classes != self.asset_classes:
            raise ValueError("inputs describe another universe: build a TiltProblem for it")
        alpha = inputs.vector(alpha, "alpha")
        limits = resolve_limits(settings, inputs)
        self._write(inputs, settings, alpha, limits)
        conflicts = find_conflicts(limits, inputs)
        outcome = None if conflicts else run_solvers(self._strict, self.solvers)
        if outcome is None or outcome.infeasible:
            return self._nearest_feasible(inputs, settings, alpha, limits, conflicts, strict, start)
        if outcome.d_value is None:
            return self._failed(inputs, outcome, (), strict, start)
        d = outcome.d_value
        if model_is_optimal(alpha, settings.kappa, limits, inputs):
            d = np.zeros(inputs.n)
        allocation = self._allocation(
            inputs, settings, alpha, limits, outcome, d, outcome.source, start
        )
        if record:
            self._last_good = allocation
        return allocation

    def _nearest_feasible(self, inputs, settings, alpha, limits, conflicts, strict, start):
        """Solve the relaxed problem; in strict mode, raise Infeasible with its slack report."""
        conflicts = conflicts or (COMBINED_CONFLICT,)
        outcome = run_solvers(self._relaxed_formulation(), self.solvers)
        if outcome.d_value is None:
            if strict:
                raise Infeasible(_infeasible_message(conflicts), conflicts)
            return self._failed(inputs, outcome, conflicts, strict, start)
        allocation = self._allocation(
            inputs, settings, alpha, limits, outcome, outcome.d_value, Source.RELAXED, start
        )
        allocation = self._with_slack(allocation, conflicts)
        if strict:
            raise Infeasible(_infeasible_message(conflicts), conflicts, allocation.slack_report)
        return allocation

    def _write(self, inputs: MarketInputs, settings: Settings, alpha, limits: Limits) -> None:
        p = self._params
        values = {
            p.alpha: alpha, p.w_bench: inputs.w_bench, p.w_prev: limits.w_prev, p.F: inputs.F,
            p.gamma_risk: settings.gamma_risk, p.kappa: settings.kappa, p.te_max: limits.te_max,
            p.lo: limits.lo, p.hi: limits.hi, p.class_lo: limits.class_lo,
            p.class_hi: limits.class_hi, p.max_active: limits.max_active,
        }  # fmt: skip
        for param, value in values.items():
            # cvxpy validates every assignment (about 60 µs each); a slider move changes
            # one or two Parameters, so skip the ones that already hold the value.
            if param.value is None or not np.array_equal(param.value, value):
                param.value = value

    def _relaxed_formulation(self) -> Formulation:
        if self._relaxed is None:
            self._relaxed = build(self._params, self._membership, relaxed=True)
        return self._relaxed

    def _allocation(
        self, inputs, settings, alpha, limits, outcome: Outcome, d_value: np.ndarray, source, start
    ):
        """Clean solver noise from `d_value` (n,) and measure the result at the cleaned weights."""
        d = clean_active(d_value, inputs.w_bench)
        w = inputs.w_bench + d
        te = float(np.linalg.norm(inputs.F @ d))
        gain = float(alpha @ d)
        objective = (
            gain - settings.gamma_risk * te**2 - settings.kappa * np.abs(w - limits.w_prev).sum()
        )
        return Allocation(
            tickers=self.tickers, weights=w, active=d, tracking_error=te,
            expected_active_return=gain, objective=float(objective), status=outcome.status,
            solver=outcome.solver, solve_time=time.perf_counter() - start,
            solver_time=outcome.solver_time, source=source, notes=self._notes(outcome),
        )  # fmt: skip

    def _notes(self, outcome: Outcome) -> tuple[str, ...]:
        notes = list(outcome.notes())
        if len(self.tickers) == 1:
            notes.append(f"only one asset is held: {self.tickers[0]} gets 100 % whatever the views")
        return tuple(notes)

    def _with_slack(self, allocation: Allocation, conflicts: tuple[str, ...]) -> Allocation:
        relaxed = self._relaxed_formulation()
        slack = tuple(
            s for family, var in relaxed.slacks.items() if (s := self._slack(family, var)).amounts
        )
        notes = allocation.notes
        if not slack:
            notes += ("the limits are only just infeasible: no measurable loosening was needed",)
        return dataclasses.replace(allocation, conflicts=conflicts, slack=slack, notes=notes)

    def _slack(self, family: str, var: cp.Variable) -> Slack:
        if family.startswith("asset-class"):
            labels = self.class_names
        elif family == "tracking-error cap":
            labels = ("portfolio",)
        else:
            labels = self.tickers
        values = np.atleast_1d(np.asarray(var.value, dtype=float))
        return Slack(
            family, {k: float(v) for k, v in zip(labels, values, strict=True) if v > _SLACK_NOISE}
        )

    def _failed(self, inputs, outcome: Outcome, conflicts, strict: bool, start) -> Allocation:
        """Every solver failed: the last good allocation, else the model portfolio."""
        why = "every solver failed (" + outcome.summary() + ")"
        if strict:
            raise SolverFailed(why, outcome.attempts)
        elapsed = time.perf_counter() - start
        if self._last_good is not None:
            note = why + "; showing the last good allocation, computed for earlier views/settings"
            return dataclasses.replace(
                self._last_good, source=Source.LAST_GOOD, solve_time=elapsed,
                conflicts=conflicts, notes=(note,),
            )  # fmt: skip
        return Allocation(
            tickers=self.tickers, weights=inputs.w_bench, active=np.zeros(len(self.tickers)),
            tracking_error=0.0, expected_active_return=0.0, objective=0.0, status="",
            solver=None, solve_time=elapsed, solver_time=None, source=Source.MODEL,
            conflicts=conflicts,
            notes=(why + "; showing the model portfolio, which may not meet the settings",),
        )  # fmt: skip


def _infeasible_message(conflicts: tuple[str, ...]) -> str:
    return "the settings admit no portfolio: " + "; ".join(conflicts)
