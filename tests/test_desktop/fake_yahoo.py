"""A stand-in for `yfinance.download` returning frames built the way yfinance 1.7 builds them.

yfinance 1.7 (multi.py) downloads each ticker, puts an all-NaN `utils.empty_df()` frame (Open,
High, Low, Close, Adj Close, Volume) in place of a ticker that failed, reindexes all to the union
of dates, concatenates with keys names=['Ticker', 'Price'], swaps the levels for
group_by='column' and sorts them: columns are a MultiIndex (field, ticker), e.g. ('Close',
'SPY'). Per-ticker errors are logged on the "yfinance" logger, not raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

FIELDS = ("Close", "High", "Low", "Open", "Volume")


def history(
    closes: Mapping[str, float] | pd.Series, *, volume: float = 1e6, tz: str | None = None
) -> pd.DataFrame:
    """One ticker's auto-adjusted daily bars (what Ticker.history returns), index named Date."""
    close = pd.Series(closes, dtype="float64")
    index = pd.DatetimeIndex(pd.to_datetime(close.index), name="Date")
    if tz is not None:
        index = index.tz_localize(tz)
    values = close.to_numpy()
    return pd.DataFrame(
        {
            "Open": values,
            "High": values * 1.01,
            "Low": values * 0.99,
            "Close": values,
            "Volume": np.full(len(values), volume),
        },
        index=index,
    )


def _empty_df() -> pd.DataFrame:
    frame = pd.DataFrame(
        {c: pd.Series(dtype="float64") for c in ("Open", "High", "Low", "Close", "Adj Close")}
        | {"Volume": pd.Series(dtype="float64")},
        index=pd.DatetimeIndex([], name="Date"),
    )
    return frame


def yahoo_frame(per_ticker: Mapping[str, pd.DataFrame | None]) -> pd.DataFrame:
    """Combine per-ticker histories (None = failed ticker) exactly as yfinance.download does."""
    dfs = {t: (df if df is not None else _empty_df()) for t, df in per_ticker.items()}
    index = None
    for df in dfs.values():
        if not df.empty:
            index = df.index if index is None else index.union(df.index)
    index = pd.DatetimeIndex([]) if index is None else index
    dfs = {t: df.reindex(index) for t, df in dfs.items()}
    data = pd.concat(dfs.values(), axis=1, sort=True, keys=dfs.keys(), names=["Ticker", "Price"])
    data.columns = data.columns.swaplevel(0, 1)
    return data.sort_index(level=0, axis=1)


class FakeYahoo:
    """Callable like yfinance.download over fixed histories; records every call's arguments.

    `script` optionally maps a call number (0-based) to an action run instead of answering:
    an exception to raise, or a callable(tickers) -> frame (e.g. logging an error first).
    """

    def __init__(
        self,
        histories: Mapping[str, pd.DataFrame],
        script: Mapping[int, BaseException | Callable[[list[str]], pd.DataFrame]] | None = None,
    ) -> None:
        self.histories = dict(histories)
        self.script = dict(script or {})
        self.calls: list[dict] = []

    def __call__(self, tickers, **kwargs) -> pd.DataFrame:
        number = len(self.calls)
        self.calls.append({"tickers": list(tickers), **kwargs})
        action = self.script.get(number)
        if isinstance(action, BaseException):
            raise action
        if action is not None:
            return action(list(tickers))
        return self.answer(list(tickers), kwargs.get("start"))

    def answer(self, tickers: list[str], start: str | None) -> pd.DataFrame:
        per_ticker = {}
        for ticker in tickers:
            frame = self.histories.get(ticker)
            if frame is None:
                logging.getLogger("yfinance").error(
                    f"['{ticker}']: possibly delisted; no price data found"
                )
            elif start is not None:
                naive = frame.index.tz_localize(None) if frame.index.tz else frame.index
                frame = frame.loc[naive >= pd.Timestamp(start)]
            per_ticker[ticker] = frame
        return yahoo_frame(per_ticker)


def offline_download(tickers, **kwargs) -> pd.DataFrame:
    """What yfinance 1.7 returns without a network: all-NaN columns, curl errors logged."""
    log = logging.getLogger("yfinance")
    for ticker in tickers:
        log.error(
            f"Failed to get ticker '{ticker}' reason: Failed to perform, curl: (6) Could not "
            "resolve host: query2.finance.yahoo.com."
        )
    return yahoo_frame(dict.fromkeys(tickers))


def rate_limited(tickers: list[str]) -> pd.DataFrame:
    """yfinance 1.7 on HTTP 429: YFRateLimitError caught per ticker, logged, empty columns."""
    logging.getLogger("yfinance").error(
        f"{tickers}: YFRateLimitError('Too Many Requests. Rate limited. Try after a while.')"
    )
    return yahoo_frame(dict.fromkeys(tickers))
