"""What each theme's trade earned: month-end dates and forward returns of buy-minus-fund legs.

A theme's trade buys the held assets that list it (equal weights) and sells the assets that fund
it (equal weights), as in `desktop.advice.theme_alpha.theme_trades`. Its return from one date to
a later one is the mean simple return of the bought assets minus the mean simple return of the
funding assets, each held from the first date's close to the second's (decimal; 0.01 = 1 %). An
asset without a price at either end is left out of its leg; a leg with no asset left makes the
trade's return NaN (no observation). A theme funded by nothing earns its bought leg's return.

Month-ends are the last trading day of each calendar month in the price data. A month counts only
once it is complete: a later month has a trading day in the data, or the data reach the month's
last business day. So a forward return is used only when its end date is in the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from desktop.advice.tables.universe import Universe

FILL_DAYS = 5
"""A missing close is carried forward at most this many trading days (a holiday, a bad print)."""


@dataclass(frozen=True, slots=True)
class TradeLegs:
    """A theme's trade: the held tickers it buys and those that fund it, and its label."""

    theme: str
    label: str
    buys: tuple[str, ...]
    funds: tuple[str, ...]

    @property
    def description(self) -> str:
        """E.g. "Small caps (IWM vs SPY, QQQ)"."""
        return f"{self.label} ({', '.join(self.buys)} vs {', '.join(self.funds)})"


def trade_legs(universe: Universe) -> dict[str, TradeLegs]:
    """Theme -> its legs, from the universe (held tickers only), in universe order."""
    held = set(universe.held_tickers)
    return {
        t.name: TradeLegs(
            t.name,
            t.label,
            universe.theme_buys(t.name),
            tuple(f for f in t.funded_by if f in held),
        )
        for t in universe.themes
    }


def month_ends(index: pd.DatetimeIndex, as_of: pd.Timestamp | None = None) -> pd.DatetimeIndex:
    """The last date of each complete calendar month of `index` up to `as_of` (default: last).

    The month of `as_of` is complete only when `as_of` is on or after its last business day.
    """
    index = pd.DatetimeIndex(index)
    if as_of is None:
        if index.empty:
            return index
        as_of = index[-1]
    dates = index[index <= as_of]
    if dates.empty:
        return dates
    months = dates.to_period("M")
    last = pd.Series(dates, index=months).groupby(level=0).max()
    ends = pd.DatetimeIndex(last.to_numpy())
    if as_of < pd.offsets.BMonthEnd().rollforward(as_of.normalize()):
        ends = ends[ends.to_period("M") != as_of.to_period("M")]
    return ends


def week_ends(index: pd.DatetimeIndex, as_of: pd.Timestamp | None = None) -> pd.DatetimeIndex:
    """The last date of each week (ending Friday) of `index` up to `as_of` (default: last).

    The week of `as_of` counts only when `as_of` is its Friday or later.
    """
    index = pd.DatetimeIndex(index)
    if as_of is None:
        if index.empty:
            return index
        as_of = index[-1]
    dates = index[index <= as_of]
    if dates.empty:
        return dates
    last = pd.Series(dates, index=dates.to_period("W-FRI")).groupby(level=0).max()
    ends = pd.DatetimeIndex(last.to_numpy())
    if as_of.weekday() < 4:
        ends = ends[ends.to_period("W-FRI") != as_of.to_period("W-FRI")]
    return ends


def trading_days(prices: pd.DataFrame, tickers: Sequence[str]) -> pd.DatetimeIndex:
    """The dates of `prices` on which at least one of `tickers` has a close."""
    held = prices.reindex(columns=list(tickers))
    return pd.DatetimeIndex(held.index[held.notna().any(axis=1).to_numpy()])


def known_dates(days: pd.DatetimeIndex, ends: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """(n_ends,) when each month-end is known to be one: itself if it is the month's last
    business day, else the next trading day in `days` (Timestamp.max when there is none)."""
    known = []
    for end in ends:
        following = days.searchsorted(end, side="right")
        if end >= pd.offsets.BMonthEnd().rollforward(end.normalize()):
            known.append(end)
        else:
            known.append(days[following] if following < len(days) else pd.Timestamp.max)
    return pd.DatetimeIndex(known)


def closes_on(
    prices: pd.DataFrame, dates: pd.DatetimeIndex, tickers: Sequence[str]
) -> pd.DataFrame:
    """(n_dates, n_tickers) each ticker's close on each date, carried at most FILL_DAYS days."""
    held = prices.reindex(columns=list(tickers))
    return held.ffill(limit=FILL_DAYS).reindex(dates)


def forward_returns(
    closes: pd.DataFrame, legs: Mapping[str, TradeLegs], steps: int
) -> pd.DataFrame:
    """(n_dates, n_themes) each trade's return from each row's date to the date `steps` rows on.

    closes: `closes_on` at the sample dates (e.g. month-ends). The last `steps` rows are NaN, and
    every row of a theme that buys no held asset (it has no trade to score).
    """
    later = closes.shift(-steps)
    asset = later / closes - 1.0
    out = {
        t: _leg(asset, leg.buys) - _leg(asset, leg.funds) if leg.buys else float("nan")
        for t, leg in legs.items()
    }
    return pd.DataFrame(out, index=closes.index, columns=list(legs), dtype=float)


def _leg(asset: pd.DataFrame, tickers: Sequence[str]) -> pd.Series | float:
    """Mean return of the leg's assets that have one; 0 for an empty leg (nothing funds it)."""
    if not tickers:
        return 0.0
    return asset.reindex(columns=list(tickers)).mean(axis=1, skipna=True)
