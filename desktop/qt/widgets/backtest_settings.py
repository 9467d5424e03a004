"""The Backtest tab's settings: dates, rebalancing, cost and the knobs, as one `BacktestSpec`.

The defaults are the app's (`desktop.advice.knobs.Knobs`) with the turnover penalty derived from
the cost (`desktop.advice.backtest.sizing`), as the `backtest` command runs; "from the cost" can be
unticked to type a penalty. Dates at their lowest value read "start of the data" and "end of the
data": the backtest then starts on the first day every held asset has a price, or ends on the
data's last day.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QWidget,
)

from desktop.advice.backtest.calibration import PRIOR_MONTHS
from desktop.advice.backtest.sizing import cost_penalty
from desktop.advice.backtest.walk_forward import BacktestSpec
from desktop.advice.knobs import Knobs

NO_DATE = QDate(1990, 1, 1)  # the lowest date: no date given


def _spin(low: float, high: float, value: float, step: float, decimals: int, tip: str):
    box = QDoubleSpinBox(minimum=low, maximum=high, value=value, singleStep=step)
    box.setDecimals(decimals)
    box.setToolTip(tip)
    box.setAccessibleName(tip.split(":")[0])
    return box


class BacktestSettings(QWidget):
    """The form; `spec()` reads it. `changed` follows every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        knobs = Knobs()
        self.start = self._date("Start of the data", "First advice date (month or week end)")
        self.end = self._date("End of the data", "Last day of the backtest")
        self.rebalance = QComboBox(toolTip="Rebalance at each month's or week's last close")
        self.rebalance.addItems(["monthly", "weekly"])
        self.cost = _spin(0, 200, 10, 1, 1, "Trading cost: basis points per unit of traded weight")
        self.risk_aversion = _spin(
            0.1, 50, knobs.risk_aversion, 0.5, 1, "Risk aversion: weight on active variance"
        )
        self.te_cap = _spin(
            0.5, 20, knobs.te_cap_pct, 0.5, 1, "Tracking-error cap: annualised, percent"
        )
        self.max_active = _spin(
            1,
            50,
            knobs.max_active_pct,
            1,
            0,
            "Largest tilt: points an asset may move from the model",
        )
        self.penalty = _spin(
            0, 1, cost_penalty(10), 0.001, 4, "Turnover penalty: kappa per unit of traded weight"
        )
        self.from_cost = QCheckBox("from the cost", checked=True)
        self.from_cost.setToolTip("12 x the cost: a trade must earn its cost within a month")
        self.prior = _spin(
            1,
            2000,
            PRIOR_MONTHS,
            10,
            0,
            "Prior strength: months of record the tilt table's ICs count as (calibrated runs)",
        )
        self._lay_out()
        self._on_from_cost_toggled(True)
        self.from_cost.toggled.connect(self._on_from_cost_toggled)
        self.cost.valueChanged.connect(self._on_cost_value_changed)
        for box in (
            self.cost,
            self.risk_aversion,
            self.te_cap,
            self.max_active,
            self.penalty,
            self.prior,
        ):
            box.valueChanged.connect(self.changed)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self.changed)
        self.rebalance.currentIndexChanged.connect(self.changed)

    def _date(self, none_text: str, tip: str) -> QDateEdit:
        edit = QDateEdit(NO_DATE, calendarPopup=True, displayFormat="yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(none_text)
        edit.setToolTip(f"{tip}; the lowest date means: {none_text.lower()}")
        edit.setAccessibleName(tip)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("From", self.start)
        form.addRow("To", self.end)
        form.addRow("Rebalance", self.rebalance)
        form.addRow("Cost, bp", self.cost)
        form.addRow("Risk aversion", self.risk_aversion)
        form.addRow("TE cap, %", self.te_cap)
        form.addRow("Largest tilt, pts", self.max_active)
        penalty = QHBoxLayout()
        penalty.addWidget(self.penalty, 1)
        penalty.addWidget(self.from_cost)
        form.addRow("Turnover penalty", penalty)
        form.addRow("Prior, months", self.prior)

    def spec(self) -> BacktestSpec:
        """The backtest the form describes (calibration "none"; the tab runs both modes)."""
        cost = self.cost.value()
        knobs = Knobs(
            risk_aversion=self.risk_aversion.value(),
            te_cap_pct=self.te_cap.value(),
            turnover_penalty=cost_penalty(cost)
            if self.from_cost.isChecked()
            else (self.penalty.value()),
            max_active_pct=self.max_active.value(),
        )
        return BacktestSpec(
            start=_day(self.start),
            end=_day(self.end),
            rebalance=self.rebalance.currentText(),
            cost_bps=cost,
            knobs=knobs,
            prior_months=self.prior.value(),
        )

    def set_knobs(self, knobs: Knobs) -> None:
        """Take Home's risk aversion, TE cap, largest tilt and turnover penalty (typed: not
        from the cost) so the backtest walks Home's settings through history."""
        self.risk_aversion.setValue(knobs.risk_aversion)
        self.te_cap.setValue(knobs.te_cap_pct)
        self.max_active.setValue(knobs.max_active_pct)
        self.from_cost.setChecked(False)
        self.penalty.setValue(knobs.turnover_penalty)

    def set_range(self, first: str, last: str) -> None:
        """Offer dates within the data (YYYY-MM-DD); the lowest stays "no date"."""
        if last:
            self.start.setMaximumDate(QDate.fromString(last, "yyyy-MM-dd"))
            self.end.setMaximumDate(QDate.fromString(last, "yyyy-MM-dd"))

    def _on_from_cost_toggled(self, checked: bool) -> None:
        self.penalty.setEnabled(not checked)
        if checked:
            self.penalty.setValue(cost_penalty(self.cost.value()))

    def _on_cost_value_changed(self, value: float) -> None:
        if self.from_cost.isChecked():
            self.penalty.setValue(cost_penalty(value))


def _day(edit: QDateEdit) -> pd.Timestamp | None:
    if edit.date() == NO_DATE:
        return None
    return pd.Timestamp(edit.date().toString("yyyy-MM-dd"))
