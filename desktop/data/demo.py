"""Bundled demo data: synthetic prices and macro releases for a first start without a database.

Real prices cannot be shipped, so a build-time generator (`scripts/demo_data/`, run by
`make demo-data`) makes them deterministically and stores them as two gzip CSVs in `resources/`;
the app only reads them. Wherever the app shows them it says DEMO_LABEL.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from desktop.data import paths

DEMO_LABEL = "Demo data (synthetic)"
PRICES_FILE = "demo_prices.csv.gz"
MACRO_FILE = "demo_macro.csv.gz"


@dataclass(frozen=True, slots=True)
class DemoData:
    """The demo data set. Frames are the caller's own copies.

    prices: (n_days, n_tickers) adjusted closes in USD on business days, DatetimeIndex (tz-naive)
        named "date", one column per ticker; NaN before a ticker's inception. `^TNX` is the
        10-year yield in percent.
    macro: long frame (series, date, actual, consensus) with the dtypes of
        `signals.inputs.empty_macro()`; `date` is the release date; consensus NaN where none.
    end_date: the last price date.
    """

    prices: pd.DataFrame
    macro: pd.DataFrame
    end_date: pd.Timestamp
    label: str = DEMO_LABEL


def load_demo(folder: Path | None = None) -> DemoData:
    """Read the bundled demo data (parsed once per process, then copied for each caller)."""
    prices, macro = _read(Path(folder) if folder else paths.resources_dir())
    return DemoData(prices=prices.copy(), macro=macro.copy(), end_date=prices.index[-1])


@functools.lru_cache(maxsize=2)
def _read(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    prices = pd.read_csv(folder / PRICES_FILE, index_col="date").astype("float64")
    prices.index = pd.DatetimeIndex(pd.to_datetime(prices.index, format="%Y-%m-%d"), name="date")
    prices.index = prices.index.as_unit("ns")
    macro = pd.read_csv(folder / MACRO_FILE, dtype={"actual": "float64", "consensus": "float64"})
    macro = macro.astype({"series": "string"})
    macro["date"] = pd.to_datetime(macro["date"], format="%Y-%m-%d").astype("datetime64[ns]")
    return prices, macro
