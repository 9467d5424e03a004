"""The Backtest tab's figures: the advisor (each run shown) against the model and equal weight.

A sentence per run says whether its information ratio can be told from luck (`verdict`); the
table has one column per run's advisor, then the model and equal weight of the first run; the
sub-period table gives each run's information ratio with its t-stat and its active return, the
research notes' own period (from 2026) marked in-sample; the notes give the active return by
theme and where the cash rate comes from.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.backtest.run import BacktestRun, verdict

ROWS = (
    ("CAGR %", "cagr_pct"), ("Volatility %", "vol_pct"), ("Sharpe", "sharpe"),
    ("Max drawdown %", "max_drawdown_pct"), ("  peak → trough", "drawdown_dates"),
    ("Active return %/yr", "active_return_pct"), ("Tracking error %", "tracking_error_pct"),
    ("Information ratio", "information_ratio"), ("t-stat", "t_stat"),
    ("Months ahead of the model %", "hit_rate_pct"),
    ("Years to tell from luck", "years_to_tell"), ("Turnover %/yr", "turnover_pct_per_year"),
    ("Cost %/yr", "cost_pct_per_year"),
)  # fmt: skip
EMPTY_TEXT = (
    "Run a backtest to see how the advice would have done. At each month's (or week's) last "
    "close it takes the advice of that day, from the data up to it only, trades it the next "
    "day at the cost set, and holds it as prices drift; the model portfolio and equal weight "
    "are rebalanced on the same days. The tilt table as written and calibrated walk-forward "
    "(each theme sized by its own record so far) run side by side, in the background."
)
IN_SAMPLE_TIP = (
    "The research notes were written in January 2026: from then on, results are in-sample"
)


class BacktestStats(QWidget):
    """Verdicts, the statistics table, the sub-periods and the notes of the runs shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdicts = QLabel(wordWrap=True, accessibleName="Verdict")
        self.verdicts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = _table("Statistics of each portfolio over the whole run")
        self.periods = _table("Information ratio (t-stat) and active return by sub-period")
        self.notes = QLabel(wordWrap=True, accessibleName="Notes")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdicts)
        layout.addWidget(self.table, 1)
        self.periods_title = QLabel("<b>By sub-period</b> (advisor against the model)")
        layout.addWidget(self.periods_title)
        layout.addWidget(self.periods)
        layout.addStretch(0)
        layout.addWidget(self.notes)
        self.runs: tuple[BacktestRun, ...] = ()
        self.show_runs(())

    def show_runs(self, runs: Sequence[BacktestRun]) -> None:
        self.runs = tuple(runs)
        for widget in (self.table, self.periods_title, self.periods):
            widget.setVisible(bool(self.runs))
        if not self.runs:
            self.verdicts.setText(EMPTY_TEXT)
            self.notes.clear()
            return
        self.verdicts.setText("<br>".join(_escape(verdict(run)) for run in self.runs))
        self._fill_table()
        self._fill_periods()
        self.notes.setText(_notes(self.runs))

    def _fill_table(self) -> None:
        first = self.runs[0]
        columns = [(run_title(run), run, "advisor") for run in self.runs]
        columns += [("Model", first, "model"), ("Equal weight", first, "equal_weight")]
        self.table.clear()
        self.table.setRowCount(len(ROWS))
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([c[0] for c in columns])
        self.table.setVerticalHeaderLabels([label for label, _ in ROWS])
        for j, (_, run, name) in enumerate(columns):
            stats = run.stats(name)
            for i, (_, key) in enumerate(ROWS):
                text = _dates(stats) if key == "drawdown_dates" else _cell(stats.get(key))
                self.table.setItem(i, j, _item(text))
        _fit_height(self.table)

    def _fill_periods(self) -> None:
        first = self.runs[0]
        labels = [p["period"] for p in first.report["periods"]]
        self.periods.clear()
        self.periods.setRowCount(len(labels))
        self.periods.setColumnCount(2 * len(self.runs))
        headers = []
        for run in self.runs:
            headers += [f"IR (t), {run_title(run)}", "active %/yr"]
        self.periods.setHorizontalHeaderLabels(headers)
        self.periods.setVerticalHeaderLabels(labels)
        for j, run in enumerate(self.runs):
            by_label = {p["period"]: p for p in run.report["periods"]}
            for i, label in enumerate(labels):
                period = by_label.get(label)
                s = period["portfolios"]["advisor"] if period else {}
                ir = f"{_cell(s.get('information_ratio'))} ({_cell(s.get('t_stat'), 1)})"
                self.periods.setItem(i, 2 * j, _item(ir if period else "-"))
                self.periods.setItem(i, 2 * j + 1, _item(_cell(s.get("active_return_pct"))))
        for i, period in enumerate(first.report["periods"]):
            if period["in_sample"]:
                _mark_in_sample(self.periods, i)
        _fit_height(self.periods)


def run_title(run: BacktestRun) -> str:
    """ "Advisor, as written", or "#12 calibrated" for a saved run."""
    if run.run_id is not None:
        return f"#{run.run_id} {run.label}"
    return f"Advisor, {run.label}"


def _table(name: str) -> QTableWidget:
    table = QTableWidget(accessibleName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 8)
    table.setAlternatingRowColors(True)
    return table


def _fit_height(table: QTableWidget) -> None:
    """As tall as its rows (no scrolling for a dozen rows), never taller."""
    rows = sum(table.rowHeight(i) for i in range(table.rowCount()))
    table.setMaximumHeight(rows + table.horizontalHeader().height() + 2 * table.frameWidth() + 4)


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _mark_in_sample(table: QTableWidget, row: int) -> None:
    header = table.verticalHeaderItem(row)
    if header is not None:
        header.setToolTip(IN_SAMPLE_TIP)
    for j in range(table.columnCount()):
        item = table.item(row, j)
        if item is not None:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            item.setBackground(QBrush(QColor(242, 193, 78, 60)))
            item.setToolTip(IN_SAMPLE_TIP)


def _cell(value: object, digits: int = 2) -> str:
    return f"{value:.{digits}f}" if isinstance(value, int | float) else "-"


def _dates(stats) -> str:
    peak, trough = stats.get("max_drawdown_peak"), stats.get("max_drawdown_trough")
    return f"{peak} → {trough}" if peak and trough else "-"


def _notes(runs: Sequence[BacktestRun]) -> str:
    lines = []
    for run in runs:
        parts = run.report.get("contributions_pct_per_year") or {}
        text = ", ".join(f"{k.replace('_', ' ')} {v:+.2f}" for k, v in parts.items())
        lines.append(f"{run_title(run)} — active return by theme, %/yr before costs: {text}")
    first = runs[0]
    lines += [str(n) for n in first.report.get("notes", ())]
    lines.append(f"{first.settings_text()}. Data: {first.source}.")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
