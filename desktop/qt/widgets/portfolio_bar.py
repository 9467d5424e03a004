"""The portfolio switcher at the right of the menu bar: the portfolio shown, and New….

Each portfolio has its universe, tilt table, holdings, saved suggestions and alerts; picking
one reloads them all (through `desktop.qt.controllers.portfolios`). A new portfolio starts from
the bundled defaults or a copy of an existing one; its name is checked as it is typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.qt.controllers.portfolios import PortfolioController

BUNDLED = "The bundled defaults"
ABOUT = ("A portfolio has its own universe, tilt table, holdings, saved suggestions and alerts; "
         "the market data is shared. It starts from the bundled defaults or a copy of another's "
         "universe and tilt table.")  # fmt: skip


class PortfolioBar(QWidget):
    """A combo box of the portfolios and a New button."""

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.names: list[str] = []
        self.box = QComboBox(accessibleName="Portfolio")
        self.box.setToolTip("The portfolio shown: its universe, tilt table, holdings, history "
                            "and alerts")  # fmt: skip
        self.box.setMinimumContentsLength(10)
        self.new_button = QPushButton("New…", toolTip="Create a portfolio (from the defaults "
                                      "or a copy of one) and switch to it")  # fmt: skip
        self.new_button.setAccessibleName("New portfolio")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 6, 0)
        row.addWidget(QLabel("Portfolio"))
        row.addWidget(self.box)
        row.addWidget(self.new_button)
        self.box.activated.connect(self._on_box_activated)
        self.new_button.clicked.connect(self.ask_new)
        controller.listed.connect(self._on_controller_listed)
        controller.refresh()

    def ask_new(self) -> None:
        dialog = NewPortfolioDialog(self.controller, self.names, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.create(*dialog.choice())

    def _on_box_activated(self, index: int) -> None:
        self.controller.switch(self.box.itemText(index))

    def _on_controller_listed(self, names: Sequence[str], current: str) -> None:
        self.names = list(names)
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItems(self.names)
        self.box.setCurrentIndex(max(0, self.box.findText(current)))
        self.box.blockSignals(False)


class NewPortfolioDialog(QDialog):
    """A name, checked as typed, and what to start from."""

    def __init__(self, controller: PortfolioController, names: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New portfolio")
        self.setMinimumWidth(460)
        self.controller, self.names = controller, list(names)
        self.name = QLineEdit(accessibleName="Portfolio name", placeholderText="e.g. growth")
        self.source = QComboBox(accessibleName="Start from")
        self.source.addItem(BUNDLED, None)
        for name in names:
            self.source.addItem(f"A copy of {name}", name)
        self.problem = QLabel(wordWrap=True, accessibleName="Name problem")
        self.problem.setStyleSheet("color: #d73027;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(ABOUT, wordWrap=True))
        form.addRow("Name", self.name)
        form.addRow("Start from", self.source)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._on_name_text_changed)
        self._on_name_text_changed(self.name.text())

    def choice(self) -> tuple[str, str | None]:
        return self.name.text().strip(), self.source.currentData()

    def _on_name_text_changed(self, text: str) -> None:
        name = text.strip()
        problem = "" if not name else self.controller.name_problem(name)
        if not problem and name in self.names:
            problem = f"There is already a portfolio {name!r}: pick another name."
        self.problem.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name) and not problem)
