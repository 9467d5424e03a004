"""The Data tab: what is stored per series, CSV import, online refresh, macro releases.

The tab renders what its controller (`desktop.qt.controllers.data`) reads and says: the series
table, the macro releases, a banner (demo data, offline) and a notice of what the last request
did. Files dropped on the tab import like files picked in the dialog. A refresh shows its
progress and can be cancelled; a deleted macro release comes back with the notice's Undo.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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

from desktop.qt.widgets.conflicts_panel import ConflictsPanel
from desktop.qt.widgets.macro_table import MacroTable
from desktop.qt.widgets.notice import InlineNotice
from desktop.qt.widgets.status_table import StatusTable

if TYPE_CHECKING:
    import pandas as pd

    from desktop.data.market.series_status import SeriesStatus
    from desktop.qt.controllers.data import DataController


class DataTab(QWidget):
    """Status table, Import / Refresh / Cancel, banners, and the macro release editor."""

    def __init__(self, controller: DataController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAcceptDrops(True)
        self.banner = InlineNotice()
        self.notice = InlineNotice()
        self.status_table = StatusTable()
        self.macro = MacroTable()
        self.conflicts = ConflictsPanel()
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
        self._set_refreshing(controller.refreshing)
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
        layout.addWidget(self.conflicts)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        c = self.controller
        self.import_button.clicked.connect(lambda: self.import_files())
        self.refresh_button.clicked.connect(lambda: self.refresh_online())
        self.cancel_button.clicked.connect(lambda: self.cancel_refresh())
        self.macro.save_requested.connect(c.save_macro)
        self.macro.delete_requested.connect(c.delete_macro)
        self.conflicts.resolved.connect(
            lambda conflict, take: c.resolve_conflict(conflict, take_offer=take)
        )
        c.stored_changed.connect(self._on_controller_stored_changed)
        c.banner_changed.connect(self._on_controller_banner_changed)
        c.noted.connect(self._on_controller_noted)
        c.macro_deleted.connect(self._on_controller_macro_deleted)
        c.refreshing_changed.connect(self._set_refreshing)
        c.refresh_progressed.connect(self._on_controller_refresh_progressed)

    # Actions.

    def reload(self) -> None:
        """Read the status table and the macro releases again."""
        self.controller.reload()

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
            self.controller.import_paths([Path(p) for p in paths])

    def refresh_online(self) -> None:
        self.controller.refresh()

    def cancel_refresh(self) -> None:
        self.controller.cancel_refresh()

    # What the controller says.

    def _on_controller_stored_changed(
        self, statuses: tuple[SeriesStatus, ...], macro: pd.DataFrame, keep_unsaved: bool
    ) -> None:
        stored = self.controller.stored
        self.status_table.show_statuses(statuses, stored.uses if stored else None)
        self.conflicts.show_conflicts(stored.conflicts if stored else ())
        self.macro.show_releases(macro, keep_unsaved=keep_unsaved)

    def _on_controller_banner_changed(self, text: str, kind: str) -> None:
        if text:
            self.banner.show_message(text, kind)
        else:
            self.banner.hide()

    def _on_controller_noted(self, text: str, kind: str) -> None:
        if text:
            self.notice.show_message(text, kind)
        else:
            self.notice.hide()

    def _on_controller_macro_deleted(self, text: str) -> None:
        self.notice.show_message(
            text,
            action="Undo",
            on_action=self.controller.undo_macro_delete,
            tip="Store the deleted releases again",
        )

    def _set_refreshing(self, running: bool) -> None:
        self.refresh_button.setEnabled(not running)
        self.import_button.setEnabled(not running)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress.setValue(0)

    def _on_controller_refresh_progressed(self, fraction: float, text: str) -> None:
        self.progress.setValue(round(100 * fraction))
        self.progress.setFormat(text)

    # Drag and drop.

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)
