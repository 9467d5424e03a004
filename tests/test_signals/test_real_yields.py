"""real_yields: the 10-year yield less breakeven inflation; rising real yields weigh on gold."""

import numpy as np
import pandas as pd
import pytest

from signals.inputs import SignalInputs
from signals.real_yields import real_yields, real_yields_history
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(400)


def yields(real_change: float, breakeven_change: float = 0.0) -> SignalInputs:
    """Nominal and breakeven releases whose difference moves `real_change` points at the end."""
    noise = np.random.default_rng(8).normal(0.0, 0.03, len(INDEX))
    breakeven = 2.3 + np.r_[np.zeros(337), np.linspace(0.0, breakeven_change, 63)]
    real = 1.8 + noise + np.r_[np.zeros(337), np.linspace(0.0, real_change, 63)]
    frames = (
        releases("treasury_10y", INDEX, real + breakeven),
        releases("breakeven_10y", INDEX, breakeven),
    )
    return SignalInputs(pd.DataFrame({"GLD": 1.0}, index=INDEX), macro(*frames))


def test_rising_real_yields_are_negative_for_gold():
    reading = real_yields(yields(0.6))
    assert reading.score < -0.5
    assert reading.evidence["change_points"] == pytest.approx(0.6, abs=0.1)
    assert "rising real yields raise the cost of holding gold" in reading.explanation


def test_nominal_yields_rising_with_breakevens_leave_real_yields_flat():
    assert abs(real_yields(yields(0.0, breakeven_change=0.6)).score) < 0.5


def test_falling_real_yields_are_positive():
    assert real_yields(yields(-0.6)).score > 0.5


def test_missing_breakeven_is_stale_and_named():
    data = yields(0.6)
    nominal = data.macro.loc[data.macro["series"] == "treasury_10y"]
    reading = real_yields(SignalInputs(data.prices, nominal))
    assert reading.stale and "10-year breakeven" in reading.explanation


def test_history_equals_point():
    assert_history_matches_point(real_yields, real_yields_history, yields(0.6), 20)
