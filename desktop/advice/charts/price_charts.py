"""Each asset's price chart: its adjusted close with the 50- and 200-day moving averages.

Every ticker of the universe (held assets, then the tickers the signals read) gets one, and so
does each ticker of the rotation chart, so a point clicked there opens its asset. A ticker with
no prices gets an empty chart that says so. The Charts tab's date presets (1Y, 3Y, 10Y, all)
only change the visible range: each chart holds the whole history.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from desktop.advice.charts.chart_data import Line, TimeChartSpec, moving_average

AVERAGE_WINDOWS = (50, 200)  # trading days
GROUP = "Prices"


def asset_key(ticker: str) -> str:
    """The chart key of `ticker`'s price chart."""
    return f"asset:{ticker}"


def asset_chart(prices: pd.DataFrame, ticker: str, name: str = "") -> TimeChartSpec:
    """`ticker`'s adjusted close with its moving averages; the title says where the last close
    stands against the 200-day average, in percent."""
    label = f"{ticker}  {name}" if name else ticker
    title = f"{ticker} ({name})" if name else ticker
    close = prices[ticker].dropna() if ticker in prices else pd.Series(dtype=float)
    common: dict[str, Any] = {
        "key": asset_key(ticker),
        "group": GROUP,
        "label": label,
        "y_label": "close",
    }
    if close.empty:
        return TimeChartSpec(
            **common, title=title, missing=f"No {ticker} prices: import them in the Data tab."
        )
    averages = [moving_average(close, window) for window in AVERAGE_WINDOWS]
    lines = (
        Line(ticker, close.astype(float)),
        *(
            Line(f"{window}-day average", average, "reference")
            for window, average in zip(AVERAGE_WINDOWS, averages, strict=True)
        ),
    )
    return TimeChartSpec(**common, title=title + _stretch(close, averages[-1]), lines=lines)


def asset_charts(
    prices: pd.DataFrame, names: Mapping[str, str], also: tuple[str, ...] = ()
) -> tuple[TimeChartSpec, ...]:
    """One price chart per ticker of `names` (ticker -> name, in list order), then one per
    ticker of `also` that has prices and is not named."""
    extra = [t for t in dict.fromkeys(also) if t not in names and t in prices.columns]
    return tuple(asset_chart(prices, ticker, names.get(ticker, "")) for ticker in [*names, *extra])


def _stretch(close: pd.Series, average: pd.Series) -> str:
    """': 4.1 % above its 200-day average on 2026-08-03', or "" before the average exists."""
    last = average.dropna()
    if last.empty or last.index[-1] != close.index[-1]:
        return ""
    pct = 100.0 * (close.iloc[-1] / last.iloc[-1] - 1.0)
    side = "above" if pct >= 0 else "below"
    window = AVERAGE_WINDOWS[-1]
    return f": {abs(pct):.1f} % {side} its {window}-day average on {close.index[-1]:%Y-%m-%d}"
