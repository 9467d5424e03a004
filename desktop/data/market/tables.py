"""Row-level reads and writes of the market tables, given an open sqlite-utils Database.

Speed matters here (tens of thousands of rows per import, the whole universe per chart):
- every price write also refreshes `close_columns`, one row per ticker holding its good
  closes as packed arrays (int32 days since 1970-01-01 and float64 closes, little-endian),
  so loading the universe reads a few dozen blobs instead of ~200k rows. `prices` stays the
  source of truth; `rebuild_close_columns` regenerates the packed copy from it.

What is read back is checked as it is read (`stored_days`, `stored_numbers`, the packed arrays):
damage inside a page that SQLite can still read raises StoredValueError naming the series,
never a wrong date or a garbage number handed to the signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from desktop.data.market.db_errors import StoredValueError
from desktop.data.market.plausible import bad_days, bad_prices
from desktop.data.market.quality import FRAME_COLUMNS, Flag

_NUMERIC = ["close", "open", "high", "low", "volume"]
_DAY = np.dtype("<i4")
_CLOSE = np.dtype("<f8")
_EMPTY_PRICES = pd.DataFrame(
    {c: pd.Series(dtype="float64" if c in _NUMERIC else "object") for c in FRAME_COLUMNS}
    | {"source": pd.Series(dtype="int64")},
    index=pd.DatetimeIndex([], dtype="datetime64[ns]", name="date"),
)


def read_prices(db: Any, ticker: str) -> pd.DataFrame:
    """The stored rows of one ticker in the layout of price_quality (FRAME_COLUMNS)."""
    if db.execute("SELECT 1 FROM prices WHERE ticker = ? LIMIT 1", [ticker]).fetchone() is None:
        return _EMPTY_PRICES
    rows = db.execute(
        "SELECT date, close, open, high, low, volume, source_id, suspect FROM prices "
        "WHERE ticker = ? ORDER BY date",
        [ticker],
    ).fetchall()
    frame = pd.DataFrame(rows, columns=["date", *FRAME_COLUMNS])
    frame.index = stored_days(frame.pop("date"), f"prices of {ticker}")
    frame[_NUMERIC] = stored_numbers(frame[_NUMERIC], f"prices of {ticker}")
    source = stored_numbers(frame[["source"]], f"prices of {ticker}")["source"]
    if source.isna().any():
        raise StoredValueError(f"prices of {ticker}: a row has no source")
    return frame.assign(source=source.astype("int64")).astype({"suspect": "object"})


def stored_days(texts: Sequence[object], what: str) -> pd.DatetimeIndex:
    """ISO date texts read from the database as a DatetimeIndex named "date"; raises
    StoredValueError naming `what` for a value that is not a plausible YYYY-MM-DD date."""
    cells = pd.Series(list(texts), dtype="object")
    days = pd.to_datetime(cells, format="%Y-%m-%d", errors="coerce")
    bad = bad_days(days.to_numpy())
    if bad.any():
        raise StoredValueError(f"{what}: stored date {cells[bad].iloc[0]!r} is not a date")
    return pd.DatetimeIndex(days.to_numpy(dtype="datetime64[ns]"), name="date")


def stored_numbers(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    """`frame`'s cells as float64 (NULL -> NaN); raises StoredValueError naming `what` for a
    cell holding text or bytes where the app writes numbers."""
    numbers = frame.apply(pd.to_numeric, errors="coerce").astype("float64")
    bad = numbers.isna() & frame.notna()
    if bad.any().any():
        column = bad.any().idxmax()
        cell = frame.loc[bad[column], column].iloc[0]
        raise StoredValueError(f"{what}: stored {column} {cell!r} is not a number")
    return numbers


def new_source(db: Any, label: str, stamp: str) -> int:
    """Record one import or refresh (label: file or "yahoo"; stamp: ISO UTC); returns its id."""
    return int(
        db.execute(
            "INSERT INTO sources (label, imported_at) VALUES (?, ?)", [label, stamp]
        ).lastrowid
    )


def replace_prices(db: Any, ticker: str, frame: pd.DataFrame) -> None:
    """Replace all rows of `ticker` with `frame` (FRAME_COLUMNS; source = a sources id) and
    refresh its packed closes."""
    # Columns holding one value for the whole frame (no OHLV in a Date,Close file, a single
    # source, nothing suspect) are written as SQL literals (NULL or an integer) instead of
    # being bound on every row: that makes bulk imports about a third faster.
    bound: dict[str, list] = {
        "ticker": [ticker] * len(frame),
        "date": frame.index.to_numpy(dtype="datetime64[D]").astype(str).tolist(),
    }
    literal: dict[str, str] = {}
    for name in _NUMERIC:
        column = frame[name].to_numpy(dtype="float64")
        if name != "close" and np.isnan(column).all():
            literal[name] = "NULL"
        else:
            bound[name] = column.tolist()  # SQLite stores a bound NaN as NULL
    sources = frame["source"].unique()
    if len(sources) == 1:
        literal["source_id"] = str(int(sources[0]))
    else:
        bound["source_id"] = frame["source"].tolist()
    suspect = frame["suspect"]
    if suspect.isna().all():
        literal["suspect"] = "NULL"
    else:
        bound["suspect"] = suspect.astype(object).where(suspect.notna(), None).tolist()
    names = ", ".join([*bound, *literal])
    marks = ", ".join(["?"] * len(bound) + list(literal.values()))
    db.execute("DELETE FROM prices WHERE ticker = ?", [ticker])
    db.conn.executemany(
        f"INSERT INTO prices ({names}) VALUES ({marks})", zip(*bound.values(), strict=True)
    )
    good = suspect.isna().to_numpy() & frame["close"].notna().to_numpy()
    _write_columns(db, ticker, frame.index[good], frame["close"].to_numpy()[good])


def _write_columns(db: Any, ticker: str, dates: pd.DatetimeIndex, closes: np.ndarray) -> None:
    days = dates.to_numpy(dtype="datetime64[D]").astype(np.int64).astype(_DAY)
    db.execute(
        "INSERT OR REPLACE INTO close_columns (ticker, days, closes) VALUES (?, ?, ?)",
        [ticker, days.tobytes(), np.asarray(closes, dtype=_CLOSE).tobytes()],
    )


def rebuild_close_columns(db: Any) -> None:
    """Regenerate the packed closes of every ticker from the prices table."""
    db.execute("DELETE FROM close_columns")
    tickers = [row[0] for row in db.execute("SELECT DISTINCT ticker FROM prices").fetchall()]
    for ticker in tickers:
        rows = db.execute(
            "SELECT date, close FROM prices WHERE ticker = ? AND suspect IS NULL "
            "AND close IS NOT NULL ORDER BY date",
            [ticker],
        ).fetchall()
        dates, closes = zip(*rows, strict=True) if rows else ((), ())
        index = pd.DatetimeIndex(np.array(dates, dtype="datetime64[D]"))
        _write_columns(db, ticker, index, np.array(closes, dtype="float64"))


def load_close_columns(
    db: Any, tickers: Sequence[str] | None, start: str | None, end: str | None
) -> pd.DataFrame:
    """Wide adjusted closes: ascending tz-naive DatetimeIndex, one float64 column per ticker
    (asked-for order, else alphabetical; tickers not stored are left out), NaN gaps."""
    sql = "SELECT ticker, days, closes FROM close_columns"
    params: list[str] = []
    if tickers is not None:
        sql += f" WHERE ticker IN ({','.join('?' * len(tickers))})"
        params = list(tickers)
    found = {
        ticker: _unpack(ticker, days, closes)
        for ticker, days, closes in db.execute(sql, params).fetchall()
        if days  # a ticker whose every close is suspect has nothing to serve
    }
    order = sorted(found) if tickers is None else [t for t in dict.fromkeys(tickers) if t in found]
    lo = _day_number(start, np.iinfo(_DAY).min)
    hi = _day_number(end, np.iinfo(_DAY).max)
    parts = []
    for ticker in order:
        days, closes = found[ticker]
        keep = (days >= lo) & (days <= hi)
        parts.append((days[keep], closes[keep]))
    all_days = np.unique(np.concatenate([d for d, _ in parts])) if parts else np.array([], _DAY)
    values = np.full((len(all_days), len(order)), np.nan)
    for j, (days, closes) in enumerate(parts):
        values[np.searchsorted(all_days, days), j] = closes
    index = pd.DatetimeIndex(all_days.astype("datetime64[D]").astype("datetime64[ns]"), name="date")
    return pd.DataFrame(values, index=index, columns=pd.Index(order))


def _unpack(ticker: str, days: object, closes: object) -> tuple[np.ndarray, np.ndarray]:
    """A ticker's packed days and closes, checked: whole values of equal count, days strictly
    ascending and plausible, closes finite and plausible. Raises StoredValueError."""
    what = f"the packed closes of {ticker}"
    if not isinstance(days, bytes) or not isinstance(closes, bytes):
        raise StoredValueError(f"{what} are not binary arrays")
    if len(days) % _DAY.itemsize or len(closes) != len(days) // _DAY.itemsize * _CLOSE.itemsize:
        raise StoredValueError(f"{what}: {len(days)} bytes of days for {len(closes)} of closes")
    day_numbers = np.frombuffer(days, _DAY)
    values = np.frombuffer(closes, _CLOSE)
    if bad_days(day_numbers.astype("datetime64[D]")).any() or (np.diff(day_numbers) <= 0).any():
        raise StoredValueError(f"{what} hold dates out of order or outside 1900 to tomorrow")
    if bad_prices(values).any() or np.isnan(values).any():
        raise StoredValueError(f"{what} hold a value that is not a plausible price")
    return day_numbers, values


def _day_number(bound: str | None, default: int) -> int:
    if bound is None:
        return default
    return int(np.datetime64(pd.Timestamp(bound).date(), "D").astype(np.int64))


def replace_flags(db: Any, ticker: str, flags: Sequence[Flag], recomputed: frozenset[str]) -> None:
    """Store `flags` (re-recording the same flag is harmless); flags of the kinds in
    `recomputed` are first cleared for the ticker, since they were derived anew."""
    kinds = sorted(recomputed)
    if kinds:
        marks = ",".join("?" * len(kinds))
        db.execute(
            f"DELETE FROM quality_flags WHERE ticker = ? AND kind IN ({marks})", [ticker, *kinds]
        )
    db.conn.executemany(
        "INSERT OR REPLACE INTO quality_flags (ticker, date, kind, detail) VALUES (?, ?, ?, ?)",
        [(f.ticker, f.date, f.kind, f.detail) for f in flags],
    )


def touch_series(db: Any, name: str, kind: str, source: str, stamp: str) -> None:
    db.execute(
        "INSERT INTO series (ticker, kind, name, source, last_refresh) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (ticker) DO UPDATE SET kind = excluded.kind, source = excluded.source, "
        "last_refresh = excluded.last_refresh",
        [name, kind, name, source, stamp],
    )


def upsert_macro_rows(db: Any, series: str, frame: pd.DataFrame, source: str) -> None:
    """Upsert releases (frame: actual, consensus on a DatetimeIndex); a missing (NaN) consensus
    never erases one stored earlier, e.g. a FRED re-import keeps hand-entered consensus."""
    dates = frame.index.to_numpy(dtype="datetime64[D]").astype(str).tolist()
    consensus = frame["consensus"].astype(object).where(frame["consensus"].notna(), None)
    db.conn.executemany(
        "INSERT INTO macro_releases (series, date, actual, consensus, source) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (series, date) DO UPDATE SET "
        "actual = excluded.actual, source = excluded.source, "
        "consensus = COALESCE(excluded.consensus, macro_releases.consensus)",
        [
            (series, d, a, c, source)
            for d, a, c in zip(dates, frame["actual"].tolist(), consensus.tolist(), strict=True)
        ],
    )


def delete_macro_rows(db: Any, series: str, dates: Sequence[str]) -> int:
    """Delete the releases of `series` on the ISO `dates`, and the quality flags recorded for
    that series on those dates; returns how many releases were deleted (unknown dates count 0)."""
    pairs = [(series, d) for d in dict.fromkeys(dates)]
    before = db.conn.total_changes
    db.conn.executemany("DELETE FROM macro_releases WHERE series = ? AND date = ?", pairs)
    deleted = db.conn.total_changes - before
    db.conn.executemany("DELETE FROM quality_flags WHERE ticker = ? AND date = ?", pairs)
    return deleted
