"""Infeasible settings and solver failures: an answer and an explanation, never a traceback."""

import numpy as np
import pytest

from allocator import Infeasible, Settings, SolverFailed, Source, TiltProblem
from tests.test_allocator.test_problem import GOLDEN

ALPHA = np.array([-0.004, 0.012, 0.0, 0.006])


@pytest.fixture
def problem() -> TiltProblem:
    return TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes)


def _assert_portfolio(weights: np.ndarray) -> None:
    assert abs(weights.sum() - 1) < 1e-9 and (weights >= 0).all()


@pytest.mark.parametrize(
    ("knobs", "conflict"),
    [
        (
            Settings(default_bounds=(0.0, 0.2)),
            "asset upper bounds add up to 80.0 %, less than 100 %: the portfolio cannot be "
            "fully invested",
        ),
        (
            Settings(default_bounds=(0.3, 1.0), max_active=None),
            "asset lower bounds add up to 120.0 %, more than 100 %",
        ),
        (
            Settings(asset_bounds={"GLD": (0.2, 0.1)}),
            "GLD: lower bound 20.0 % is above its upper bound 10.0 %",
        ),
        (
            Settings(class_bounds={"us_equity": (0.7, 1.0), "bonds": (0.4, 1.0)}),
            "asset-class lower bounds add up to 110.0 %, more than 100 %",
        ),
        (
            Settings(asset_bounds={"IEF": (0.0, 0.3)}, class_bounds={"bonds": (0.5, 1.0)}),
            "bonds: class lower bound 50.0 % exceeds what its assets' upper bounds allow (30.0 %)",
        ),
        (
            Settings(asset_bounds={"SPY": (0.0, 0.3)}, max_active=0.1),
            "SPY: model weight 50.0 % with active cap ±10.0 pts cannot come down to its upper "
            "bound 30.0 %",
        ),
    ],
)
def test_conflicting_limits_are_named_and_the_nearest_feasible_answer_given(
    problem, knobs, conflict
):
    a = problem.solve(GOLDEN, knobs, ALPHA)
    assert a.source == Source.RELAXED
    assert conflict in a.conflicts
    assert a.slack and all(s.total > 0 for s in a.slack)
    _assert_portfolio(a.weights)
    with pytest.raises(Infeasible) as raised:
        problem.solve(GOLDEN, knobs, ALPHA, strict=True)
    assert conflict in raised.value.conflicts
    assert conflict in str(raised.value)
    assert raised.value.slack_report == a.slack_report


def test_slack_is_reported_per_asset_in_points(problem):
    a = problem.solve(GOLDEN, Settings(default_bounds=(0.0, 0.2)), ALPHA)
    (slack,) = a.slack
    assert slack.constraint == "asset upper bounds"
    assert slack.total == pytest.approx(0.20, abs=1e-6)
    assert a.slack_report[0].startswith(
        "asset upper bounds had to be loosened by 20.0 pts in total: "
    )
    assert all(
        a.weights <= 0.2 + np.array([slack.amounts.get(t, 0) for t in GOLDEN.tickers]) + 1e-6
    )


def test_limits_that_clash_only_in_combination_are_still_explained(problem):
    """SPY must fall 5 pts below the model, which the 0.1 % TE cap cannot allow."""
    knobs = Settings(asset_bounds={"SPY": (0.0, 0.45)}, max_te=0.001)
    a = problem.solve(GOLDEN, knobs, ALPHA)
    assert a.source == Source.RELAXED
    assert a.conflicts == ("the limits clash in combination, in a way no quick check pinpoints",)
    assert {s.constraint for s in a.slack} <= {"tracking-error cap", "asset upper bounds"}
    with pytest.raises(Infeasible):
        problem.solve(GOLDEN, knobs, ALPHA, strict=True)


@pytest.mark.parametrize(
    ("knobs", "conflict"),
    [
        (
            Settings(max_te=0.0, class_bounds={"bonds": (0.6, 1.0)}),
            "a tracking-error cap of 0 % keeps the model portfolio, but its bonds weight 30.0 % "
            "is outside the class bounds 60.0 % to 100.0 %",
        ),
        (
            Settings(max_te=0.0, asset_bounds={"SPY": (0.0, 0.45)}),
            "a tracking-error cap of 0 % keeps the model portfolio, but SPY's model weight "
            "50.0 % is outside its bounds 0.0 % to 45.0 %",
        ),
    ],
)
def test_a_zero_te_cap_names_the_bound_the_model_breaks(problem, knobs, conflict):
    """Issue 10: 'no single pair of them' clashed when the cap of 0 and bonds >= 60 % did."""
    a = problem.solve(GOLDEN, knobs, ALPHA)
    assert a.source == Source.RELAXED
    assert a.conflicts == (conflict,)


def test_a_tiny_te_cap_is_not_infeasible(problem):
    a = problem.solve(GOLDEN, Settings(max_te=1e-6), ALPHA)
    assert a.source == Source.OPTIMAL
    assert a.tracking_error <= 1e-6 + 1e-8


def test_relaxed_answers_are_not_remembered_as_last_good(problem):
    problem.solve(GOLDEN, Settings(default_bounds=(0.0, 0.2)), ALPHA)
    assert problem.last_good is None


def test_a_failing_solver_falls_back_to_the_next_and_says_so():
    problem = TiltProblem(
        GOLDEN.tickers,
        GOLDEN.asset_classes,
        solvers=(("CLARABEL", {"max_iter": 1}), ("SCS", {"eps_abs": 1e-9, "eps_rel": 1e-9})),
    )
    a = problem.solve(GOLDEN, Settings(), ALPHA)
    assert a.source == Source.FALLBACK_SOLVER and a.solver == "SCS"
    assert "solved by the fallback solver SCS after CLARABEL: user_limit" in a.notes
    reference = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes).solve(GOLDEN, Settings(), ALPHA)
    np.testing.assert_allclose(a.weights, reference.weights, atol=1e-4)


def test_when_every_solver_fails_the_last_good_allocation_comes_back(problem):
    good = problem.solve(GOLDEN, Settings(), ALPHA)
    problem.solvers = (("CLARABEL", {"max_iter": 1}),)
    a = problem.solve(GOLDEN, Settings(), np.zeros(4))
    assert a.source == Source.LAST_GOOD
    np.testing.assert_array_equal(a.weights, good.weights)
    assert "last good allocation" in a.notes[0] and "CLARABEL: user_limit" in a.notes[0]
    with pytest.raises(SolverFailed) as raised:
        problem.solve(GOLDEN, Settings(), ALPHA, strict=True)
    assert raised.value.attempts == (("CLARABEL", "user_limit"),)


def test_with_nothing_earlier_a_total_failure_shows_the_model(problem):
    problem.solvers = (("CLARABEL", {"max_iter": 1}),)
    a = problem.solve(GOLDEN, Settings(), ALPHA)
    assert a.source == Source.MODEL
    np.testing.assert_array_equal(a.weights, GOLDEN.w_bench)
    assert "model portfolio" in a.notes[0]


def test_if_even_the_relaxed_problem_fails_the_conflicts_are_still_reported(problem):
    problem.solvers = (("CLARABEL", {"max_iter": 1}),)
    a = problem.solve(GOLDEN, Settings(default_bounds=(0.0, 0.2)), ALPHA)
    assert a.source == Source.MODEL
    assert any("asset upper bounds add up to 80.0 %" in c for c in a.conflicts)
