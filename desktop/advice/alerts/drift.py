"""How far the portfolio has drifted from the last saved suggestion (pure).

Current weights come from the user's holdings (shares valued at the as-of closes) when there are
any, else from the saved suggestion itself, bought at its as-of date and left to drift with
prices (`desktop.advice.alerts.buy_and_hold`): what the portfolio would be had the suggestion been
followed and not rebalanced. The drift is the largest gap between a current and a suggested
weight, in percentage points; the band of a drift alert is compared with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from desktop.advice.alerts.buy_and_hold import closes_at, drifted_weights, price_relatives

HOLDINGS = "holdings"
"""Drift basis: the user's holdings valued at the as-of closes."""
DRIFTED = "drifted"
"""Drift basis: the saved suggestion bought at its as-of date and held since."""


@dataclass(frozen=True, slots=True)
class Drift:
    """The asset furthest from its suggested weight.

    ticker: that asset. current_pct, target_pct: its current and suggested weights (percent).
    pts: current_pct - target_pct, percentage points (> 0: overweight against the suggestion).
    basis: HOLDINGS or DRIFTED. target_as_of: the saved suggestion's as-of date (YYYY-MM-DD).
    """

    ticker: str
    current_pct: float
    target_pct: float
    pts: float
    basis: str
    target_as_of: str

    @property
    def sentence(self) -> str:
        """E.g. "IWM is 13.1 % against 6.9 % in the suggestion for 2026-01-15 (+6.2 pts)"."""
        what = "your holdings" if self.basis == HOLDINGS else "the suggestion held since then"
        return (
            f"{self.ticker} is {self.current_pct:.1f} % of {what} against "
            f"{self.target_pct:.1f} % in the suggestion for {self.target_as_of} "
            f"({self.pts:+.1f} pts)"
        )


def holdings_weights(holdings: Mapping[str, float], closes: pd.Series) -> dict[str, float]:
    """Ticker -> percent of the holdings' value (shares x close); tickers without a close count
    for nothing. ValueError when nothing has a value."""
    values = {t: s * float(closes.get(t, float("nan"))) for t, s in holdings.items()}
    priced = {t: v for t, v in values.items() if v == v}
    total = sum(priced.values())
    if total <= 0:
        raise ValueError("the holdings have no market value at the as-of closes: check them")
    return {t: 100.0 * v / total for t, v in priced.items()}


def largest_drift(
    current_pct: Mapping[str, float], target_pct: Mapping[str, float], basis: str, target_as_of: str
) -> Drift:
    """The ticker (of either side) with the largest |current - target|; ties go to the first."""
    tickers = list(dict.fromkeys([*target_pct, *current_pct]))
    gaps = {t: current_pct.get(t, 0.0) - target_pct.get(t, 0.0) for t in tickers}
    ticker = max(tickers, key=lambda t: abs(gaps[t]))
    return Drift(
        ticker,
        current_pct.get(ticker, 0.0),
        target_pct.get(ticker, 0.0),
        gaps[ticker],
        basis,
        target_as_of,
    )


def drift_at(
    target_pct: Mapping[str, float],
    target_as_of: pd.Timestamp,
    prices: pd.DataFrame,
    as_of: pd.Timestamp,
    holdings: Mapping[str, float] | None = None,
) -> Drift:
    """The drift at `as_of` from a suggestion saved for `target_as_of` (weights in percent):
    from `holdings` (ticker -> shares) when given, else from the suggestion held since."""
    day = f"{target_as_of:%Y-%m-%d}"
    if holdings:
        closes = closes_at(prices, as_of, list(holdings))
        return largest_drift(holdings_weights(holdings, closes), target_pct, HOLDINGS, day)
    relatives = price_relatives(prices, target_as_of, as_of, list(target_pct))
    return largest_drift(drifted_weights(target_pct, relatives), target_pct, DRIFTED, day)
