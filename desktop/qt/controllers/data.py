"""The Data tab's controller: what is stored, CSV import, online refresh, macro releases.

Every database call runs on the jobs' I/O lane through one `DataService` (its SQLite connection
stays on that thread), followed by a fresh `StoredData` for the tab to show. A refresh reports
progress, can be cancelled (here or from the status bar) and changes nothing when cancelled or
offline; being offline is said in the banner, not a dialog. After anything is written the
window's controller reloads the data and re-solves (`data_updated`). The last macro delete can
be undone (`undo_macro_delete`, the notice's Undo).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.engine.data_service import DataService, StoredData
from desktop.qt.jobs import JobContext, Lane

if TYPE_CHECKING:
    import pandas as pd

    from desktop.data.market.conflicts import Conflict
    from desktop.data.market.fetch import Download
    from desktop.data.market.store import ImportReport, RefreshReport
    from desktop.qt.controller import Controller

REFRESH_KEY = "refresh"
DEMO_TEXT = (
    "Showing demo data (synthetic): import CSV files or refresh online to use real prices. "
    "Macro releases you save here are used once real prices are stored."
)


class DataController(QObject):
    """The Data tab's requests; `fetch` replaces yfinance.download (tests)."""

    # series statuses, stored macro releases (long frame), keep macro rows typed but not saved
    stored_changed = Signal(object, object, bool)
    banner_changed = Signal(str, str)  # text ("" hides it), kind: the data in use, offline
    noted = Signal(str, str)  # what a request did ("" hides it), kind: info, warning, error
    macro_deleted = Signal(str)  # what was deleted; `undo_macro_delete` stores it again
    refreshing_changed = Signal(bool)  # a refresh started, or ended however it ended
    refresh_progressed = Signal(float, str)  # fraction done in [0, 1], what is happening

    def __init__(
        self, home: Controller, fetch: Download | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent or home)
        self._home = home
        self._service = DataService(home.engine.db_path, fetch=fetch)
        self.stored: StoredData | None = None
        self.refreshing = False
        self._offline = False  # the banner says offline until a refresh succeeds
        self._deleted: tuple[str, pd.DataFrame] | None = None
        home.jobs.progressed.connect(self._on_jobs_progressed)
        home.jobs.busy_changed.connect(self._on_jobs_busy_changed)

    # Requests.

    def reload(self) -> None:
        """Read the series statuses and the macro releases again."""
        self._run("status", lambda service: None, lambda _: None)

    def import_paths(self, paths: Iterable[str | Path]) -> None:
        """Import CSV files or folders of prices or macro releases."""
        files = [Path(p) for p in paths]
        self.noted.emit(f"Importing {len(files)} file(s)…", "info")
        self._run("import", lambda service: service.import_paths(files), self._on_imported)

    def refresh(self) -> None:
        """Download what is missing from Yahoo Finance, with progress; `cancel_refresh` stops."""
        self._set_refreshing(True)
        self._home.jobs.submit(
            REFRESH_KEY,
            Lane.IO,
            self._refresh,
            with_context=True,
            on_result=self._on_refreshed,
            on_error=self._on_refresh_failed,
        )

    def cancel_refresh(self) -> None:
        self._home.jobs.cancel(REFRESH_KEY)
        self._set_refreshing(False)
        self.noted.emit("Refresh cancelled; the stored prices are unchanged.", "info")

    def save_macro(self, series: str, releases: pd.DataFrame) -> None:
        """Store new or edited releases (date, actual, consensus) of `series`."""

        def saved(count: int) -> None:
            self.noted.emit(f"Saved {count} {series} release(s).", "info")
            self._home.data_updated()

        self._run("macro", lambda service: service.save_macro(series, releases), saved)

    def delete_macro(self, series: str, releases: pd.DataFrame) -> None:
        """Delete stored releases (as stored, so `undo_macro_delete` can store them again)."""
        dates = list(releases["date"])

        def deleted(count: int) -> None:
            self._deleted = (series, releases)
            self.macro_deleted.emit(f"Deleted {count} {series} release(s): {_listing(releases)}.")
            self._home.data_updated()

        self._run(
            "macro-delete",
            lambda service: service.delete_macro(series, dates),
            deleted,
            keep_unsaved=True,
        )

    def undo_macro_delete(self) -> None:
        """Store the releases of the last delete again."""
        if self._deleted is None:
            return
        (series, releases), self._deleted = self._deleted, None

        def restored(count: int) -> None:
            self.noted.emit(f"Restored {count} {series} release(s).", "info")
            self._home.data_updated()

        self._run(
            "macro-undo",
            lambda service: service.save_macro(series, releases),
            restored,
            keep_unsaved=True,
        )

    def resolve_conflict(self, conflict: Conflict, *, take_offer: bool) -> None:
        """Settle one import conflict: keep the stored close or take the offered one."""
        choice = "took the offered" if take_offer else "kept the stored"
        text = f"{conflict.ticker} {conflict.date}: {choice} close."

        def settled(_result: object) -> None:
            self.noted.emit(text, "info")
            if take_offer:
                self._home.data_updated()

        self._run(
            "conflict",
            lambda service: service.resolve_conflict(conflict, take_offer=take_offer),
            settled,
            keep_unsaved=True,
        )

    # Work on the I/O lane.

    def _run(
        self,
        what: str,
        action: Callable[[DataService], Any],
        done: Callable[[Any], None],
        *,
        keep_unsaved: bool = False,
    ) -> None:
        """`action(service)` then a fresh `StoredData`, on the I/O lane; `done(result)` after.
        keep_unsaved: the macro editor keeps rows typed but not saved (the action stores none).
        """
        service = self._service
        self._home.jobs.submit(
            f"data-{what}",
            Lane.IO,
            lambda: (action(service), service.stored()),
            on_result=lambda result: self._on_done(done, *result, keep_unsaved=keep_unsaved),
            on_error=lambda exc: self.noted.emit(str(exc), "error"),
        )

    def _refresh(self, context: JobContext) -> tuple[RefreshReport, StoredData]:
        tickers = self._service.refresh_tickers()
        context.report(0.0, f"Asking Yahoo Finance for {len(tickers)} tickers…")
        report = self._service.refresh(
            tickers,
            cancel=lambda: context.cancelled,
            progress=lambda done, total, ticker: context.report(
                done / total, f"{ticker}: {done} of {total}"
            ),
        )
        return report, self._service.stored()

    # Results, on the GUI thread.

    def _on_done(
        self,
        done: Callable[[Any], None],
        result: Any,
        stored: StoredData,
        *,
        keep_unsaved: bool = False,
    ) -> None:
        self.stored = stored
        self.stored_changed.emit(stored.statuses, stored.macro, keep_unsaved)
        if not self._offline:
            self.banner_changed.emit(DEMO_TEXT if stored.kind == "demo" else "", "info")
        done(result)

    def _on_imported(self, report: ImportReport) -> None:
        from desktop.data.market.outcomes import import_summary

        self.noted.emit(*import_summary(report))
        if report.imported:
            self._home.data_updated()

    def _on_refreshed(self, result: tuple[RefreshReport, StoredData]) -> None:
        from desktop.data.market.outcomes import refresh_summary

        report, stored = result
        self._set_refreshing(False)
        self._offline = False
        self._on_done(lambda _: None, report, stored)
        self.noted.emit(*refresh_summary(report))
        if report.updated:
            self._home.data_updated()

    def _on_refresh_failed(self, exc: BaseException) -> None:
        from desktop.data.market.fetch import OfflineError

        self._set_refreshing(False)
        if isinstance(exc, OfflineError):
            self._offline = True
            self.banner_changed.emit(self._offline_text(), "warning")
            self.noted.emit("", "info")
        else:
            self.noted.emit(f"Refresh failed: {exc}", "error")

    def _offline_text(self) -> str:
        last = None if self.stored is None else self.stored.last_price_date()
        if last is None or self.stored is None or self.stored.kind == "demo":
            return "Offline: Yahoo Finance could not be reached; showing the demo data (synthetic)."
        return (
            f"Offline: Yahoo Finance could not be reached; showing cached data from "
            f"{last:%Y-%m-%d}. Nothing was changed."
        )

    def _set_refreshing(self, running: bool) -> None:
        self.refreshing = running
        self.refreshing_changed.emit(running)

    def _on_jobs_progressed(self, key: str, fraction: float, text: str) -> None:
        if key == REFRESH_KEY:
            self.refresh_progressed.emit(fraction, text)

    def _on_jobs_busy_changed(self, busy: bool) -> None:
        if not busy and self.refreshing:  # cancelled from the status bar
            self._set_refreshing(False)


def _listing(releases: pd.DataFrame, shown: int = 3) -> str:
    """'2026-01-15 actual 12.8, …': the deleted values, so a mistaken delete can be re-typed."""
    parts = [f"{r.date:%Y-%m-%d} actual {r.actual:.10g}" for r in releases.head(shown).itertuples()]
    more = len(releases) - shown
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")
