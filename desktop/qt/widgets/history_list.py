"""The list of saved suggestions (newest first): local save time, as-of date, data, note.

Only the note is editable (double-click or F2); an edit is announced with `note_edited` and
stored by the History tab. Selection survives a refill, so a save or a delete does not lose
what the user was comparing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.advice.journal.suggestion import SavedSuggestion

COLUMNS = ("Saved", "As of", "Data", "Note")
NOTE_COLUMN = 3
_ID_ROLE = Qt.ItemDataRole.UserRole


class HistoryList(QTableWidget):
    """Rows of `SavedSuggestion`s; `selected()` gives the chosen ones, oldest first."""

    note_edited = Signal(int, str)  # suggestion id, the new note

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.saved: list[SavedSuggestion] = []
        self.setAccessibleName("Saved suggestions")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setToolTip("Select one to read it, two (Ctrl+click) to compare; double-click a note")
        self.itemChanged.connect(self._on_item_changed)

    def show_saved(self, saved: Sequence[SavedSuggestion]) -> None:
        """Refill with `saved`, keeping the selected suggestions selected where still present."""
        keep = {s.id for s in self.selected()}
        self.saved = list(saved)
        self.blockSignals(True)
        self.setRowCount(len(self.saved))
        for row, item in enumerate(self.saved):
            s = item.suggestion
            cells = (local_time(item.saved_at), s.as_of, s.source, item.note)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(_ID_ROLE, item.id)
                if column != NOTE_COLUMN:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, column, cell)
        self.blockSignals(False)
        self.select_ids(keep)

    def selected(self) -> list[SavedSuggestion]:
        """The selected suggestions, oldest first (so a comparison reads A = older, B = newer)."""
        rows = {index.row() for index in self.selectionModel().selectedRows()}
        return sorted((self.saved[r] for r in rows if r < len(self.saved)), key=lambda s: s.id)

    def select_ids(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        self.blockSignals(True)  # one selection-changed signal at the end, not one per row
        self.clearSelection()
        mode = self.selectionMode()
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, item in enumerate(self.saved):
            if item.id in wanted:
                self.selectRow(row)
        self.setSelectionMode(mode)
        self.blockSignals(False)
        self.itemSelectionChanged.emit()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == NOTE_COLUMN:
            self.note_edited.emit(int(item.data(_ID_ROLE)), item.text())


def local_time(saved_at: str) -> str:
    """'2026-01-16T14:30:00Z' (UTC) as the user's local 'YYYY-MM-DD HH:MM'."""
    moment = datetime.strptime(saved_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
