"""The Data tab: what is stored per series, CSV import, online refresh, macro releases.

Every database call runs on the jobs' IO lane through a `MarketStore` opened there (SQLite
connections stay on their thread); the GUI thread only renders results. Files dropped on the tab
import like files picked in the dialog. A refresh reports progress, can be cancelled, and
changes nothing when cancelled or offline; being offline is said in a banner, not a dialog.
After anything is written, the controller reloads the data and re-solves (`data_updated`).
Deleted macro releases can be stored again with the notice's Undo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.data.fetch import Download, OfflineError
from desktop.data.outcomes import import_summary, refresh_summary
from desktop.data.series_status import SeriesStatus
from desktop.data.source import open_data_source
from desktop.data.store import ImportReport, MarketStore, RefreshReport
from desktop.qt.jobs import JobContext, Lane
from desktop.qt.widgets.macro_table import MacroTable
from desktop.qt.widgets.notice import InlineNotice
from desktop.qt.widgets.status_table import StatusTable

REFRESH_KEY = "refresh"


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """What a reload read on the IO lane: series statuses, source kind, stored macro releases."""

    statuses: tuple[SeriesStatus, ...]
    kind: str
    macro: pd.DataFrame


class DataTab(QWidget):
    """Status table, Import / Refresh / Cancel, banners, and the macro release editor."""

    def __init__(self, controller, parent: QWidget | None = None, fetch: Download | None = None):
        super().__init__(parent)
        self.controller = controller
        self._db_path = Path(controller.engine.db_path)
        self._fetch = fetch  # None: yfinance (tests pass a fake shaped like it)
        self._store: MarketStore | None = None  # opened and used only on the IO lane
        self.statuses: list[SeriesStatus] = []
        self._offline_shown = False  # the banner says offline until a refresh succeeds
        self._kind = ""  # the data source: "demo", "cached" or "live"
        self.setAcceptDrops(True)
        self.banner = InlineNotice()
        self.notice = InlineNotice()
        self.status_table = StatusTable()
        self.macro = MacroTable()
        self.import_button = self._button(
            "Import CSV files…",
            "Prices (yfinance, Date/Close) or "
            "macro (FRED, date/actual/consensus); or drop files here",
        )
        self.refresh_button = self._button(
            "Refresh online", "Download what is missing from Yahoo Finance"
        )
        self.cancel_button = self._button("Cancel", "Stop the download; nothing is changed")
        self.progress = QProgressBar(accessibleName="Refresh progress", textVisible=True)
        self._lay_out()
        self._connect()
        self._set_refreshing(False)
        self.reload()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, toolTip=tip)
        button.setAccessibleName(text)
        return button

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for widget in (self.import_button, self.refresh_button, self.progress, self.cancel_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        macro_box = QGroupBox("Macro releases")
        QVBoxLayout(macro_box).addWidget(self.macro)
        splitter = QSplitter()
        splitter.addWidget(self.status_table)
        splitter.addWidget(macro_box)
        splitter.setSizes([760, 440])
        layout = QVBoxLayout(self)
        for widget in (self.banner, self.notice):
            layout.addWidget(widget)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.import_button.clicked.connect(lambda: self.import_files())
        self.refresh_button.clicked.connect(lambda: self.refresh_online())
        self.cancel_button.clicked.connect(lambda: self.cancel_refresh())
        self.macro.save_requested.connect(self._on_macro_save_requested)
        self.macro.delete_requested.connect(self._on_macro_delete_requested)
        jobs = self.controller.jobs
        jobs.progressed.connect(self._on_jobs_progressed)
        jobs.busy_changed.connect(self._on_jobs_busy_changed)

    # Actions.

    def reload(self) -> None:
        """Read the status table and the macro releases again."""
        self._run("status", lambda store: None, lambda _: None)

    def import_files(self, paths: list[str] | None = None) -> None:
        """Import CSV files or folders; without `paths`, ask with a file dialog."""
        if paths is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DownloadLocation
            )
            paths, _ = QFileDialog.getOpenFileNames(
                self, "Import CSV files", folder, "CSV files (*.csv *.csv.gz);;All files (*)"
            )
        if paths:
            files = [Path(p) for p in paths]
            self.notice.show_message(f"Importing {len(files)} file(s)…")
            self._run("import", lambda store: store.import_paths(files), self._on_imported)

    def refresh_online(self) -> None:
        self._set_refreshing(True)
        self.progress.setValue(0)
        self.controller.jobs.submit(
            REFRESH_KEY,
            Lane.IO,
            self._refresh,
            with_context=True,
            on_result=self._on_refreshed,
            on_error=self._on_refresh_failed,
        )

    def cancel_refresh(self) -> None:
        self.controller.jobs.cancel(REFRESH_KEY)
        self._set_refreshing(False)
        self.notice.show_message("Refresh cancelled; the stored prices are unchanged.")

    # Work on the IO lane.

    def _open(self) -> MarketStore:
        if self._store is None:
            self._store = MarketStore(self._db_path)
        return self._store

    def _run(self, what: str, action, done, *, keep_unsaved: bool = False) -> None:
        """`action(store)` then a fresh `_Snapshot`, on the IO lane; `done(result)` after.
        `keep_unsaved`: the macro editor keeps rows typed but not saved (the action stores none).
        """

        def job():
            store = self._open()
            return action(store), self._snapshot(store)

        self.controller.jobs.submit(
            f"data-{what}",
            Lane.IO,
            job,
            on_result=lambda result: self._on_loaded(done, *result, keep_unsaved=keep_unsaved),
            on_error=lambda exc: self.notice.show_message(str(exc), "error"),
        )

    def _snapshot(self, store: MarketStore) -> _Snapshot:
        """What the tab shows: the data source's series (the demo's when the database holds no
        prices) and the macro releases stored in the database (the ones the user can edit)."""
        source = open_data_source(self._db_path)
        return _Snapshot(tuple(source.statuses), source.kind, store.load_macro())

    def _refresh(self, context: JobContext):
        from desktop.data.user_files import load_universe

        tickers = load_universe().all_tickers
        context.report(0.0, f"Asking Yahoo Finance for {len(tickers)} tickers…")
        store = self._open()
        report = store.refresh(
            tickers,
            fetch=self._fetch,
            cancel=lambda: context.cancelled,
            progress=lambda done, total, ticker: context.report(
                done / total, f"{ticker}: {done} of {total}"
            ),
        )
        return report, self._snapshot(store)

    # Results, on the GUI thread.

    def _on_loaded(self, done, result, snapshot: _Snapshot, *, keep_unsaved: bool = False) -> None:
        self.statuses = list(snapshot.statuses)
        self._kind = snapshot.kind
        self.status_table.show_statuses(snapshot.statuses)
        self.macro.show_releases(snapshot.macro, keep_unsaved=keep_unsaved)
        if snapshot.kind == "demo" and not self._offline_shown:
            self.banner.show_message(
                "Showing demo data (synthetic): import CSV files or refresh online to use real "
                "prices. Macro releases you save here are used once real prices are stored.",
            )
        elif not self._offline_shown:
            self.banner.hide()
        done(result)

    def _on_imported(self, report: ImportReport) -> None:
        text, kind = import_summary(report)
        self.notice.show_message(text, kind)
        if report.imported:
            self.controller.data_updated()

    def _on_refreshed(self, result: tuple[RefreshReport, _Snapshot]) -> None:
        report, snapshot = result
        self._set_refreshing(False)
        self._offline_shown = False
        self._on_loaded(lambda _: None, report, snapshot)
        text, kind = refresh_summary(report)
        self.notice.show_message(text, kind)
        if report.updated:
            self.controller.data_updated()

    def _on_refresh_failed(self, exc: BaseException) -> None:
        self._set_refreshing(False)
        if isinstance(exc, OfflineError):
            self._offline_shown = True
            self.banner.show_message(self._offline_text(), "warning")
            self.notice.hide()
        else:
            self.notice.show_message(f"Refresh failed: {exc}", "error")

    def _offline_text(self) -> str:
        dates = [s.last_date for s in self.statuses if s.kind == "price" and s.last_date]
        if not dates or self._kind == "demo":
            return "Offline: Yahoo Finance could not be reached; showing the demo data (synthetic)."
        return (
            f"Offline: Yahoo Finance could not be reached; showing cached data from "
            f"{max(dates):%Y-%m-%d}. Nothing was changed."
        )

    def _on_macro_save_requested(self, series: str, releases) -> None:
        def saved(count: int) -> None:
            self.notice.show_message(f"Saved {count} {series} release(s).")
            self.controller.data_updated()

        self._run("macro", lambda store: store.upsert_macro(series, releases), saved)

    def _on_macro_delete_requested(self, series: str, releases: pd.DataFrame) -> None:
        dates = list(releases["date"])

        def deleted(count: int) -> None:
            self.notice.show_message(
                f"Deleted {count} {series} release(s): {_listing(releases)}.",
                action="Undo",
                on_action=lambda: self._restore_macro(series, releases),
                tip="Store the deleted releases again",
            )
            self.controller.data_updated()

        self._run(
            "macro-delete",
            lambda store: store.delete_macro(series, dates),
            deleted,
            keep_unsaved=True,
        )

    def _restore_macro(self, series: str, releases: pd.DataFrame) -> None:
        def restored(count: int) -> None:
            self.notice.show_message(f"Restored {count} {series} release(s).")
            self.controller.data_updated()

        self._run(
            "macro-undo",
            lambda store: store.upsert_macro(series, releases),
            restored,
            keep_unsaved=True,
        )

    def _set_refreshing(self, running: bool) -> None:
        self.refresh_button.setEnabled(not running)
        self.import_button.setEnabled(not running)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def _on_jobs_progressed(self, key: str, fraction: float, text: str) -> None:
        if key == REFRESH_KEY:
            self.progress.setValue(round(100 * fraction))
            self.progress.setFormat(text)

    def _on_jobs_busy_changed(self, busy: bool) -> None:
        if not busy and self.cancel_button.isVisibleTo(self):  # cancelled from the status bar
            self._set_refreshing(False)

    # Drag and drop.

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)


def _listing(releases: pd.DataFrame, shown: int = 3) -> str:
    """'2026-01-15 actual 12.8, …': the deleted values, so a mistaken delete can be re-typed."""
    parts = [f"{r.date:%Y-%m-%d} actual {r.actual:.10g}" for r in releases.head(shown).itertuples()]
    more = len(releases) - shown
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")
