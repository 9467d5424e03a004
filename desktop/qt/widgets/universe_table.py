"""The Universe tab's table: held assets (ticker, name, class, model weight, bounds, themes).

A view of a `desktop.advice.tables.universe_table.Draft`; it never changes the draft itself. A cell
edit, an added or a removed row emits `draft_edited` with the new draft, and the editor writes it
to the TOML text (one undo step), checks it and shows the result again with each problem on its
cell: tinted, its message in the cell's tooltip. While a cell is being typed in, each keystroke
is checked too (`set_checker`): the cell turns red and the message shows under the table before
the edit is committed. Ctrl+Z / Ctrl+Shift+Z in the table ask the editor to undo or redo
(`undo_requested`, `redo_requested`); in an open cell they undo typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.tables.universe_check import ASSET_CLASSES
from desktop.advice.tables.universe_table import COLUMNS, HEADERS, NUMBERS, Draft

_PROBLEM = QColor(229, 83, 75, 70)  # translucent red: readable on light and dark
_TIPS = {
    "ticker": "The symbol as Yahoo Finance writes it, e.g. SPY, BRK-B, ^TNX",
    "asset_class": "The asset class (class limits on the Home tab act on it)",
    "weight": "Model-portfolio weight in percent; the weights sum to 100",
    "min_weight": "Lowest weight the suggestion may give it, percent (empty: 0)",
    "max_weight": "Highest weight the suggestion may give it, percent (empty: 100)",
    "themes": "Themes whose positive view buys this asset, separated by commas",
}
CellProblems = dict[tuple[int, int], list[str]]
Checker = Callable[[int, int, str], list[str]]  # (row, column, text typed) -> its problems


class UniverseTableModel(QAbstractTableModel):
    """Cells of a draft, tinted where a problem is; `cell_edited` instead of changing itself."""

    cell_edited = Signal(int, int, str)  # row, column, the text typed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = Draft(rows=())
        self.problems: CellProblems = {}

    def show(self, draft: Draft, problems: CellProblems) -> None:
        """Show `draft`; the current cell and selection stay when the row count does."""
        same_shape = len(draft.rows) == len(self.draft.rows)
        if not same_shape:
            self.beginResetModel()
        self.draft, self.problems = draft, problems
        if same_shape and draft.rows:
            last = self.index(len(draft.rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        elif not same_shape:
            self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.draft.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return _TIPS.get(COLUMNS[section])
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex, role: int = 0):
        cell = (index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.draft.rows[cell[0]][cell[1]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self.problems.get(cell, [])) or _TIPS.get(COLUMNS[cell[1]])
        if role == Qt.ItemDataRole.BackgroundRole and cell in self.problems:
            return _PROBLEM
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[cell[1]] in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        text = str(value)
        if role != Qt.ItemDataRole.EditRole or text == self.data(index, role):
            return False
        self.cell_edited.emit(index.row(), index.column(), text)
        return True


class _ClassDelegate(QStyledItemDelegate):
    """The asset-class column is picked from the known classes."""

    def createEditor(self, parent: QWidget, _option, index: QModelIndex) -> QComboBox:
        combo = QComboBox(parent)
        current = index.data(Qt.ItemDataRole.EditRole)
        combo.addItems([*ASSET_CLASSES, *([current] if current not in ASSET_CLASSES else [])])
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class _TypingDelegate(QStyledItemDelegate):
    """Text cells checked at each keystroke: `typed` reports the cell's problems so far."""

    typed = Signal(list)  # the messages for the text in the open cell ([] when fine)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checker: Checker | None = None

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QLineEdit:
        editor = QLineEdit(parent)
        editor.textEdited.connect(lambda text, e=editor, i=index: self._check(e, i, text))
        return editor

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:
        self.typed.emit([])
        super().destroyEditor(editor, index)

    def _check(self, editor: QLineEdit, index: QModelIndex, text: str) -> None:
        messages = [] if self.checker is None else self.checker(index.row(), index.column(), text)
        editor.setStyleSheet("background: rgba(229, 83, 75, 70);" if messages else "")
        editor.setToolTip("\n".join(messages))
        self.typed.emit(messages)


