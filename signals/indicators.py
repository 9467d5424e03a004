"""Shared, vectorised price indicators. Pure functions of pandas Series; no look-ahead.

Every function returns values indexed like its input where row t uses only rows <= t, so the
value at t is what the indicator would have shown on day t. Inputs are adjusted closes with a
sorted DatetimeIndex; single-ticker functions expect NaN already dropped (`valid_closes`), so
windows count trading sessions of that ticker, not calendar rows of a wider panel.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

TRADING_DAYS_PER_YEAR = 252


def valid_closes(prices: pd.DataFrame, ticker: str) -> pd.Series:
    """One ticker's closes with NaN rows dropped, as float."""
    return prices[ticker].dropna().astype(float)


def joint_closes(prices: pd.DataFrame, tickers: Sequence[str]) -> pd.DataFrame:
    """Closes of `tickers` on the dates where all of them have a price."""
    return prices.loc[:, list(tickers)].dropna().astype(float)


def on_index(values: pd.Series | pd.DataFrame, index: pd.DatetimeIndex):
    """Values carried onto `index`: at each date, the value of the last row dated <= it.

    This is what a reading at that date sees when a ticker has no print that day.
    """
    return values.reindex(index, method="ffill")


def sma(close: pd.Series, window: int) -> pd.Series:
    """Simple moving average over `window` sessions; NaN until `window` values exist."""
    return close.rolling(window, min_periods=window).mean()


def wilder_rsi(close: pd.Series, period: int = 14) -> pd.Series:
    """Wilder's RSI in points (0-100), NaN for the first `period` rows.

    Average gain and loss are seeded with the simple mean of the first `period` changes, then
    smoothed recursively: avg_t = (avg_{t-1} * (period - 1) + x_t) / period (Wilder, 1978).
    A window without losses reads 100; a flat window reads 50.
    """
    change = close.diff()
    rsi = pd.Series(np.nan, index=close.index)
    if len(close) <= period:
        return rsi
    gains = change.clip(lower=0.0).iloc[period:].copy()
    losses = (-change).clip(lower=0.0).iloc[period:].copy()
    gains.iloc[0] = change.iloc[1 : period + 1].clip(lower=0.0).mean()
    losses.iloc[0] = (-change.iloc[1 : period + 1]).clip(lower=0.0).mean()
    avg_gain = gains.ewm(alpha=1.0 / period, adjust=False).mean()
    avg_loss = losses.ewm(alpha=1.0 / period, adjust=False).mean()
    total = avg_gain + avg_loss
    value = (100.0 * avg_gain / total.where(total > 0)).fillna(50.0)
    rsi.iloc[period:] = value.to_numpy()
    return rsi


def streak(condition: pd.Series) -> pd.Series:
    """Length of the run of consecutive True values ending at each row (0 where False)."""
    condition = condition.fillna(False).astype(bool)
    runs = (~condition).cumsum()
    return condition.astype(int).groupby(runs).cumsum()


def signed_streak(excess: pd.Series) -> pd.Series:
    """+n after n consecutive rows with excess > 0, -n after n rows with excess < 0, else 0."""
    return streak(excess > 0) - streak(excess < 0)


def ytd_return(close: pd.Series) -> pd.Series:
    """Return since the previous calendar year's last close, decimal (0.05 = +5 %).

    NaN in the first calendar year of the series (no prior year-end close).
    """
    year_end = close.groupby(close.index.year).last()
    base_by_year = pd.Series(year_end.to_numpy(), index=year_end.index + 1)
    base = pd.Series(close.index.year, index=close.index).map(base_by_year)
    return close / base.to_numpy() - 1.0


def log_return(close: pd.Series, window: int) -> pd.Series:
    """Log return over the last `window` rows (natural log, not annualised)."""
    return np.log(close / close.shift(window))


def trend_z(level: pd.Series, window: int = 63, vol_window: int = 252) -> pd.Series:
    """Trend strength of a positive series: its `window`-row log change in units of its noise.

    z_t = ln(x_t / x_{t-window}) / (sd_t * sqrt(window)), where sd_t is the standard deviation of
    daily log changes over the last `vol_window` rows (at least `window` of them). Dimensionless;
    |z| > 2 is a strong trend for that series.
    """
    daily = np.log(level).diff()
    sd = daily.rolling(vol_window, min_periods=window).std()
    return log_return(level, window) / (sd * np.sqrt(window))


def trend_frame(level: pd.Series, window: int = 63, vol_window: int = 252) -> pd.DataFrame:
    """A positive series' trend over `window` rows, indexed like `level`.

    Columns: change, the simple change over the window (decimal, 0.02 = +2 %); z, its `trend_z`.
    """
    return pd.DataFrame(
        {"change": np.expm1(log_return(level, window)), "z": trend_z(level, window, vol_window)}
    )


def equal_weight_index(closes: pd.DataFrame) -> pd.Series:
    """Daily-rebalanced equal-weight basket, starting at 1 on the first row.

    Each day's basket return is the mean of its members' daily returns (members with a price
    on both days); a missing print simply defers that member's move to its next price.
    """
    returns = closes.ffill().pct_change(fill_method=None)
    mean = returns.mean(axis=1, skipna=True).fillna(0.0)
    return (1.0 + mean).cumprod()


def prior_high(close: pd.Series, lookback: int | None = None) -> pd.Series:
    """Highest close before today: over the last `lookback` rows, or all history if None.

    With a `lookback`, NaN until that many prior rows exist (a 52-week high needs 52 weeks).
    """
    previous = close.shift(1)
    if lookback is None:
        return previous.cummax()
    return previous.rolling(lookback, min_periods=lookback).max()


def prior_low(close: pd.Series, lookback: int | None = None) -> pd.Series:
    """Lowest close before today: over the last `lookback` rows, or all history if None.

    With a `lookback`, NaN until that many prior rows exist.
    """
    previous = close.shift(1)
    if lookback is None:
        return previous.cummin()
    return previous.rolling(lookback, min_periods=lookback).min()


def last_event_date(event: pd.Series) -> pd.Series:
    """Date of the most recent row <= t where `event` is True (NaT before the first)."""
    dates = event.index.where(event.fillna(False).astype(bool))
    return pd.Series(dates, index=event.index).ffill()


def sessions_since(event: pd.Series) -> pd.Series:
    """Rows since the most recent True in `event` (0 on the event's day; NaN before any)."""
    position = pd.Series(np.arange(len(event), dtype=float), index=event.index)
    last = position.where(event.fillna(False).astype(bool)).ffill()
    return position - last
