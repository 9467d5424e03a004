"""Import conflicts on the Data tab: a worse close offered for a date with a good one stored.

The importer keeps the good close and sets the offer aside (`desktop.data.market.conflicts`); here
the
user sees both and chooses: keep the stored close, or take the offered one. Hidden while there
is nothing to choose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

VISIBLE_ROWS = 5  # more conflicts scroll inside the table
COLUMNS = ("Ticker", "Date", "Stored close", "Offered close", "Offered by", "Why it was set aside")


class ConflictsPanel(QGroupBox):
    """The conflicts as a table; the buttons act on the selected one (the first by default)."""

    resolved = Signal(object, bool)  # the conflict, take_offer

    def __init__(self) -> None:
        super().__init__("Import conflicts: choose which close to keep")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Import conflicts")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep = QPushButton("Keep stored")
        self.keep.setToolTip("Keep the close already stored and forget the offer")
        self.take = QPushButton("Take offered")
        self.take.setToolTip("Replace the stored close with the offered one (checked again)")
        self.keep.clicked.connect(lambda: self._resolve(take_offer=False))
        self.take.clicked.connect(lambda: self._resolve(take_offer=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep)
        buttons.addWidget(self.take)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._conflicts: tuple[Any, ...] = ()
        self.hide()

    def show_conflicts(self, conflicts: Sequence[Any]) -> None:
        """Show `conflicts` (desktop.data.market.conflicts.Conflict values); hide when there are
        none."""
        self._conflicts = tuple(conflicts)
        self.setVisible(bool(self._conflicts))
        self.table.setRowCount(len(self._conflicts))
        for row, c in enumerate(self._conflicts):
            cells = (c.ticker, c.date, f"{c.stored:,.4g}", f"{c.offered:,.4g}", c.source, c.why)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(str(text)))
        if self._conflicts:
            self.table.selectRow(0)
        rows = min(len(self._conflicts), VISIBLE_ROWS)
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        self.table.setFixedHeight(height + rows * self.table.verticalHeader().defaultSectionSize())

    def _resolve(self, *, take_offer: bool) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._conflicts):
            self.resolved.emit(self._conflicts[row], take_offer)
