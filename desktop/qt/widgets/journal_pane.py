"""The History tab's score: each saved suggestion's record, the running record as a chart, and
the summary sentence (`desktop.engine.journaling`, through the History tab's controller).

A row per saved suggestion, oldest first: its period, its return held since its as-of date, the
model's, the active return (percentage points over the period, green when ahead) and its theme
calls right and wrong (each named in the tooltip). The chart chains the periods: following each
suggestion until the next, and the model, cumulative percent; below it, on its own scale, the
active return (followed against the model). Its items are made once and then given new data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.qt.widgets.palette import pyqtgraph_defaults

COLUMNS = ("#", "As of", "Until", "Return %", "Model %", "Active pts", "Calls right", "Status")
AHEAD, BEHIND = "#1a9850", "#d73027"
_SERIES = (("followed_pct", "Followed", "#2f6fdf", 0), ("model_pct", "Model", "#888888", 0),
           ("active_pct", "Active (followed vs model)", "#e08a1e", 1))  # fmt: skip


class JournalPane(QWidget):
    """Renders a JournalView: sentence, table of scores, chart of the running record."""

    suggestion_chosen = Signal(int)  # the saved suggestion of the row the user clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(wordWrap=True, accessibleName="Record summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setStyleSheet("font-weight: 600;")
        self.table = QTableWidget(0, len(COLUMNS), accessibleName="Record of each suggestion")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setToolTip("Click a row to read that suggestion above")
        self.table.cellClicked.connect(self._on_table_cell_clicked)
        self._ids: list[int] = []
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        pyqtgraph_defaults()
        self.plot = pg.GraphicsLayoutWidget()
        self.plot.setAccessibleName("Running record chart")
        self.plots = [self._plot(0, "cumulative %"), self._plot(1, "active %")]
        self.plots[1].setXLink(self.plots[0])
        self.plot.ci.layout.setRowStretchFactor(0, 2)
        self.curves = {
            key: self.plots[row].plot([], [], name=name, pen=pg.mkPen(colour, width=2))
            for key, name, colour, row in _SERIES
        }
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.plot)
        splitter.setSizes([620, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.summary.setText("Scoring the saved suggestions…")

    def _plot(self, row: int, label: str) -> pg.PlotItem:
        item = self.plot.addPlot(row=row, col=0, axisItems={"bottom": pg.DateAxisItem()})
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setLabel("left", label)
        item.getAxis("left").enableAutoSIPrefix(False)  # 0.5 %, not 500 (x0.001)
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        item.addLegend(offset=(10, 5))
        item.addItem(pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen("#999999", width=1)))
        return item

    def show_journal(self, view) -> None:
        """Show a JournalView (desktop.engine.journal_view)."""
        self.summary.setText(view.summary.text)
        self._fill(view.scores)
        for key, curve in self.curves.items():
            curve.setData(list(view.times), list(getattr(view, key)))
        if view.times:
            for item in self.plots:
                item.enableAutoRange()

    def show_failure(self, text: str) -> None:
        self.summary.setText(f"The saved suggestions could not be scored: {text}")

    def _on_table_cell_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._ids):
            self.suggestion_chosen.emit(self._ids[row])

    def _fill(self, scores: Sequence) -> None:
        self._ids = [score.id for score in scores]
        self.table.setRowCount(len(scores))
        for row, score in enumerate(scores):
            right = [c for c in score.calls if c.right]
            wrong = [c for c in score.calls if c.right is False]
            calls = f"{len(right)} of {len(right) + len(wrong)}" if right or wrong else ""
            cells = (
                f"#{score.id}", score.as_of, score.end, _pct(score.return_pct),
                _pct(score.model_return_pct), _pct(score.active_pts), calls, score.status,
            )  # fmt: skip
            tip = _calls_tip(right, wrong) + (f"\n{score.note}" if score.note else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip.strip())
                if column >= 3 and column <= 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            if math.isfinite(score.active_pts) and score.active_pts != 0:
                colour = AHEAD if score.active_pts > 0 else BEHIND
                self.table.item(row, 5).setForeground(QBrush(QColor(colour)))


def _pct(value: float) -> str:
    return f"{value:+.2f}" if math.isfinite(value) else ""


def _calls_tip(right: Sequence, wrong: Sequence) -> str:
    parts = []
    if right:
        parts.append("Right: " + ", ".join(f"{c.theme} ({c.view:+.2f})" for c in right))
    if wrong:
        parts.append("Wrong: " + ", ".join(f"{c.theme} ({c.view:+.2f})" for c in wrong))
    return "\n".join(parts)
