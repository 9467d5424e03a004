"""Help > About: version, where the data comes from, and the third-party licences.

The licence list comes from `desktop.data.licences`: a packaged build reads the file generated at
build time, a source run reads the installed packages' metadata. It is built when the dialog
opens, not at start-up, because walking the metadata takes a noticeable fraction of a second.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__


class AboutDialog(QDialog):
    """Modal About box; `data_source` is the status bar's description of the loaded data."""

    def __init__(self, data_source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        heading.setAccessibleName("Application name and version")
        layout.addWidget(heading)
        summary = QLabel(
            "Turns market signals from research notes into explainable tilts of a model "
            "portfolio. It gives no investment advice: check every trade yourself.<br><br>"
            f"<b>Data source:</b> {data_source}<br>Released under the MIT licence."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        layout.addWidget(QLabel("<b>Third-party libraries</b> (name, version, licence):"))
        self.licences = _licence_table()
        layout.addWidget(self.licences, stretch=1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _licence_table() -> QTableWidget:
    from desktop.data.licences import third_party_licences

    rows = third_party_licences()
    table = QTableWidget(len(rows), 4)
    table.setHorizontalHeaderLabels(["Library", "Version", "Licence", "Home page"])
    for r, lic in enumerate(rows):
        for c, text in enumerate((lic.name, lic.version, lic.licence, lic.home_page)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)  # one line per library; URLs broke after "https://"
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.setAccessibleName("Third-party licences")
    table.setToolTip("Every library the application runs on, with its licence")
    return table
