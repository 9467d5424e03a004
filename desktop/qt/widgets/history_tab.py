"""The History tab: saved suggestions, a side-by-side comparison, restore, delete with undo.

The store lives in the market database file and is opened, used and purged of last session's
deletions on the jobs' IO lane, so the GUI thread never waits on SQLite. A delete is a command
on the controller's undo stack: Edit > Undo (Ctrl+Z) and the notice's Undo button bring it back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.suggestion import knobs_from_settings, suggestion_from_state
from desktop.data.history import HistoryStore, SavedSuggestion, open_history
from desktop.data.history_export import write_history_csv
from desktop.qt.jobs import Lane
from desktop.qt.widgets.diff_table import DiffTable
from desktop.qt.widgets.history_list import HistoryList
from desktop.qt.widgets.notice import InlineNotice


class _DeleteCommand(QUndoCommand):
    """Deleting saved suggestions; undo restores them (until the app is closed)."""

    def __init__(self, tab: HistoryTab, ids: tuple[int, ...]) -> None:
        count = f"{len(ids)} saved suggestions" if len(ids) > 1 else "a saved suggestion"
        super().__init__(f"Delete {count}")
        self.tab, self.ids = tab, ids

    def redo(self) -> None:
        self.tab._run("delete", lambda s: [s.delete(i) for i in self.ids], self.tab._on_deleted)

    def undo(self) -> None:
        self.tab._run("undelete", lambda s: [s.undelete(i) for i in self.ids], self.tab._on_listed)


class HistoryTab(QWidget):
    """List of saved suggestions (newest first); pick one to read it, two to compare them."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._db_path = Path(controller.engine.db_path)
        self._store: HistoryStore | None = None  # touched only on the IO lane
        self._last_delete: _DeleteCommand | None = None
        self._undo_offered = False  # the notice shows the Undo of `_last_delete`
        self._delete_index = -1  # the undo stack's index right after `_last_delete`
        self._calls = 0
        self.notice = InlineNotice()
        self.table = HistoryList()
        self.diff = DiffTable()
        self.hint = QLabel(wordWrap=True, accessibleName="Comparison hint")
        self._make_buttons()
        self._lay_out()
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.note_edited.connect(self._on_table_note_edited)
        controller.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
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
        layout.addWidget(splitter, 1)

    # Actions.

    def refresh(self) -> None:
        self._run("list", lambda s: None, self._on_listed)

    def save_current(self, note: str = "") -> None:
        try:
            suggestion = suggestion_from_state(self.controller.state)
        except ValueError as exc:
            self._say(str(exc), "warning")
            return
        self._run("save", lambda s: s.save(suggestion, note), self._on_saved)

    @property
    def saved(self) -> list[SavedSuggestion]:
        """The suggestions listed, newest first."""
        return self.table.saved

    def selected(self) -> list[SavedSuggestion]:
        return self.table.selected()

    def delete_selected(self) -> None:
        ids = tuple(s.id for s in self.selected())
        if ids:
            self._last_delete = _DeleteCommand(self, ids)
            self._delete_index = self.controller.undo_stack.index() + 1  # before push: it signals
            self.controller.undo_stack.push(self._last_delete)

    def undo_delete(self) -> None:
        """Undo the last delete if it is still the latest step on the undo stack."""
        stack = self.controller.undo_stack
        if self._last_delete is not None and stack.command(stack.index() - 1) is self._last_delete:
            stack.undo()

    def restore_selected(self) -> None:
        """Apply the (newest) selected suggestion's settings and overrides; re-solves."""
        chosen = self.selected()
        if not chosen:
            return
        saved = chosen[-1]
        themes = {t.name for t in self.controller.state.themes}
        overrides = dict(saved.suggestion.overrides)
        dropped = sorted(set(overrides) - themes) if themes else []
        kept = {k: v for k, v in overrides.items() if k not in dropped}
        knobs = knobs_from_settings(saved.suggestion.settings, kept)
        self.controller.restore_knobs(knobs, f"Restore settings of suggestion #{saved.id}")
        text = (
            f"Restored the settings and views of suggestion #{saved.id} (saved as of "
            f"{saved.suggestion.as_of}); the allocation is re-solved on the current data."
        )
        if dropped:
            text += f" Not restored (theme no longer exists): {', '.join(dropped)}."
        self._say(text)

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
        target = Path(path)
        self._run(
            "export",
            lambda s: _export(s, target),
            lambda count, _: self._say(f"Exported {count} saved suggestions to {target}."),
        )

    # Store access: every call runs on the IO lane.

    def _run(self, what: str, action: Callable[[HistoryStore], object], done: Callable) -> None:
        """Run `action(store)` then list the store; `done(result, listing)` on the GUI thread.

        Changes get a key of their own so a quick second one never supersedes (skips) the
        first; "list" and per-suggestion note edits share a key, so only the latest runs.
        """
        self._calls += 1
        key = what if what == "list" or what.startswith("note") else f"{what}-{self._calls}"
        self.controller.jobs.submit(
            f"history-{key}",
            Lane.IO,
            lambda: (action(self._open()), self._store.list()),
            on_result=lambda result: done(*result),
            on_error=lambda exc: self._say(f"History: {exc}", "error"),
        )

    def _open(self) -> HistoryStore:
        if self._store is None:
            store = open_history(self._db_path)
            store.purge_deleted()
            self._store = store
        return self._store

    # Results, on the GUI thread.

    def _on_listed(self, _result: object, saved: list[SavedSuggestion]) -> None:
        self.table.show_saved(saved)

    def _on_saved(self, saved: SavedSuggestion, listing: list[SavedSuggestion]) -> None:
        self._on_listed(None, listing)
        self.table.select_ids({saved.id})
        self._say(f"Saved suggestion #{saved.id}. Double-click its note to add one.")

    def _on_deleted(self, _result: object, listing: list[SavedSuggestion]) -> None:
        self._on_listed(None, listing)
        command = self._last_delete
        text = command.text().replace("Delete", "Deleted", 1) if command else "Deleted."
        self.notice.show_message(
            text + ".", action="Undo", on_action=self.undo_delete, tip="Undo the delete (Ctrl+Z)"
        )
        self._undo_offered = True

    def _say(self, text: str, kind: str = "info") -> None:
        self._undo_offered = False
        self.notice.show_message(text, kind)

    def _on_table_selection_changed(self) -> None:
        chosen = self.selected()
        a, b = (chosen[0] if chosen else None), (chosen[1] if len(chosen) == 2 else None)
        self.diff.show_pair(a, b, self._labels())
        self.diff.setVisible(a is not None)
        self.hint.setText(_hint(a, b, len(chosen), bool(self.saved)))
        self.restore_button.setEnabled(len(chosen) >= 1)
        self.delete_button.setEnabled(bool(chosen))

    def _labels(self) -> dict[str, str]:
        """Theme and signal ids -> the names the window shows, from the current state."""
        state = self.controller.state
        return {t.name: t.label for t in state.themes} | {c.name: c.title for c in state.cards}

    def _on_table_note_edited(self, suggestion_id: int, note: str) -> None:
        self._run(
            f"note-{suggestion_id}", lambda s: s.set_note(suggestion_id, note), self._on_listed
        )

    def _on_undo_stack_index_changed(self, index: int) -> None:
        # Any other step (undo, redo, a settings change) makes the notice's Undo misleading.
        if self._undo_offered and index != self._delete_index:
            self._undo_offered = False
            self.notice.hide()


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


def _export(store: HistoryStore, path: Path) -> int:
    saved = store.list()
    write_history_csv(path, saved)
    return len(saved)
