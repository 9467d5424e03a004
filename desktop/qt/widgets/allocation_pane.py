"""The allocation: a banner for fallback answers, the table, and model-vs-suggested bars.

The table is a QTableView over `AllocationModel`, so a new answer updates cells in place instead
of rebuilding widgets; the bar chart (`desktop.qt.widgets.weights_chart`) repaints only when the
answer changes. Ctrl+C on the table copies the selected rows (all rows when none is selected) as
tab-separated text with a header line, which pastes into any spreadsheet.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.csv_text import tsv_field
from desktop.advice.state import AllocationSummary, Row
from desktop.qt.widgets.palette import LIGHT, Theme
from desktop.qt.widgets.weights_chart import WeightsChart

WEIGHT_COLUMNS = ("Ticker", "Name", "Model %", "Suggested %", "Active pts", "Reason")
MONEY_COLUMNS = ("Value $", "Shares", "Trade")
_TOOLTIPS = {
    "Model %": "Weight in the model portfolio, percent",
    "Suggested %": "Weight the optimiser suggests, percent",
    "Active pts": "Suggested minus model, percentage points",
    "Reason": "Which themes moved this weight, and why",
    "Value $": "Suggested weight times the portfolio value",
    "Shares": "Whole shares at the last price",
    "Trade": "Shares to buy (+) or sell (−) from your holdings",
}


_ROOT = QModelIndex()


class AllocationModel(QAbstractTableModel):
    """Rows of an AllocationSummary; money columns appear only when the answer has values."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[Row, ...] = ()
        self.columns: tuple[str, ...] = WEIGHT_COLUMNS
        self.theme = LIGHT

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        columns = WEIGHT_COLUMNS + (MONEY_COLUMNS if any(r.value is not None for r in rows) else ())
        if columns != self.columns or len(rows) != len(self.rows):
            self.beginResetModel()
            self.rows, self.columns = rows, columns
            self.endResetModel()
            return
        self.rows = rows
        last = self.index(len(rows) - 1, len(columns) - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TOOLTIPS.get(self.columns[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("Ticker", "Name", "Reason"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == "Active pts"
            and abs(row.active_pts) >= 0.005
        ):
            return QBrush(
                QColor(self.theme.positive if row.active_pts > 0 else self.theme.negative)
            )
        if role == Qt.ItemDataRole.ToolTipRole and column in ("Reason", "Name"):
            return row.reason if column == "Reason" else row.name
        return None


def cell_text(row: Row, column: str) -> str:
    """The text a person sees in one cell (also what Copy puts on the clipboard)."""
    match column:
        case "Ticker":
            return row.ticker
        case "Name":
            return row.name
        case "Model %":
            return f"{row.model_pct:.2f}"
        case "Suggested %":
            return f"{row.suggested_pct:.2f}"
        case "Active pts":
            return f"{row.active_pts:+.2f}"
        case "Reason":
            return row.reason
        case "Value $":
            return "" if row.value is None else f"{row.value:,.0f}"
        case "Shares":
            return "" if row.shares is None else f"{row.shares:,d}"
        case "Trade":
            return "" if row.trade_shares is None else _shares(row.trade_shares)
    raise KeyError(column)


class AllocationTable(QTableView):
    """The allocation table, with Ctrl+C copying rows as tab-separated text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_model = AllocationModel()
        self.setModel(self.table_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setStretchLastSection(False)
        self.setAccessibleName("Allocation table")
        corner = self.findChild(QAbstractButton)
        if corner is not None:
            corner.setToolTip("Select every row")
            corner.setAccessibleName("Select all rows")
        self.setToolTip("Model and suggested weights; select rows and press Ctrl+C to copy them")

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_rows()
            return
        super().keyPressEvent(event)

    def copy_rows(self) -> str:
        """Put the selected rows (all if none) on the clipboard as TSV; returns the text."""
        model = self.table_model
        selected = sorted({i.row() for i in self.selectionModel().selectedRows()})
        rows = [model.rows[i] for i in selected] if selected else list(model.rows)
        lines = ["\t".join(model.columns)]
        lines += ["\t".join(tsv_field(cell_text(r, c)) for c in model.columns) for r in rows]
        text = "\n".join(lines) + "\n"
        QGuiApplication.clipboard().setText(text)
        return text

    def resize_columns(self) -> None:
        """Numbers fit their contents, Name gets a fixed width (elided), Reason takes the rest."""
        header = self.horizontalHeader()
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        for i, column in enumerate(self.table_model.columns):
            if column == "Reason":
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                # Fixed widths from the font, not ResizeToContents: that re-measures every cell
                # on each new answer, which a slider drag produces many times a second.
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, self._width_for(column))

    def _width_for(self, column: str) -> int:
        metrics = self.fontMetrics()
        sample = {
            "Ticker": "BTC-USD",
            "Name": "n" * 22,
            "Value $": "9,999,999",
            "Shares": "999,999",
        }
        text = sample.get(column, "+100.00")
        return max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(column)) + 18


def _shares(x: float) -> str:
    return f"{x:+,.0f}" if float(x).is_integer() else f"{x:+,.4f}"


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
    """Banner, caption, and a splitter with the table on the left and the chart on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = Banner()
        self.caption = QLabel()
        self.caption.setAccessibleName("Allocation summary")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes about the data")
        self.notes.setToolTip("What to know about the data behind this allocation")
        self.table = AllocationTable()
        self.chart = WeightsChart()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([680, 320])
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.caption)
        layout.addWidget(self.notes)
        layout.addWidget(split, stretch=1)
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
            return
        self.caption.setText(caption_text(allocation, fresh))
        self.notes.setVisible(bool(allocation.notes))
        self.notes.setText("Note: " + "; ".join(allocation.notes) + "." if allocation.notes else "")
        self.notes.setStyleSheet(f"color: {theme.muted}")
        old_columns = self.table.table_model.columns
        self.table.table_model.set_rows(allocation.rows)
        if self.table.table_model.columns != old_columns or not self.chart.rows:
            self.table.resize_columns()
        self.chart.render(allocation.rows, theme)


def caption_text(allocation: AllocationSummary, fresh: bool) -> str:
    text = (
        f"As of {allocation.as_of}: tracking error {allocation.tracking_error_pct:.2f} % a year"
        f" · {allocation.status} in {allocation.solve_ms:.0f} ms"
    )
    if allocation.cash_left is not None:
        text += f" · cash left ${allocation.cash_left:,.0f}"
    if not fresh:
        text = "Last session's answer (recomputing): " + text
    return text
