"""dow_theory: confirmation, non-confirmation and the dates of each index's high."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.dow_theory import dow_theory
from signals.inputs import SignalInputs

N = 300


def panel(dia_tail: np.ndarray, iyt_tail: np.ndarray) -> SignalInputs:
    """280 sessions ranging 95-105, then each index's last 20 closes."""
    flat = 100 + 5 * np.sin(np.arange(N - 20) / 9)
    index = pd.bdate_range("2025-01-01", periods=N)
    prices = pd.DataFrame({"DIA": np.r_[flat, dia_tail], "IYT": np.r_[flat, iyt_tail]}, index)
    return SignalInputs(prices=prices)


RISE, DRIFT, FALL = np.linspace(101, 110, 20), np.full(20, 100.0), np.linspace(99, 85, 20)


def test_both_indices_at_new_highs_within_the_window_is_a_confirmation():
    iyt = np.r_[np.full(12, 100.0), np.linspace(106, 108, 8)]  # transports follow later
    inputs = panel(RISE, iyt)
    reading = dow_theory(inputs)
    assert reading.score == 1.0
    assert reading.explanation.startswith("Dow Theory confirmed")
    dates = inputs.prices.index
    assert reading.evidence["dia_last_high"] == f"{dates[-1]:%Y-%m-%d}"
    assert reading.evidence["iyt_last_high"] == f"{dates[-1]:%Y-%m-%d}"
    assert reading.evidence["iyt_last_high"] in reading.explanation


@pytest.mark.parametrize(
    ("dia", "iyt", "score", "opening"),
    [
        (RISE, DRIFT, -0.25, "Non-confirmation: only DIA"),
        (DRIFT, RISE, -0.25, "Non-confirmation: only IYT"),
        (FALL, FALL, -1.0, "Dow Theory bearish"),
        (FALL, DRIFT, 0.25, "Non-confirmation of a decline: only DIA"),
        (RISE, FALL, 0.0, "Non-confirmation"),
        (DRIFT, DRIFT, 0.0, "No Dow Theory signal"),
    ],
)
def test_score_table(dia, iyt, score, opening):
    reading = dow_theory(panel(dia, iyt))
    assert reading.score == score
    assert reading.explanation.startswith(opening)


def test_a_high_older_than_the_window_no_longer_confirms():
    dia = np.r_[np.linspace(101, 110, 5), np.full(15, 104.0)]
    iyt = RISE
    assert dow_theory(panel(dia, iyt)).score == 1.0
    assert dow_theory(panel(dia, iyt), window=10).score == -0.25


def test_a_year_of_history_is_needed_for_a_52_week_high():
    reading = dow_theory(panel(RISE, RISE).upto(pd.bdate_range("2025-01-01", periods=N)[200]))
    assert reading.score == 0.0 and reading.evidence["dia_last_high"] == ""
    all_time = dow_theory(panel(RISE, RISE), lookback=None)
    assert all_time.score == 1.0
