"""Attribution: each asset's active weight split across the themes that drove it."""

import numpy as np
import pytest

from allocator import Settings, SolverFailed, TiltProblem, attribute
from tests.test_allocator.test_problem import GOLDEN

# Theme alphas in ticker order SPY, IWM, IEF, GLD (annualised decimals).
SMALL_CAPS = np.array([-0.004, 0.008, 0.0, 0.0])
GOLD = np.array([0.0, 0.0, -0.003, 0.005])


@pytest.fixture
def problem() -> TiltProblem:
    return TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes)


def test_contributions_and_interaction_add_up_to_the_active_weights(problem):
    knobs = Settings(max_te=0.01)
    why = attribute(problem, {"small_caps": SMALL_CAPS, "gold": GOLD}, GOLDEN, knobs)
    frame = why.to_frame()
    assert list(frame.columns) == ["small_caps", "gold", "interaction"]
    np.testing.assert_allclose(frame.sum(axis=1), why.allocation.active, atol=1e-12)
    direct = problem.solve(GOLDEN, knobs, SMALL_CAPS + GOLD)
    np.testing.assert_allclose(why.allocation.weights, direct.weights, atol=1e-8)


def test_a_lone_theme_explains_everything(problem):
    why = attribute(problem, {"small_caps": SMALL_CAPS}, GOLDEN, Settings())
    np.testing.assert_allclose(why.contributions[:, 0], why.allocation.active, atol=1e-12)
    assert np.abs(why.interaction).max() < 1e-12
    assert why.for_asset("IWM")["small_caps"] > 0.01


def test_a_theme_without_a_view_contributes_nothing(problem):
    why = attribute(problem, {"small_caps": SMALL_CAPS, "gold": np.zeros(4)}, GOLDEN, Settings())
    assert np.abs(why.to_frame()["gold"]).max() == 0.0


def test_each_theme_drives_the_assets_it_buys(problem):
    """Without binding limits the themes barely interact: each owns its assets' tilts."""
    knobs = Settings(max_te=None, max_active=None)
    why = attribute(problem, {"small_caps": SMALL_CAPS, "gold": GOLD}, GOLDEN, knobs)
    iwm, gld = why.for_asset("IWM"), why.for_asset("GLD")
    assert next(iter(iwm)) == "small_caps" and iwm["small_caps"] > 0
    assert next(iter(gld)) == "gold" and gld["gold"] > 0


def test_attribution_leaves_the_last_good_allocation_alone(problem):
    shown = problem.solve(GOLDEN, Settings(), SMALL_CAPS)
    attribute(problem, {"small_caps": SMALL_CAPS, "gold": GOLD}, GOLDEN, Settings())
    assert problem.last_good is shown


def test_attribution_refuses_to_explain_a_fallback(problem):
    problem.solvers = (("CLARABEL", {"max_iter": 1}),)
    with pytest.raises(SolverFailed, match="cannot attribute"):
        attribute(problem, {"small_caps": SMALL_CAPS}, GOLDEN, Settings())


def test_interaction_is_a_reserved_name(problem):
    with pytest.raises(ValueError, match="reserved"):
        attribute(problem, {"interaction": GOLD}, GOLDEN, Settings())


def test_shapley_values_are_the_average_gain_over_both_orders(problem):
    knobs = Settings(max_te=0.01)
    why = attribute(
        problem, {"small_caps": SMALL_CAPS, "gold": GOLD}, GOLDEN, knobs, method="shapley"
    )
    d = {
        name: problem.solve(GOLDEN, knobs, alpha).active
        for name, alpha in {
            "none": 0 * GOLD,
            "sc": SMALL_CAPS,
            "gold": GOLD,
            "both": SMALL_CAPS + GOLD,
        }.items()
    }
    expected = 0.5 * (d["sc"] - d["none"]) + 0.5 * (d["both"] - d["gold"])
    np.testing.assert_allclose(why.to_frame()["small_caps"], expected, atol=1e-9)
    assert why.method == "shapley"


def test_shapley_shares_out_everything_the_views_moved(problem):
    """From the model nothing is left over, even where a binding tracking-error cap makes
    leave-one-out leave a remainder (the two themes compete for the same risk budget)."""
    knobs = Settings(max_te=0.005)
    loo = attribute(problem, {"small_caps": SMALL_CAPS, "gold": GOLD}, GOLDEN, knobs)
    assert np.abs(loo.interaction).max() > 0.01
    why = attribute(
        problem, {"small_caps": SMALL_CAPS, "gold": GOLD}, GOLDEN, knobs, method="shapley"
    )
    np.testing.assert_allclose(why.contributions.sum(axis=1), why.allocation.active, atol=1e-7)
    assert np.abs(why.interaction).max() < 1e-7


def test_shapley_gives_twin_themes_equal_shares(problem):
    half = SMALL_CAPS / 2
    why = attribute(problem, {"a": half, "b": half}, GOLDEN, Settings(), method="shapley")
    np.testing.assert_allclose(why.contributions[:, 0], why.contributions[:, 1], atol=1e-9)


def test_shapley_leaves_the_pull_of_current_holdings_as_interaction(problem):
    knobs = Settings(kappa=0.01, w_prev=np.array([0.7, 0.0, 0.2, 0.1]))
    why = attribute(problem, {"small_caps": SMALL_CAPS}, GOLDEN, knobs, method="shapley")
    no_view = problem.solve(GOLDEN, knobs, np.zeros(4)).active
    assert np.abs(no_view).max() > 0.01
    np.testing.assert_allclose(why.interaction, no_view, atol=1e-7)


def test_unknown_method_is_refused(problem):
    with pytest.raises(ValueError, match="method must be one of"):
        attribute(problem, {"gold": GOLD}, GOLDEN, Settings(), method="banzhaf")
