"""The Tilt table tab: how the signals make each theme's view, as a form per theme.

Pick a theme on the left; its form shows the theme's information coefficient (the IC prior:
how good its view is as a forecast) and the signals that drive it with their weights:

    view = clip(sum(weight x score) / sum(|weight|), -1, 1)

Every change is checked at once (the problems are listed and Save waits for none) and is a
step on the window's undo stack (Edit > Undo). Save writes the portfolio's tilts.toml with the
comments kept and re-solves; Reset puts the bundled defaults in the form; Revert re-reads the
file. The form is the controller's state (`desktop.qt.controllers.tilts`); this tab renders it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.qt.widgets.notice import InlineNotice

if TYPE_CHECKING:
    from desktop.qt.controllers.tilts import TiltsController

IC_TIP = ("Information coefficient, 0 to 0.3: 0.05 good, 0.10 very good. A view of +1 expects "
          "the theme's trade to earn IC x its volatility a year.")  # fmt: skip
FORMULA = "view = clip(Σ weight × score / Σ |weight|, −1, +1); a negative weight reads the signal "
FORMULA += "the other way round."
_NAME = Qt.ItemDataRole.UserRole


class TiltTableTab(QWidget):
    """Theme list, the chosen theme's form, problems, Reset / Revert / Save."""

    def __init__(self, controller: TiltsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.notice = InlineNotice()
        self.themes = QListWidget(accessibleName="Themes")
        self.ic = QDoubleSpinBox(decimals=3, singleStep=0.01, accessibleName="IC prior")
        self.ic.setRange(0.0, 1.0)  # beyond MAX_IC is allowed here so validation can say so
        self.ic.setToolTip(IC_TIP)
        self.ic.setMaximumWidth(110)
        self.signals = QTableWidget(0, 4, accessibleName="Signals and weights")
        self.signals.setHorizontalHeaderLabels(("Signal", "Weight", "Score now", ""))
        self.signals.verticalHeader().hide()
        self.signals.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.signals.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.box = QGroupBox()
        self.add_button = QPushButton("Add signal", toolTip="Add a signal to this theme")
        self.problems = QLabel(wordWrap=True, accessibleName="Problems")
        self.problems.setStyleSheet("color: #d73027;")
        self.reset_button = QPushButton("Reset to defaults", toolTip="The bundled table (unsaved)")
        self.revert_button = QPushButton("Revert", toolTip="Discard the changes: read the file")
        self.save_button = QPushButton("Save", toolTip="Write the table and re-solve (Ctrl+S)")
        self.path = QLabel(wordWrap=True)
        self._lay_out()
        self._connect()
        controller.read()

    def _lay_out(self) -> None:
        form = QFormLayout(self.box)
        ic_row = QHBoxLayout()
        ic_row.addWidget(self.ic)
        ic_row.addWidget(QLabel("0.05 good, 0.10 very good, at most 0.3"), 1)
        form.addRow("IC prior", ic_row)
        form.addRow(QLabel(FORMULA, wordWrap=True))
        form.addRow(self.signals)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        form.addRow(row)
        splitter = QSplitter()
        splitter.addWidget(self.themes)
        splitter.addWidget(self.box)
        splitter.setSizes([260, 800])
        buttons = QHBoxLayout()
        buttons.addWidget(self.problems, 1)
        for button in (self.reset_button, self.revert_button, self.save_button):
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.path)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        c = self.controller
        c.form_changed.connect(self._on_controller_form_changed)
        c.checked.connect(self._on_controller_checked)
        c.saved.connect(lambda path: self.notice.show_message(f"Saved {path}; re-solving…"))
        c.failed.connect(lambda why: self.notice.show_message(why, "error"))
        self.themes.currentItemChanged.connect(lambda *_: self._show_theme())
        self.ic.valueChanged.connect(lambda v: c.set_ic(self.theme, v))
        self.add_button.clicked.connect(lambda: c.add_signal(self.theme))
        self.reset_button.clicked.connect(c.reset_to_defaults)
        self.revert_button.clicked.connect(c.read)
        self.save_button.clicked.connect(c.save)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(c.save)

    @property
    def theme(self) -> str:
        item = self.themes.currentItem()
        return item.data(_NAME) if item is not None else ""

    def select_theme(self, name: str) -> None:
        for row in range(self.themes.count()):
            if self.themes.item(row).data(_NAME) == name:
                self.themes.setCurrentRow(row)

    # Rendering.

    def _on_controller_form_changed(self, _form) -> None:
        names = self.controller.theme_names()
        if [self.themes.item(i).data(_NAME) for i in range(self.themes.count())] != names:
            keep = self.theme
            self.themes.blockSignals(True)
            self.themes.clear()
            for name in names:
                item = QListWidgetItem(self.controller.label(name))
                item.setData(_NAME, name)
                self.themes.addItem(item)
            self.themes.blockSignals(False)
            self.select_theme(keep or names[0] if names else "")
        self._show_theme()
        self.path.setText(f"Signal-to-theme table: {self.controller.path}")

    def _show_theme(self) -> None:
        rule = self.controller.form.theme(self.theme)
        view = self.controller.view_now(self.theme)
        self.box.setTitle(f"{self.controller.label(self.theme)}: these weights give a view of "
                          f"{view:+.2f} on the day shown")  # fmt: skip
        self.ic.blockSignals(True)
        self.ic.setValue(rule.ic)
        self.ic.blockSignals(False)
        if self._row_names() != [s for s, _ in rule.signals]:
            self._rebuild_rows(rule.signals)
        for row, (signal, weight) in enumerate(rule.signals):
            score = self.controller.score_now(signal)
            cell = QTableWidgetItem("stale" if score is None else f"{score:+.2f}")
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.signals.setItem(row, 2, cell)
            spin = self.signals.cellWidget(row, 1)
            if spin.value() != weight:
                spin.blockSignals(True)
                spin.setValue(weight)
                spin.blockSignals(False)

    def _row_names(self) -> list[str]:
        return [self.signals.cellWidget(r, 0).currentData() for r in range(self.signals.rowCount())]

    def _rebuild_rows(self, pairs) -> None:
        choices = self.controller.signal_names()
        self.signals.setRowCount(len(pairs))
        for row, (signal, weight) in enumerate(pairs):
            combo = QComboBox(accessibleName="Signal")
            for name in choices if signal in choices else [signal, *choices]:
                combo.addItem(f"{self.controller.signal_title(name)} ({name})", name)
            combo.setCurrentIndex(combo.findData(signal))
            combo.activated.connect(
                lambda i, r=row, c=combo: self.controller.set_signal(self.theme, r, c.itemData(i))
            )
            spin = QDoubleSpinBox(decimals=2, singleStep=0.05, accessibleName="Weight")
            spin.setRange(-10.0, 10.0)
            spin.setValue(weight)
            spin.valueChanged.connect(
                lambda value, r=row: self.controller.set_weight(self.theme, r, value)
            )
            remove = QToolButton(text="✕", toolTip=f"Remove {signal} from this theme")
            remove.setAccessibleName(f"Remove {signal}")
            remove.clicked.connect(
                lambda _=False, r=row: self.controller.remove_signal(self.theme, r)
            )
            self.signals.setCellWidget(row, 0, combo)
            self.signals.setCellWidget(row, 1, spin)
            self.signals.setCellWidget(row, 3, remove)

    def _on_controller_checked(self, problems, modified: bool) -> None:
        self.problems.setText("\n".join(problems) or ("Unsaved changes." if modified else ""))
        self.problems.setStyleSheet("color: #d73027;" if problems else "")
        self.save_button.setEnabled(modified and not problems)
        self.revert_button.setEnabled(modified)
