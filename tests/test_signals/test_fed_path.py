"""fed_path: the 2-year yield against fed funds; cuts priced favour small caps."""

import numpy as np
import pandas as pd
import pytest

from signals.fed_path import fed_path, fed_path_history
from signals.inputs import SignalInputs
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(500)
MONTHS = pd.date_range(INDEX[0], INDEX[-1], freq="BMS")


def rates(funds: float, two_year_end: float) -> SignalInputs:
    """Fed funds flat at `funds`; the 2-year yield drifts from funds to `two_year_end`."""
    two_year = np.linspace(funds, two_year_end, len(INDEX))
    frames = (
        releases("fed_funds", MONTHS, np.full(len(MONTHS), funds)),
        releases("treasury_2y", INDEX, two_year),
    )
    return SignalInputs(pd.DataFrame({"SPY": 1.0}, index=INDEX), macro(*frames))


def test_the_notes_two_cuts_priced_read_positive_with_the_numbers():
    reading = fed_path(rates(3.88, 3.45))
    assert reading.score == pytest.approx(np.tanh(0.43 / 0.5))
    assert reading.evidence["quarter_point_cuts"] == pytest.approx(1.72)
    assert "(3.45%) is 0.43 points below the fed funds rate (3.88%)" in reading.explanation
    assert "about 1.7 quarter-point cuts" in reading.explanation


def test_hikes_priced_read_negative_and_a_flat_path_neutral():
    hikes = fed_path(rates(1.0, 2.0))
    assert hikes.score < -0.9 and "hikes" in hikes.explanation
    assert fed_path(rates(4.0, 4.02)).score == pytest.approx(np.tanh(-0.04))


def test_a_two_year_yield_older_than_a_week_is_stale():
    data = rates(3.88, 3.45)
    old = data.macro.loc[
        ~((data.macro["series"] == "treasury_2y") & (data.macro["date"] > INDEX[-8]))
    ]
    reading = fed_path(SignalInputs(data.prices, old))
    assert reading.stale and "2-year Treasury yield" in reading.explanation


def test_history_equals_point():
    assert_history_matches_point(fed_path, fed_path_history, rates(3.88, 3.45))
