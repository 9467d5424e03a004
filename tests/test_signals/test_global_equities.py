"""global_equities: ACWX (else VEU) trend and relative strength against SPY."""

import numpy as np

from signals.global_equities import global_equities, global_equities_history
from signals.inputs import SignalInputs
from tests.test_signals.builders import (
    assert_history_matches_point,
    assert_no_look_ahead,
    bdays,
    line,
    prices,
    walk,
)

N = 400
INDEX = bdays(N)
SPY = walk(N, drift=0.0002, vol=0.004, start=600, seed=3)


def test_rising_and_outperforming_non_us_equities_are_positive():
    acwx = line(N, daily=0.0015, start=60, seed=4)
    reading = global_equities(SignalInputs(prices(INDEX, ACWX=acwx, SPY=SPY)))
    assert reading.score > 0.5
    assert reading.evidence["gauge"] == "ACWX"
    assert reading.evidence["relative_change"] > 0.03
    assert "beat SPY" in reading.explanation and "global bull market" in reading.explanation


def test_falling_and_lagging_non_us_equities_are_negative():
    acwx = line(N, daily=-0.0015, start=60, seed=4)
    reading = global_equities(SignalInputs(prices(INDEX, ACWX=acwx, SPY=SPY)))
    assert reading.score < -0.5 and "lagged SPY" in reading.explanation


def test_rising_but_lagging_non_us_equities_do_not_confirm_a_global_bull_market():
    """Issue 10: ACWX rose but lagged SPY, and the sentence said it confirmed a global bull."""
    fast_spy = line(N, daily=0.002, start=600, seed=9)
    acwx = line(N, daily=0.0005, start=60, seed=4)
    reading = global_equities(SignalInputs(prices(INDEX, ACWX=acwx, SPY=fast_spy)))
    assert "ACWX rose" in reading.explanation and "lagged SPY" in reading.explanation
    assert "confirm a global bull market" not in reading.explanation
    assert "the advance is US-led, not yet global" in reading.explanation


def test_falling_non_us_equities_never_confirm_even_when_leading():
    falling_spy = line(N, daily=-0.002, start=600, seed=9)
    acwx = line(N, daily=-0.0005, start=60, seed=4)
    reading = global_equities(SignalInputs(prices(INDEX, ACWX=acwx, SPY=falling_spy)))
    assert "beat SPY" in reading.explanation
    assert reading.explanation.endswith("if less than the US: no global bull market.")


def test_veu_stands_in_when_acwx_is_missing_or_stale():
    veu = line(N, daily=0.0015, start=70, seed=5)
    without = global_equities(SignalInputs(prices(INDEX, VEU=veu, SPY=SPY)))
    assert without.evidence["gauge"] == "VEU" and without.score > 0.5
    stale_acwx = np.r_[walk(N - 20, seed=6), np.full(20, np.nan)]
    frame = prices(INDEX, ACWX=stale_acwx, VEU=veu, SPY=SPY)
    assert global_equities(SignalInputs(frame)).evidence["gauge"] == "VEU"


def test_neither_gauge_is_stale_naming_both():
    reading = global_equities(SignalInputs(prices(INDEX, SPY=SPY)))
    assert reading.stale and reading.score == 0
    assert "ACWX prices are missing" in reading.explanation
    assert "VEU prices are missing" in reading.explanation


def test_missing_spy_is_stale():
    reading = global_equities(SignalInputs(prices(INDEX, ACWX=walk(N))))
    assert reading.stale and "SPY prices are missing" in reading.explanation


def test_history_switches_from_veu_to_acwx_and_equals_point():
    acwx = line(N, daily=0.001, start=60, seed=7)
    acwx[:200] = np.nan  # ACWX listed later than VEU
    veu = line(N, daily=-0.001, start=70, seed=8)
    inputs = SignalInputs(prices(INDEX, ACWX=acwx, VEU=veu, SPY=SPY))
    scores = assert_history_matches_point(global_equities, global_equities_history, inputs, 25)
    assert scores.iloc[150] < 0 < scores.iloc[-1]
    assert_no_look_ahead(global_equities, global_equities_history, inputs, INDEX[300])
