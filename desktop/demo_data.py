"""Bundled demo data: synthetic prices and macro releases for a first start without a database.

Real prices cannot be shipped, so `desktop.demo_market` and `desktop.demo_macro` generate them
deterministically and `build_demo_files` stores them as two gzip CSVs in `resources/` (rebuilt
byte for byte by `make demo-data`). Wherever the app shows them it says DEMO_LABEL.
"""

from __future__ import annotations

import functools
import gzip
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from desktop import paths
from desktop.atomic_file import write_atomically

DEMO_LABEL = "Demo data (synthetic)"
PRICES_FILE = "demo_prices.csv.gz"
MACRO_FILE = "demo_macro.csv.gz"
SIGNIFICANT_DIGITS = 6
"""Stored precision of prices: enough for a T-bill fund's daily return of a few basis points."""
MAX_DECIMALS = 4


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


def demo_csv_texts(seed: int | None = None) -> dict[str, bytes]:
    """The exact CSV bytes of both demo files, freshly generated: file name -> content."""
    from desktop.demo_macro import generate_macro
    from desktop.demo_market import generate_prices
    from desktop.demo_scenario import SEED

    seed = SEED if seed is None else seed
    prices = for_storage(generate_prices(seed))
    macro = generate_macro(seed)
    return {
        PRICES_FILE: _csv_bytes(prices, index=True),
        MACRO_FILE: _csv_bytes(macro, index=False),
    }


def build_demo_files(folder: Path) -> dict[str, int]:
    """Write both demo files into `folder` (gzip with no timestamp, atomic); return their sizes."""
    sizes = {}
    for name, payload in demo_csv_texts().items():
        target = Path(folder) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, gzip.compress(payload, compresslevel=9, mtime=0))
        sizes[name] = target.stat().st_size
    _read.cache_clear()
    return sizes


def for_storage(prices: pd.DataFrame) -> pd.DataFrame:
    """Prices rounded to SIGNIFICANT_DIGITS of each column's largest value (at most 4 decimals)."""
    rounded = {}
    for ticker, column in prices.items():
        digits = math.floor(math.log10(np.nanmax(column.to_numpy()))) + 1
        decimals = min(MAX_DECIMALS, max(0, SIGNIFICANT_DIGITS - digits))
        rounded[ticker] = column.round(decimals)
    return pd.DataFrame(rounded, index=prices.index)


def _csv_bytes(frame: pd.DataFrame, *, index: bool) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=index, lineterminator="\n", date_format="%Y-%m-%d")
    return buffer.getvalue().encode("utf-8")
