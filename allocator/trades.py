"""From target weights to whole-share orders.

Money is in the prices' currency; weights are decimals summing to 1; shares may be
fractional in `holdings` (some brokers allow it) but targets are whole shares.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

# Guards floor() against 9.999999999 shares that are really 10 after float arithmetic.
_SHARE_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class TradeLine:
    """One ticker's order. trade_shares > 0 buys, < 0 sells."""

    ticker: str
    weight: float  # target weight, decimal
    price: float  # last price per share
    target_value: float  # weight × portfolio value, before rounding to shares
    target_shares: int
    current_shares: float
    trade_shares: float
    in_universe: bool  # False: held but not in the model portfolio, so sold


@dataclass(frozen=True, slots=True, eq=False)
class TradePlan:
    """All orders. cash_left = portfolio_value - Σ target_shares × price (>= 0).

    unpriced  held tickers outside the universe with no price: neither valued nor traded,
              the user has to deal with them by hand.
    """

    lines: tuple[TradeLine, ...]
    portfolio_value: float
    cash_left: float
    unpriced: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """One row per line, indexed by ticker."""
        return pd.DataFrame([asdict(line) for line in self.lines]).set_index("ticker")


def plan_trades(
    tickers: Sequence[str],
    weights: Sequence[float] | np.ndarray,
    prices: Mapping[str, float] | pd.Series,
    *,
    portfolio_value: float | None = None,
    holdings: Mapping[str, float] | None = None,
) -> TradePlan:
    """Whole-share targets for `weights` (n,) that never spend more than the portfolio value.

    Each ticker first gets floor(weight × value / price) shares; the cash left then buys one
    more share of the tickers with the largest fractional remainders, in that order, while
    it lasts. `portfolio_value` defaults to the market value of `holdings` (ticker ->
    shares). Held tickers outside `tickers` are sold when priced, else listed as unpriced.
    Raises ValueError naming the ticker for a missing, NaN or non-positive price.
    """
    tickers = tuple(tickers)
    w = np.asarray(weights, dtype=float)
    if w.shape != (len(tickers),) or not np.isfinite(w).all() or (w < 0).any():
        raise ValueError(f"weights must be {len(tickers)} finite numbers >= 0, one per ticker")
    holdings = _check_holdings(holdings or {})
    extra = [t for t in holdings if t not in tickers]
    priced_extra = [t for t in extra if _has_price(prices, t)]
    price = np.array([_price(prices, t) for t in tickers])
    value = _portfolio_value(portfolio_value, holdings, prices, (*tickers, *priced_extra))
    raw = w * value / price
    shares = np.floor(raw + _SHARE_EPS)
    cash = value - float(shares @ price)
    for i in np.argsort(-(raw - shares), kind="stable"):
        if raw[i] - shares[i] > _SHARE_EPS and price[i] <= cash:
            shares[i] += 1
            cash -= price[i]
    lines = [
        TradeLine(t, float(w[i]), float(price[i]), float(w[i] * value), int(shares[i]),
                  holdings.get(t, 0.0), float(shares[i] - holdings.get(t, 0.0)), True)
        for i, t in enumerate(tickers)
    ] + [
        TradeLine(t, 0.0, _price(prices, t), 0.0, 0, holdings[t], -holdings[t], False)
        for t in priced_extra
    ]  # fmt: skip
    unpriced = tuple(t for t in extra if t not in priced_extra)
    return TradePlan(tuple(lines), value, max(cash, 0.0), unpriced)


def _check_holdings(holdings: Mapping[str, float]) -> dict[str, float]:
    out = {}
    for ticker, shares in holdings.items():
        shares = float(shares)
        if not math.isfinite(shares) or shares < 0:
            raise ValueError(f"holdings of {ticker}: {shares} shares; give a number >= 0")
        out[str(ticker)] = shares
    return out


def _has_price(prices: Mapping[str, float] | pd.Series, ticker: str) -> bool:
    value = prices.get(ticker)
    return value is not None and math.isfinite(float(value)) and float(value) > 0


def _price(prices: Mapping[str, float] | pd.Series, ticker: str) -> float:
    if not _has_price(prices, ticker):
        raise ValueError(
            f"no usable last price for {ticker} (got {prices.get(ticker)!r}): refresh the "
            "market data or supply the price"
        )
    return float(prices[ticker])


def _portfolio_value(value, holdings, prices, valued: Sequence[str]) -> float:
    if value is None:
        if not holdings:
            raise ValueError("give a portfolio value or current holdings to size the trades")
        value = sum(holdings.get(t, 0.0) * _price(prices, t) for t in valued if t in holdings)
    value = float(value)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"portfolio value must be a positive amount, got {value}")
    return value