class _TableView(QTableView):
    """A table view that hands Undo and Redo keys to its owner (the window's Undo acts on Home)."""

    undo_requested = Signal()
    redo_requested = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._undo_key(event) is not None:
            event.accept()  # ours, not the window's Edit menu's
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = self._undo_key(event)
        if key is None:
            super().keyPressEvent(event)
        else:
            (self.undo_requested if key == "undo" else self.redo_requested).emit()

    @staticmethod
    def _undo_key(event: QKeyEvent) -> str | None:
        if event.matches(QKeySequence.StandardKey.Undo):
            return "undo"
        if event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination().toCombined() == (
            QKeySequence("Ctrl+Shift+Z")[0].toCombined()
        ):
            return "redo"
        return None


class UniverseTable(QWidget):
    """The held assets as a table, with Add and Remove; shows a draft, emits edited drafts."""

    draft_edited = Signal(object)  # the new Draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UniverseTableModel(self)
        self.view = _TableView(accessibleName="Held assets")
        self.view.setModel(self.model)
        self.typing = _TypingDelegate(self.view)
        self.view.setItemDelegate(self.typing)
        self.view.setItemDelegateForColumn(COLUMNS.index("asset_class"), _ClassDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.undo_requested, self.redo_requested = (
            self.view.undo_requested,
            self.view.redo_requested,
        )
        self.add_button = QPushButton("Add asset", toolTip="Append a held asset to fill in")
        self.remove_button = QPushButton("Remove", toolTip="Remove the selected assets' rows")
        self.total = QLabel(" ", accessibleName="Total model weight")
        self.message = QLabel(wordWrap=True, accessibleName="Why there is no table")
        self.hint = QLabel(wordWrap=True, accessibleName="Problem of the cell being typed")
        self.hint.setStyleSheet("color: #d73027; font-weight: 600;")
        self._lay_out()
        self.model.cell_edited.connect(self._on_model_cell_edited)
        self.typing.typed.connect(self._on_typing_typed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def _lay_out(self) -> None:
        rows = self.view.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)  # every row at 1366 x 768
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for stretch in ("name", "themes"):
            header.setSectionResizeMode(COLUMNS.index(stretch), QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            "Editing here rewrites the file in the standard layout; its opening comments are "
            "kept, other comments are not. Signal tickers and themes are edited as text.",
            wordWrap=True,
        )
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.remove_button):
            widget.setAccessibleName(widget.text())
            buttons.addWidget(widget)
        buttons.addWidget(self.total, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.message, self.view, self.hint, note):
            layout.addWidget(widget, 1 if widget is self.view else 0)
        layout.addLayout(buttons)
        self.message.hide()
        self.hint.hide()

    def set_checker(self, checker: Checker) -> None:
        """How a cell's text is checked while it is typed (before the edit is committed)."""
        self.typing.checker = checker

    def show_draft(self, draft: Draft, problems: CellProblems) -> None:
        """Show `draft` with `problems` on their cells, and the total model weight."""
        self.message.hide()
        for widget in (self.view, self.add_button, self.remove_button):
            widget.setEnabled(True)
        self.model.show(draft, problems)
        total = draft.total_weight()
        off = abs(total - 100.0) > 0.01
        self.total.setText(f"Model weights sum to {total:g} %" + (", not 100 %" if off else ""))
        self.total.setStyleSheet("color: #d73027; font-weight: 600;" if off else "")

    def show_unavailable(self, why: str) -> None:
        """The text cannot be shown as a table: say why and what to do."""
        self.message.setText(f"The table cannot show this file: {why}")
        self.message.show()
        self.model.show(Draft(rows=()), {})
        self.view.setEnabled(False)
        self.add_button.setEnabled(False)
        self.remove_button.setEnabled(False)

    def select_cell(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        # Once the problem list below has taken its room, so the cell is not left hidden under it.
        QTimer.singleShot(0, lambda: self.view.scrollTo(index))

    def _on_typing_typed(self, messages: list[str]) -> None:
        self.hint.setText("\n".join(messages))
        self.hint.setVisible(bool(messages))

    def _on_model_cell_edited(self, row: int, column: int, text: str) -> None:
        self.draft_edited.emit(self.model.draft.with_cell(row, column, text))

    def _on_add_button_clicked(self) -> None:
        self.draft_edited.emit(self.model.draft.with_new_row())
        self.select_cell(len(self.model.draft.rows) - 1, 0)

    def _on_remove_button_clicked(self) -> None:
        rows = {index.row() for index in self.view.selectionModel().selectedIndexes()}
        if rows:
            self.draft_edited.emit(self.model.draft.without_rows(rows))
