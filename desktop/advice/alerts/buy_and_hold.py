"""A portfolio bought at one date's closes and left alone: its value, its drifted weights (pure).

What the journal scores a saved suggestion by, and what a drift alert assumes when it has no
holdings: the weights are bought at the start date's close and never rebalanced, so each asset's
share moves with its price. Prices are adjusted closes, so dividends are reinvested.

An asset without a close at the start (not listed yet, or a gap longer than FILL_DAYS) is held as
cash: its value does not move. Within the period a missing close is carried forward from the
last one. Units: weights in any unit (percent or decimal; only their ratios matter), values as
growth of 1, returns in decimal unless a name says `pct`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

FILL_DAYS = 5
"""At a start or end date, a missing close is carried forward at most this many trading days."""


def closes_at(prices: pd.DataFrame, when: pd.Timestamp, tickers: list[str]) -> pd.Series:
    """Each ticker's close on `when`, carried at most FILL_DAYS trading days (NaN beyond, and
    for a ticker the data lacks)."""
    upto = prices.loc[prices.index <= when].reindex(columns=tickers)
    if upto.empty:
        return pd.Series(np.nan, index=tickers, dtype=float)
    return upto.tail(FILL_DAYS + 1).ffill().iloc[-1]


def price_relatives(
    prices: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, tickers: list[str]
) -> pd.Series:
    """(n_tickers,) close at `end` / close at `start`; 1.0 (cash) where either is missing."""
    ratio = closes_at(prices, end, tickers) / closes_at(prices, start, tickers)
    return ratio.where(np.isfinite(ratio) & (ratio > 0), 1.0)


def period_return(weights: Mapping[str, float], relatives: pd.Series) -> float:
    """Decimal return of `weights` bought at the start and held: sum(w * rel) / sum(w) - 1."""
    w = pd.Series(weights, dtype=float)
    total = float(w.sum())
    if total <= 0:
        return 0.0
    grown = w * relatives.reindex(w.index).fillna(1.0)
    return float(grown.sum()) / total - 1.0


def drifted_weights(weights: Mapping[str, float], relatives: pd.Series) -> dict[str, float]:
    """`weights` after the prices moved by `relatives`, in percent summing to 100."""
    w = pd.Series(weights, dtype=float)
    grown = w * relatives.reindex(w.index).fillna(1.0)
    total = float(grown.sum())
    return {} if total <= 0 else {t: 100.0 * float(v) / total for t, v in grown.items()}


def value_path(
    weights: Mapping[str, float], prices: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.Series:
    """Daily value (growth of 1 at `start`) of `weights` bought at `start`'s closes and held to
    `end`, indexed by the trading days from start to end inclusive."""
    w = pd.Series(weights, dtype=float)
    w = w[w > 0]
    days = prices.loc[(prices.index >= start) & (prices.index <= end)].index
    if w.empty or days.empty:
        return pd.Series(1.0, index=days, dtype=float)
    tickers = list(w.index)
    base = closes_at(prices, start, tickers)
    path = prices.reindex(columns=tickers).loc[: days[-1]].ffill().reindex(days)
    relative = (path / base).where(lambda r: np.isfinite(r) & (r > 0), 1.0)
    relative.loc[:, base.isna().to_numpy()] = 1.0
    return (relative * w).sum(axis=1) / float(w.sum())
