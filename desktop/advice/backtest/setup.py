"""What a backtest needs before its loop: its dates, the held assets' returns, the calibration.

Everything here is read once from the whole data set and then only looked up at each rebalance
date with that date's position, so the loop never recomputes a history. Nothing computed here
lets a date see later data: rebalance dates are calendar facts (the last trading day of a month
or week), returns are consumed by the ledger only as it advances, and the walk-forward
calibration uses only month-ends known by the date
(`desktop.advice.backtest.calibration.WalkForward`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.advice.backtest.calibration import WalkForward
from desktop.advice.evidence.histories import Histories
from desktop.advice.evidence.trade_returns import (
    TradeLegs,
    closes_on,
    forward_returns,
    known_dates,
    month_ends,
    trading_days,
    week_ends,
)
from desktop.advice.tables.tilts import TiltTable


class BacktestError(ValueError):
    """The backtest cannot run on these dates or data; the message says what to change."""


@dataclass(frozen=True, slots=True, eq=False)
class Schedule:
    """The trading days a backtest holds over and where it rebalances.

    days: (n_days,) trading days from the first rebalance to the end (a held asset priced).
    closes: (n_days, n_assets) held closes on `days`, carried forward over missing prints.
    rebalances: advice dates; at: their positions in `days`; executions: positions of the
        trades (EXECUTION_LAG_DAYS later), only those within `days`.
    """

    days: pd.DatetimeIndex
    closes: pd.DataFrame
    rebalances: pd.DatetimeIndex
    at: np.ndarray
    executions: np.ndarray

    def returns(self) -> np.ndarray:
        """(n_days, n_assets) daily simple returns (decimal); row 0 and missing prints are 0."""
        values = self.closes.to_numpy()
        out = np.zeros_like(values)
        out[1:] = values[1:] / values[:-1] - 1.0
        return np.nan_to_num(out)


def schedule(
    prices: pd.DataFrame,
    tickers: Sequence[str],
    rebalance: str,
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
    lag: int,
) -> Schedule:
    """Rebalance dates from the later of `start` and the day every held asset has a price."""
    held = prices.reindex(columns=list(tickers))
    days = trading_days(prices, tickers)
    if days.empty:
        raise BacktestError("No held asset has prices: import prices for the universe first.")
    end = days[-1] if end is None else min(pd.Timestamp(end), days[-1])
    begin = _begin(held, start)
    ends = (month_ends if rebalance == "monthly" else week_ends)(days, end)
    dates = ends[ends >= begin]
    if dates.empty:
        raise BacktestError(
            f"No {rebalance} rebalance date between {begin:%Y-%m-%d} and {end:%Y-%m-%d}: "
            "widen the dates."
        )
    span = days[(days >= dates[0]) & (days <= end)]
    at = span.get_indexer(dates)
    executions = at + lag
    closes = held.reindex(span).ffill()
    return Schedule(span, closes, dates, at, executions[executions < len(span)])


def walk_forward(
    prices: pd.DataFrame,
    history: Histories,
    legs: dict[str, TradeLegs],
    table: TiltTable,
    prior_months: float,
) -> WalkForward:
    """The walk-forward calibration over the whole data (each date reads only its past)."""
    tickers = sorted({t for leg in legs.values() for t in (*leg.buys, *leg.funds)})
    days = trading_days(prices, tickers)
    ends = month_ends(days)
    next_month = forward_returns(closes_on(prices, ends, tickers), legs, 1)
    views = history.views.reindex(columns=list(legs))
    return WalkForward(views, next_month, known_dates(days, ends), table, prior_months)


CASH_YIELD = "^IRX"
"""13-week Treasury bill yield, annualised percent: the cash rate when the data has it."""
CASH_FUND = "BIL"
"""A 1-3 month T-bill fund: the cash rate from its returns when the yield is missing."""


def cash_returns(prices: pd.DataFrame, days: pd.DatetimeIndex) -> tuple[pd.Series, str]:
    """(n_days,) daily cash return (decimal) on `days` and where it comes from, in words.

    ^IRX: the previous day's yield / 100 / 252 (what a day of bills earns); else BIL's daily
    return; else 0 (Sharpe ratios are then excess over nothing, and the words say so).
    """
    if CASH_YIELD in prices.columns and prices[CASH_YIELD].loc[days[0] : days[-1]].notna().any():
        rate = prices[CASH_YIELD].ffill().reindex(days).shift(1) / 100.0 / 252.0
        return rate.fillna(0.0), f"cash: {CASH_YIELD} (13-week T-bill yield)"
    if CASH_FUND in prices.columns and prices[CASH_FUND].loc[days[0] : days[-1]].notna().any():
        close = prices[CASH_FUND].ffill().reindex(days)
        return (close / close.shift(1) - 1.0).fillna(0.0), f"cash: {CASH_FUND} returns"
    return pd.Series(0.0, index=days), "cash: no T-bill data, Sharpe ratios use a 0 % cash rate"


def _begin(held: pd.DataFrame, start: pd.Timestamp | None) -> pd.Timestamp:
    """`start`, or the first day every held asset has a price; BacktestError before that."""
    first_full = _first_full_day(held)
    begin = first_full if start is None else pd.Timestamp(start)
    if begin < first_full:
        late = [t for t in held.columns if held[t].first_valid_index() > begin]
        verb = "has" if len(late) == 1 else "have"
        raise BacktestError(
            f"{', '.join(late)} {verb} no price on {begin:%Y-%m-%d}: "
            f"start on or after {first_full:%Y-%m-%d}, when every held asset has one."
        )
    return begin


def _first_full_day(held: pd.DataFrame) -> pd.Timestamp:
    firsts = [held[t].first_valid_index() for t in held.columns]
    missing = [t for t, first in zip(held.columns, firsts, strict=True) if first is None]
    if missing:
        raise BacktestError(
            f"No prices for {', '.join(missing)}: import them, or remove them from the universe."
        )
    return pd.Timestamp(max(firsts))
