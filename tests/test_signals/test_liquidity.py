"""liquidity: money-market fund assets turning down from a peak, relative to SPY's level."""

import numpy as np
import pandas as pd

from signals.inputs import SignalInputs
from signals.liquidity import liquidity, liquidity_history
from tests.test_signals.builders import (
    assert_history_matches_point,
    bdays,
    line,
    macro,
    releases,
)

INDEX = bdays(1000)
WEEKS = pd.date_range("2022-06-02", "2026-01-15", freq="W-THU")
SPY = line(len(INDEX), daily=0.0003, noise=0.002, start=450, seed=60)


def mmf(tail: list[float], *, spy_scale: float = 1.0) -> SignalInputs:
    """Assets climbing $15bn a week (+-$10bn) up to $7,800bn, then the given last releases."""
    n = len(WEEKS)
    noise = np.random.default_rng(61).normal(0.0, 10.0, n)
    assets = 7800.0 - 15.0 * (n - 1 - len(tail) - np.arange(n)) + noise
    assets[-1 - len(tail)] = 7800.0
    if tail:
        assets[-len(tail) :] = tail
    frame = releases("mmf_assets", WEEKS, assets)
    return SignalInputs(pd.DataFrame({"SPY": SPY * spy_scale}, index=INDEX), macro(frame))


def test_assets_turning_down_from_a_peak_7800_to_7720_is_positive():
    reading = liquidity(mmf([7720.0]))
    assert reading.score > 0.6
    assert reading.evidence["peak_bn"] == 7800 and reading.evidence["assets_bn"] == 7720
    assert "1.0% below their 13-week peak of $7,800bn" in reading.explanation
    assert "cash is leaving money funds" in reading.explanation


def test_steady_inflows_are_neutral_and_a_surge_negative():
    steady = liquidity(mmf([]))
    assert abs(steady.score) < 0.5 and "13-week high" in steady.explanation
    assert "leaving" not in steady.explanation
    surge = liquidity(mmf([7900.0, 8000.0, 8100.0, 8200.0]))
    assert surge.score < -0.6 and "piling into money funds" in surge.explanation


def test_market_size_units_do_not_matter():
    scaled = liquidity(mmf([7720.0], spy_scale=10.0))
    assert abs(scaled.score - liquidity(mmf([7720.0])).score) < 1e-9


def test_missing_inputs_are_stale_and_named():
    data = mmf([7720.0])
    no_spy = liquidity(SignalInputs(data.prices.rename(columns={"SPY": "IWM"}), data.macro))
    assert no_spy.stale and "SPY prices are missing" in no_spy.explanation
    no_mmf = liquidity(SignalInputs(data.prices))
    assert no_mmf.stale
    assert "no money-market fund assets releases entered" in no_mmf.explanation
    later = pd.DataFrame({"SPY": 450.0}, index=bdays(30, "2026-02-27"))
    old = liquidity(SignalInputs(later, data.macro))
    assert old.stale and "43 days old" in old.explanation


def test_history_equals_point_and_rows_after_as_of_are_invisible():
    data = mmf([7720.0])
    scores = assert_history_matches_point(liquidity, liquidity_history, data, 20)
    assert scores.iloc[-1] > 0.6
    cut = pd.Timestamp("2026-01-14")
    blind = SignalInputs(data.prices.loc[:cut], data.macro)
    assert liquidity(blind) == liquidity(data.upto(cut))
