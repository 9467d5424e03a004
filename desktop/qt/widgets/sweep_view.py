"""The robustness sweep in the window: the grid to run, and heatmaps of IR and turnover.

The grid's values are typed as comma lists (an empty axis keeps the Settings' value); the dates,
cost and other knobs come from the Settings. A sweep runs as independent backtests on this
machine's cores, or on an existing Dask cluster given its scheduler's address. The heatmaps put
two axes against each other (the others held at the values picked): each cell is coloured by
its figure, and the IR cells carry their t-stat, so a user sees a plateau or a lucky point.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.backtest.run import CALIBRATION_LABELS
from desktop.advice.backtest.sweep import (
    AXES,
    AXIS_LABELS,
    SweepGrid,
    SweepOutcome,
    axis_values,
    heatmap,
    sweep_summary,
    varying_axes,
)

NUMBER_AXES = (
    ("risk_aversion", "Risk aversion", "1, 2, 4"),
    ("te_cap_pct", "TE caps, %", "2, 4, 6"),
    ("turnover_penalty", "Turnover penalties", ""),
    ("prior_months", "Prior strengths, months", ""),
)


class SweepView(QWidget):
    """The grid form and the two heatmaps; the tab runs what `grid()` gives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = {axis: _edit(text, label) for axis, label, text in NUMBER_AXES}
        self.edits["turnover_penalty"].setPlaceholderText("the Settings' value")
        self.edits["prior_months"].setPlaceholderText("the Settings' value")
        self.weekly = QCheckBox("also weekly")
        self.calibrations = {c: QCheckBox(CALIBRATION_LABELS[c], checked=True)
                             for c in CALIBRATION_LABELS}  # fmt: skip
        self.scheduler = QLineEdit(placeholderText="empty: this machine's cores")
        self.scheduler.setToolTip("An existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
        self.summary = QLabel(wordWrap=True, accessibleName="Sweep summary")
        self.x_axis, self.y_axis = QComboBox(), QComboBox()
        for combo in (self.x_axis, self.y_axis):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fixed_box = QWidget()
        QHBoxLayout(self.fixed_box).setContentsMargins(0, 0, 0, 0)
        self.fixed: dict[str, QComboBox] = {}
        self.ir_map = _map("Information ratio (t-stat) at each setting")
        self.turnover_map = _map("Turnover %/yr at each setting")
        self.outcomes: tuple[SweepOutcome, ...] = ()
        self._lay_out()
        self.x_axis.currentIndexChanged.connect(self._on_axis_changed)
        self.y_axis.currentIndexChanged.connect(self._on_axis_changed)

    def _lay_out(self) -> None:
        form = QFormLayout()
        for axis, label, _ in NUMBER_AXES:
            form.addRow(label, self.edits[axis])
        modes = QHBoxLayout()
        for box in (*self.calibrations.values(), self.weekly):
            modes.addWidget(box)
        modes.addStretch(1)
        form.addRow("Runs", modes)
        form.addRow("Dask scheduler", self.scheduler)
        axes = QHBoxLayout()
        for text, combo in (("Across", self.x_axis), ("Down", self.y_axis)):
            axes.addWidget(QLabel(text))
            axes.addWidget(combo)
        axes.addWidget(self.fixed_box)
        axes.addStretch(1)
        maps = QGridLayout()
        maps.addWidget(QLabel("<b>Information ratio</b> (t-stat)"), 0, 0)
        maps.addWidget(QLabel("<b>Turnover</b> %/yr"), 0, 1)
        maps.addWidget(self.ir_map, 1, 0)
        maps.addWidget(self.turnover_map, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addLayout(axes)
        layout.addLayout(maps, 1)
        self.summary.setText("Run a sweep to see whether the result is a plateau or luck.")

    def grid(self) -> SweepGrid:
        """The grid typed (ValueError naming a value that is not a number)."""
        values = {axis: _numbers(self.edits[axis].text()) for axis, _, _ in NUMBER_AXES}
        rebalance = ("monthly", "weekly") if self.weekly.isChecked() else ("monthly",)
        modes = tuple(c for c, box in self.calibrations.items() if box.isChecked())
        return SweepGrid(**values, rebalance=rebalance, calibration=modes or ("none",))

    def show_outcomes(self, outcomes: Sequence[SweepOutcome]) -> None:
        self.outcomes = tuple(outcomes)
        self.summary.setText(sweep_summary(self.outcomes) if self.outcomes else "")
        axes = varying_axes(self.outcomes) or ["risk_aversion", "te_cap_pct"]
        if len(axes) == 1:
            axes.append(next(a for a in AXES if a not in axes))
        for combo, pick in ((self.x_axis, axes[0]), (self.y_axis, axes[1])):
            combo.blockSignals(True)
            combo.clear()
            for axis in AXES:
                combo.addItem(AXIS_LABELS[axis], axis)
            combo.setCurrentIndex(AXES.index(pick))
            combo.blockSignals(False)
        self._on_axis_changed()

    def _on_axis_changed(self, _index: int = 0) -> None:
        if not self.outcomes:
            return
        x, y = self.x_axis.currentData(), self.y_axis.currentData()
        self._fill_fixed([a for a in varying_axes(self.outcomes) if a not in (x, y)])
        fixed = {a: combo.currentData() for a, combo in self.fixed.items()}
        ir = heatmap(self.outcomes, x, y, "information_ratio", fixed)
        turnover = heatmap(self.outcomes, x, y, "turnover_pct_per_year", fixed)
        _paint(self.ir_map, ir, diverging=True)
        _paint(self.turnover_map, turnover, diverging=False)

    def _fill_fixed(self, axes: list[str]) -> None:
        if list(self.fixed) == axes:
            return
        layout = self.fixed_box.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.fixed = {}
        for axis in axes:
            combo = QComboBox(toolTip=f"The {AXIS_LABELS[axis]} both maps hold")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for value in axis_values(self.outcomes, axis):
                combo.addItem(_label(axis, value), value)
            combo.currentIndexChanged.connect(self._on_axis_changed)
            layout.addWidget(QLabel(f"{AXIS_LABELS[axis]}:"))
            layout.addWidget(combo)
            self.fixed[axis] = combo


def _paint(table: QTableWidget, cells, *, diverging: bool) -> None:
    table.clear()
    table.setRowCount(len(cells.y_values))
    table.setColumnCount(len(cells.x_values))
    table.setHorizontalHeaderLabels([_label(cells.x_axis, v) for v in cells.x_values])
    table.setVerticalHeaderLabels([_label(cells.y_axis, v) for v in cells.y_values])
    finite = cells.values[np.isfinite(cells.values)]
    top = float(np.max(np.abs(finite))) if finite.size else 1.0
    for i in range(len(cells.y_values)):
        for j in range(len(cells.x_values)):
            value, t = cells.values[i, j], cells.t_stats[i, j]
            text = "-" if not math.isfinite(value) else (
                f"{value:+.2f} ({t:+.1f})" if diverging and math.isfinite(t) else f"{value:.0f}"
            )  # fmt: skip
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if math.isfinite(value):
                share = value / top if top else 0.0  # IR: +-its largest; turnover: 0 to max
                item.setBackground(QBrush(_colour(share, diverging)))
                item.setForeground(QBrush(QColor("#1d1f23")))
            table.setItem(i, j, item)
    table.setAccessibleDescription(f"{table.accessibleName()}: {cells.figure}")


def _colour(share: float, diverging: bool) -> QColor:
    """Green for a positive IR, red for a negative one; blue, deeper for more turnover."""
    strength = int(40 + 170 * min(1.0, abs(share)))
    if not diverging:
        return QColor(47, 111, 223, strength)
    return QColor(26, 152, 80, strength) if share >= 0 else QColor(215, 48, 39, strength)


def _map(name: str) -> QTableWidget:
    table = QTableWidget(accessibleName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 14)
    return table


def _edit(text: str, label: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setToolTip(f"{label}: values separated by commas")
    edit.setAccessibleName(label)
    return edit


def _label(axis: str, value: object) -> str:
    if axis == "calibration":
        return CALIBRATION_LABELS.get(str(value), str(value))
    return value if isinstance(value, str) else f"{value:g}"


def _numbers(text: str) -> tuple[float, ...]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            out.append(float(part))
        except ValueError:
            raise ValueError(f"{part!r} is not a number: give values such as 1, 2, 4") from None
    return tuple(out)
