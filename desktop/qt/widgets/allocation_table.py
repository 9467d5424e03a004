"""The allocation table: a QTableView over `AllocationModel`, so a new answer updates cells in
place instead of rebuilding widgets. Ctrl+C copies the selected rows (all rows when none is
selected) as tab-separated text with a header line, which pastes into any spreadsheet.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.advice.csv_text import tsv_field
from desktop.advice.state import Row
from desktop.qt.widgets.palette import LIGHT

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
