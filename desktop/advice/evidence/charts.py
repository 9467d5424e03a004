"""What the Evidence view's chart per theme draws: its view, its trade, and the IC as it evolved.

On month-ends up to the as-of date (`desktop.advice.evidence.trade_returns.month_ends`):
    view            the theme's month-end view in [-1, 1]
    trade_growth    growth of 1 held in the theme's trade (the bought leg minus the funding leg,
                    rebalanced monthly), from the theme's first observation
    rolling_ic      rank IC of the view with the next month's trade return over the last
                    ROLLING_MONTHS pairs known at each month-end (NaN before that many)
so a user sees when the view pointed the right way and whether the record is steady or lucky.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.advice.evidence.histories import Histories
from desktop.advice.evidence.stats import rank_ic
from desktop.advice.evidence.trade_returns import (
    TradeLegs,
    closes_on,
    forward_returns,
    month_ends,
    trading_days,
)

ROLLING_MONTHS = 36
"""Three years of month-end pairs per point of the rolling IC."""


@dataclass(frozen=True, slots=True, eq=False)
class ThemeEvidenceChart:
    """(n_months,) series on month-ends, all indexed by date (see the module docstring)."""

    theme: str
    label: str
    view: pd.Series
    trade_growth: pd.Series
    rolling_ic: pd.Series


def evidence_charts(
    prices: pd.DataFrame, history: Histories, legs: Mapping[str, TradeLegs], as_of: pd.Timestamp
) -> dict[str, ThemeEvidenceChart]:
    """Theme -> its chart data from the data up to `as_of`."""
    tickers = sorted({t for leg in legs.values() for t in (*leg.buys, *leg.funds)})
    ends = month_ends(trading_days(prices.loc[:as_of], tickers), as_of)
    ahead = forward_returns(closes_on(prices.loc[:as_of], ends, tickers), legs, 1)
    views = history.views.reindex(ends)
    return {t: _chart(legs[t], views[t], ahead[t]) for t in legs}


def _chart(leg: TradeLegs, view: pd.Series, ahead: pd.Series) -> ThemeEvidenceChart:
    usable = (view.ne(0.0) & ahead.notna()).to_numpy()
    first = int(np.argmax(usable)) if usable.any() else len(view)
    view, ahead = view.iloc[first:], ahead.iloc[first:]
    # the return earned over the month *ending* at each month-end
    growth = (1.0 + ahead.shift(1).fillna(0.0)).cumprod()
    x, y = view.to_numpy(), ahead.to_numpy()
    rolling = np.full(len(x), np.nan)
    for i in range(ROLLING_MONTHS, len(x)):
        # at month-end i the pairs known are those ending by it: i - 36 .. i - 1
        rolling[i] = rank_ic(x[i - ROLLING_MONTHS : i], y[i - ROLLING_MONTHS : i]).ic
    return ThemeEvidenceChart(
        leg.theme, leg.label, view, growth, pd.Series(rolling, index=view.index)
    )
