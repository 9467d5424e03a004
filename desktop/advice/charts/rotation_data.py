"""RRG-style rotation data: each sector's relative-strength trend vs a benchmark.

This is an open approximation in the spirit of relative rotation graphs, not the proprietary
JdK RRG (whose exact formula is unpublished). On weekly closes (the last close of each week,
weeks ending Friday, labelled by the day of that close) or on daily closes (the benchmark's
trading days), with the windows counted in those periods:

    rs           = 100 × sector / benchmark                      (relative strength)
    rs_smooth    = EMA(rs, span = smoothing)                     (takes out the period's noise)
    RS-ratio     = 100 × rs_smooth / SMA(rs_smooth, ratio_window) (trend of relative strength)
    RS-momentum  = 100 × RS-ratio / RS-ratio(momentum_lag periods earlier)  (the trend's change)

Both axes are centred on 100. Quadrants: Leading (ratio > 100, momentum > 100), Weakening
(ratio > 100, momentum < 100), Lagging (both < 100), Improving (ratio < 100, momentum > 100).
Because momentum leads the ratio, a sector's tail usually turns clockwise through them.
`rotation_set` computes every benchmark of `ROTATION_BENCHMARKS` present in the prices, weekly and
daily, so the chart switches between them without asking for data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

ROTATION_TICKERS = (
    "XLK", "XLY", "XLC", "XLRE", "XLI", "XLB", "XLE", "XLF", "XLP", "XLU", "XLV", "IYT", "SMH",
)  # fmt: skip
ROTATION_BENCHMARKS = ("SPY", "RSP", "QQQ", "DIA")
FREQUENCIES = ("weekly", "daily")
LABEL = "RRG-style (not the proprietary JdK RRG)"


@dataclass(frozen=True, slots=True)
class RotationData:
    """RS-ratio and RS-momentum per ticker, one row per period (week or day).

    frequency: "weekly" or "daily". dates: (n_periods,) the day of each period's close (a
        week's last trading day, never a Friday the data has not reached), where at least one
        ticker has both values.
    ratio, momentum: (n_periods, n_tickers) frames on `dates`, columns = tickers; NaN before a
        ticker has enough history.
    """

    benchmark: str
    dates: pd.DatetimeIndex
    ratio: pd.DataFrame
    momentum: pd.DataFrame
    frequency: str = "weekly"

    @property
    def tickers(self) -> tuple[str, ...]:
        return tuple(self.ratio.columns)

    def tail(self, ticker: str, end: int, length: int) -> tuple[np.ndarray, np.ndarray]:
        """(ratio, momentum) arrays for the `length` periods ending at position `end` (inclusive).

        Periods where the ticker has no value are left out; the last element is period `end`.
        """
        start = max(0, end - length + 1)
        x = self.ratio[ticker].iloc[start : end + 1].to_numpy(dtype=float)
        y = self.momentum[ticker].iloc[start : end + 1].to_numpy(dtype=float)
        keep = np.isfinite(x) & np.isfinite(y)
        return x[keep], y[keep]


def weekly_closes(prices: pd.DataFrame) -> pd.DataFrame:
    """Last close of each week ending Friday, labelled by the day of the week's last row (a
    week the data ends on Monday is labelled by that Monday); empty weeks dropped."""
    rows = prices.dropna(how="all")
    weekly = rows.resample("W-FRI").last()
    weekly.index = pd.DatetimeIndex(
        pd.Series(rows.index, index=rows.index).resample("W-FRI").last()
    )
    return weekly.dropna(how="all")


def rotation_data(
    prices: pd.DataFrame,
    *,
    benchmark: str = "SPY",
    frequency: str = "weekly",
    tickers: Sequence[str] = ROTATION_TICKERS,
    smoothing: int = 4,
    ratio_window: int = 10,
    momentum_lag: int = 4,
) -> RotationData:
    """RS-ratio and RS-momentum (module docstring) for the `tickers` present in `prices`.

    frequency: "weekly" or "daily"; the windows (`smoothing`, `ratio_window`, `momentum_lag`)
    count periods of that frequency. Only the benchmark's trading days are read.
    """
    if frequency not in FREQUENCIES:
        raise ValueError(f"frequency {frequency!r} is not one of {', '.join(FREQUENCIES)}")
    present = [t for t in tickers if t in prices.columns and t != benchmark]
    if benchmark not in prices.columns or not present:
        empty = pd.DataFrame(index=pd.DatetimeIndex([]), dtype=float)
        return RotationData(benchmark, pd.DatetimeIndex([]), empty, empty, frequency)
    closes = prices.loc[prices[benchmark].notna(), [*present, benchmark]]
    closes = weekly_closes(closes) if frequency == "weekly" else closes
    rs = 100.0 * closes[present].div(closes[benchmark], axis=0)
    smooth = rs.ewm(span=smoothing, adjust=False, ignore_na=True).mean().where(rs.notna())
    trend = smooth.rolling(ratio_window, min_periods=ratio_window).mean()
    rs_ratio = 100.0 * smooth / trend
    rs_momentum = 100.0 * rs_ratio / rs_ratio.shift(momentum_lag)
    valid = (rs_ratio.notna() & rs_momentum.notna()).any(axis=1)
    dates = pd.DatetimeIndex(rs_ratio.index[valid])
    return RotationData(benchmark, dates, rs_ratio.loc[dates], rs_momentum.loc[dates], frequency)


def rotation_set(prices: pd.DataFrame) -> tuple[RotationData, ...]:
    """Rotation data for every benchmark of `ROTATION_BENCHMARKS` in `prices`, weekly then daily
    for each, SPY first (an empty weekly SPY set when no benchmark has prices)."""
    benchmarks = [b for b in ROTATION_BENCHMARKS if b in prices.columns] or ["SPY"]
    return tuple(
        rotation_data(prices, benchmark=b, frequency=f) for b in benchmarks for f in FREQUENCIES
    )


def formula(benchmark: str, frequency: str) -> str:
    """The chart's formula in words, for `benchmark` and "weekly" or "daily" closes."""
    unit = "week" if frequency == "weekly" else "day"
    return (
        f"{frequency.capitalize()} closes. RS = 100 × sector / {benchmark}; "
        f"RS-ratio = 100 × EMA₄(RS) / its 10-{unit} average; RS-momentum = 100 × RS-ratio / "
        f"RS-ratio 4 {unit}s earlier. Tails run clockwise: Improving → Leading → Weakening → "
        "Lagging."
    )


def period_label(data: RotationData, position: int) -> str:
    """'week to Mon 2026-08-03' (the week's last close) or 'Mon 2026-08-03' for a daily chart."""
    day = data.dates[position]
    return f"week to {day:%a %Y-%m-%d}" if data.frequency == "weekly" else f"{day:%a %Y-%m-%d}"


def position_on_or_before(data: RotationData, day: str) -> int | None:
    """The last period whose close is on or before `day` (YYYY-MM-DD); None before the first."""
    at = int(data.dates.searchsorted(pd.Timestamp(day), side="right")) - 1
    return at if at >= 0 else None


def quadrant(ratio: float, momentum: float) -> str:
    """Leading, Weakening, Lagging or Improving (module docstring); ties count as above 100."""
    if ratio >= 100.0:
        return "Leading" if momentum >= 100.0 else "Weakening"
    return "Improving" if momentum >= 100.0 else "Lagging"
