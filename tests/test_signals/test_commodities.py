"""commodity_breakout (DBC leaving a multi-year base) and industrial_metals (DBB, CPER, COPX)."""

import numpy as np
import pandas as pd
import pytest

from signals.commodities import (
    commodity_breakout,
    commodity_breakout_history,
    industrial_metals,
    industrial_metals_history,
)
from signals.inputs import SignalInputs
from tests.test_signals.builders import (
    assert_history_matches_point,
    assert_no_look_ahead,
    bdays,
    line,
    prices,
)

N = 3 * 252 + 120
INDEX = bdays(N)


def based_dbc(last: float, *, half_width: float = 0.05, ramp_days: int = 15) -> np.ndarray:
    """Three-plus years inside 20 * exp(+-half_width), then a straight run to `last`."""
    rng = np.random.default_rng(20)
    close = 20.0 * np.exp(rng.uniform(-half_width, half_width, N))
    close[-ramp_days:] = np.linspace(20.0, last, ramp_days)
    return close


def dbc_inputs(close: np.ndarray) -> SignalInputs:
    return SignalInputs(prices(INDEX, DBC=close))


def base_high(close: np.ndarray) -> float:
    """Top of the 3 years of sessions before the 21 that precede the last close."""
    return float(close[-(3 * 252 + 22) : -22].max())


def test_staged_breakout_from_a_three_year_base_is_positive():
    close = based_dbc(20.0, ramp_days=1)
    close[-1] = base_high(close) * np.exp(0.03)  # 3 % above the base's top
    reading = commodity_breakout(dbc_inputs(close))
    assert reading.score == pytest.approx(0.6, abs=1e-6)  # 0.03 / 0.05, narrow base
    assert reading.evidence["base_high"] == pytest.approx(base_high(close))
    assert reading.evidence["base_end"] == INDEX[-23]
    assert "leaving a multi-year base" in reading.explanation
    assert "3-year base of 19" in reading.explanation


def test_inside_the_base_is_neutral_and_a_breakdown_negative():
    inside = commodity_breakout(dbc_inputs(based_dbc(20.3)))
    assert inside.score == 0.0 and "still inside the base" in inside.explanation
    down = commodity_breakout(dbc_inputs(based_dbc(17.5)))
    assert down.score == -1.0 and "breaking down" in down.explanation


def test_a_wide_range_is_not_a_base_and_counts_half():
    narrow, wide = based_dbc(20.0, ramp_days=1), based_dbc(20.0, half_width=0.45, ramp_days=1)
    narrow[-1] = base_high(narrow) * np.exp(0.03)
    wide[-1] = base_high(wide) * np.exp(0.03)
    wide_reading = commodity_breakout(dbc_inputs(wide))
    assert wide_reading.evidence["base_quality"] == pytest.approx(0.5)
    assert wide_reading.score == pytest.approx(commodity_breakout(dbc_inputs(narrow)).score / 2)
    assert "too wide to call a base" in wide_reading.explanation
    assert "breakout from a wide range, counted at 50% strength" in wide_reading.explanation
    assert "leaving a multi-year base" not in wide_reading.explanation


def test_inside_a_wide_range_is_not_called_a_base():
    """Issue 10: a 64 % high-to-low range was called 'its 3-year base ... still inside the base'."""
    reading = commodity_breakout(dbc_inputs(based_dbc(20.0, half_width=0.25)))
    assert reading.evidence["base_width"] == pytest.approx(0.5, abs=0.01)  # 65 % high over low
    assert reading.evidence["is_base"] is False
    assert "3-year range of" in reading.explanation and " base of " not in reading.explanation
    assert "65% high over low, too wide to call a base" in reading.explanation
    assert reading.explanation.endswith(": inside the range, no breakout.")


def test_breakout_needs_three_years_and_a_fresh_dbc():
    short = commodity_breakout(SignalInputs(prices(bdays(500), DBC=np.ones(500))))
    assert short.stale and "fewer than the 778" in short.explanation
    close = based_dbc(22.0)
    close[-7:] = np.nan
    frame = prices(INDEX, DBC=close, SPY=np.ones(N))
    old = commodity_breakout(SignalInputs(frame))
    assert old.stale and old.score == 0 and "DBC is stale" in old.explanation


def test_breakout_history_equals_point_and_has_no_look_ahead():
    close = based_dbc(22.5, ramp_days=40)
    inputs = dbc_inputs(close)
    scores = assert_history_matches_point(commodity_breakout, commodity_breakout_history, inputs)
    assert scores.iloc[-1] > 0 and (scores.iloc[:777] == 0).all()
    assert_no_look_ahead(commodity_breakout, commodity_breakout_history, inputs, INDEX[-30])


M = 400
METAL_INDEX = bdays(M)


def metals(daily: float, funds=("DBB", "CPER", "COPX")) -> SignalInputs:
    columns = {f: line(M, daily=daily, start=20 + i, seed=30 + i) for i, f in enumerate(funds)}
    return SignalInputs(prices(METAL_INDEX, **columns))


def test_copper_trending_up_and_breaking_out_is_positive_and_down_negative():
    up = industrial_metals(metals(0.002))
    assert up.score > 0.8
    assert up.evidence["funds_used"] == "DBB, CPER, COPX"
    assert "at a 1-year high" in up.explanation and "trending up" in up.explanation
    down = industrial_metals(metals(-0.002))
    assert down.score < -0.8 and "trending down" in down.explanation


def test_any_one_fund_may_be_missing_but_not_two():
    two = industrial_metals(metals(0.002, funds=("DBB", "CPER")))
    assert not two.stale and two.score > 0.8
    assert "COPX prices are missing" in two.evidence["not_used"]
    assert "(1 fund not usable)" in two.explanation
    one = industrial_metals(metals(0.002, funds=("CPER",)))
    assert one.stale and one.score == 0 and "fewer than 2 of DBB, CPER, COPX" in one.explanation
    assert industrial_metals(metals(0.002, funds=("CPER",)), min_funds=1).score > 0.8


def test_metals_history_equals_point_with_a_late_listing_and_gaps():
    frame = metals(0.001).prices
    frame.loc[METAL_INDEX[:150], "CPER"] = np.nan  # CPER lists later
    frame = frame.drop(METAL_INDEX[200:380:9])
    inputs = SignalInputs(frame)
    scores = assert_history_matches_point(industrial_metals, industrial_metals_history, inputs, 25)
    assert (scores.iloc[:252] == 0).all() and scores.iloc[-1] > 0.5
    assert_no_look_ahead(industrial_metals, industrial_metals_history, inputs, frame.index[300])


def test_reading_names_the_day():
    assert industrial_metals(metals(0.001)).as_of == pd.Timestamp("2026-01-16")
