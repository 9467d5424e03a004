"""RRG-style rotation data: each sector's relative-strength trend vs a benchmark, weekly.

This is an open approximation in the spirit of relative rotation graphs, not the proprietary
JdK RRG (whose exact formula is unpublished). On weekly closes (last trading day of each week,
weeks ending Friday):

    rs           = 100 × sector / benchmark                      (relative strength)
    rs_smooth    = EMA(rs, span = smoothing_weeks)               (takes out weekly noise)
    RS-ratio     = 100 × rs_smooth / SMA(rs_smooth, ratio_weeks)  (trend of relative strength)
    RS-momentum  = 100 × RS-ratio / RS-ratio(momentum_weeks earlier)  (rate of change of the trend)

Both axes are centred on 100. Quadrants: Leading (ratio > 100, momentum > 100), Weakening
(ratio > 100, momentum < 100), Lagging (both < 100), Improving (ratio < 100, momentum > 100).
Because momentum leads the ratio, a sector's tail usually turns clockwise through them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

ROTATION_TICKERS = (
    "XLK", "XLY", "XLC", "XLRE", "XLI", "XLB", "XLE", "XLF", "XLP", "XLU", "XLV", "IYT", "SMH",
)  # fmt: skip
LABEL = "RRG-style (not the proprietary JdK RRG)"


@dataclass(frozen=True, slots=True)
class RotationData:
    """RS-ratio and RS-momentum per ticker on weekly dates.

    dates: (n_weeks,) week-end dates where at least one ticker has both values.
    ratio, momentum: (n_weeks, n_tickers) frames on `dates`, columns = tickers; NaN before a
        ticker has enough history.
    """

    benchmark: str
    dates: pd.DatetimeIndex
    ratio: pd.DataFrame
    momentum: pd.DataFrame

    @property
    def tickers(self) -> tuple[str, ...]:
        return tuple(self.ratio.columns)

    def tail(self, ticker: str, end: int, length: int) -> tuple[np.ndarray, np.ndarray]:
        """(ratio, momentum) arrays for the `length` weeks ending at position `end` (inclusive).

        Weeks where the ticker has no value are left out; the last element is week `end`.
        """
        start = max(0, end - length + 1)
        x = self.ratio[ticker].iloc[start : end + 1].to_numpy(dtype=float)
        y = self.momentum[ticker].iloc[start : end + 1].to_numpy(dtype=float)
        keep = np.isfinite(x) & np.isfinite(y)
        return x[keep], y[keep]


def weekly_closes(prices: pd.DataFrame) -> pd.DataFrame:
    """Last close of each week ending Friday, labelled by that Friday; empty weeks dropped."""
    return prices.resample("W-FRI").last().dropna(how="all")


def rotation_data(
    prices: pd.DataFrame,
    *,
    benchmark: str = "SPY",
    tickers: Sequence[str] = ROTATION_TICKERS,
    smoothing_weeks: int = 4,
    ratio_weeks: int = 10,
    momentum_weeks: int = 4,
) -> RotationData:
    """RS-ratio and RS-momentum (module docstring) for the `tickers` present in `prices`."""
    present = [t for t in tickers if t in prices.columns and t != benchmark]
    if benchmark not in prices.columns or not present:
        empty = pd.DataFrame(index=pd.DatetimeIndex([]), dtype=float)
        return RotationData(benchmark, pd.DatetimeIndex([]), empty, empty)
    weekly = weekly_closes(prices[[*present, benchmark]])
    rs = 100.0 * weekly[present].div(weekly[benchmark], axis=0)
    smooth = rs.ewm(span=smoothing_weeks, adjust=False, ignore_na=True).mean().where(rs.notna())
    trend = smooth.rolling(ratio_weeks, min_periods=ratio_weeks).mean()
    rs_ratio = 100.0 * smooth / trend
    rs_momentum = 100.0 * rs_ratio / rs_ratio.shift(momentum_weeks)
    valid = (rs_ratio.notna() & rs_momentum.notna()).any(axis=1)
    dates = pd.DatetimeIndex(rs_ratio.index[valid])
    return RotationData(benchmark, dates, rs_ratio.loc[dates], rs_momentum.loc[dates])


def quadrant(ratio: float, momentum: float) -> str:
    """Leading, Weakening, Lagging or Improving (module docstring); ties count as above 100."""
    if ratio >= 100.0:
        return "Leading" if momentum >= 100.0 else "Weakening"
    return "Improving" if momentum >= 100.0 else "Lagging"
