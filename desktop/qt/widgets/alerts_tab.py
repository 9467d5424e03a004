"""The Alerts tab: the portfolio's alert rules (add, edit, delete with undo) and the alert log.

The form below the rules is checked as you type by the domain's validation (through the
controller, `desktop.qt.controllers.alerts`), and Add / Save changes stay disabled while it
says what is wrong. Every change is a step on the window's undo stack (Edit > Undo, Ctrl+Z).
The log lists the fired alerts, newest first; those not yet seen are bold until the tab has
been shown with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.qt.widgets.history_list import local_time
from desktop.qt.widgets.notice import InlineNotice

if TYPE_CHECKING:
    from desktop.qt.controllers.alerts import AlertsController

# kind, what the user picks, the level's unit ("" when the kind has no level)
KINDS = (
    ("below", "A signal falls below a level", "score, -1 to +1"),
    ("above", "A signal rises above a level", "score, -1 to +1"),
    ("zone", "A signal changes zone (low, neutral, high)", ""),
    ("view_sign", "A theme's view changes sign", ""),
    ("drift", "Holdings drift from the last saved suggestion", "percentage points"),
    ("stale", "The data or a signal's reading goes stale", "business days"),
)
PRICES = "(the prices)"  # the stale rule's subject "" in the subject box
RULE_COLUMNS = ("#", "Level", "Alert when")
LOG_COLUMNS = ("Fired", "As of", "Rule", "What happened")


class AlertsTab(QWidget):
    """Rules above with their form, the log below."""

    def __init__(self, controller: AlertsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rules: list = []  # AlertRule, as listed
        self.events: list = []  # FiredAlert, newest first
        self.notice = InlineNotice()
        self.rule_table = _table(RULE_COLUMNS, "Alert rules")
        self.log = _table(LOG_COLUMNS, "Alert log")
        self.kind_box = QComboBox(accessibleName="Alert kind")
        for kind, text, _unit in KINDS:
            self.kind_box.addItem(text, kind)
        self.subject_box = QComboBox(editable=True, accessibleName="Signal or theme")
        self.level_box = QDoubleSpinBox(accessibleName="Level", decimals=2, singleStep=0.05)
        self.level_box.setRange(-1000.0, 1000.0)
        self.unit = QLabel()
        self.problem = QLabel(wordWrap=True, accessibleName="Rule problem")
        self.problem.setStyleSheet("color: #d73027;")
        self.add_button = QPushButton("Add", toolTip="Add this rule (Ctrl+Z undoes)")
        self.save_button = QPushButton("Save changes", toolTip="Replace the selected rule")
        self.delete_button = QPushButton("Delete", toolTip="Delete the selected rule")
        self._filling = False
        self._lay_out()
        self._connect()
        self._on_kind_box_changed()
        controller.refresh()

    def _lay_out(self) -> None:
        form = QGridLayout()
        form.addWidget(QLabel("Alert when"), 0, 0)
        form.addWidget(self.kind_box, 0, 1, 1, 3)
        form.addWidget(QLabel("Signal or theme"), 1, 0)
        form.addWidget(self.subject_box, 1, 1)
        form.addWidget(QLabel("Level"), 1, 2)
        level = QHBoxLayout()
        level.addWidget(self.level_box)
        level.addWidget(self.unit, 1)
        form.addLayout(level, 1, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        for button in (self.add_button, self.save_button, self.delete_button):
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        rules = QGroupBox("Rules")
        column = QVBoxLayout(rules)
        column.addWidget(self.rule_table, 1)
        column.addLayout(form)
        column.addLayout(buttons)
        log = QGroupBox("Alert log (new ones in bold)")
        QVBoxLayout(log).addWidget(self.log)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(rules)
        splitter.addWidget(log)
        splitter.setSizes([420, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        c = self.controller
        c.listed.connect(self._on_controller_listed)
        c.noted.connect(self.notice.show_message)
        self.kind_box.currentIndexChanged.connect(self._on_kind_box_changed)
        self.subject_box.currentTextChanged.connect(lambda _text: self.validate())
        self.level_box.valueChanged.connect(lambda _value: self.validate())
        self.rule_table.itemSelectionChanged.connect(self._on_rule_table_selection_changed)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)

    # The form.

    def form(self) -> tuple[str, str, float]:
        """The rule in the form: kind, subject ("" for the prices or drift), level."""
        subject = self.subject_box.currentText().strip()
        return (
            self.kind_box.currentData(),
            "" if subject == PRICES else subject,
            self.level_box.value(),
        )

    def set_form(self, kind: str, subject: str, level: float) -> None:
        self._filling = True
        try:
            self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
            self._fill_subjects(kind)
            self.subject_box.setCurrentText(subject or (PRICES if kind == "stale" else ""))
            self.level_box.setValue(level)
        finally:
            self._filling = False
        self.validate()

    def validate(self) -> str:
        """Check the form now: the problem in words ("" when fine); Add and Save follow it."""
        if self._filling:
            return ""
        text = self.controller.problem(*self.form())
        self.problem.setText(text)
        selected = self.selected_rule()
        self.add_button.setEnabled(not text)
        self.save_button.setEnabled(not text and selected is not None)
        self.delete_button.setEnabled(selected is not None)
        return text

    def selected_rule(self):
        rows = {index.row() for index in self.rule_table.selectionModel().selectedRows()}
        return self.rules[min(rows)] if rows and min(rows) < len(self.rules) else None

    def _fill_subjects(self, kind: str) -> None:
        names = {
            "below": self.controller.signals, "above": self.controller.signals,
            "zone": self.controller.signals, "view_sign": self.controller.themes,
        }  # fmt: skip
        self.subject_box.blockSignals(True)
        self.subject_box.clear()
        if kind == "stale":
            self.subject_box.addItems([PRICES, *self.controller.signals()])
        elif kind in names:
            self.subject_box.addItems(names[kind]())
        self.subject_box.blockSignals(False)
        self.subject_box.setEnabled(kind != "drift")
        unit = dict((k, u) for k, _t, u in KINDS)[kind]
        self.level_box.setEnabled(bool(unit))
        self.unit.setText(unit or "no level: it fires on a change")

    def _on_kind_box_changed(self) -> None:
        if self._filling:
            return
        kind = self.kind_box.currentData()
        self._filling = True
        try:
            self._fill_subjects(kind)
            subject = self.form()[1]
            self.level_box.setValue(self.controller.default_level(kind, subject))
        finally:
            self._filling = False
        self.validate()

    # Actions.

    def _on_add_clicked(self) -> None:
        if not self.validate():
            self.controller.add(*self.form())

    def _on_save_clicked(self) -> None:
        rule = self.selected_rule()
        if rule is not None and not self.validate():
            self.controller.edit(rule, *self.form())

    def _on_delete_clicked(self) -> None:
        rule = self.selected_rule()
        if rule is not None:
            self.controller.remove(rule)

    def _on_rule_table_selection_changed(self) -> None:
        rule = self.selected_rule()
        if rule is not None:
            self.set_form(rule.kind.value, rule.subject, rule.level)
        else:
            self.validate()

    # What the controller says.

    def _on_controller_listed(self, listing) -> None:
        selected = self.selected_rule()
        self.rules, self.events = list(listing.rules), list(listing.events)
        if selected is None:  # the signals and themes may have changed (another portfolio)
            self.set_form(*self.form())
        self._show_rules(selected.id if selected is not None else None)
        self._show_log()
        if self.isVisible():
            self._mark_seen()

    def _show_rules(self, keep_id: int | None) -> None:
        self.rule_table.blockSignals(True)
        self.rule_table.setRowCount(len(self.rules))
        for row, rule in enumerate(self.rules):
            for column, text in enumerate((str(rule.id), _level(rule), rule.description)):
                self.rule_table.setItem(row, column, QTableWidgetItem(text))
            if rule.id == keep_id:
                self.rule_table.selectRow(row)
        self.rule_table.blockSignals(False)
        self.validate()

    def _show_log(self) -> None:
        self.log.setRowCount(len(self.events))
        bold = QFont(self.log.font())
        bold.setBold(True)
        for row, event in enumerate(self.events):
            cells = (local_time(event.fired_at), event.as_of, event.rule, event.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(event.message)
                if event.seen_at is None:
                    item.setFont(bold)
                self.log.setItem(row, column, item)

    def _mark_seen(self) -> None:
        self.controller.mark_seen([e.id for e in self.events if e.seen_at is None])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._mark_seen()


def _level(rule) -> str:
    """The rule's level with its unit ("" for kinds that fire on a change)."""
    kind = rule.kind.value
    if kind in ("below", "above"):
        return f"{rule.level:+.2f}"
    if kind == "drift":
        return f"{rule.level:g} pts"
    if kind == "stale" and not rule.subject:
        return f"{rule.level:g} days"
    return ""


def _table(columns: Sequence[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table
