"""dollar: UUP's trend, a falling dollar positive."""

import pandas as pd

from signals.dollar import dollar, dollar_history
from signals.inputs import SignalInputs
from tests.test_signals.builders import (
    assert_history_matches_point,
    assert_no_look_ahead,
    bdays,
    prices,
    walk,
)

N = 400


def uup(drift: float, seed: int = 1) -> SignalInputs:
    return SignalInputs(prices(bdays(N), UUP=walk(N, drift=drift, vol=0.004, start=27, seed=seed)))


def test_falling_dollar_is_positive_and_rising_negative():
    falling, rising = dollar(uup(-0.001)), dollar(uup(+0.001))
    assert falling.score > 0.5
    assert rising.score < -0.5
    assert "UUP fell" in falling.explanation and "falling dollar" in falling.explanation
    assert falling.evidence["change"] < -0.03
    assert not falling.stale


def test_missing_and_stale_uup_score_zero_and_say_why():
    missing = dollar(SignalInputs(prices(bdays(N), SPY=walk(N))))
    assert missing.stale and missing.score == 0 and "UUP prices are missing" in missing.explanation
    frame = uup(-0.001).prices
    frame.loc[frame.index[-10:], "UUP"] = float("nan")
    old = dollar(SignalInputs(frame.assign(SPY=1.0)))
    assert old.stale and "UUP is stale" in old.explanation and "10 business days" in old.explanation


def test_short_history_is_stale():
    short = dollar(SignalInputs(uup(-0.001).prices.iloc[-30:]))
    assert short.stale and "30 prices" in short.explanation


def test_history_equals_point_and_has_no_look_ahead():
    inputs = uup(-0.0005)
    gappy = SignalInputs(inputs.prices.drop(inputs.prices.index[100:400:7]))
    scores = assert_history_matches_point(dollar, dollar_history, gappy)
    assert (scores.iloc[:63] == 0).all()
    assert_no_look_ahead(dollar, dollar_history, inputs, inputs.prices.index[300])


def test_parameters_change_the_reading():
    inputs = uup(-0.001)
    assert dollar(inputs, window=21).evidence["window_sessions"] == 21
    assert dollar(inputs, z_scale=10.0).score < dollar(inputs).score


def test_reading_is_dated_at_as_of():
    assert dollar(uup(0.0)).as_of == pd.Timestamp("2026-01-16")


def test_the_card_is_named_for_what_a_positive_score_favours():
    """Issue 10: a card titled "Dollar" whose score rose when the dollar fell."""
    from signals.dollar import SPECS

    (spec,) = SPECS
    assert spec.title == "Weak dollar"
    assert dollar(uup(-0.001)).score > 0  # a weak dollar reads positive, as its title says
