"""Which data the app runs on: the database when it holds prices, else the bundled demo data.

kind "live": the database was refreshed from Yahoo Finance today; "cached": it holds prices from
imports or earlier refreshes; "demo": no prices stored, so the synthetic demo set is used and
staleness is measured against the demo's own last date (not today), so its readings are live.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from desktop.data.demo import DEMO_LABEL, load_demo
from desktop.data.series_status import SeriesStatus, macro_status, price_status
from signals.inputs import SignalInputs


@dataclass(frozen=True, slots=True)
class DataSource:
    """prices: (n_days, n_tickers) adjusted closes, tz-naive ascending index, NaN gaps.
    macro: long releases (series, date, actual, consensus) as signals.inputs.empty_macro.
    stale: tickers and macro series whose last value is too old (see SeriesStatus.stale)."""

    kind: str
    label: str
    prices: pd.DataFrame
    macro: pd.DataFrame
    stale: frozenset[str]
    statuses: tuple[SeriesStatus, ...]

    def signal_inputs(self, as_of: pd.Timestamp | str | None = None) -> SignalInputs:
        """Everything the signals read, cut at `as_of` (no look-ahead) when given."""
        inputs = SignalInputs(prices=self.prices, macro=self.macro, stale=self.stale)
        return inputs if as_of is None else inputs.upto(as_of)


def open_data_source(
    db_path: str | Path,
    *,
    today: date | str | None = None,
    demo_loader: Callable[[], Any] | None = None,
) -> DataSource:
    """The database at `db_path` if it holds prices, else the demo data from `demo_loader`
    (default `desktop.data.demo.load_demo`, returning prices, macro and end_date). A missing
    database file is not created; a damaged one raises CorruptDatabaseError."""
    from desktop.data.store import MarketStore

    now = pd.Timestamp(today if today is not None else date.today()).normalize()
    if Path(db_path).exists():
        with MarketStore(db_path) as store:
            if store.has_prices():
                return _from_store(store, now)
    return _from_demo(demo_loader or load_demo)


def _from_store(store: Any, today: pd.Timestamp) -> DataSource:
    statuses = tuple(store.status(today))
    prices = store.load_prices()
    last = prices.index[-1].strftime("%Y-%m-%d")
    refreshed = store.last_online_refresh()
    live = refreshed is not None and refreshed.astimezone().date() == today.date()
    kind, what = ("live", "Live data (Yahoo Finance)") if live else ("cached", "Cached data")
    return DataSource(
        kind=kind,
        label=f"{what}, last date {last}",
        prices=prices,
        macro=store.load_macro(),
        stale=frozenset(s.ticker for s in statuses if s.stale),
        statuses=statuses,
    )


def _from_demo(loader: Callable[[], Any]) -> DataSource:
    demo = loader()
    end = pd.Timestamp(demo.end_date).normalize()
    statuses = tuple(_demo_statuses(demo.prices, demo.macro, end))
    return DataSource(
        kind="demo",
        label=DEMO_LABEL,
        prices=demo.prices,
        macro=demo.macro,
        stale=frozenset(s.ticker for s in statuses if s.stale),
        statuses=statuses,
    )


def _demo_statuses(prices: pd.DataFrame, macro: pd.DataFrame, end: pd.Timestamp):
    for ticker in prices.columns:
        valid = prices[ticker].dropna()
        if not valid.empty:
            first, last = (d.strftime("%Y-%m-%d") for d in (valid.index[0], valid.index[-1]))
            yield price_status(str(ticker), first, last, len(valid), (), end)
    for series, rows in macro.groupby("series", sort=True):
        dates = pd.DatetimeIndex(rows["date"].sort_values())
        yield macro_status(str(series), dates, (), end)
