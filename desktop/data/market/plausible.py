"""What a date, price, volume or macro value may be before the app believes it.

One set of bounds for every way data comes in (CSV files, Yahoo Finance, values typed on the Data
tab) and for checking what the database gives back, so garbage is refused or flagged instead of
stored, wrapped round (a year 1 date read as 1754) or fed to the signals.

- Dates: from EARLIEST_DATE to tomorrow (`latest_date`; a day of slack for time zones). Daily
  series before 1900 do not exist in any source the app reads; a later date is a typo.
- Prices (adjusted close, open, high, low; USD or the quote currency): finite and at most
  MAX_PRICE in size. Zero or negative closes are not garbage (a Treasury yield index can be
  negative) and are flagged by `desktop.data.market.quality` instead.
- Volume: shares, finite, from 0 to MAX_VOLUME.
- Macro values (units of `signals.inputs.MACRO_SERIES`, or a FRED series' own): finite and at
  most MAX_MACRO in size.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

EARLIEST_DATE = date(1900, 1, 1)
MAX_PRICE = 1e10
"""Above any quoted price in any currency (Bitcoin in Indonesian rupiah is about 2e9)."""
MAX_VOLUME = 1e13
"""Shares a day; the busiest index volumes are about 1e10."""
MAX_MACRO = 1e15
"""Macro levels in their own units; FRED's largest dollar series (in millions) are about 1e8."""


def latest_date(today: date | None = None) -> date:
    """The last plausible date of a row: tomorrow."""
    return (today or date.today()) + timedelta(days=1)


def bad_days(days: np.ndarray, today: date | None = None) -> np.ndarray:
    """Mask of `days` (datetime64, any unit; NaT counts as bad) outside the plausible range."""
    values = np.asarray(days).astype("datetime64[D]")
    lo = np.datetime64(EARLIEST_DATE, "D")
    hi = np.datetime64(latest_date(today), "D")
    return np.isnat(values) | (values < lo) | (values > hi)


def bad_prices(values: np.ndarray) -> np.ndarray:
    """Mask of prices that are infinite or beyond MAX_PRICE in size (NaN means absent: fine)."""
    return _beyond(values, MAX_PRICE)


def bad_volumes(values: np.ndarray) -> np.ndarray:
    """Mask of volumes that are negative, infinite or beyond MAX_VOLUME (NaN: absent, fine)."""
    x = np.asarray(values, dtype="float64")
    with np.errstate(invalid="ignore"):
        return _beyond(x, MAX_VOLUME) | (x < 0)


def bad_macro(values: np.ndarray) -> np.ndarray:
    """Mask of macro values that are infinite or beyond MAX_MACRO in size (NaN: absent, fine)."""
    return _beyond(values, MAX_MACRO)


def _beyond(values: np.ndarray, limit: float) -> np.ndarray:
    x = np.asarray(values, dtype="float64")
    with np.errstate(invalid="ignore"):
        return np.isinf(x) | (np.abs(x) > limit)


def describe_range(what: str) -> str:
    """The rule in words, for messages: e.g. "dates must be from 1900-01-01 to tomorrow"."""
    rules = {
        "date": f"dates must be from {EARLIEST_DATE:%Y-%m-%d} to tomorrow",
        "price": f"prices must be finite and at most {MAX_PRICE:g}",
        "volume": f"volumes must be from 0 to {MAX_VOLUME:g} shares",
        "macro": f"values must be finite and at most {MAX_MACRO:g} in size",
    }
    return rules[what]
