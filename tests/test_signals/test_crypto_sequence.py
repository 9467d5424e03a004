"""crypto_sequence: small caps -> high growth (ARKK) -> crypto (IBIT, else BTC-USD, else GBTC)."""

import numpy as np
import pandas as pd

from signals.crypto_sequence import crypto_sequence, crypto_sequence_history
from signals.inputs import SignalInputs
from tests.test_signals.builders import (
    assert_history_matches_point,
    assert_no_look_ahead,
    bdays,
    line,
)

N = 400
INDEX = bdays(N)


def links(iwm: float, arkk: float, crypto: float, gauge: str = "IBIT") -> pd.DataFrame:
    """Each link drifts by the given daily log change (plus noise) over the whole history."""
    return pd.DataFrame(
        {
            "IWM": line(N, daily=iwm, noise=0.004, seed=3),
            "ARKK": line(N, daily=arkk, noise=0.006, seed=4),
            gauge: line(N, daily=crypto, noise=0.01, seed=5),
        },
        index=INDEX,
    )


def test_small_caps_running_while_crypto_lags_is_the_red_flag():
    reading = crypto_sequence(SignalInputs(links(0.001, -0.001, -0.002)))
    assert reading.score < -0.5 and reading.evidence["stage"] == 1
    assert "has not gone past small caps" in reading.explanation
    assert "red flag for crypto" in reading.explanation


def test_the_sequence_reaching_crypto_is_positive():
    reading = crypto_sequence(SignalInputs(links(0.001, 0.0015, 0.003)))
    assert reading.score > 0.5 and reading.evidence["stage"] == 3
    assert "reached crypto" in reading.explanation


def test_bitcoin_stands_in_where_ibit_is_missing_or_late():
    btc = links(0.001, 0.0015, 0.003, gauge="BTC-USD")
    both = btc.assign(IBIT=np.nan)
    both.loc[INDEX[-40:], "IBIT"] = 50.0  # IBIT has too short a history at the end
    reading = crypto_sequence(SignalInputs(both))
    assert reading.evidence["crypto_gauge"] == "BTC-USD" and "BTC-USD" in reading.explanation


def test_no_crypto_at_all_is_stale_and_names_every_gauge():
    data = links(0.001, 0.001, 0.001).drop(columns="IBIT")
    reading = crypto_sequence(SignalInputs(data))
    assert reading.stale
    for gauge in ("IBIT", "BTC-USD", "GBTC"):
        assert gauge in reading.explanation


def test_weekend_bitcoin_prints_count_on_the_next_session():
    weekdays = links(0.001, 0.0015, 0.003, gauge="BTC-USD")
    calendar = pd.date_range(INDEX[0], INDEX[-1], freq="D")
    with_weekends = weekdays.reindex(calendar)
    with_weekends["BTC-USD"] = with_weekends["BTC-USD"].interpolate()
    assert (
        crypto_sequence(SignalInputs(with_weekends)).evidence["crypto_change"]
        == (crypto_sequence(SignalInputs(weekdays)).evidence["crypto_change"])
    )


def test_history_equals_point_and_has_no_look_ahead():
    data = links(0.001, 0.0015, 0.003, gauge="BTC-USD").assign(IBIT=np.nan)
    data.loc[INDEX[-150:], "IBIT"] = line(150, daily=-0.002, seed=9)  # IBIT takes over late
    inputs = SignalInputs(data)
    scores = assert_history_matches_point(crypto_sequence, crypto_sequence_history, inputs, 30)
    assert scores.iloc[-1] < 0 < scores.iloc[-200]
    assert_no_look_ahead(crypto_sequence, crypto_sequence_history, inputs, INDEX[-60])
