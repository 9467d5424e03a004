"""The History tab's score: each saved suggestion's record, the running record as a chart, and
the summary sentence (`desktop.engine.journaling`, through the History tab's controller).

A row per saved suggestion, oldest first: its period, its return held since its as-of date, the
model's, the active return (percentage points over the period, green when ahead) and its theme
calls right and wrong (each named in the tooltip). The chart chains the periods: following each
suggestion until the next against the model, cumulative percent; its items are made once and
then given new data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
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
_SERIES = (("followed_pct", "Followed", "#2f6fdf"), ("model_pct", "Model", "#888888"),
           ("active_pct", "Active", "#e08a1e"))  # fmt: skip


class JournalPane(QWidget):
    """Renders a JournalView: sentence, table of scores, chart of the running record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(wordWrap=True, accessibleName="Record summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setStyleSheet("font-weight: 600;")
        self.table = QTableWidget(0, len(COLUMNS), accessibleName="Record of each suggestion")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        pyqtgraph_defaults()
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setAccessibleName("Running record chart")
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setLabel("left", "cumulative %")
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        item.addLegend(offset=(10, 10))
        self.curves = {
            key: item.plot([], [], name=name, pen=pg.mkPen(colour, width=2))
            for key, name, colour in _SERIES
        }
        item.addItem(pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen("#999999", width=1)))
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.plot)
        splitter.setSizes([620, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.summary.setText("Scoring the saved suggestions…")

    def show_journal(self, view) -> None:
        """Show a JournalView (desktop.engine.journal_view)."""
        self.summary.setText(view.summary.text)
        self._fill(view.scores)
        for key, curve in self.curves.items():
            curve.setData(list(view.times), list(getattr(view, key)))
        if view.times:
            self.plot.getPlotItem().enableAutoRange()

    def show_failure(self, text: str) -> None:
        self.summary.setText(f"The saved suggestions could not be scored: {text}")

    def _fill(self, scores: Sequence) -> None:
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
