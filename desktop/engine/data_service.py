"""The Data tab's work on the market database: what is stored, imports, refreshes, macro releases.

`DataService` opens one `MarketStore` on the thread of its first call and must be used from that
thread only (sqlite3's rule; the window's controller runs every call on the jobs' I/O lane). It
answers with values: `StoredData` (each series' status, which data the app runs on, the macro
releases the user can edit) and the store's `ImportReport` / `RefreshReport`. A refresh downloads
from Yahoo Finance with progress and cancel; when it raises (OfflineError, FetchCancelled) the
database is unchanged. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from desktop.data.market.conflicts import Conflict
    from desktop.data.market.fetch import Download
    from desktop.data.market.series_status import SeriesStatus
    from desktop.data.market.store import ImportReport, MarketStore, RefreshReport


@dataclass(frozen=True, slots=True)
class StoredData:
    """What the Data tab shows.

    statuses: one per price ticker and macro series of the data the app runs on (the demo's
        when the database holds no prices). uses: series -> who reads it ("portfolio", then
        signal names; `series_readers`). conflicts: dates where an import offered a worse close
        than the good one kept, waiting for the user's choice. kind: "demo", "cached" or "live"
        (`desktop.data.source`). macro: the releases stored in the database, long (series,
        date, actual, consensus), the ones the user can edit.
    """

    statuses: tuple[SeriesStatus, ...]
    kind: str
    macro: pd.DataFrame
    uses: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()

    def last_price_date(self) -> date | None:
        """The newest price of any ticker, or None without prices."""
        dates = [s.last_date for s in self.statuses if s.kind == "price" and s.last_date]
        return max(dates) if dates else None


class DataService:
    """The market database at `db_path`; `fetch` replaces yfinance.download (tests)."""

    def __init__(self, db_path: str | Path, *, fetch: Download | None = None) -> None:
        self.db_path = Path(db_path)
        self._fetch = fetch
        self._store: MarketStore | None = None

    def stored(self) -> StoredData:
        """The series statuses and source kind of the data the app runs on, and the macro
        releases stored in the database."""
        from desktop.data.source import open_data_source

        source = open_data_source(self.db_path)
        store = self._open()
        conflicts = tuple(store.conflicts())
        return StoredData(
            tuple(source.statuses), source.kind, store.load_macro(), series_readers(), conflicts
        )

    def import_paths(self, paths: Iterable[Path]) -> ImportReport:
        """Import CSV files and folders of prices or macro releases."""
        return self._open().import_paths(paths)

    def refresh_tickers(self) -> tuple[str, ...]:
        """Every ticker of every portfolio's universe: what a refresh asks Yahoo Finance for."""
        from desktop.data.portfolios import all_tickers

        return all_tickers()

    def refresh(
        self,
        tickers: Sequence[str],
        *,
        cancel: Callable[[], bool],
        progress: Callable[[int, int, str], None],
    ) -> RefreshReport:
        """Download what is missing for `tickers` and store it. progress(done, total, ticker)
        after each ticker; cancel() is asked between downloads."""
        return self._open().refresh(tickers, fetch=self._fetch, cancel=cancel, progress=progress)

    def save_macro(self, series: str, releases: pd.DataFrame) -> int:
        """Store releases (date, actual, consensus) of `series`; returns how many."""
        return self._open().upsert_macro(series, releases)

    def delete_macro(self, series: str, dates: Sequence[date | str]) -> int:
        """Delete the releases of `series` on `dates`; returns how many were deleted."""
        return self._open().delete_macro(series, dates)

    def resolve_conflict(self, conflict: Conflict, *, take_offer: bool) -> None:
        """Keep the stored close (`take_offer` False) or take the offered one; either way the
        conflict is settled."""
        self._open().resolve_conflict(conflict.ticker, conflict.date, take_offer=take_offer)

    def _open(self) -> MarketStore:
        if self._store is None:
            from desktop.data.market.store import MarketStore

            self._store = MarketStore(self.db_path)
        return self._store


def series_readers() -> dict[str, tuple[str, ...]]:
    """Who reads each series: the registered signals, and the universe's held assets when the
    universe file can be read (its own errors are the window's and `allocate`'s to report)."""
    from desktop.advice.series_use import series_uses
    from desktop.advice.tables.universe import UniverseError
    from desktop.data.user_files import load_universe
    from signals import REGISTRY

    try:
        held = load_universe().held_tickers
    except (UniverseError, OSError):
        held = ()
    return series_uses(REGISTRY, held)
