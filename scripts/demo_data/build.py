"""Write the synthetic demo data set into `resources/` as two gzip CSVs, byte for byte the same
on every run (`make demo-data`). The app only reads the result (`desktop.data.demo`).
"""

from __future__ import annotations

import gzip
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.data.demo import MACRO_FILE, PRICES_FILE
from desktop.data.exports.atomic_file import write_atomically
from scripts.demo_data.macro import MACRO_SPECS, generate_macro
from scripts.demo_data.macro_fred import FRED_SPECS, ten_year
from scripts.demo_data.market import generate_prices
from scripts.demo_data.scenario import SEED

SIGNIFICANT_DIGITS = 6
"""Stored precision of prices: enough for a T-bill fund's daily return of a few basis points."""
MAX_DECIMALS = 4


def demo_csv_texts(seed: int | None = None) -> dict[str, bytes]:
    """The exact CSV bytes of both demo files, freshly generated: file name -> content."""
    seed = SEED if seed is None else seed
    prices = for_storage(generate_prices(seed))
    macro = generate_macro(seed, (*MACRO_SPECS, *FRED_SPECS), (ten_year(prices),))
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
