"""small_cap_quality: IJR (profitable small caps) against IWM; quality leading is positive."""

import numpy as np
import pytest

from signals.inputs import SignalInputs
from signals.small_cap_quality import small_cap_quality, small_cap_quality_history
from tests.test_signals.builders import (
    assert_history_matches_point,
    assert_no_look_ahead,
    bdays,
    line,
    prices,
)

N = 400


def pair(quality_lead: float) -> SignalInputs:
    """IWM trends up; IJR follows it and gains `quality_lead` (log) over the last 63 sessions."""
    iwm = line(N, daily=0.0005, noise=0.004, seed=1)
    extra = np.zeros(N)
    extra[-63:] = np.linspace(0.0, quality_lead, 63)
    ijr = iwm * np.exp(extra + np.random.default_rng(2).normal(0, 0.002, N))
    return SignalInputs(prices(bdays(N), IWM=iwm, IJR=ijr))


def test_quality_leading_is_positive_and_names_both_returns():
    reading = small_cap_quality(pair(0.05))
    assert reading.score > 0.7
    assert reading.evidence["relative_change"] == pytest.approx(0.05, abs=0.01)
    assert "profitable small caps lead" in reading.explanation
    assert f"IWM's {reading.evidence['iwm_change']:+.1%}" in reading.explanation


def test_junk_leading_is_negative_and_a_tie_is_neutral():
    junk = small_cap_quality(pair(-0.05))
    assert junk.score < -0.7 and "junk rally" in junk.explanation
    tie = small_cap_quality(pair(0.0))
    assert abs(tie.score) < 0.2 and "neither quality nor junk" in tie.explanation


def test_missing_ijr_is_stale_and_named():
    data = pair(0.05)
    reading = small_cap_quality(SignalInputs(data.prices.drop(columns="IJR")))
    assert reading.stale and "IJR prices are missing" in reading.explanation


def test_history_equals_point_and_has_no_look_ahead():
    data = pair(0.05)
    assert_history_matches_point(small_cap_quality, small_cap_quality_history, data)
    assert_no_look_ahead(small_cap_quality, small_cap_quality_history, data, data.prices.index[-30])
