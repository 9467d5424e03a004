"""The History tab: saved suggestions, a side-by-side comparison, restore, delete with undo,
and below them the journal: each suggestion's record, the running record's chart, the summary.

The tab renders what its controller (`desktop.qt.controllers.history`) lists and says; the
controller keeps the store off the GUI thread. A delete is a step on the window's undo stack:
Edit > Undo (Ctrl+Z) and the notice's Undo button bring it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.journal.suggestion import SavedSuggestion
from desktop.qt.widgets.diff_table import DiffTable
from desktop.qt.widgets.history_list import HistoryList
from desktop.qt.widgets.journal_pane import JournalPane
from desktop.qt.widgets.notice import InlineNotice

if TYPE_CHECKING:
    from desktop.qt.controllers.history import HistoryController


class HistoryTab(QWidget):
    """List of saved suggestions (newest first); pick one to read it, two to compare them."""

    def __init__(self, controller: HistoryController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.notice = InlineNotice()
        self.table = HistoryList()
        self.diff = DiffTable()
        self.hint = QLabel(wordWrap=True, accessibleName="Comparison hint")
        self.journal = JournalPane()
        self._make_buttons()
        self._lay_out()
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.note_edited.connect(controller.set_note)
        controller.listed.connect(self._on_controller_listed)
        controller.saved.connect(self._on_controller_saved)
        controller.noted.connect(self.notice.show_message)
        controller.deleted.connect(self._on_controller_deleted)
        controller.undo_expired.connect(self.notice.hide)
        controller.journal_ready.connect(self.journal.show_journal)
        controller.journal_failed.connect(self.journal.show_failure)
        self.journal.suggestion_chosen.connect(lambda i: self.table.select_ids({i}))
        self._on_table_selection_changed()
        self.refresh()

    def _make_buttons(self) -> None:
        self.save_button = self._button(
            "Save current suggestion",
            self.save_current,
            "Ctrl+S",
            "Keep the allocation on screen with its settings",
        )
        self.restore_button = self._button(
            "Restore these settings",
            self.restore_selected,
            "",
            "Apply this suggestion's settings and your views",
        )
        self.delete_button = self._button(
            "Delete",
            self.delete_selected,
            "Delete",
            "Delete the selected suggestions (Ctrl+Z undoes)",
        )
        self.export_button = self._button(
            "Export history CSV…",
            self.export_csv,
            "",
            "Write every saved suggestion to one CSV file",
        )

    def _button(self, text: str, slot: Callable, shortcut: str, tip: str) -> QPushButton:
        button = QPushButton(text, toolTip=tip + (f" ({shortcut})" if shortcut else ""))
        button.setAccessibleName(text)
        button.clicked.connect(lambda _checked=False: slot())
        if shortcut:
            key = QShortcut(
                QKeySequence(shortcut), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
            key.activated.connect(slot)
        return button

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.save_button, self.restore_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.hint)
        column.addWidget(self.diff, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([520, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        column = QSplitter(Qt.Orientation.Vertical)
        column.addWidget(splitter)
        column.addWidget(self.journal)
        column.setSizes([420, 360])
        layout.addWidget(column, 1)

    # Actions.

    def refresh(self) -> None:
        self.controller.refresh()

    def save_current(self, note: str = "") -> None:
        self.controller.save_current(note)

    @property
    def saved(self) -> list[SavedSuggestion]:
        """The suggestions listed, newest first."""
        return self.table.saved

    def selected(self) -> list[SavedSuggestion]:
        return self.table.selected()

    def delete_selected(self) -> None:
        self.controller.delete(tuple(s.id for s in self.selected()))

    def undo_delete(self) -> None:
        """Undo the last delete if it is still the latest step on the undo stack."""
        self.controller.undo_delete()

    def restore_selected(self) -> None:
        """Apply the (newest) selected suggestion's settings and overrides; re-solves."""
        chosen = self.selected()
        if chosen:
            self.controller.restore(chosen[-1])

    def export_csv(self, path: str | None = None) -> None:
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            path, _ = QFileDialog.getSaveFileName(
                self,
                "Export history",
                str(Path(folder) / "suggestion-history.csv"),
                "CSV files (*.csv)",
            )
            if not path:
                return
        self.controller.export_csv(Path(path))

    # What the controller says.

    def _on_controller_listed(self, saved: Sequence[SavedSuggestion]) -> None:
        self.table.show_saved(saved)

    def _on_controller_saved(self, saved: SavedSuggestion) -> None:
        self.table.select_ids({saved.id})

    def _on_controller_deleted(self, text: str) -> None:
        self.notice.show_message(
            text, action="Undo", on_action=self.undo_delete, tip="Undo the delete (Ctrl+Z)"
        )

    def _on_table_selection_changed(self) -> None:
        chosen = self.selected()
        a, b = (chosen[0] if chosen else None), (chosen[1] if len(chosen) == 2 else None)
        self.diff.show_pair(a, b, self.controller.labels())
        self.diff.setVisible(a is not None)
        self.hint.setText(_hint(a, b, len(chosen), bool(self.saved)))
        self.restore_button.setEnabled(len(chosen) >= 1)
        self.delete_button.setEnabled(bool(chosen))


def _hint(a: SavedSuggestion | None, b: SavedSuggestion | None, count: int, any_saved: bool) -> str:
    if not any_saved:
        return (
            "No saved suggestions yet. “Save current suggestion” (Ctrl+S) keeps the allocation "
            "on screen with its settings, views and readings, to compare or restore later."
        )
    if a is None:
        return "Select a saved suggestion to read it, or two (Ctrl+click) to compare them."
    if b is None:
        extra = " Select at most two to compare." if count > 2 else ""
        return f"Suggestion #{a.id}, as of {a.suggestion.as_of}.{extra}"
    return (
        f"Comparing A (#{a.id}, as of {a.suggestion.as_of}) with B (#{b.id}, as of "
        f"{b.suggestion.as_of}); changes in bold."
    )
