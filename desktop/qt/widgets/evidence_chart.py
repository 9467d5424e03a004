"""A theme's evidence over time: its trade's growth (log), its month-end view, and the rolling
3-year rank IC of the view with the next month's trade return. Three plots sharing one date
axis, each item created once and updated with `setData`."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.advice.charts.chart_data import epoch_seconds
from desktop.advice.evidence.charts import ThemeEvidenceChart
from desktop.qt.widgets.palette import pyqtgraph_defaults, system_theme

ROWS = (
    ("trade_growth", "Growth of 1 in the trade (log)", "#2f6fdf"),
    ("view", "Month-end view", "#e08a1e"),
    ("rolling_ic", "Rolling 3-year IC", "#8e44ad"),
)


class EvidenceChart(QWidget):
    """The chart of one theme; `show_chart(chart)` draws it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pyqtgraph_defaults()
        theme = system_theme()
        self.title = QLabel(wordWrap=True)
        self.title.setStyleSheet("font-weight: 600;")
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setAccessibleName("Theme evidence chart")
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        for row, (key, label, colour) in enumerate(ROWS):
            plot = self.canvas.addPlot(row=row, col=0,
                                       axisItems={"bottom": pg.DateAxisItem("bottom")})  # fmt: skip
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.setLabel("left", label)
            plot.getAxis("left").enableAutoSIPrefix(False)
            plot.setClipToView(True)
            if key != "trade_growth":
                zero = pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen(theme.muted, width=1))
                plot.addItem(zero, ignoreBounds=True)
                plot.setXLink(self.plots["trade_growth"])
            self.plots[key] = plot
            self.curves[key] = plot.plot(pen=pg.mkPen(colour, width=1.6))
        self.plots["trade_growth"].setLogMode(y=True)
        self.plots["view"].setYRange(-1.05, 1.05, padding=0)
        self.plots["rolling_ic"].setYRange(-0.6, 0.6, padding=0)
        self.canvas.ci.layout.setRowStretchFactor(0, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.canvas, 1)
        self.chart: ThemeEvidenceChart | None = None

    def show_chart(self, chart: ThemeEvidenceChart | None, label: str = "") -> None:
        self.chart = chart
        if chart is None or chart.view.empty:
            self.title.setText(f"{label or 'This theme'}: no record yet.")
            for curve in self.curves.values():
                curve.setData([], [])
            return
        name = label or chart.label
        trade = f" ({chart.label})" if chart.label and chart.label != name else ""
        self.title.setText(
            f"{name}{trade}: growth of the trade, the month-end view, and how well the view has "
            "ranked the next month's trade return (rolling 3-year IC)"
        )
        for key, curve in self.curves.items():
            series = getattr(chart, key)
            curve.setData(epoch_seconds(series.index), np.asarray(series, dtype=float),
                          connect="finite")  # fmt: skip
        self.plots["trade_growth"].enableAutoRange()
