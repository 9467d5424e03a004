"""The Charts tab: a list of charts on the left, the selected one on the right.

The list groups the signals' score histories, the ratios behind them, the breakout charts, the
RRG-style rotation chart and every asset's price chart (a point clicked on the rotation chart
opens its asset's). The tab asks its controller (`desktop.qt.controllers.charts`) for the
`ChartBook` when it is created, and the controller brings a new one whenever the data changes;
a chart requested before it arrives (a dashboard card clicked during start-up) is shown as soon
as it does. The controller also says which day the time machine shows: every chart draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.charts.chart_data import ChartBook, TimeChartSpec
from desktop.advice.charts.price_charts import GROUP as PRICES_GROUP
from desktop.advice.charts.price_charts import asset_key
from desktop.qt.widgets.rotation_chart import RotationChart
from desktop.qt.widgets.time_chart import TimeChart

if TYPE_CHECKING:
    from desktop.qt.controllers.charts import ChartsController

ROTATION_KEY = "rotation"
_KEY_ROLE = Qt.ItemDataRole.UserRole


class ChartsTab(QWidget):
    """Chart list and chart pane; `show_signal(name)` opens a signal's score history."""

    chart_shown = Signal(str)  # the key of the chart now on screen

    def __init__(self, controller: ChartsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.book: ChartBook | None = None
        self._specs: dict[str, TimeChartSpec] = {}
        self._wanted = ""
        self.chart_list = QTreeWidget(headerHidden=True, accessibleName="Charts")
        self.chart_list.setToolTip("Pick a chart; the dashboard's cards open their signal here")
        self.time_chart = TimeChart()
        self.rotation_chart = RotationChart()
        self.pane = QStackedWidget()
        self._lay_out()
        self.chart_list.currentItemChanged.connect(self._on_chart_list_current_changed)
        controller.chart_requested.connect(self.show_signal)
        controller.book_ready.connect(self.set_book)
        controller.book_failed.connect(self._on_controller_book_failed)
        controller.as_of_changed.connect(self._on_controller_as_of_changed)
        self.rotation_chart.asset_clicked.connect(self._on_rotation_chart_asset_clicked)
        self._on_controller_as_of_changed(controller.as_of)
        if controller.requested_chart:
            self._wanted = f"score:{controller.requested_chart}"
        self.reload()

    def _lay_out(self) -> None:
        self.pane.addWidget(self.time_chart)
        self.pane.addWidget(self.rotation_chart)
        splitter = QSplitter()
        splitter.addWidget(self.chart_list)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 1000])
        QVBoxLayout(self).addWidget(splitter)

    def reload(self) -> None:
        """Ask for every chart of the current data (`set_book` shows them)."""
        if self.book is None:
            self.time_chart.title.setText("Loading charts…")
        self.controller.reload()

    def _on_controller_book_failed(self, why: str) -> None:
        self.time_chart.title.setText("The charts could not be built")
        self.time_chart.message.setText(
            f"{why}. Fix the data in the Data tab; charts rebuild then."
        )
        self.time_chart.message.show()

    def set_book(self, book: ChartBook) -> None:
        """Show new chart data, keeping the chart on screen (or the one asked for) selected."""
        current = self._wanted or self.current_key() or self._first_key(book)
        self.book = book
        self._specs = {spec.key: spec for spec in book.time_charts}
        self.chart_list.blockSignals(True)
        self.chart_list.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for spec in book.time_charts:
            if spec.group == PRICES_GROUP and "Rotation" not in groups:
                groups["Rotation"] = self._rotation_group()
            if spec.group not in groups:
                groups[spec.group] = self._group_item(spec.group)
            self._chart_item(groups[spec.group], spec.key, spec.label, spec.missing or spec.title)
        if "Rotation" not in groups:
            self._rotation_group()
        self.chart_list.expandAll()
        self.chart_list.blockSignals(False)
        self.show_chart(current)

    def show_signal(self, name: str) -> bool:
        """Open signal `name`'s score history (the dashboard's card click)."""
        return self.show_chart(f"score:{name}")

    def show_chart(self, key: str) -> bool:
        """Select and draw chart `key`; False (and remembered for later) when it is unknown."""
        item = self._find_item(key)
        if item is None:
            self._wanted = key
            return False
        self._wanted = ""
        self.chart_list.setCurrentItem(item)  # draws through currentItemChanged
        if self.current_key() == key and self._drawn_key() != key:
            self._draw(key)
        return True

    def current_key(self) -> str:
        item = self.chart_list.currentItem()
        return "" if item is None else item.data(0, _KEY_ROLE) or ""

    def _draw(self, key: str) -> None:
        if key == ROTATION_KEY and self.book is not None:
            self.rotation_chart.set_data(self.book.rotations)
            self.pane.setCurrentWidget(self.rotation_chart)
        elif key in self._specs:
            self.time_chart.show_spec(self._specs[key])
            self.pane.setCurrentWidget(self.time_chart)
        else:
            return
        self.chart_shown.emit(key)

    def _drawn_key(self) -> str:
        if self.pane.currentWidget() is self.rotation_chart:
            return ROTATION_KEY if self.rotation_chart.data is not None else ""
        spec = self.time_chart.spec
        return "" if spec is None or self._specs.get(spec.key) is not spec else spec.key

    def _rotation_group(self) -> QTreeWidgetItem:
        group = self._group_item("Rotation")
        tip = "Sectors' relative strength vs a benchmark; click a point to open its price chart"
        self._chart_item(group, ROTATION_KEY, "Sectors (RRG-style)", tip)
        return group

    def _group_item(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.chart_list, [title])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _chart_item(self, group: QTreeWidgetItem, key: str, label: str, tip: str) -> None:
        item = QTreeWidgetItem(group, [label])
        item.setData(0, _KEY_ROLE, key)
        item.setToolTip(0, tip)
        spec = self._specs.get(key)
        if spec is not None and spec.missing:
            item.setForeground(0, self.palette().placeholderText())

    def _find_item(self, key: str) -> QTreeWidgetItem | None:
        for group_index in range(self.chart_list.topLevelItemCount()):
            group = self.chart_list.topLevelItem(group_index)
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                if child.data(0, _KEY_ROLE) == key:
                    return child
        return None

    @staticmethod
    def _first_key(book: ChartBook) -> str:
        return book.time_charts[0].key if book.time_charts else ROTATION_KEY

    def _on_controller_as_of_changed(self, day: str) -> None:
        self.time_chart.set_cursor(day)
        self.rotation_chart.set_as_of(day)

    def _on_rotation_chart_asset_clicked(self, ticker: str) -> None:
        self.show_chart(asset_key(ticker))

    def _on_chart_list_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None and current.data(0, _KEY_ROLE):
            self._draw(current.data(0, _KEY_ROLE))
