"""What the Charts tab draws, computed without Qt: score zones, ratio series and breakout levels.

Each time chart is described by a frozen `TimeChartSpec` (lines, horizontal levels, whether to
shade zones above and below zero), so the widget only copies arrays into items it created once,
and every number on screen can be tested without a display. The rotation (RRG-style) chart has
its own module, `desktop.advice.charts.rotation_data`; each asset's price chart is in
`desktop.advice.charts.price_charts`, and `desktop.advice.charts.chart_book` assembles them all.

Prices are adjusted closes: a DataFrame with an ascending, tz-naive DatetimeIndex and one column
per ticker, NaN where a ticker has no print that day (the shape `signals.SignalInputs` uses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from signals.cyclicals import CYCLICALS, DEFENSIVES

if TYPE_CHECKING:
    from desktop.advice.charts.rotation_data import RotationData

TRADING_DAYS_PER_YEAR = 252


@dataclass(frozen=True, slots=True)
class Line:
    """One plotted series.

    role: "primary" (the chart's subject), "reference" (an average or band drawn thinner) or
        "level" (a stepped support/resistance line).
    """

    label: str
    series: pd.Series
    role: str = "primary"


@dataclass(frozen=True, slots=True)
class Level:
    """A horizontal line at `value` (same unit as the chart's y axis)."""

    label: str
    value: float


@dataclass(frozen=True, slots=True)
class TimeChartSpec:
    """A chart over time.

    key: stable id, "score:<signal>", "ratio:<name>", "price:<ticker>" (a breakout chart),
        "asset:<ticker>" (an asset's price with its averages).
    group: heading the chart is listed under ("Signal scores", "Ratios", "Breakouts", "Prices").
    label: short name for the chart list.
    zones: shade the first line green above 0 and red below (score charts).
    y_range: fixed (low, high) for the y axis, or None to fit the data.
    missing: why the chart is empty, in words a user can act on; "" when it has data.
    """

    key: str
    group: str
    label: str
    title: str
    y_label: str
    lines: tuple[Line, ...] = ()
    levels: tuple[Level, ...] = ()
    zones: bool = False
    y_range: tuple[float, float] | None = None
    missing: str = ""


def epoch_seconds(index: pd.Index) -> np.ndarray:
    """Dates as float seconds since 1970-01-01 UTC, what pyqtgraph's DateAxisItem expects."""
    return pd.DatetimeIndex(index).as_unit("s").asi8.astype(float)


def score_chart(
    name: str, history: pd.Series | None, subject: str = "", label: str = ""
) -> TimeChartSpec:
    """A signal's score history in [-1, 1]; green above 0 (favours `subject`), red below.

    label: the signal's display title (defaults to its name).
    """
    label = label or name
    title = f"{label}: score history" + (f" (above 0 favours {subject})" if subject else "")
    common: dict[str, Any] = {
        "key": f"score:{name}",
        "group": "Signal scores",
        "label": label,
        "title": title,
        "y_label": "score",
    }
    series = pd.Series(dtype=float) if history is None else _from_first_reading(history.dropna())
    if series.empty:
        return TimeChartSpec(**common, missing=f"No score history for {name}: import its prices.")
    return TimeChartSpec(
        **common, lines=(Line("score", series.astype(float)),), zones=True, y_range=(-1.05, 1.05)
    )


def _from_first_reading(history: pd.Series) -> pd.Series:
    """The history from its first non-zero score: a signal scores 0 on the days before its
    inputs exist, which would otherwise draw decades of flat zero before any reading."""
    read = history.to_numpy() != 0
    return history.iloc[int(read.argmax()) :] if read.any() else history


def split_at_zero(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(part above 0, part below 0): each equals the series on its side and 0 elsewhere."""
    return series.clip(lower=0.0), series.clip(upper=0.0)


def ratio(prices: pd.DataFrame, numerator: str, denominator: str) -> pd.Series:
    """numerator / denominator on the dates both have a price (a unitless price ratio)."""
    both = prices[[numerator, denominator]].dropna()
    return (both[numerator] / both[denominator]).rename(f"{numerator}/{denominator}")


def spliced_ratio(
    prices: pd.DataFrame, preferred: str, fallback: str, denominator: str
) -> pd.Series:
    """preferred/denominator, extended back with fallback/denominator before `preferred` existed.

    The older part is rescaled so the two meet at `preferred`'s first common date (chain-linking),
    which keeps the trend and removes the jump between two different price levels.
    """
    recent = ratio(prices, preferred, denominator) if preferred in prices else pd.Series()
    older = ratio(prices, fallback, denominator) if fallback in prices else pd.Series()
    if recent.empty or older.empty:
        return recent if not recent.empty else older
    start = recent.index[0]
    if start not in older.index:
        return recent
    before = older.loc[older.index < start] * (recent.iloc[0] / older.loc[start])
    return pd.concat([before, recent]).rename(f"{preferred}/{denominator}")


def basket_index(prices: pd.DataFrame, tickers: Sequence[str]) -> pd.Series:
    """Equal-weight basket rebalanced daily, starting at 1.0.

    Each day's return is the mean of the members' returns that day, so a member that starts
    later joins when it has a price instead of truncating the whole history.
    """
    present = [t for t in tickers if t in prices.columns]
    if not present:
        return pd.Series(dtype=float)
    members = prices[present].dropna(how="all")
    daily = members.pct_change(fill_method=None).mean(axis=1).fillna(0.0)
    return (1.0 + daily).cumprod()


def moving_average(series: pd.Series, window: int) -> pd.Series:
    """Simple moving average over `window` observations; NaN until the window is full."""
    return series.rolling(window, min_periods=window).mean()


def prior_high(close: pd.Series, years: float) -> pd.Series:
    """Highest close over the preceding `years` (trading days), excluding the current day.

    A close above this line is a new multi-year high (a breakout from the base).
    """
    window = round(years * TRADING_DAYS_PER_YEAR)
    return close.shift(1).rolling(window, min_periods=window).max()


def base_top(close: pd.Series, years: float, recent_days: int = 63) -> float | None:
    """Top of the base: the highest close in the `years` before the last `recent_days`.

    None when the history is too short. The latest close above it means the price has left
    the base; below it, the level is resistance.
    """
    window = round(years * TRADING_DAYS_PER_YEAR)
    if len(close) < window + recent_days:
        return None
    return float(close.iloc[-(window + recent_days) : -recent_days].max())


def ratio_chart(key: str, title: str, series: pd.Series, missing: str) -> TimeChartSpec:
    """A ratio with its 200-day average as reference; `key` is also its list label."""
    common: dict[str, Any] = {
        "key": f"ratio:{key}",
        "group": "Ratios",
        "label": key,
        "title": title,
        "y_label": "ratio",
    }
    if series.empty:
        return TimeChartSpec(**common, missing=missing)
    lines = (Line(key, series), Line("200-day average", moving_average(series, 200), "reference"))
    return TimeChartSpec(**common, lines=lines)


def gold_chart(prices: pd.DataFrame, ticker: str = "GLD", window: int = 200) -> TimeChartSpec:
    """Gold price with its `window`-day average; the title states the extension in percent."""
    common: dict[str, Any] = {
        "key": f"price:{ticker}-average",
        "group": "Ratios",
        "label": f"Gold vs {window}-day average",
        "y_label": "price",
    }
    close = prices[ticker].dropna() if ticker in prices else pd.Series(dtype=float)
    if close.empty:
        return TimeChartSpec(
            **common, title=f"Gold ({ticker})", missing=f"No {ticker} prices: import them."
        )
    average = moving_average(close, window)
    stretch = 100.0 * (close.iloc[-1] / average.iloc[-1] - 1.0)
    title = f"Gold ({ticker}) vs its {window}-day average"
    if pd.notna(stretch):
        title += f": {stretch:+.1f} % above" if stretch >= 0 else f": {stretch:+.1f} % below"
    lines = (Line(ticker, close), Line(f"{window}-day average", average, "reference"))
    return TimeChartSpec(**common, title=title, lines=lines)


def breakout_chart(prices: pd.DataFrame, ticker: str, years: float, what: str) -> TimeChartSpec:
    """Price with its prior `years`-year high (stepped line) and the top of its base (level)."""
    common: dict[str, Any] = {
        "key": f"price:{ticker}",
        "group": "Breakouts",
        "label": f"{what} ({ticker})",
        "y_label": "price",
    }
    title = f"{what} ({ticker}) and its prior {years:g}-year high"
    close = prices[ticker].dropna() if ticker in prices else pd.Series(dtype=float)
    if close.empty:
        return TimeChartSpec(**common, title=title, missing=f"No {ticker} prices: import them.")
    lines = (
        Line(ticker, close),
        Line(f"prior {years:g}-year high", prior_high(close, years), "level"),
    )
    top = base_top(close, years)
    levels = () if top is None else (Level(f"base top {top:,.2f}", top),)
    return TimeChartSpec(**common, title=title, lines=lines, levels=levels)


def market_charts(prices: pd.DataFrame) -> tuple[TimeChartSpec, ...]:
    """The ratio and breakout charts behind the signals, in display order."""
    cyc_def = basket_index(prices, CYCLICALS) / basket_index(prices, DEFENSIVES)
    return (
        ratio_chart(
            "IWM/SPY",
            "Small caps vs S&P 500 (IWM/SPY)",
            _ratio_or_empty(prices, "IWM", "SPY"),
            "IWM or SPY prices are missing: import them in the Data tab.",
        ),
        ratio_chart(
            "RSP/SPY",
            "Equal weight vs cap weight (RSP/SPY)",
            _ratio_or_empty(prices, "RSP", "SPY"),
            "RSP or SPY prices are missing: import them in the Data tab.",
        ),
        ratio_chart(
            "BUZZ/SPY",
            "Speculation appetite (BUZZ/SPY, ARKK/SPY before BUZZ existed)",
            spliced_ratio(prices, "BUZZ", "ARKK", "SPY") if "SPY" in prices else pd.Series(),
            "BUZZ (or ARKK) and SPY prices are missing: import them in the Data tab.",
        ),
        ratio_chart(
            "IJR/IWM",
            "Small-cap quality (IJR, profitable firms only, vs IWM)",
            _ratio_or_empty(prices, "IJR", "IWM"),
            "IJR or IWM prices are missing: import them in the Data tab.",
        ),
        ratio_chart(
            "cyclicals/defensives",
            f"Cyclicals ({', '.join(CYCLICALS)}) vs defensives ({', '.join(DEFENSIVES)})",
            cyc_def.dropna(),
            "Sector ETF prices are missing: import them in the Data tab.",
        ),
        gold_chart(prices),
        breakout_chart(prices, "IWM", 3, "Russell 2000"),
        breakout_chart(prices, "DBC", 3, "Commodity index"),
    )


def score_charts(
    histories: Mapping[str, pd.Series],
    subjects: Mapping[str, str],
    titles: Mapping[str, str] | None = None,
) -> tuple[TimeChartSpec, ...]:
    """One score chart per signal, in the order of `subjects` (the registry's order)."""
    titles = titles or {}
    return tuple(
        score_chart(name, histories.get(name), subjects[name], titles.get(name, ""))
        for name in subjects
    )


def _ratio_or_empty(prices: pd.DataFrame, numerator: str, denominator: str) -> pd.Series:
    if numerator not in prices or denominator not in prices:
        return pd.Series(dtype=float)
    return ratio(prices, numerator, denominator)


@dataclass(frozen=True, slots=True)
class ChartBook:
    """Everything the Charts tab shows: time charts in list order, and the rotation data for
    each benchmark and frequency (`desktop.advice.charts.rotation_data.rotation_set`; built by
    `desktop.advice.charts.chart_book.chart_book`)."""

    time_charts: tuple[TimeChartSpec, ...]
    rotations: tuple[RotationData, ...]

    @property
    def rotation(self) -> RotationData:
        """The default rotation chart: weekly, against the first benchmark (SPY)."""
        return self.rotations[0]
