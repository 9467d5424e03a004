"""Which data the app runs on: the database when it holds prices, else the bundled demo data.

kind "live": the database was refreshed from Yahoo Finance today; "cached": it holds prices from
imports or earlier refreshes; "demo": no prices stored (or no database at the path), so the
synthetic demo set is used and `notice` says so in words.

Staleness is judged against the data's last price date, never against today: a series is stale
when it lags the other data, not because the clock moved on. The signals judge each series
against their own as-of date (`signals.freshness`), so no stale flags are passed to them. How old
the whole data set is against today is a separate sentence, `DataSource.age()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from desktop.advice.data_age import DataAge, data_age
from desktop.data.demo import DEMO_LABEL, load_demo
from desktop.data.market.series_status import SeriesStatus, macro_status, price_status
from signals.inputs import SignalInputs


@dataclass(frozen=True, slots=True)
class DataSource:
    """prices: (n_days, n_tickers) adjusted closes, tz-naive ascending index, NaN gaps.
    macro: long releases (series, date, actual, consensus) as signals.inputs.empty_macro.
    stale: tickers and macro series that lag the data's last price date (SeriesStatus.stale).
    today: the clock's date when the source was opened (what `age()` measures against).
    notice: "" for real data; for the demo data, why it is used (no database at the path, or no
        prices in it), to show wherever the demo data's readings are shown.
    """

    kind: str
    label: str
    prices: pd.DataFrame
    macro: pd.DataFrame
    stale: frozenset[str]
    statuses: tuple[SeriesStatus, ...]
    today: date | None = None
    notice: str = ""

    def signal_inputs(self, as_of: pd.Timestamp | str | None = None) -> SignalInputs:
        """Everything the signals read, cut at `as_of` (no look-ahead) when given."""
        inputs = SignalInputs(prices=self.prices, macro=self.macro)
        return inputs if as_of is None else inputs.upto(as_of)

    def age(self, as_of: pd.Timestamp | None = None) -> DataAge:
        """How old the prices are against `today` (default: the clock), as one sentence;
        `as_of`: the date the advice is for, when earlier than the data's last date."""
        last = pd.Timestamp(self.prices.index[-1]).date()
        when = None if as_of is None else pd.Timestamp(as_of).date()
        return data_age(last, self.today or date.today(), as_of=when, demo=self.kind == "demo")


def open_data_source(
    db_path: str | Path,
    *,
    today: date | str | None = None,
    demo_loader: Callable[[], Any] | None = None,
) -> DataSource:
    """The database at `db_path` if it holds prices, else the demo data from `demo_loader`
    (default `desktop.data.demo.load_demo`, returning prices, macro and end_date). A missing
    database file is not created; a damaged one raises CorruptDatabaseError.

    today: the clock's date (injected by tests); it decides "live" and the data's age only.
    """
    from desktop.data.market.store import MarketStore

    now = pd.Timestamp(today if today is not None else date.today()).normalize()
    if not Path(db_path).exists():
        why = f"There is no database at {db_path}: check the path (--db)."
        return _from_demo(demo_loader or load_demo, now, why)
    with MarketStore(db_path, read_only=True) as store:
        if store.has_prices():
            return _from_store(store, now)
    why = f"The database at {db_path} holds no prices yet."
    return _from_demo(demo_loader or load_demo, now, why)


def _from_store(store: Any, today: pd.Timestamp) -> DataSource:
    prices = store.load_prices()
    statuses = tuple(store.status(prices.index[-1]))
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
        today=today.date(),
    )


def _from_demo(loader: Callable[[], Any], today: pd.Timestamp, why: str) -> DataSource:
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
        today=today.date(),
        notice=f"{why} Running on the bundled demo data (synthetic), not real prices: "
        "import prices (rotation-advisor import FILES) or refresh online.",
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
