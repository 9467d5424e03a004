"""Saved backtest runs side by side: their settings and figures, to compare; show, delete, save.

One row per saved run (newest first): when it was saved, its settings, the advisor's
information ratio with its t-stat, active return, tracking error, maximum drawdown and turnover,
and its note. Selecting rows and pressing Show (or double-clicking) puts those runs on the
Statistics and Charts pages, side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.backtest.run import BacktestRun

COLUMNS = ("#", "Saved (UTC)", "Settings", "IR (t)", "Active %/yr", "TE %", "Max DD %",
           "Turnover %/yr", "Note")  # fmt: skip
_ID = Qt.ItemDataRole.UserRole


class SavedRunsView(QWidget):
    """The table of saved runs and its buttons; the tab connects the signals to its controller."""

    save_requested = Signal()
    show_requested = Signal(tuple)  # run ids
    delete_requested = Signal(tuple)  # run ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS), accessibleName="Saved backtest runs")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton("Save the runs on screen")
        self.save_button.setToolTip("Keep the runs shown, with their settings, in the database")
        self.show_button = QPushButton("Show selected")
        self.show_button.setToolTip("Put the selected runs side by side on Statistics and Charts")
        self.delete_button = QPushButton("Delete selected")
        self.empty = QLabel("No saved runs yet: run a backtest, then save it to compare later.")
        buttons = QHBoxLayout()
        for button in (self.save_button, self.show_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.save_button.clicked.connect(self.save_requested)
        self.show_button.clicked.connect(lambda: self._emit_selected(self.show_requested))
        self.delete_button.clicked.connect(lambda: self._emit_selected(self.delete_requested))
        self.table.cellDoubleClicked.connect(lambda row, _c: self.show_requested.emit(
            (self.table.item(row, 0).data(_ID),)))  # fmt: skip
        self.set_runs([])

    def set_runs(self, runs: Sequence[BacktestRun]) -> None:
        self.table.setRowCount(len(runs))
        for i, run in enumerate(runs):
            s = run.stats("advisor")
            cells = (
                f"{run.run_id}", run.saved_at.replace("T", " ").rstrip("Z"),
                run.settings_text(), f"{_n(s.get('information_ratio'))} ({_n(s.get('t_stat'), 1)})",
                _n(s.get("active_return_pct")), _n(s.get("tracking_error_pct")),
                _n(s.get("max_drawdown_pct"), 1), _n(s.get("turnover_pct_per_year"), 0), run.note,
            )  # fmt: skip
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID, run.run_id)
                item.setToolTip(f"{run.settings_text()}; data: {run.source}")
                self.table.setItem(i, j, item)
        self.table.resizeColumnToContents(1)
        self.empty.setVisible(not runs)
        self.table.setVisible(bool(runs))

    def selected_ids(self) -> tuple[int, ...]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return tuple(self.table.item(r, 0).data(_ID) for r in rows)

    def _emit_selected(self, signal) -> None:
        ids = self.selected_ids()
        if ids:
            signal.emit(ids)


def _n(value: object, digits: int = 2) -> str:
    return f"{value:.{digits}f}" if isinstance(value, int | float) else "-"
