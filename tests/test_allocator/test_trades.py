"""Trade plan: whole shares, never more than the money available, every holding accounted for."""

import numpy as np
import pytest

from allocator import plan_trades

TICKERS = ("SPY", "IWM", "GLD")
PRICES = {"SPY": 500.0, "IWM": 210.0, "GLD": 190.0}


def test_whole_shares_within_the_portfolio_value_by_largest_remainder():
    plan = plan_trades(TICKERS, [0.45, 0.35, 0.2], PRICES, portfolio_value=10_000)
    shares = {line.ticker: line.target_shares for line in plan.lines}
    # Exact shares: SPY 9.0, IWM 16.67, GLD 10.53. The floors cost 9 760; of the 240 left,
    # IWM (largest remainder) takes 210; the 30 then left cannot buy GLD.
    assert shares == {"SPY": 9, "IWM": 17, "GLD": 10}
    assert plan.cash_left == pytest.approx(30.0)


def test_holdings_set_the_value_and_the_trades():
    holdings = {"SPY": 10, "IWM": 0, "GLD": 5}
    plan = plan_trades(TICKERS, [0.4, 0.3, 0.3], PRICES, holdings=holdings)
    assert plan.portfolio_value == pytest.approx(10 * 500 + 5 * 190)
    for line in plan.lines:
        assert line.trade_shares == line.target_shares - holdings[line.ticker]


def test_holdings_outside_the_universe_are_sold_or_flagged():
    prices = PRICES | {"ARKK": 50.0}
    holdings = {"SPY": 4, "ARKK": 20, "XYZ": 3}
    plan = plan_trades(TICKERS, [1.0, 0.0, 0.0], prices, holdings=holdings)
    arkk = next(line for line in plan.lines if line.ticker == "ARKK")
    assert not arkk.in_universe and arkk.trade_shares == -20 and arkk.target_shares == 0
    assert plan.portfolio_value == pytest.approx(4 * 500 + 20 * 50)
    assert plan.unpriced == ("XYZ",)
    assert plan.to_frame().loc["SPY", "target_shares"] == 6


@pytest.mark.parametrize("price", [None, np.nan, 0.0])
def test_a_missing_price_names_the_ticker(price):
    prices = dict(PRICES)
    if price is None:
        del prices["IWM"]
    else:
        prices["IWM"] = price
    with pytest.raises(ValueError, match="no usable last price for IWM"):
        plan_trades(TICKERS, [0.5, 0.3, 0.2], prices, portfolio_value=10_000)


def test_it_needs_a_value_or_holdings():
    with pytest.raises(ValueError, match="portfolio value or current holdings"):
        plan_trades(TICKERS, [0.5, 0.3, 0.2], PRICES)


def test_negative_holdings_are_refused():
    with pytest.raises(ValueError, match="holdings of GLD"):
        plan_trades(TICKERS, [0.5, 0.3, 0.2], PRICES, holdings={"GLD": -1})
