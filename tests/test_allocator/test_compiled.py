"""The compiled Clarabel fast path gives exactly what cvxpy's own solve gives."""

import cvxpy as cp
import numpy as np
import pytest

from allocator import DEFAULT_SOLVERS, Infeasible, Settings, Source, TiltProblem
from allocator.compiled import ClarabelProgram
from tests.test_allocator.universes import make_inputs

OPTIONS = dict(DEFAULT_SOLVERS)["CLARABEL"]
INPUTS = make_inputs(12, seed=7)


def _cvxpy_solve(problem: cp.Problem, variable: cp.Variable) -> np.ndarray:
    problem.solve(solver=cp.CLARABEL, **OPTIONS)
    return np.array(variable.value)


@pytest.mark.parametrize("seed", range(5))
def test_fast_path_matches_cvxpy_on_the_strict_problem(seed):
    rng = np.random.default_rng(seed)
    problem = TiltProblem(INPUTS.tickers, INPUTS.asset_classes)
    knobs = Settings(
        gamma_risk=float(rng.uniform(0.5, 10)),
        kappa=float(rng.uniform(0, 0.003)),
        max_te=float(rng.uniform(0.005, 0.05)),
        max_active=float(rng.uniform(0.02, 0.2)),
    )
    problem.solve(INPUTS, knobs, rng.normal(scale=0.03, size=12))
    fast = np.array(problem._strict.d.value)
    assert isinstance(problem._strict.compiled["CLARABEL"], ClarabelProgram)
    np.testing.assert_allclose(fast, _cvxpy_solve(problem.problem, problem._strict.d), atol=1e-9)


def test_fast_path_matches_cvxpy_on_the_relaxed_problem():
    problem = TiltProblem(INPUTS.tickers, INPUTS.asset_classes)
    knobs = Settings(default_bounds=(0.0, 0.05), max_te=0.01)
    a = problem.solve(INPUTS, knobs, np.linspace(-0.02, 0.02, 12))
    assert a.source == Source.RELAXED
    relaxed = problem._relaxed
    fast_slack = {k: np.array(v.value) for k, v in relaxed.slacks.items()}
    fast_d = np.array(relaxed.d.value)
    np.testing.assert_allclose(fast_d, _cvxpy_solve(relaxed.problem, relaxed.d), atol=1e-8)
    for family, var in relaxed.slacks.items():
        np.testing.assert_allclose(fast_slack[family], var.value, atol=1e-8)


def test_fast_path_reports_infeasibility_like_cvxpy():
    """Bounds that exclude the model plus a tiny TE cap: only the solver can tell."""
    problem = TiltProblem(INPUTS.tickers, INPUTS.asset_classes)
    knobs = Settings(asset_bounds={INPUTS.tickers[0]: (0.0, 0.01)}, max_te=1e-4)
    with pytest.raises(Infeasible, match="admit no portfolio"):
        problem.solve(INPUTS, knobs, np.zeros(12), strict=True)
    problem.problem.solve(solver=cp.CLARABEL, **OPTIONS)
    assert problem.problem.status == cp.INFEASIBLE
