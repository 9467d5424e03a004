"""rates: the 10-year yield's trend (^TNX quotes the yield in percent); falling is positive."""

import numpy as np
import pytest

from signals.inputs import SignalInputs
from signals.rates import rates, rates_history
from tests.test_signals.builders import (
    assert_history_matches_point,
    assert_no_look_ahead,
    bdays,
    prices,
)

N = 400


def tnx(start: float, end: float, seed: int = 2, scale: float = 1.0) -> SignalInputs:
    """Yield path in percent: a straight line from start to end over the last 63 sessions."""
    noise = np.random.default_rng(seed).normal(0.0, 0.03, N)
    level = np.full(N, start) + noise
    level[-63:] += np.linspace(0.0, end - start, 63)
    return SignalInputs(prices(bdays(N), **{"^TNX": level * scale}))


def test_falling_yields_are_positive_with_the_move_in_points():
    reading = rates(tnx(4.6, 4.0))
    assert reading.score > 0.5
    assert reading.evidence["change_points"] == pytest.approx(-0.6, abs=0.1)
    assert "down 0." in reading.explanation and "falling yields favour small caps" in (
        reading.explanation
    )


def test_rising_yields_are_negative():
    assert rates(tnx(4.0, 4.6)).score < -0.5


def test_yields_are_differenced_not_logged_and_the_score_is_unit_free():
    low = rates(tnx(0.9, 0.4))
    high = rates(tnx(4.9, 4.4))
    assert low.score == pytest.approx(high.score, abs=1e-9)  # half a point either way
    tenths = rates(tnx(4.6, 4.0, scale=10.0))
    assert tenths.score == pytest.approx(rates(tnx(4.6, 4.0)).score, abs=1e-9)


def test_missing_tnx_is_stale():
    reading = rates(SignalInputs(prices(bdays(N), SPY=np.ones(N))))
    assert reading.stale and reading.score == 0 and "^TNX" in reading.explanation


def test_history_equals_point_and_has_no_look_ahead():
    inputs = tnx(4.6, 4.0)
    assert_history_matches_point(rates, rates_history, inputs)
    assert_no_look_ahead(rates, rates_history, inputs, inputs.prices.index[-40])
