"""The Universe tab: edit the model portfolio as a table or as its TOML text, checked as you go.

The TOML text is the one document: the Table page (`universe_table.UniverseTable`) shows its
held assets and writes every cell edit, added or removed row back into the text as one undo step
of the text's own undo stack, so Undo and Redo (buttons, or Ctrl+Z / Ctrl+Shift+Z in either
page) walk through table and text edits alike; the Text page (`code_editor.CodeEditor`) edits the
whole file, signal tickers and themes included. Every change is checked
(`desktop.advice.tables.universe.validate_universe_text`, pure and well under a millisecond for a
universe file): at once after a table edit, after a short pause in typing. Problems are listed
(with their line numbers on the Text page), marked in the text and tinted on their table cells,
and Save stays disabled until the file is valid. The file is read and written by the tab's
controller (`desktop.qt.controllers.universe`), off the GUI thread; after a save the app reloads
the data, the signals and the allocation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.tables.universe import parse_universe_text, validate_universe_text
from desktop.advice.tables.universe_check import Problem
from desktop.advice.tables.universe_table import (
    Draft,
    DraftError,
    cell_problems,
    draft_from_text,
    draft_to_text,
)
from desktop.qt.widgets.code_editor import CodeEditor
from desktop.qt.widgets.notice import InlineNotice
from desktop.qt.widgets.universe_table import UniverseTable

if TYPE_CHECKING:
    from desktop.qt.controllers.universe import UniverseController

VALIDATE_DELAY_MS = 150
_TARGET_ROLE = Qt.ItemDataRole.UserRole  # a problem's line (Text page) or (row, column) (Table)


class UniverseEditor(QWidget):
    """Table and text editors of the user's universe file with live problems, Save and Revert."""

    def __init__(self, controller: UniverseController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.path = controller.path
        self._on_disk = ""
        self.problems: list[Problem] = []
        self._table_problems: list[tuple[str, tuple[int, int] | int | None]] = []
        self.notice = InlineNotice()
        self.table = UniverseTable()
        self.editor = CodeEditor()
        self.editor.setAccessibleName("Universe file")
        self.editor.setToolTip("Held assets with model weights (%), signal-only tickers, themes")
        self.pages = QTabWidget(documentMode=True)
        self.problem_list = QListWidget(accessibleName="Problems")
        self.problem_list.setToolTip("Click a problem to go to it")
        self.summary = QLabel(" ", accessibleName="Validation summary")
        self.undo_button = QPushButton("Undo", toolTip="Undo the last edit (Ctrl+Z)")
        self.redo_button = QPushButton("Redo", toolTip="Redo the edit undone (Ctrl+Shift+Z)")
        self.save_button = QPushButton("Save", toolTip="Write the file (Ctrl+S); needs valid text")
        self.revert_button = QPushButton("Revert", toolTip="Discard edits and reload the file")
        self.default_button = QPushButton(
            "Load the default", toolTip="Put the bundled default universe in the editor (unsaved)"
        )
        self._timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._lay_out()
        self._connect()
        self.revert()

    def _lay_out(self) -> None:
        self.pages.addTab(self.table, "Table")
        self.pages.addTab(self.editor, "Text")
        self.pages.setTabToolTip(
            0, "Held assets: ticker, name, class, model weight, bounds, themes"
        )
        self.pages.setTabToolTip(1, "The whole TOML file: assets, signal tickers and themes")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (
            self.undo_button, self.redo_button, self.default_button, self.revert_button,
            self.save_button,
        ):  # fmt: skip
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.problem_list)
        splitter.setSizes([600, 140])
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        self.path_label = QLabel(f"Model portfolio and universe: {self.path}", wordWrap=True)
        layout.addWidget(self.path_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.undoAvailable.connect(self.undo_button.setEnabled)
        self.editor.redoAvailable.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        for source in (self.undo_button.clicked, self.table.undo_requested):
            source.connect(self.undo)
        for source in (self.redo_button.clicked, self.table.redo_requested):
            source.connect(self.redo)
        self.table.draft_edited.connect(self._on_table_draft_edited)
        self.table.set_checker(self._cell_problems)
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self._timer.timeout.connect(self.validate)
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(lambda: self.revert())
        self.default_button.clicked.connect(self._on_default_button_clicked)
        self.problem_list.itemActivated.connect(self._on_problem_activated)
        self.problem_list.itemClicked.connect(self._on_problem_activated)
        self.controller.text_read.connect(self._on_controller_text_read)
        self.controller.default_read.connect(self._on_controller_default_read)
        self.controller.text_saved.connect(self._on_controller_text_saved)
        self.controller.path_changed.connect(self._on_controller_path_changed)
        self.controller.failed.connect(lambda why: self.notice.show_message(why, "error"))
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    @property
    def modified(self) -> bool:
        return self.editor.toPlainText() != self._on_disk

    def validate(self) -> list[Problem]:
        """Check the text now; update the table, the problem list, the marks, the summary and
        Save."""
        self._timer.stop()
        text = self.editor.toPlainText()
        self.problems = validate_universe_text(text)
        self.editor.mark_lines(p.line for p in self.problems if p.line is not None)
        self._show_table(text)
        self._fill_problem_list()
        count = len(self.problems)
        if count:
            self.summary.setText(f"{count} problem{'s' * (count > 1)}: fix to save")
            self.summary.setStyleSheet("color: #d73027; font-weight: 600;")
        else:
            self.summary.setText(_valid_summary(text, self.modified))
            self.summary.setStyleSheet("")
        self.problem_list.setVisible(bool(count))
        self.save_button.setEnabled(not self.problems and self.modified)
        self.revert_button.setEnabled(self.modified)
        return self.problems

    def _show_table(self, text: str) -> None:
        """The table of `text`, each problem on its cell (found by checking the table's text)."""
        try:
            draft = draft_from_text(text)
        except DraftError as exc:
            self.table.show_unavailable(str(exc))
            self._table_problems = []
            return
        written, cells = draft_to_text(draft)
        problems = validate_universe_text(written) if written != text else self.problems
        on_cells: dict[tuple[int, int], list[str]] = {}
        self._table_problems = []
        lines = {p.message: p.line for p in self.problems}
        for problem in problems:
            cell = cells.get(problem.line or 0)
            if cell is None or cell[1] is None:  # not a cell's: go to its line in the text
                self._table_problems.append((problem.message, lines.get(problem.message)))
                continue
            self._table_problems.append((problem.message, (cell[0], cell[1])))
            on_cells.setdefault((cell[0], cell[1]), []).append(problem.message)
        self.table.show_draft(draft, on_cells)

    def _cell_problems(self, row: int, column: int, text: str) -> list[str]:
        """The problems cell (row, column) would have with `text` in it (checked as typed)."""
        written, cells = draft_to_text(self.table.model.draft.with_cell(row, column, text))
        found = cell_problems(validate_universe_text(written), cells)
        return found.get((row, column), [])

    def _fill_problem_list(self) -> None:
        """The Table page lists messages (a click selects the cell); the Text page, lines."""
        self.problem_list.clear()
        on_table = self.pages.currentWidget() is self.table and self.table.view.isEnabled()
        entries = self._table_problems if on_table else [(str(p), p.line) for p in self.problems]
        for text, target in entries:
            item = QListWidgetItem(text)
            item.setData(_TARGET_ROLE, target)
            self.problem_list.addItem(item)

    def save(self) -> None:
        """Write the text if it is valid (re-checked now, whatever the timer's state)."""
        if self.validate() or not self.modified:
            return
        self.controller.save(self.editor.toPlainText())

    def revert(self) -> None:
        """Reload the file (the bundled default when the user has no copy yet)."""
        self.controller.read()

    def undo(self) -> None:
        """Undo the last edit, of the table or the text, and check the result at once."""
        self.editor.undo()
        self.validate()

    def redo(self) -> None:
        self.editor.redo()
        self.validate()

    def replace_text(self, text: str) -> None:
        """Put `text` in the editor as one undoable edit, and check it at once."""
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.validate()

    def _on_table_draft_edited(self, draft: Draft) -> None:
        self.replace_text(draft_to_text(draft)[0])

    def _on_controller_text_read(self, text: str) -> None:
        self._on_disk = text
        self.editor.setPlainText(text)
        self.validate()

    def _on_controller_default_read(self, text: str) -> None:
        self.replace_text(text)

    def _on_controller_text_saved(self, text: str) -> None:
        self._on_disk = text
        self.validate()
        self.notice.show_message(f"Saved {self.path}. Reloading with the new universe…")

    def _on_controller_path_changed(self, path: str) -> None:
        self.path = path
        self.path_label.setText(f"Model portfolio and universe: {path}")

    def _on_editor_text_changed(self) -> None:
        self.revert_button.setEnabled(self.modified)
        self.save_button.setEnabled(False)  # until the pending check says the text is valid
        self._timer.start()

    def _on_pages_current_changed(self, _index: int) -> None:
        self._fill_problem_list()

    def _on_default_button_clicked(self) -> None:
        self.controller.read_default()

    def _on_problem_activated(self, item: QListWidgetItem) -> None:
        target = item.data(_TARGET_ROLE)
        if isinstance(target, tuple | list) and len(target) == 2:
            self.table.select_cell(int(target[0]), int(target[1]))
        elif target is not None:
            self.pages.setCurrentWidget(self.editor)
            self.editor.go_to_line(int(target))


def _valid_summary(text: str, modified: bool) -> str:
    """'Valid: 16 held assets (model weights sum to 100 %), 19 signal tickers, 6 themes'."""
    universe = parse_universe_text(text)
    total = sum(asset.weight for asset in universe.assets)
    return (
        f"Valid: {len(universe.assets)} held assets (model weights sum to {total:g} %), "
        f"{len(universe.signal_tickers)} signal tickers, {len(universe.themes)} themes"
        + (" — unsaved changes" if modified else "")
    )
