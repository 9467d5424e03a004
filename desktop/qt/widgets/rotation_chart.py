"""The RRG-style rotation chart: sectors' RS-ratio vs RS-momentum, with tails and a time slider.

One tail item (line + dots, the last dot larger) and one name label per ticker, created the
first time the ticker appears and updated with `setData` afterwards. Clicking a ticker in the
legend hides its tail and label. The axes stay centred on 100 so the quadrants keep their places
while the slider moves; the formula is printed under the chart.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.rotation_data import LABEL, RotationData, quadrant
from desktop.qt.widgets.palette import Theme, pyqtgraph_defaults, system_theme

FORMULA = (
    "Weekly closes. RS = 100 × sector / SPY; RS-ratio = 100 × EMA₄(RS) / its 10-week average; "
    "RS-momentum = 100 × RS-ratio / RS-ratio 4 weeks earlier. Tails run clockwise: "
    "Improving → Leading → Weakening → Lagging."
)
QUADRANTS = {  # name: (x side, y side, colour); mid-tones that read on light and dark
    "Leading": (1, 1, "#1a9850"),
    "Weakening": (1, -1, "#c08a00"),
    "Lagging": (-1, -1, "#d73027"),
    "Improving": (-1, 1, "#2f6fdf"),
}
_FAR = 1e4  # quadrant tints extend far beyond any RS value, so panning never shows an edge


class RotationChart(QWidget):
    """Tails of the last `tail_weeks` weeks ending at the slider's week."""

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or system_theme()
        self.data: RotationData | None = None
        self.tails: dict[str, pg.PlotDataItem] = {}
        self.names: dict[str, pg.TextItem] = {}
        self.title = QLabel(f"{LABEL}: sectors vs SPY", wordWrap=True)
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        pyqtgraph_defaults()
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("Rotation chart")
        item = self.plot.getPlotItem()
        item.setLabel("bottom", "RS-ratio (100 = in line with SPY's trend)")
        item.setLabel("left", "RS-momentum")
        item.setMouseEnabled(x=True, y=True)
        self.legend = item.addLegend(offset=(10, 5), colCount=7)
        self._create_quadrants(item)
        self.week = QSlider(Qt.Orientation.Horizontal, accessibleName="Week")
        self.week.setToolTip("Move through time: the tails end at this week")
        self.week_label = QLabel(" ")
        self.tail_weeks = QSpinBox(minimum=1, maximum=52, value=8, suffix=" weeks")
        self.tail_weeks.setAccessibleName("Tail length")
        self.tail_weeks.setToolTip("How many weeks of history each tail shows")
        self.summary = QLabel(" ", wordWrap=True, accessibleName="Quadrant summary")
        formula = QLabel(FORMULA, wordWrap=True)
        formula.setStyleSheet(f"color: {self._theme.muted};")
        self._lay_out(formula)
        self.week.valueChanged.connect(self._on_week_value_changed)
        self.tail_weeks.valueChanged.connect(self._on_week_value_changed)

    def _lay_out(self, formula: QLabel) -> None:
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Week:"))
        controls.addWidget(self.week, 1)
        controls.addWidget(self.week_label)
        controls.addWidget(QLabel("Tail:"))
        controls.addWidget(self.tail_weeks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(formula)

    def _create_quadrants(self, item: pg.PlotItem) -> None:
        self.quadrant_labels: dict[str, pg.TextItem] = {}
        for name, (sx, sy, colour) in QUADRANTS.items():
            tint = QGraphicsRectItem(min(0, sx) * _FAR + 100, min(0, sy) * _FAR + 100, _FAR, _FAR)
            fill = pg.mkColor(colour)
            fill.setAlpha(22)
            tint.setBrush(fill)
            tint.setPen(pg.mkPen(None))
            tint.setZValue(-100)
            item.addItem(tint, ignoreBounds=True)
            label = pg.TextItem(name, color=colour, anchor=(0.5, 0.5))
            item.addItem(label, ignoreBounds=True)
            self.quadrant_labels[name] = label
        centre_pen = pg.mkPen(self._theme.muted, width=1)
        for angle in (0, 90):
            item.addItem(pg.InfiniteLine(100.0, angle=angle, pen=centre_pen), ignoreBounds=True)

    def set_data(self, data: RotationData) -> None:
        """Show `data`, the slider at its latest week."""
        self.data = data
        self.legend.clear()
        for colour_index, ticker in enumerate(data.tickers):
            self._ensure_ticker(ticker, colour_index, len(data.tickers))
            self.legend.addItem(self.tails[ticker], ticker)
        for ticker in set(self.tails) - set(data.tickers):
            self.tails[ticker].hide()
            self.names[ticker].hide()
        self.week.blockSignals(True)
        self.week.setRange(0, max(0, len(data.dates) - 1))
        self.week.setValue(self.week.maximum())
        self.week.blockSignals(False)
        self.week.setEnabled(len(data.dates) > 0)
        self.refresh()

    def _ensure_ticker(self, ticker: str, index: int, count: int) -> None:
        colour = pg.intColor(index, hues=max(count, 1), values=1, maxValue=200)
        if ticker not in self.tails:
            tail = self.plot.getPlotItem().plot(symbol="o")
            name = pg.TextItem(ticker, anchor=(-0.15, 0.5))
            self.plot.getPlotItem().addItem(name)
            tail.visibleChanged.connect(lambda t=tail, n=name: n.setVisible(t.isVisible()))
            self.tails[ticker], self.names[ticker] = tail, name
        tail = self.tails[ticker]
        tail.setPen(pg.mkPen(colour, width=1.8))
        tail.setSymbolBrush(colour)
        tail.setSymbolPen(colour)
        self.names[ticker].setColor(colour)
        tail.show()

    def refresh(self) -> None:
        """Redraw the tails for the slider's week and the tail length."""
        data = self.data
        if data is None or data.dates.empty:
            self.week_label.setText("no data")
            self.summary.setText("No sector prices with SPY: import them in the Data tab.")
            return
        end, length = self.week.value(), self.tail_weeks.value()
        self.week_label.setText(f"week ending {data.dates[end]:%Y-%m-%d}")
        heads: dict[str, tuple[float, float]] = {}
        for ticker in data.tickers:
            x, y = data.tail(ticker, end, length)
            self._draw_tail(ticker, x, y)
            now = (data.ratio[ticker].iloc[end], data.momentum[ticker].iloc[end])
            if np.isfinite(now).all():
                heads[ticker] = now
        self._fit([self.tails[t] for t in data.tickers])
        self.summary.setText(_summary(heads))

    def _draw_tail(self, ticker: str, x: np.ndarray, y: np.ndarray) -> None:
        sizes = np.full(len(x), 4.0)
        if len(x):
            sizes[-1] = 11.0
            self.names[ticker].setPos(x[-1], y[-1])
        self.tails[ticker].setData(x, y, symbolSize=sizes)
        self.names[ticker].setVisible(bool(len(x)) and self.tails[ticker].isVisible())

    def _fit(self, tails: list[pg.PlotDataItem]) -> None:
        """Axes centred on 100, wide enough for every visible tail (at least ±1)."""
        xs = [t.xData for t in tails if t.isVisible() and t.xData is not None and len(t.xData)]
        ys = [t.yData for t in tails if t.isVisible() and t.yData is not None and len(t.yData)]
        half_x = max([1.0, *(np.nanmax(np.abs(x - 100.0)) for x in xs)]) * 1.15
        half_y = max([1.0, *(np.nanmax(np.abs(y - 100.0)) for y in ys)]) * 1.15
        view = self.plot.getPlotItem().getViewBox()
        view.setRange(xRange=(100 - half_x, 100 + half_x), yRange=(100 - half_y, 100 + half_y))
        for name, (sx, sy, _) in QUADRANTS.items():
            # Bottom corners and the middle of the top: the legend sits in the top-left corner.
            y = 100 + sy * half_y * (0.72 if sy > 0 else 0.92)
            self.quadrant_labels[name].setPos(100 + sx * half_x * 0.85, y)

    def _on_week_value_changed(self, _value: int) -> None:
        self.refresh()


def _summary(heads: dict[str, tuple[float, float]]) -> str:
    """'Leading: XLE, XLI   Weakening: …' for the tickers' latest points."""
    groups: dict[str, list[str]] = {name: [] for name in QUADRANTS}
    for ticker, (x, y) in heads.items():
        groups[quadrant(x, y)].append(ticker)
    return "   ".join(f"{name}: {', '.join(t) or '–'}" for name, t in groups.items())
