"""Theme trades' returns and the month-ends they are measured between."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.advice.evidence.trade_returns import (
    TradeLegs,
    closes_on,
    forward_returns,
    known_dates,
    month_ends,
    trade_legs,
    week_ends,
)
from desktop.advice.tables.universe import Asset, Theme, Universe


def test_month_ends_are_the_last_trading_day_of_complete_months():
    days = pd.bdate_range("2024-01-01", "2024-03-20")
    ends = month_ends(days)
    assert list(ends) == [pd.Timestamp("2024-01-31"), pd.Timestamp("2024-02-29")]
    # on the month's last business day the month is complete
    assert month_ends(days, pd.Timestamp("2024-02-29"))[-1] == pd.Timestamp("2024-02-29")
    assert month_ends(days, pd.Timestamp("2024-02-28"))[-1] == pd.Timestamp("2024-01-31")


def test_a_holiday_at_month_end_waits_for_the_next_month():
    days = pd.bdate_range("2024-03-01", "2024-04-10").drop(pd.Timestamp("2024-03-29"))
    assert month_ends(days, pd.Timestamp("2024-03-28")).empty
    assert month_ends(days, pd.Timestamp("2024-04-01"))[0] == pd.Timestamp("2024-03-28")
    known = known_dates(days, pd.DatetimeIndex(["2024-03-28"]))
    assert known[0] == pd.Timestamp("2024-04-01")


def test_week_ends_count_a_week_once_its_friday_is_reached():
    days = pd.bdate_range("2024-01-01", "2024-01-17")  # Monday to a Wednesday
    assert list(week_ends(days)) == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-12")]


def test_forward_return_is_bought_leg_minus_funding_leg():
    dates = pd.DatetimeIndex(["2024-01-31", "2024-02-29", "2024-03-28"])
    closes = pd.DataFrame(
        {"A": [100.0, 110.0, 99.0], "B": [50.0, 50.0, 55.0], "C": [10.0, 9.0, 9.0]}, index=dates
    )
    legs = {"t": TradeLegs("t", "T", ("A",), ("B", "C"))}
    one = forward_returns(closes, legs, 1)["t"]
    assert one.iloc[0] == pytest.approx(0.10 - (0.0 - 0.10) / 2)
    assert one.iloc[1] == pytest.approx(-0.10 - (0.10 + 0.0) / 2)
    assert np.isnan(one.iloc[2])  # no later month-end yet
    two = forward_returns(closes, legs, 2)["t"]
    assert two.iloc[0] == pytest.approx(-0.01 - (0.10 - 0.10) / 2)


def test_an_asset_without_a_price_is_left_out_of_its_leg():
    dates = pd.DatetimeIndex(["2024-01-31", "2024-02-29"])
    closes = pd.DataFrame({"A": [100.0, 110.0], "B": [np.nan, 60.0], "C": [10.0, 11.0]}, dates)
    both = forward_returns(closes, {"t": TradeLegs("t", "T", ("A",), ("B", "C"))}, 1)
    assert both["t"].iloc[0] == pytest.approx(0.10 - 0.10)
    alone = forward_returns(closes, {"t": TradeLegs("t", "T", ("A",), ())}, 1)
    assert alone["t"].iloc[0] == pytest.approx(0.10)


def test_closes_are_carried_over_a_missing_print_but_not_forever():
    index = pd.bdate_range("2024-01-01", periods=10)
    prices = pd.DataFrame({"A": [1.0] + [np.nan] * 9}, index=index)
    carried = closes_on(prices, index[[3, 9]], ["A"])
    assert carried["A"].iloc[0] == 1.0 and np.isnan(carried["A"].iloc[1])


def test_trade_legs_come_from_the_universe_held_assets():
    universe = Universe(
        assets=(
            Asset("IWM", "small", "us_equity", ("small_caps",), 40.0),
            Asset("SPY", "large", "us_equity", (), 60.0),
        ),
        signal_tickers=(),
        themes=(Theme("small_caps", "Small caps", ("SPY", "QQQ")),),
    )
    leg = trade_legs(universe)["small_caps"]
    assert (leg.buys, leg.funds) == (("IWM",), ("SPY",))  # QQQ is not held
    assert leg.description == "Small caps (IWM vs SPY)"


def test_a_theme_that_buys_no_held_asset_has_no_trade_to_score():
    dates = pd.DatetimeIndex(["2024-01-31", "2024-02-29"])
    closes = pd.DataFrame({"A": [100.0, 110.0], "B": [50.0, 55.0]}, dates)
    legs = {"t": TradeLegs("t", "T", ("A",), ("B",)), "none": TradeLegs("none", "N", (), ("B",))}
    ahead = forward_returns(closes, legs, 1)
    assert ahead.dtypes.tolist() == [np.float64, np.float64]
    assert ahead["none"].isna().all() and ahead["t"].iloc[0] == pytest.approx(0.0)
