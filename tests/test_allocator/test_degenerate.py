"""Degenerate universes and bad inputs: a clear error or a documented answer."""

import numpy as np
import pandas as pd
import pytest

from allocator import MarketInputs, Settings, Source, TiltProblem, shrunk_covariance
from tests.test_allocator.test_problem import GOLDEN
from tests.test_allocator.universes import make_inputs, synthetic_returns


def test_a_single_asset_gets_everything_and_says_so():
    inputs = MarketInputs(("SPY",), ("us_equity",), np.array([1.0]), np.array([[0.04]]))
    a = TiltProblem(inputs.tickers, inputs.asset_classes).solve(inputs, Settings(), [0.05])
    assert a.source == Source.OPTIMAL
    assert a.weights.tolist() == [1.0]
    assert "only one asset is held: SPY gets 100 % whatever the views" in a.notes


def test_an_empty_universe_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="universe is empty"):
        TiltProblem([], [])
    with pytest.raises(ValueError, match="universe is empty"):
        MarketInputs((), (), np.array([]), np.zeros((0, 0)))


def test_every_view_at_the_limit_still_gives_a_valid_portfolio():
    inputs = make_inputs(8, seed=1)
    problem = TiltProblem(inputs.tickers, inputs.asset_classes)
    knobs = Settings(max_te=0.03, max_active=0.05)
    alpha = np.where(np.arange(8) % 2 == 0, 1.0, -1.0)
    a = problem.solve(inputs, knobs, alpha, strict=True)
    assert abs(a.weights.sum() - 1) < 1e-9 and (a.weights >= 0).all()
    assert np.abs(a.active).max() <= 0.05 + 1e-6
    assert a.tracking_error <= 0.03 + 1e-6


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_a_non_finite_view_names_the_ticker(bad):
    problem = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes)
    with pytest.raises(ValueError, match="alpha is missing or not finite for IEF"):
        problem.solve(GOLDEN, Settings(), np.array([0.0, 0.0, bad, 0.0]))


def test_unknown_names_in_views_or_bounds_are_refused():
    problem = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes)
    with pytest.raises(ValueError, match=r"alpha names tickers outside the universe: \['TLT'\]"):
        problem.solve(GOLDEN, Settings(), {"TLT": 0.01})
    with pytest.raises(ValueError, match="asset_bounds names tickers outside"):
        problem.solve(GOLDEN, Settings(asset_bounds={"TLT": (0, 0.1)}), np.zeros(4))
    with pytest.raises(ValueError, match="class_bounds names asset classes outside"):
        problem.solve(GOLDEN, Settings(class_bounds={"crypto": (0, 0.1)}), np.zeros(4))


def test_inputs_for_another_universe_are_refused():
    problem = TiltProblem(GOLDEN.tickers, GOLDEN.asset_classes)
    with pytest.raises(ValueError, match="another universe"):
        problem.solve(make_inputs(4), Settings(), np.zeros(4))


def test_a_singular_covariance_is_refused_until_shrunk():
    returns = synthetic_returns(3, seed=2)
    returns["T03"] = returns["T00"]  # a duplicate asset: the sample covariance is singular
    sample = returns.cov().to_numpy() * 252
    assert np.linalg.matrix_rank(sample) == 3
    args = (tuple(returns.columns), ("us_equity",) * 4, np.full(4, 0.25))
    with pytest.raises(ValueError, match="shrunk_covariance"):
        MarketInputs(*args, sample)
    inputs = MarketInputs(*args, shrunk_covariance(returns).to_numpy())
    a = TiltProblem(inputs.tickers, inputs.asset_classes).solve(inputs, Settings(), [0, 0, 0, 0.02])
    assert a.source == Source.OPTIMAL and a.weights[3] > 0.25


def test_nan_returns_still_give_a_usable_risk_model():
    returns = synthetic_returns(4, seed=4)
    returns.iloc[:300, 1] = np.nan  # a young ETF
    returns.iloc[::7, 2] = np.nan  # gaps
    returns["T04"] = np.nan  # no history at all
    cov = shrunk_covariance(returns)
    assert np.isfinite(cov.to_numpy()).all()
    assert np.sqrt(cov.loc["T04", "T04"]) == pytest.approx(0.20)
    inputs = MarketInputs(tuple(cov.index), ("us_equity",) * 5, np.full(5, 0.2), cov.to_numpy())
    a = TiltProblem(inputs.tickers, inputs.asset_classes).solve(inputs, Settings(), np.zeros(5))
    np.testing.assert_allclose(a.weights, inputs.w_bench, atol=1e-12)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"w_bench": np.array([0.5, 0.1, np.nan, 0.1])},
            "model weight is missing or not finite for IEF",
        ),
        ({"w_bench": np.array([0.5, 0.1, 0.3, 0.2])}, "sum to 1"),
        ({"w_bench": np.array([0.7, -0.1, 0.3, 0.1])}, ">= 0"),
        ({"asset_classes": ("us_equity",)}, "one asset class per ticker"),
        ({"tickers": ("SPY", "SPY", "IEF", "GLD")}, "unique"),
    ],
)
def test_malformed_market_inputs_say_what_is_wrong(change, message):
    fields = dict(
        tickers=GOLDEN.tickers,
        asset_classes=GOLDEN.asset_classes,
        w_bench=GOLDEN.w_bench,
        covariance=GOLDEN.covariance,
    )
    with pytest.raises(ValueError, match=message):
        MarketInputs(**(fields | change))


@pytest.mark.parametrize(
    "knobs",
    [
        {"gamma_risk": 0.0},
        {"kappa": -0.001},
        {"max_te": float("nan")},
        {"default_bounds": (-0.1, 1.0)},
        {"class_bounds": {"bonds": (0.0, 1.5)}},
    ],
)
def test_impossible_knob_values_are_refused(knobs):
    with pytest.raises(ValueError):
        Settings(**knobs)


def test_returns_frame_without_columns_is_refused():
    with pytest.raises(ValueError, match="at least one asset"):
        shrunk_covariance(pd.DataFrame(index=range(10)))
