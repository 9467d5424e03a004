"""TiltProblem: compiled once, DPP, and the numbers it gives on known cases."""

import numpy as np
import pytest
from cvxpy.reductions.dcp2cone.dcp2cone import Dcp2Cone

from allocator import MarketInputs, Settings, Source, TiltProblem
from tests.test_allocator.universes import make_inputs

VOL = np.array([0.16, 0.22, 0.07, 0.15])
CORR = np.array(
    [
        [1.0, 0.85, -0.2, 0.05],
        [0.85, 1.0, -0.2, 0.05],
        [-0.2, -0.2, 1.0, 0.3],
        [0.05, 0.05, 0.3, 1.0],
    ]
)
GOLDEN = MarketInputs(
    tickers=("SPY", "IWM", "IEF", "GLD"),
    asset_classes=("us_equity", "us_equity", "bonds", "commodities"),
    w_bench=np.array([0.5, 0.1, 0.3, 0.1]),
    covariance=CORR * np.outer(VOL, VOL),
)


def test_problem_is_dpp_and_solving_new_values_never_recompiles(monkeypatch):
    inputs = make_inputs(6)
    problem = TiltProblem(inputs.tickers, inputs.asset_classes)
    assert problem.problem.is_dpp()
    problem.solve(inputs, Settings(), np.zeros(6))
    compiled = problem.problem
    calls = []
    original = Dcp2Cone.apply
    monkeypatch.setattr(Dcp2Cone, "apply", lambda self, p: calls.append(p) or original(self, p))
    rng = np.random.default_rng(0)
    for knobs in (Settings(), Settings(max_te=0.01, gamma_risk=9.0), Settings(kappa=0.0)):
        problem.solve(inputs, knobs, rng.normal(scale=0.03, size=6))
    assert calls == []
    assert problem.problem is compiled
    # Control: the spy does see a compilation, that of a fresh problem's first solve.
    TiltProblem(inputs.tickers, inputs.asset_classes).solve(inputs, Settings(), np.zeros(6))
    assert len(calls) == 1


def test_golden_allocation():
    """Checked-in answer (Clarabel and SCS agree to 5e-6): the TE cap of 1 % binds, SPY sits
    at its -10 pts active cap, IWM and GLD are interior."""
    problem = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes)
    knobs = Settings(gamma_risk=2.0, kappa=0.001, max_te=0.01, max_active=0.10)
    a = problem.solve(GOLDEN, knobs, np.array([-0.004, 0.012, 0.0, 0.006]))
    assert a.source == Source.OPTIMAL and a.solver == "CLARABEL"
    np.testing.assert_allclose(a.weights, [0.4, 0.182525, 0.299022, 0.118453], atol=1e-4)
    assert a.tracking_error == pytest.approx(0.01, abs=1e-6)
    assert a.expected_active_return == pytest.approx(0.001501, abs=1e-5)


def test_interior_solution_matches_the_closed_form():
    """With only Σw = 1 binding, d = Σ⁻¹(alpha - ν·1) / (2 gamma_risk), ν making Σd = 0."""
    gamma, alpha = 4.0, np.array([0.002, 0.004, -0.001, 0.001])
    knobs = Settings(gamma_risk=gamma, kappa=0.0, max_te=None, max_active=None)
    a = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes).solve(GOLDEN, knobs, alpha)
    inv = np.linalg.inv(GOLDEN.covariance)
    nu = (inv @ alpha).sum() / inv.sum()
    expected = inv @ (alpha - nu) / (2 * gamma)
    assert (GOLDEN.w_bench + expected > 0).all()
    np.testing.assert_allclose(a.active, expected, atol=1e-6)
    assert a.objective == pytest.approx(
        alpha @ expected - gamma * expected @ GOLDEN.covariance @ expected, abs=1e-9
    )


def test_turnover_is_measured_from_w_prev():
    """With a high turnover cost and no views, the answer stays at the current weights."""
    w_prev = np.array([0.45, 0.15, 0.3, 0.1])
    knobs = Settings(kappa=0.05, max_active=None, max_te=None, w_prev=w_prev)
    a = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes).solve(GOLDEN, knobs, np.zeros(4))
    np.testing.assert_allclose(a.weights, w_prev, atol=1e-6)


def test_alpha_may_be_a_mapping_by_ticker():
    problem = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes)
    by_name = problem.solve(GOLDEN, Settings(), {"IWM": 0.02})
    by_array = problem.solve(GOLDEN, Settings(), np.array([0.0, 0.02, 0.0, 0.0]))
    np.testing.assert_allclose(by_name.weights, by_array.weights, atol=1e-9)
    assert by_name.weights[1] > GOLDEN.w_bench[1]


def test_allocation_is_read_only_and_framed_by_ticker():
    a = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes).solve(GOLDEN, Settings(), {"GLD": 0.01})
    with pytest.raises(ValueError):
        a.weights[0] = 1.0
    frame = a.to_frame()
    assert list(frame.index) == list(GOLDEN.tickers)
    assert frame["weight"].sum() == pytest.approx(1.0)
    assert a.solve_time > 0 and a.solver_time is not None and a.solver_time > 0
