"""Writing one series into the market tables, inside the caller's transaction.

A price series goes through, in order: implausible rows dropped (a download's garbage; files
were refused earlier), the intraday last row marked, worse values set aside where a good close
is stored (`desktop.data.market.conflicts`), the merge onto the stored series (`quality.merge`), the
value checks, then the rows, flags and packed closes are replaced. A macro series is upserted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from desktop.data.market import conflicts
from desktop.data.market.price_files import ParsedSeries
from desktop.data.market.quality import (
    PARTIAL,
    VALUE_KINDS,
    Flag,
    implausible_rows,
    merge,
    partial_last_row,
    source_flags,
    value_checks,
)
from desktop.data.market.reports import SeriesWrite
from desktop.data.market.tables import (
    new_source,
    read_prices,
    replace_flags,
    replace_prices,
    touch_series,
    upsert_macro_rows,
)


def write_parsed(db: Any, parsed: ParsedSeries, source: str, stamp: str) -> SeriesWrite:
    """One series read from a file (`source`: its label; `stamp`: ISO UTC time)."""
    flags = source_flags(parsed.name, parsed.missing_dates, parsed.duplicate_dates, source)
    if parsed.kind == "macro":
        upsert_macro_rows(db, parsed.name, parsed.frame, source)
        replace_flags(db, parsed.name, flags, frozenset())
        touch_series(db, parsed.name, "macro", source, stamp)
        return _written(parsed.name, "macro", parsed.frame, len(parsed.frame), flags)
    return write_prices(db, parsed.name, parsed.frame, flags, source, stamp)


def write_prices(
    db: Any, ticker: str, frame: pd.DataFrame, flags: list[Flag], source: str, stamp: str
) -> SeriesWrite:
    """Merge `frame` (close, open, high, low, volume) into the stored series, re-check it and
    replace the ticker's rows (see the module docstring)."""
    kept, dropped = implausible_rows(ticker, frame, source)
    incoming = kept.assign(source=new_source(db, source, stamp), suspect=None)
    partial = partial_last_row(ticker, incoming, source) if len(incoming) else None
    if partial is not None:
        incoming.loc[incoming.index[-1], "suspect"] = PARTIAL
    stored = read_prices(db, ticker)
    incoming, offered = conflicts.set_aside_worse(ticker, stored, incoming)
    kept_flags = conflicts.record(db, ticker, offered, stored, source) if len(offered) else []
    merged, merge_flags = merge(ticker, stored, incoming, source) if len(incoming) else (stored, [])
    if merged.empty:
        return _written(ticker, "price", frame, 0, [*flags, *dropped])
    merged, value_flags = _checked(ticker, merged)
    if partial is not None and merged.loc[partial.date, "source"] != incoming["source"].iloc[-1]:
        note = "; not used: a full close from another source is stored for that date"
        partial = Flag(ticker, partial.date, PARTIAL, partial.detail + note)
    flags = [*flags, *dropped, *([partial] if partial else []), *kept_flags, *merge_flags]
    flags += value_flags
    replace_prices(db, ticker, merged)
    replace_flags(db, ticker, flags, VALUE_KINDS)
    touch_series(db, ticker, "price", source, stamp)
    return _written(ticker, "price", frame, len(incoming) + len(offered), flags)


def recheck(db: Any, ticker: str) -> None:
    """Re-run the value checks on the stored rows of `ticker` after one of them was changed."""
    merged, value_flags = _checked(ticker, read_prices(db, ticker))
    replace_prices(db, ticker, merged)
    replace_flags(db, ticker, value_flags, VALUE_KINDS)


def _checked(ticker: str, merged: pd.DataFrame) -> tuple[pd.DataFrame, list[Flag]]:
    """Suspect marks and flags from the value checks; intraday rows stay marked as such."""
    is_partial = (merged["suspect"] == PARTIAL).to_numpy()
    value_flags, suspect = value_checks(ticker, merged.loc[~is_partial, "close"])
    return merged.assign(
        suspect=suspect.reindex(merged.index).where(~is_partial, PARTIAL)
    ), value_flags


def _written(
    name: str, kind: str, frame: pd.DataFrame, rows: int, flags: Sequence[Flag]
) -> SeriesWrite:
    first, last = frame.index[0].date(), frame.index[-1].date()
    return SeriesWrite(name, kind, first, last, rows, tuple(flags))
