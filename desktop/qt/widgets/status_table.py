"""Per-series status: first and last date, rows, stale, quality flags; sortable, stale in amber."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.advice.series_use import uses_text
from desktop.data.market.series_status import SeriesStatus

COLUMNS = ("Series", "Kind", "First date", "Last date", "Rows", "Stale", "Used by", "Flags")
USED_BY = COLUMNS.index("Used by")
_STALE = QBrush(QColor(242, 193, 78, 110))


class StatusTable(QTableWidget):
    """One row per stored price or macro series, as `MarketStore.status` reports them."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setAccessibleName("Series status")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the store's order until a click
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setToolTip(
            "Stale: last date more than 5 business days ago (prices) or a missed release (macro)"
        )

    def show_statuses(
        self,
        statuses: Sequence[SeriesStatus],
        uses: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """One row per series; `uses`: series -> who reads it ("portfolio", signal names)."""
        uses = uses or {}
        self.setSortingEnabled(False)  # filling a sorted table scrambles rows mid-way
        self.setRowCount(len(statuses))
        for row, status in enumerate(statuses):
            cells = (
                status.ticker,
                status.kind,
                _date(status.first_date),
                _date(status.last_date),
                status.rows,
                "stale" if status.stale else "",
                uses_text(uses.get(status.ticker, ())),
                "; ".join(status.flags),
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)  # ints sort as numbers
                if status.stale and column in (3, 5):  # last date and the stale mark
                    item.setBackground(_STALE)
                if column == len(cells) - 1 and status.flags:
                    item.setToolTip("\n".join(status.flags))
                if column == USED_BY and uses.get(status.ticker):
                    item.setToolTip("Read by: " + ", ".join(uses[status.ticker]))
                self.setItem(row, column, item)
        self.setSortingEnabled(True)

    def tickers(self) -> list[str]:
        return [self.item(row, 0).text() for row in range(self.rowCount())]


def _date(value) -> str:
    return value.isoformat() if value is not None else ""
