"""The market database: the app's source of truth for prices and macro releases.

The network only updates it. This is the only module that imports yfinance (lazily, in
`refresh`) and sqlite-utils. Every write (an import of many files, a refresh of many tickers)
is one transaction, so a failure half-way leaves the database exactly as it was.

How overlapping sources merge (see `price_quality.merge`): per ticker, the source whose data
extends later wins on overlapping dates; the other is rescaled by the constant ratio measured on
the overlap so a series never mixes two dividend-adjustment bases; the rescale and any close
disagreeing by more than 0.5 % are flagged.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.data.market import conflicts
from desktop.data.market.conflicts import Conflict, read_conflicts
from desktop.data.market.db_errors import StoredValueError, translated_errors
from desktop.data.market.fetch import (
    DEFAULT_POLICY,
    Cancel,
    Download,
    FetchPolicy,
    Progress,
    fetch_prices,
)
from desktop.data.market.opening import open_database
from desktop.data.market.plausible import bad_days, bad_macro
from desktop.data.market.price_files import ImportFormatError, ParsedSeries, read_series_file
from desktop.data.market.quality import Flag
from desktop.data.market.reports import FileOutcome, ImportReport, RefreshReport, SeriesWrite
from desktop.data.market.series_status import SeriesStatus, macro_status, price_status
from desktop.data.market.series_writes import recheck, write_parsed, write_prices
from desktop.data.market.tables import (
    delete_macro_rows,
    load_close_columns,
    stored_days,
    stored_numbers,
)

__all__ = [
    "Conflict",
    "FileOutcome",
    "ImportReport",
    "MarketStore",
    "RefreshReport",
    "SeriesStatus",
    "SeriesWrite",
]

REFRESH_OVERLAP_DAYS = 7
"""Calendar days re-fetched before the last stored date, to catch revisions and re-measure the
adjustment base (about five trading days)."""
YAHOO_SOURCE = "yahoo"
_STAMP = "%Y-%m-%dT%H:%M:%SZ"


class MarketStore:
    """Prices and macro releases in SQLite (a file path, or ':memory:' for tests).

    Opening migrates the schema. read_only: open without writing anything (see
    `desktop.data.market.opening`); every write then raises ReadOnlyDatabaseError. Every failure is
    one
    of the typed errors of `desktop.data.market.db_errors`, naming the path and what to do.
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = path
        self._db = open_database(path, read_only=read_only)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> MarketStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading -------------------------------------------------------------------------------

    def has_prices(self) -> bool:
        sql = "SELECT EXISTS (SELECT 1 FROM close_columns WHERE length(days) > 0)"
        return bool(self._query(sql)[0][0])

    def load_prices(
        self,
        tickers: Sequence[str] | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
    ) -> pd.DataFrame:
        """Adjusted closes, (n_days, n_tickers): ascending tz-naive DatetimeIndex, one column per
        stored ticker asked for (in the order asked, else alphabetical), NaN where a ticker has
        no good close that day. Suspect closes (bad prints, intraday snapshots) are left out."""
        bounds = [None if b is None else pd.Timestamp(b).strftime("%Y-%m-%d") for b in (start, end)]
        with translated_errors(self.path):
            return load_close_columns(self._db, tickers, *bounds)

    def load_macro(self) -> pd.DataFrame:
        """Releases, long: series (string), date (datetime64[ns]), actual, consensus (float64,
        consensus NaN when unknown); the layout of `signals.inputs.empty_macro`."""
        rows = self._query(
            "SELECT series, date, actual, consensus FROM macro_releases ORDER BY series, date"
        )
        frame = pd.DataFrame(rows, columns=["series", "date", "actual", "consensus"])
        with translated_errors(self.path):
            values = stored_numbers(frame[["actual", "consensus"]], "macro releases")
            dates = stored_days(frame["date"], "macro releases")
        return pd.DataFrame(
            {
                "series": frame["series"].astype("string"),
                "date": dates.to_numpy(),
                "actual": values["actual"],
                "consensus": values["consensus"],
            }
        )

    def last_online_refresh(self) -> datetime | None:
        """When prices were last written from Yahoo Finance (aware, UTC), or None."""
        sql = "SELECT MAX(last_refresh) FROM series WHERE source = ?"
        stamp = self._query(sql, [YAHOO_SOURCE])[0][0]
        if stamp is None:
            return None
        try:
            return datetime.strptime(str(stamp), _STAMP).replace(tzinfo=UTC)
        except ValueError:
            with translated_errors(self.path):
                raise StoredValueError(
                    f"series: stored refresh time {stamp!r} is not a time"
                ) from None

    def flags(self, ticker: str | None = None) -> list[Flag]:
        sql = "SELECT ticker, date, kind, detail FROM quality_flags"
        rows = self._query(sql + " WHERE ticker = ?", [ticker]) if ticker else self._query(sql)
        return [Flag(*row) for row in rows]

    def status(self, as_of: date | str | None = None) -> list[SeriesStatus]:
        """Per stored series (prices first, then macro), staleness measured against `as_of`
        (default: the last stored price date, so a series is stale when it lags the rest of the
        data, never because the clock moved on; today if no prices are stored)."""
        prices = self._price_ranges()
        last = max((row[2] for row in prices), default=None)
        now = pd.Timestamp(as_of if as_of is not None else last or date.today()).normalize()
        flags: dict[str, list[Flag]] = {}
        for flag in self.flags():
            flags.setdefault(flag.ticker, []).append(flag)
        out = [price_status(*row, flags.get(row[0], []), now) for row in prices]
        for series, dates in self._macro_dates().items():
            out.append(macro_status(series, dates, flags.get(series, []), now))
        return out

    # Writing -------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[str | Path]) -> ImportReport:
        """Import CSV files and folders (every *.csv / *.csv.gz inside, recursively).

        Each file is parsed first; a file that cannot be read is reported with its reason and
        the others still import. All accepted files are written in one transaction.
        """
        files = _expand([Path(p) for p in paths])
        outcomes: dict[Path, FileOutcome] = {}
        parsed: list[tuple[Path, tuple[ParsedSeries, ...]]] = []
        for path in files:
            try:
                parsed.append((path, read_series_file(path)))
            except ImportFormatError as exc:
                outcomes[path] = FileOutcome(path, error=str(exc))
            except OSError as exc:
                outcomes[path] = FileOutcome(path, error=f"{path}: cannot read ({exc.strerror})")
        stamp = _now()
        with translated_errors(self.path), self._db.atomic():
            for path, series in parsed:
                source = f"{path.parent.name}/{path.name}"
                writes = tuple(write_parsed(self._db, s, source, stamp) for s in series)
                outcomes[path] = FileOutcome(path, writes)
        return ImportReport(tuple(outcomes[path] for path in files))

    def refresh(
        self,
        tickers: Sequence[str],
        *,
        fetch: Download | None = None,
        policy: FetchPolicy = DEFAULT_POLICY,
        cancel: Cancel | None = None,
        progress: Progress | None = None,
        sleep=time.sleep,
    ) -> RefreshReport:
        """Download what is missing for `tickers` (from a week before each last stored date, or
        full history) and store it. `fetch` defaults to yfinance.download.

        Raises OfflineError (nothing fetched: no network) or FetchCancelled; in both cases, and
        if writing fails, the database is unchanged.
        """
        from yfinance.exceptions import YFRateLimitError

        starts = self._refresh_starts(tickers)
        result = fetch_prices(
            starts,
            fetch or _yahoo_download,
            policy=policy,
            rate_limit_errors=(YFRateLimitError,),
            cancel=cancel,
            progress=progress,
            sleep=sleep,
        )
        stamp = _now()
        with translated_errors(self.path), self._db.atomic():
            writes = tuple(
                write_prices(self._db, ticker, frame, [], YAHOO_SOURCE, stamp)
                for ticker, frame in result.frames.items()
            )
        return RefreshReport(writes, dict(result.failures))

    def upsert_macro(self, series: str, rows: pd.DataFrame, *, source: str = "manual") -> int:
        """Store releases (columns date, actual and optionally consensus; units as in
        signals.inputs.MACRO_SERIES). A NaN consensus keeps a consensus stored earlier.
        Returns the number of rows written. Raises ValueError for implausible dates or values
        (`desktop.data.market.macro_entry` checks typed rows before they get here)."""
        if not series or rows.empty or not {"date", "actual"} <= set(rows.columns):
            raise ValueError("macro releases need a series name and columns date, actual")
        frame = pd.DataFrame(
            {
                "actual": pd.to_numeric(rows["actual"]).to_numpy(dtype="float64"),
                "consensus": pd.to_numeric(
                    rows["consensus"] if "consensus" in rows else pd.Series(np.nan, rows.index)
                ).to_numpy(dtype="float64"),
            },
            index=pd.DatetimeIndex(pd.to_datetime(rows["date"]), name="date"),
        )
        if bad_days(frame.index.to_numpy()).any() or bad_macro(frame.to_numpy()).any():
            raise ValueError(f"implausible macro releases for {series}: check them first")
        parsed = ParsedSeries("macro", series, "manual", frame.dropna(subset=["actual"]))
        with translated_errors(self.path), self._db.atomic():
            return write_parsed(self._db, parsed, source, _now()).rows

    def conflicts(self) -> list[Conflict]:
        """Dates where an import offered a worse close than the good one kept (oldest first
        per ticker); see `desktop.data.market.conflicts`."""
        with translated_errors(self.path):
            return read_conflicts(self._db)

    def resolve_conflict(self, ticker: str, day: str | date, *, take_offer: bool) -> None:
        """The user's choice for one conflict: keep the stored close (drop the offer) or take
        the offered row, after which the series is re-checked. Unknown dates are ignored."""
        iso_day = pd.Timestamp(day).strftime("%Y-%m-%d")
        with translated_errors(self.path), self._db.atomic():
            if take_offer and conflicts.take_offer(self._db, ticker, iso_day):
                recheck(self._db, ticker)
            conflicts.forget(self._db, ticker, iso_day)

    def delete_macro(self, series: str, dates: Sequence[str | date]) -> int:
        """Delete the releases of `series` on `dates` (ISO strings or dates) with their quality
        flags, in one transaction. Returns the number of releases deleted; dates with no stored
        release are ignored, so the count can be lower than len(dates)."""
        days = [pd.Timestamp(d).strftime("%Y-%m-%d") for d in dates]
        with translated_errors(self.path), self._db.atomic():
            return delete_macro_rows(self._db, series, days)

    # Internals -----------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with translated_errors(self.path):
            return self._db.execute(sql, list(params)).fetchall()

    def _macro_dates(self) -> dict[str, pd.DatetimeIndex]:
        rows = self._query("SELECT series, date FROM macro_releases ORDER BY series, date")
        frame = pd.DataFrame(rows, columns=["series", "date"])
        with translated_errors(self.path):
            return {
                str(name): stored_days(group["date"], f"macro releases of {name}")
                for name, group in frame.groupby("series", sort=True)
            }

    def _price_ranges(self) -> list[tuple[str, str, str, int]]:
        """(ticker, first and last ISO date, rows) per stored ticker, the dates checked."""
        sql = "SELECT ticker, MIN(date), MAX(date), COUNT(*) FROM prices GROUP BY ticker"
        rows = self._query(sql)
        with translated_errors(self.path):
            for ticker, first, last, _ in rows:
                stored_days([first, last], f"prices of {ticker}")
        return rows

    def _refresh_starts(self, tickers: Sequence[str]) -> dict[str, pd.Timestamp | None]:
        last = {ticker: end for ticker, _, end, _ in self._price_ranges()}
        overlap = pd.Timedelta(days=REFRESH_OVERLAP_DAYS)
        return {
            t: (pd.Timestamp(last[t]) - overlap) if t in last else None
            for t in dict.fromkeys(tickers)
        }


def _yahoo_download(tickers: list[str], **kwargs) -> pd.DataFrame:
    """yfinance.download with its pandas deprecation warnings kept off the user's terminal."""
    import warnings

    import yfinance

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"yfinance\b")
        return yfinance.download(tickers, **kwargs)


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders -> their *.csv / *.csv.gz files, recursively, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and _is_csv(p)]
            files.extend(sorted(found))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _is_csv(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".csv") or name.endswith(".csv.gz")


def _now() -> str:
    return datetime.now(UTC).strftime(_STAMP)
