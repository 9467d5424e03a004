"""speculation_appetite: BUZZ/SPY trend, ARKK/SPY chain-linked before BUZZ existed."""

import numpy as np
import pytest

from signals.inputs import SignalInputs
from signals.speculation import (
    speculation_appetite,
    speculation_appetite_history,
    spliced_log_ratio,
)
from tests.test_signals.builders import (
    assert_history_matches_point,
    assert_no_look_ahead,
    bdays,
    prices,
    walk,
)

N = 500
INDEX = bdays(N)
SPY = walk(N, drift=0.0003, vol=0.008, start=400, seed=10)
BUZZ_START = 460  # BUZZ's first session: 40 sessions before the last


def splice_inputs(arkk_drift: float, buzz_drift: float) -> SignalInputs:
    """ARKK/SPY and BUZZ/SPY drift at the given daily log rates; BUZZ lists late at a new level."""
    rng = np.random.default_rng(11)
    arkk = SPY * np.exp(np.cumsum(rng.normal(arkk_drift, 0.002, N)))
    buzz = 0.25 * SPY * np.exp(np.cumsum(rng.normal(buzz_drift, 0.002, N)))
    buzz[:BUZZ_START] = np.nan
    return SignalInputs(prices(INDEX, ARKK=arkk, BUZZ=buzz, SPY=SPY))


def test_splice_has_no_jump_at_buzz_listing():
    inputs = splice_inputs(0.002, 0.002)
    level = spliced_log_ratio(inputs)
    steps = level.diff().dropna()
    assert steps.abs().max() < 0.03  # BUZZ trades at a quarter of ARKK's level: no -139 % step
    reading = speculation_appetite(inputs)
    assert reading.evidence["ratio"] == "BUZZ/SPY"
    assert reading.evidence["change"] == pytest.approx(np.expm1(63 * 0.002), abs=0.04)
    assert reading.score > 0.5


def test_subdued_buzz_is_negative_even_after_a_hot_arkk_era():
    reading = speculation_appetite(splice_inputs(0.003, -0.003))
    assert reading.score < -0.3
    assert "subdued" in reading.explanation and reading.explanation.startswith("BUZZ/SPY fell")


def test_before_buzz_existed_the_gauge_is_arkk():
    inputs = splice_inputs(0.002, -0.003).upto(INDEX[BUZZ_START - 1])
    reading = speculation_appetite(inputs)
    assert reading.evidence["ratio"] == "ARKK/SPY" and reading.score > 0.5


def test_without_buzz_at_all_arkk_carries_the_whole_gauge():
    frame = splice_inputs(-0.002, 0.0).prices.drop(columns="BUZZ")
    reading = speculation_appetite(SignalInputs(frame))
    assert reading.evidence["ratio"] == "ARKK/SPY" and reading.score < -0.5


def test_stale_buzz_after_listing_is_stale_even_with_fresh_arkk():
    frame = splice_inputs(0.002, 0.002).prices
    frame.loc[INDEX[-8:], "BUZZ"] = np.nan
    reading = speculation_appetite(SignalInputs(frame))
    assert reading.stale and "BUZZ is stale" in reading.explanation


def test_missing_everything_is_stale():
    reading = speculation_appetite(SignalInputs(prices(INDEX, SPY=SPY)))
    assert reading.stale and reading.score == 0 and "ARKK" in reading.explanation


def test_history_across_the_splice_equals_point_and_has_no_look_ahead():
    inputs = splice_inputs(0.002, -0.002)
    scores = assert_history_matches_point(
        speculation_appetite, speculation_appetite_history, inputs, 30
    )
    assert scores.iloc[BUZZ_START - 1] > 0.3 and scores.iloc[-1] < scores.iloc[BUZZ_START - 1]
    assert_no_look_ahead(
        speculation_appetite, speculation_appetite_history, inputs, INDEX[BUZZ_START + 5]
    )
