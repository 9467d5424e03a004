"""Macro releases for one series: the stored ones, editable, plus rows the user adds.

Every edit re-checks the whole table (`desktop.data.market.macro_entry.parse_releases`); bad cells
turn red
and the problems are listed by row. "Save releases" is enabled only when the table is valid and
something changed, and asks for just the new or edited rows to be stored (`save_requested`).
"Delete selected" (or the Delete key) asks for the selected saved releases to be deleted
(`delete_requested`), with the values as stored so the caller can offer Undo.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.data.market.macro_entry import EntryProblem, parse_releases
from signals.inputs import MACRO_SERIES

COLUMNS = ("date", "actual", "consensus")
_STORED_ROLE = Qt.ItemDataRole.UserRole  # the cell's text as stored, None on a new row
_BAD = QBrush(QColor(229, 83, 75, 90))


class MacroTable(QWidget):
    """Series picker, release table, Add / Remove / Delete / Save, and the problem list."""

    save_requested = Signal(str, object)  # series id, DataFrame(date, actual, consensus)
    delete_requested = Signal(str, object)  # series id, the stored releases (same columns)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = pd.DataFrame(columns=["series", "date", "actual", "consensus"])
        self.problems: list[EntryProblem] = []
        self.series = QComboBox(accessibleName="Macro series")
        for name, meaning in MACRO_SERIES.items():
            self.series.addItem(name, name)
            self.series.setItemData(self.series.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        self.series.setToolTip("The macro series whose releases are shown and edited")
        self.unit = QLabel(wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS), accessibleName="Macro releases")
        self.table.setHorizontalHeaderLabels(["Date (YYYY-MM-DD)", "Actual", "Consensus"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setToolTip("Double-click a cell to edit; consensus may stay empty")
        self.add_button = QPushButton("Add release", toolTip="Add an empty row at the top")
        self.remove_button = QPushButton("Remove new row", toolTip="Drop a row not saved yet")
        self.delete_button = QPushButton(
            "Delete selected",
            toolTip="Delete the selected saved releases from the database (Delete key; "
            "the notice offers Undo)",
        )
        self.save_button = QPushButton("Save releases", toolTip="Store new and edited rows")
        self.empty_hint = QLabel(wordWrap=True)
        self.problem_label = QLabel(wordWrap=True, accessibleName="Macro problems")
        self.problem_label.setStyleSheet("color: #d73027;")
        self._lay_out()
        self.series.currentIndexChanged.connect(lambda _: self._fill())
        self.table.itemChanged.connect(lambda _: self.validate())
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)  # not while a cell is edited
        delete_key.activated.connect(self.delete_selected)
        self._fill()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Series:"))
        top.addWidget(self.series)
        top.addWidget(self.unit, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.delete_button, self.save_button):
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)

    def current_series(self) -> str:
        return self.series.currentData()

    def show_releases(self, macro: pd.DataFrame, *, keep_unsaved: bool = False) -> None:
        """Replace the stored releases (long frame: series, date, actual, consensus).

        With `keep_unsaved`, new rows and edits of releases still stored survive the refill
        (after a delete, which stores none of them); otherwise they are dropped (after a save,
        which stored them)."""
        unsaved = self._unsaved() if keep_unsaved else []
        self._stored = macro
        self._fill()
        self._restore(unsaved)

    def delete_selected(self) -> None:
        """Ask for the selected saved releases to be deleted; unsaved new rows are left alone."""
        rows = self._selected_rows()
        stored = [
            tuple(self.table.item(row, c).data(_STORED_ROLE) for c in range(len(COLUMNS)))
            for row in rows
            if self.table.item(row, 0).data(_STORED_ROLE) is not None
        ]
        if stored:
            releases, _ = parse_releases(stored)
            self.delete_requested.emit(self.current_series(), releases)

    def add_row(self, date: str = "", actual: str = "", consensus: str = "") -> None:
        self.table.blockSignals(True)
        self.table.insertRow(0)
        for column, text in enumerate((date, actual, consensus)):
            self.table.setItem(0, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.table.setCurrentCell(0, 0)
        self.validate()

    def validate(self) -> list[EntryProblem]:
        """Re-check every row; colour bad cells; enable Save when valid and changed."""
        _, self.problems = parse_releases(self._rows(range(self.table.rowCount())))
        bad = {(p.row - 1, COLUMNS.index(p.column)) for p in self.problems}
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for column in range(len(COLUMNS)):
                item = self.table.item(row, column)
                item.setBackground(_BAD if (row, column) in bad else QBrush())
        self.table.blockSignals(False)
        shown = self.problems[:4]
        more = len(self.problems) - len(shown)
        self.problem_label.setText(
            "\n".join(map(str, shown)) + (f"\n…and {more} more" if more else "")
        )
        self.save_button.setEnabled(not self.problems and bool(self._changed_rows()))
        self.empty_hint.setVisible(self.table.rowCount() == 0)
        return self.problems

    def changes(self) -> pd.DataFrame:
        """The new and edited releases (date, actual, consensus); valid only without problems."""
        frame, _ = parse_releases(self._rows(self._changed_rows()))
        return frame

    def _fill(self) -> None:
        series = self.current_series()
        self.unit.setText(MACRO_SERIES.get(series, ""))
        self.empty_hint.setText(
            f"No {series} releases stored yet. Add them here, or import a FRED file or a "
            "date,actual,consensus CSV with Import CSV files…"
        )
        rows = self._stored.loc[self._stored["series"] == series].sort_values(
            "date", ascending=False
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for row, release in enumerate(rows.itertuples(index=False)):
            texts = (f"{release.date:%Y-%m-%d}", _text(release.actual), _text(release.consensus))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(_STORED_ROLE, text)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.validate()
        self._on_table_selection_changed()

    def _rows(self, indexes) -> list[tuple[str, str, str]]:
        return [
            tuple(self.table.item(row, column).text() for column in range(len(COLUMNS)))
            for row in indexes
        ]

    def _changed_rows(self) -> list[int]:
        return [
            row
            for row in range(self.table.rowCount())
            if any(
                self.table.item(row, c).text() != self.table.item(row, c).data(_STORED_ROLE)
                for c in range(len(COLUMNS))
            )
        ]

    def _unsaved(self) -> list[tuple[str | None, tuple[str, str, str]]]:
        """Changed rows as (stored date or None for a new row, texts), top row first."""
        rows = self._changed_rows()
        dates = [self.table.item(row, 0).data(_STORED_ROLE) for row in rows]
        return list(zip(dates, self._rows(rows), strict=True))

    def _restore(self, unsaved: list[tuple[str | None, tuple[str, str, str]]]) -> None:
        """Re-apply `_unsaved` rows; edits of releases no longer stored are dropped."""
        shown = {self.table.item(row, 0).text(): row for row in range(self.table.rowCount())}
        self.table.blockSignals(True)
        for stored_date, texts in unsaved:
            if stored_date in shown:
                for column, text in enumerate(texts):
                    self.table.item(shown[stored_date], column).setText(text)
        self.table.blockSignals(False)
        for stored_date, texts in reversed(unsaved):  # add_row inserts at the top
            if stored_date is None:
                self.add_row(*texts)
        self.validate()

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedIndexes()})

    def _on_table_selection_changed(self) -> None:
        self.delete_button.setEnabled(
            any(
                self.table.item(row, 0).data(_STORED_ROLE) is not None
                for row in self._selected_rows()
            )
        )

    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and self.table.item(row, 0).data(_STORED_ROLE) is None:
            self.table.removeRow(row)
            self.validate()

    def _on_save_button_clicked(self) -> None:
        if not self.validate() and self._changed_rows():
            self.save_requested.emit(self.current_series(), self.changes())


def _text(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.10g}"
