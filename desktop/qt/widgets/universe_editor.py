"""The Universe tab: edit the model portfolio (universe TOML) with validation as you type.

Every edit is checked (`desktop.advice.universe.validate_universe_text`, pure and well under a
millisecond for a universe file, so it runs on the GUI thread after a short pause in typing);
problems are listed with their line numbers and marked in the text, and Save stays disabled
until the text is valid. The file is read and written by the tab's controller
(`desktop.qt.controllers.universe`), off the GUI thread; after a save the app reloads the data,
the signals and the allocation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.universe import parse_universe_text, validate_universe_text
from desktop.advice.universe_check import Problem
from desktop.qt.widgets.code_editor import CodeEditor
from desktop.qt.widgets.notice import InlineNotice

if TYPE_CHECKING:
    from desktop.qt.controllers.universe import UniverseController

VALIDATE_DELAY_MS = 150
_LINE_ROLE = Qt.ItemDataRole.UserRole


class UniverseEditor(QWidget):
    """Text editor of the user's universe file with live problems, Save and Revert."""

    def __init__(self, controller: UniverseController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.path = controller.path
        self._on_disk = ""
        self.problems: list[Problem] = []
        self.notice = InlineNotice()
        self.editor = CodeEditor()
        self.editor.setAccessibleName("Universe file")
        self.editor.setToolTip("Held assets with model weights (%), signal-only tickers, themes")
        self.problem_list = QListWidget(accessibleName="Problems")
        self.problem_list.setToolTip("Click a problem to go to its line")
        self.summary = QLabel(" ", accessibleName="Validation summary")
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.default_button, self.revert_button, self.save_button):
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
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
        """Check the text now; update the problem list, the marks, the summary and Save."""
        self._timer.stop()
        self.problems = validate_universe_text(self.editor.toPlainText())
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(str(problem))
            item.setData(_LINE_ROLE, problem.line)
            self.problem_list.addItem(item)
        self.editor.mark_lines(p.line for p in self.problems if p.line is not None)
        count = len(self.problems)
        if count:
            self.summary.setText(f"{count} problem{'s' * (count > 1)}: fix to save")
            self.summary.setStyleSheet("color: #d73027; font-weight: 600;")
        else:
            self.summary.setText(_valid_summary(self.editor.toPlainText(), self.modified))
            self.summary.setStyleSheet("")
        self.problem_list.setVisible(bool(count))
        self.save_button.setEnabled(not self.problems and self.modified)
        self.revert_button.setEnabled(self.modified)
        return self.problems

    def save(self) -> None:
        """Write the text if it is valid (re-checked now, whatever the timer's state)."""
        if self.validate() or not self.modified:
            return
        self.controller.save(self.editor.toPlainText())

    def revert(self) -> None:
        """Reload the file (the bundled default when the user has no copy yet)."""
        self.controller.read()

    def _on_controller_text_read(self, text: str) -> None:
        self._on_disk = text
        self.editor.setPlainText(text)
        self.validate()

    def _on_controller_default_read(self, text: str) -> None:
        self.editor.setPlainText(text)
        self.validate()

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

    def _on_default_button_clicked(self) -> None:
        self.controller.read_default()

    def _on_problem_activated(self, item: QListWidgetItem) -> None:
        line = item.data(_LINE_ROLE)
        if line is not None:
            self.editor.go_to_line(int(line))


def _valid_summary(text: str, modified: bool) -> str:
    """'Valid: 16 held assets (model weights sum to 100 %), 19 signal tickers, 6 themes'."""
    universe = parse_universe_text(text)
    total = sum(asset.weight for asset in universe.assets)
    return (
        f"Valid: {len(universe.assets)} held assets (model weights sum to {total:g} %), "
        f"{len(universe.signal_tickers)} signal tickers, {len(universe.themes)} themes"
        + (" — unsaved changes" if modified else "")
    )
