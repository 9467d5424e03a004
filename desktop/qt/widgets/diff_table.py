"""Two saved suggestions side by side: weights, settings, views and scores, changes in bold.

`diff_rows` turns a `SuggestionDiff` into display rows without Qt; `DiffTable` paints them.
With one suggestion selected the table shows it alone (the B and change columns hidden).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.advice.journal.suggestion import (
    Change,
    SavedSuggestion,
    Suggestion,
    diff,
    setting_label,
)


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One table row; a section heading has only `label` and `heading=True`."""

    label: str
    before: str = ""
    after: str = ""
    change: str = ""
    changed: bool = False
    heading: bool = False


def diff_rows(
    a: Suggestion, b: Suggestion, labels: Mapping[str, str] | None = None
) -> list[DiffRow]:
    """Sections in reading order: suggested weights, active weights, settings, views, scores.

    labels: theme or signal id -> the name the window shows for it (ids are shown otherwise).
    """
    d = diff(a, b)
    labels = labels or {}
    rows: list[DiffRow] = []
    _section(rows, "Suggested weight (%)", d.suggested, lambda v: f"{v:.2f}", "{:+.2f} pts")
    _section(rows, "Active weight (pts)", d.active, lambda v: f"{v:+.2f}", "{:+.2f} pts")
    rows.append(DiffRow("Settings", heading=True))
    for c in d.settings:
        rows.append(_row(setting_label(c.key), c, lambda v: f"{v:,.4g}", "{:+,.4g}"))
    rows.append(DiffRow("Theme views (−1 … +1; * = set by you)", heading=True))
    overridden = {c.key: (c.before is not None, c.after is not None) for c in d.overrides}
    for c in d.views:
        mine_a, mine_b = overridden[c.key]
        row = _row(c.key, c, lambda v: f"{v:+.2f}", "{:+.2f}")
        rows.append(
            DiffRow(
                labels.get(c.key, c.key),
                row.before + (" *" if mine_a else ""),
                row.after + (" *" if mine_b else ""),
                row.change,
                row.changed or mine_a != mine_b,
            )
        )
    _section(rows, "Signal scores (−1 … +1)", d.readings, lambda v: f"{v:+.2f}", "{:+.2f}", labels)
    return rows


def _section(
    rows: list[DiffRow],
    title: str,
    changes: tuple[Change, ...],
    fmt: Callable,
    delta: str,
    labels: Mapping[str, str] | None = None,
) -> None:
    rows.append(DiffRow(title, heading=True))
    rows.extend(_row((labels or {}).get(c.key, c.key), c, fmt, delta) for c in changes)


def _row(label: str, c: Change, fmt: Callable[[float], str], delta: str) -> DiffRow:
    before = "—" if c.before is None else fmt(c.before)
    after = "—" if c.after is None else fmt(c.after)
    if c.delta is not None:
        change = delta.format(c.delta) if c.changed else ""
    else:
        change = "added" if c.before is None else "removed"
    return DiffRow(label, before, after, change, c.changed)


class DiffTable(QTableWidget):
    """Read-only table of `diff_rows`; column headers name the two suggestions."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 4, parent)
        self.setAccessibleName("Comparison of saved suggestions")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.show_pair(None, None)

    def show_pair(
        self,
        a: SavedSuggestion | None,
        b: SavedSuggestion | None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """Show `a` alone, or `a` then `b` with the change; nothing when `a` is None."""
        self.setHorizontalHeaderLabels(["", _heading("A", a), _heading("B", b), "Change (B − A)"])
        self.setColumnHidden(2, b is None)
        self.setColumnHidden(3, b is None)
        if a is None:
            self.setRowCount(0)
            return
        rows = diff_rows(a.suggestion, (b or a).suggestion, labels)
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = (row.label, row.before, row.after, row.change)
            for column, text in enumerate(cells):
                self.setItem(i, column, self._cell(text, row, column))

    @staticmethod
    def _cell(text: str, row: DiffRow, column: int) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if row.heading or (row.changed and column > 0):
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        return item


def _heading(letter: str, saved: SavedSuggestion | None) -> str:
    if saved is None:
        return letter
    return f"{letter} (#{saved.id})"
