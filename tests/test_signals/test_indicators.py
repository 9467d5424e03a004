"""The shared indicator toolkit against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.indicators import (
    equal_weight_index,
    joint_closes,
    last_event_date,
    on_index,
    prior_high,
    sessions_since,
    signed_streak,
    sma,
    streak,
    trend_z,
    wilder_rsi,
    ytd_return,
)


def days(n: int, start: str = "2024-01-01") -> pd.DatetimeIndex:
    return pd.bdate_range(start, periods=n)


def test_wilder_rsi_matches_a_hand_computation():
    # Period 3. Changes +1, -0.5, +1 seed avg gain 2/3, avg loss 1/6 -> RS 4 -> RSI 80.
    # Then +0.5: gain (2/3*2 + 0.5)/3 = 11/18, loss (1/6*2)/3 = 1/9 -> RS 5.5 -> 84.615.
    # Then -1: gain 11/27, loss (1/9*2 + 1)/3 = 11/27 -> RS 1 -> 50.
    rsi = wilder_rsi(pd.Series([10, 11, 10.5, 11.5, 12, 11.0]), period=3)
    assert rsi.iloc[:3].isna().all()
    assert rsi.iloc[3:].tolist() == pytest.approx([80.0, 100 - 100 / 6.5, 50.0])


def test_wilder_rsi_14_on_the_stockcharts_series():
    # First 14 changes: gains sum 3.34, losses sum 1.40 -> RSI = 100 * 3.34 / 4.74.
    closes = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89]
    closes += [46.03, 45.61, 46.28, 46.28, 46.00]
    rsi = wilder_rsi(pd.Series(closes), period=14)
    assert rsi.iloc[14] == pytest.approx(100 * 3.34 / 4.74)
    # Next change -0.28: gain 3.34/14*13/14, loss (1.40/14*13 + 0.28)/14.
    gain, loss = 3.34 / 14 * 13 / 14, (1.40 / 14 * 13 + 0.28) / 14
    assert rsi.iloc[15] == pytest.approx(100 * gain / (gain + loss))


def test_wilder_rsi_edge_cases():
    assert wilder_rsi(pd.Series(np.arange(1.0, 20.0)), 14).iloc[-1] == 100.0
    assert wilder_rsi(pd.Series(np.full(20, 5.0)), 14).iloc[-1] == 50.0
    assert wilder_rsi(pd.Series([1.0, 2.0, 3.0]), 14).isna().all()


def test_streaks_count_consecutive_rows():
    excess = pd.Series([0.1, 0.2, -0.1, 0.3, 0.1, 0.2, 0.0, -0.2, -0.1])
    assert streak(excess > 0).tolist() == [1, 2, 0, 1, 2, 3, 0, 0, 0]
    assert signed_streak(excess).tolist() == [1, 2, -1, 1, 2, 3, 0, -1, -2]


def test_ytd_return_uses_the_previous_year_end_close():
    index = pd.DatetimeIndex(["2024-12-30", "2024-12-31", "2025-01-02", "2025-06-30"])
    close = pd.Series([90.0, 100.0, 103.0, 110.0], index=index)
    result = ytd_return(close)
    assert result.iloc[:2].isna().all()
    assert result.iloc[2:].tolist() == pytest.approx([0.03, 0.10])


def test_trend_z_scales_the_move_by_its_own_noise():
    rng = np.random.default_rng(1)
    daily = rng.normal(0.0, 0.01, 400)
    level = pd.Series(np.exp(np.cumsum(daily)), index=days(400))
    z = trend_z(level, window=63, vol_window=252)
    expected = np.log(level.iloc[-1] / level.iloc[-64]) / (
        np.std(daily[-252:], ddof=1) * np.sqrt(63)
    )
    assert z.iloc[-1] == pytest.approx(expected)
    assert z.iloc[:63].isna().all()


def test_equal_weight_index_averages_daily_returns():
    closes = pd.DataFrame({"A": [100.0, 110.0, 121.0], "B": [50.0, 50.0, 45.0]}, index=days(3))
    # Day 2: (+10% + 0%) / 2 = +5%; day 3: (+10% - 10%) / 2 = 0%.
    assert equal_weight_index(closes).tolist() == pytest.approx([1.0, 1.05, 1.05])


def test_prior_high_excludes_today_and_needs_a_full_lookback():
    close = pd.Series([1.0, 3.0, 2.0, 4.0, 2.5])
    assert prior_high(close).tolist()[1:] == [1.0, 3.0, 3.0, 4.0]
    rolling = prior_high(close, lookback=2)
    assert rolling.iloc[:2].isna().all()
    assert rolling.iloc[2:].tolist() == [3.0, 3.0, 4.0]


def test_event_bookkeeping():
    event = pd.Series([False, True, False, False, True, False], index=days(6))
    assert sessions_since(event).tolist()[1:] == [0, 1, 2, 0, 1]
    assert np.isnan(sessions_since(event).iloc[0])
    last = last_event_date(event)
    assert pd.isna(last.iloc[0]) and last.iloc[3] == event.index[1]


def test_on_index_carries_the_last_value_forward_without_looking_ahead():
    values = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(["2024-01-02", "2024-01-04"]))
    panel_dates = pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"])
    carried = on_index(values, panel_dates)
    assert np.isnan(carried.iloc[0])
    assert carried.iloc[1:].tolist() == [1.0, 1.0, 2.0]


def test_joint_closes_keeps_dates_where_all_tickers_trade():
    prices = pd.DataFrame({"A": [1.0, np.nan, 3.0], "B": [1.0, 2.0, 3.0]}, index=days(3))
    assert joint_closes(prices, ["A", "B"]).index.tolist() == [days(3)[0], days(3)[2]]


def test_sma_needs_a_full_window():
    assert sma(pd.Series([1.0, 2.0, 3.0, 4.0]), 3).tolist()[2:] == [2.0, 3.0]
