"""The allocation: what the advice is in one sentence, its figures, the table, the bars, and
the selected row's full reason in a details pane beside them (no hovering needed).

The table (`desktop.qt.widgets.allocation_table`) updates its cells in place; the bar chart
(`desktop.qt.widgets.weights_chart`) repaints only when the answer changes.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.state import AllocationSummary, Row
from desktop.qt.widgets.allocation_table import AllocationTable
from desktop.qt.widgets.palette import Theme
from desktop.qt.widgets.weights_chart import WeightsChart


class Banner(QLabel):
    """Words about a fallback or infeasible answer, above the table; hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Allocation notice")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def render(self, text: str, theme: Theme) -> None:
        self.setVisible(bool(text))
        self.setText(text)
        self.setStyleSheet(
            f"QLabel {{ background: {theme.warning}; color: #000000; padding: 6px 8px;"
            " border-radius: 4px; }"
        )


class AllocationPane(QWidget):
    """Banner, headline, figures, and a splitter: the table left; bars and details right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = Banner()
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("What the advice is")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Allocation summary")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes about the data")
        self.notes.setToolTip("What to know about the data behind this allocation")
        self.table = AllocationTable()
        self.chart = WeightsChart()
        self.details = QTextBrowser()
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setAccessibleName("Why the selected weight moved")
        self.details.setMinimumHeight(60)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.chart)
        side.addWidget(self.details)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([680, 320])
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.banner, self.headline, self.caption, self.notes):
            layout.addWidget(widget)
        layout.addWidget(split, stretch=1)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self._shown: tuple | None = None

    def render(
        self, allocation: AllocationSummary | None, banner: str, fresh: bool, theme: Theme
    ) -> None:
        # Every slider move re-renders the window; restyling and refilling the table for an
        # answer already on screen would cost a repaint per move.
        if (allocation, banner, fresh, theme) == self._shown:
            return
        self._shown = (allocation, banner, fresh, theme)
        self.banner.render(banner, theme)
        self.table.table_model.theme = theme
        if allocation is None:
            self.caption.setText("No allocation yet.")
            self.headline.hide()
            return
        self.headline.setVisible(bool(allocation.headline))
        self.headline.setText(f"<b>{escape(allocation.headline)}</b>")
        self.caption.setText(caption_text(allocation, fresh))
        self.caption.setToolTip(
            f"Solver: {allocation.status}, {allocation.solve_ms:.0f} ms. Expected active return:"
            " the views' alpha times the active weights, before costs (a forecast, no promise)."
        )
        self.notes.setVisible(bool(allocation.notes))
        self.notes.setText("Note: " + "; ".join(allocation.notes) + "." if allocation.notes else "")
        self.notes.setStyleSheet(f"color: {theme.muted}")
        old_columns = self.table.table_model.columns
        self.table.table_model.set_rows(allocation.rows)
        if self.table.table_model.columns != old_columns or not self.chart.rows:
            self.table.resize_columns()
        self.chart.render(allocation.rows, theme)
        self._show_details()

    def preferred_height(self) -> int:
        """Pixels to show the banner, headline, figures, notes and every table row."""
        table = self.table
        rows = table.table_model.rowCount()
        height = (
            table.horizontalHeader().height() + rows * table.verticalHeader().defaultSectionSize()
        )
        height += 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height()
        labels = (self.banner, self.headline, self.caption, self.notes)
        height += sum(label.sizeHint().height() + 6 for label in labels if label.isVisible())
        return height

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(current.row())

    def _show_details(self, row: int = -1) -> None:
        """The chosen row's full reason; with none chosen, the row that moved most."""
        rows = self.table.table_model.rows
        if not rows:
            self.details.setHtml("")
            return
        if not 0 <= row < len(rows):
            row = max(range(len(rows)), key=lambda i: abs(rows[i].active_pts))
        self.details.setHtml(details_text(rows[row]))


def caption_text(allocation: AllocationSummary, fresh: bool) -> str:
    """The answer's figures in words a person reads (solver details go to the tooltip)."""
    against = "your holdings" if allocation.turnover_against == "holdings" else "the model"
    text = (
        f"As of {allocation.as_of}: expected active return "
        f"{allocation.expected_active_pct:+.2f} % a year · tracking error "
        f"{allocation.tracking_error_pct:.2f} % · one-way turnover "
        f"{allocation.turnover_pct:.1f} % against {against}"
    )
    if allocation.cash_left is not None:
        text += f" · cash left ${allocation.cash_left:,.0f}"
    if not fresh:
        text = "Last session's answer (recomputing): " + text
    return text


def details_text(row: Row) -> str:
    """One row's whole story: weights and the full reason."""
    head = (
        f"<b>{escape(row.ticker)}</b> {escape(row.name)}: {row.model_pct:.2f} % in the model, "
        f"{row.suggested_pct:.2f} % suggested ({row.active_pts:+.2f} pts)."
    )
    return f"{head}<br>{escape(row.reason)}" if row.reason else head
