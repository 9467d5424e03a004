"""The Evidence tab: does each theme's view, and each signal, predict its trade?

Two tables, from the data up to the day Home shows: per theme (its view's record) and per signal
in each theme it drives: the rank IC of the month-end value with the trade's next-month return,
its t-stat, the month-ends it rests on, the hit rate, since when, and the record in one line.
|t| below 2 reads as noise and is shown greyed; a record that has pointed the wrong way is
shown in red. Picking a row draws its theme's chart: the trade's growth, the view, the rolling
3-year IC. Requests go through the tab's controller (`desktop.qt.controllers.evidence`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.evidence.words import NOISE_T
from desktop.qt.widgets.evidence_chart import EvidenceChart

if TYPE_CHECKING:
    from desktop.advice.evidence.records import Record
    from desktop.qt.controllers.evidence import EvidenceController

THEME_COLUMNS = ("Theme", "IC", "t", "n", "Hit %", "Since", "Record")
SIGNAL_COLUMNS = ("Signal", "Theme", "IC", "t", "n", "Hit %", "Record")
_THEME = Qt.ItemDataRole.UserRole
WRONG_WAY = QColor("#c0392b")


class EvidenceTab(QWidget):
    """Theme and signal tables with a chart of the theme picked."""

    def __init__(self, controller: EvidenceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view = None
        self.heading = QLabel("Computing the evidence…", wordWrap=True)
        self.themes = _table(THEME_COLUMNS, "Evidence per theme")
        self.signals = _table(SIGNAL_COLUMNS, "Evidence per signal")
        self.tables = QTabWidget(documentMode=True)
        self.tables.addTab(self.themes, "Themes")
        self.tables.addTab(self.signals, "Signals")
        self.details = QLabel(wordWrap=True, accessibleName="The record picked")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setText("Pick a row for its whole record and its sub-periods.")
        self.chart = EvidenceChart()
        splitter = QSplitter()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.tables, 1)
        column.addWidget(self.details)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        for table in (self.themes, self.signals):
            table.currentCellChanged.connect(self._on_table_current_cell_changed)
        controller.evidence_ready.connect(self.show_evidence)
        controller.evidence_failed.connect(self._on_controller_evidence_failed)
        controller.reload()

    def show_evidence(self, view) -> None:
        """Fill both tables from an `EvidenceView` and draw the picked (or first) theme."""
        picked = self.current_theme()
        self.view = view
        book = view.book
        self.heading.setText(
            f"As of {book.as_of:%Y-%m-%d}: rank IC of each month-end view or score with the theme "
            f"trade's next-month return. |t| < {NOISE_T:g} is noise (grey); red: has pointed the "
            "wrong way. Results from 2026 on are in-sample (the research notes' period)."
        )
        records = list(book.themes.values())
        _fill(self.themes, [(_label(view, r.theme), *_figures(r), _since(r), r.sentence)
                            for r in records], records)  # fmt: skip
        _fill(self.signals, [(r.signal, _label(view, r.theme), *_figures(r), r.sentence)
                             for r in book.signals], list(book.signals))  # fmt: skip
        self.show_theme(picked if picked in view.charts else next(iter(view.charts), ""))
        table = self.tables.currentWidget()
        if table.rowCount():  # the picked (or first) row's whole record below the table
            row = max(0, table.currentRow())
            self.details.setText(details_text(self._records(table)[row]))

    def current_theme(self) -> str:
        table = self.tables.currentWidget()
        item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
        return item.data(_THEME) if item is not None else ""

    def show_theme(self, theme: str) -> None:
        """Draw `theme`'s chart."""
        if self.view is not None and theme:
            self.chart.show_chart(self.view.charts.get(theme), _label(self.view, theme))

    def _on_table_current_cell_changed(self, row: int, _col: int, _r: int, _c: int) -> None:
        table = self.sender()
        item = table.item(row, 0) if row >= 0 else None
        if item is not None:
            self.show_theme(item.data(_THEME))
            records = self._records(table)
            if row < len(records):
                self.details.setText(details_text(records[row]))

    def _records(self, table: QTableWidget) -> list[Record]:
        if self.view is None:
            return []
        book = self.view.book
        return list(book.themes.values()) if table is self.themes else list(book.signals)

    def _on_controller_evidence_failed(self, why: str) -> None:
        self.heading.setText(f"The evidence could not be computed: {why}")


def details_text(record: Record) -> str:
    """The record in words, the IC at 1, 3 and 6 months, and the 1-month IC by sub-period (the
    in-sample one marked), as rich text."""
    horizons = ", ".join(
        f"{ic.months} month{'s' if ic.months > 1 else ''} {_n(ic.ic, '+.3f')} "
        f"(t {_n(ic.t_stat, '+.1f')}, {ic.independent:.0f} independent)"
        for ic in record.ics
    )
    periods = "; ".join(_period(p) for p in record.periods if p.ic.n)
    who = f"<b>{record.signal or 'The view'}</b>"
    return f"{who}: {record.sentence}<br>IC at {horizons}.<br>By sub-period: {periods or '-'}."


def _period(period) -> str:
    text = f"{period.label} {_n(period.ic.ic, '+.2f')} (t {_n(period.ic.t_stat, '+.1f')}, n "
    text += f"{period.ic.n})"
    return f"<i>{text}</i>" if period.in_sample else text


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns), accessibleName=name)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple], records: list[Record]) -> None:
    table.setRowCount(len(rows))
    for i, (cells, record) in enumerate(zip(rows, records, strict=True)):
        noise = not math.isfinite(record.ic.t_stat) or abs(record.ic.t_stat) < NOISE_T
        wrong = record.sentence.endswith("wrong way")
        for j, text in enumerate(cells):
            item = QTableWidgetItem(str(text))
            item.setData(_THEME, record.theme)
            item.setToolTip(record.sentence)
            if 0 < j < len(cells) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if wrong:
                item.setForeground(QBrush(WRONG_WAY))
            elif noise:
                item.setForeground(table.palette().placeholderText())
            table.setItem(i, j, item)


def _figures(record: Record) -> tuple[str, str, str, str]:
    ic = record.ic
    return _n(ic.ic, "+.3f"), _n(ic.t_stat, "+.1f"), str(ic.n), _n(ic.hit_rate_pct, ".0f")


def _since(record: Record) -> str:
    return "-" if record.since is None else f"{record.since:%Y-%m}"


def _label(view, theme: str) -> str:
    return view.labels.get(theme, theme.replace("_", " "))


def _n(value: float, spec: str) -> str:
    return format(value, spec) if isinstance(value, float) and math.isfinite(value) else "-"
