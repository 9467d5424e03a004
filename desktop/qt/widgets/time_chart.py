"""One pyqtgraph plot over time that renders any `TimeChartSpec` (scores, ratios, breakouts).

Every plot item is created once in `__init__`; `show_spec` only calls `setData`, shows or hides
items and refills the legend. Dates go to a `DateAxisItem` as epoch seconds; clip-to-view and
peak downsampling keep 20-year daily histories fast while zooming. The mouse wheel zooms time,
dragging pans, the y axis follows the visible data (score charts stay at [-1, 1]); the
crosshair's readout names the date and each visible series' value there; clicking a legend
entry hides or shows its series.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.advice.chart_data import TimeChartSpec, epoch_seconds, split_at_zero
from desktop.qt.widgets.palette import Theme, pyqtgraph_defaults, system_theme

HINT = "Point at the chart to read values. Wheel: zoom time. Drag: pan. Legend click: hide/show."
MAX_LINES = 3
MAX_LEVELS = 2
_LINE_COLOURS = ("#2f6fdf", "#e08a1e", "#8e44ad")


class TimeChart(QWidget):
    """A date-axis plot with zones, levels, crosshair readout and legend toggles."""

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or system_theme()
        self.title = QLabel(wordWrap=True)
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.message = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.readout = QLabel(HINT, accessibleName="Crosshair values")
        self.readout.setToolTip("Date and values under the mouse pointer")
        pyqtgraph_defaults()
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setAccessibleName("Time chart")
        self.plot.setToolTip("Wheel: zoom time. Drag: pan. 'A' button: show all.")
        item = self.plot.getPlotItem()
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        item.showGrid(x=True, y=True, alpha=0.15)
        item.getAxis("left").enableAutoSIPrefix(False)  # ratios read as 0.35, not 350 (x0.001)
        self.legend = item.addLegend(offset=(10, 10))
        self._create_items(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.message, self.readout, self.plot):
            layout.addWidget(widget)
        self.spec: TimeChartSpec | None = None
        self._xs: list[np.ndarray] = []
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)

    def _create_items(self, item: pg.PlotItem) -> None:
        positive, negative = pg.mkColor(self._theme.positive), pg.mkColor(self._theme.negative)
        positive.setAlpha(70)
        negative.setAlpha(70)
        self.above = item.plot(fillLevel=0.0, brush=positive, pen=None)
        self.below = item.plot(fillLevel=0.0, brush=negative, pen=None)
        self.zero = pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen(self._theme.muted, width=1))
        item.addItem(self.zero, ignoreBounds=True)
        self.lines = [item.plot() for _ in range(MAX_LINES)]
        self.levels = [
            pg.InfiniteLine(
                angle=0,
                pen=pg.mkPen(self._theme.warning, width=1.5, style=Qt.PenStyle.DashLine),
                label="{value:.2f}",
                labelOpts={"position": 0.05, "color": self._theme.text},
            )
            for _ in range(MAX_LEVELS)
        ]
        crosshair_pen = pg.mkPen(self._theme.muted, width=1, style=Qt.PenStyle.DotLine)
        self.crosshair_x = pg.InfiniteLine(angle=90, pen=crosshair_pen)
        self.crosshair_y = pg.InfiniteLine(angle=0, pen=crosshair_pen)
        for line in (*self.levels, self.crosshair_x, self.crosshair_y):
            item.addItem(line, ignoreBounds=True)
            line.hide()

    def show_spec(self, spec: TimeChartSpec) -> None:
        """Draw `spec`: its lines, zones and levels; an empty chart shows `spec.missing`."""
        self.spec = spec
        self.title.setText(spec.title)
        self.readout.setText(HINT)
        self.message.setText(spec.missing)
        self.message.setVisible(bool(spec.missing))
        self.legend.clear()
        self._xs = []
        for index, curve in enumerate(self.lines):
            self._show_line(index, curve, spec)
        self._show_zones(spec)
        for level_line, level in zip(self.levels, [*spec.levels, None, None], strict=False):
            level_line.setVisible(level is not None)
            if level is not None:
                level_line.setValue(level.value)
                level_line.label.setFormat(level.label)
        self.plot.getPlotItem().setLabel("left", spec.y_label)
        self._fit(spec)

    def _show_line(self, index: int, curve: pg.PlotDataItem, spec: TimeChartSpec) -> None:
        if index >= len(spec.lines):
            curve.setData([], [])
            curve.hide()
            return
        line = spec.lines[index]
        x = epoch_seconds(line.series.index)
        curve.setData(x, line.series.to_numpy(dtype=float), connect="finite")
        curve.setPen(self._pen(index, line.role))
        curve.show()
        self._xs.append(x)
        self.legend.addItem(curve, line.label)

    def _show_zones(self, spec: TimeChartSpec) -> None:
        for item in (self.above, self.below, self.zero):
            item.setVisible(spec.zones and bool(spec.lines))
        if spec.zones and spec.lines:
            above, below = split_at_zero(spec.lines[0].series)
            x = epoch_seconds(above.index)
            self.above.setData(x, above.to_numpy(dtype=float))
            self.below.setData(x, below.to_numpy(dtype=float))
            self.legend.addItem(self.above, "above 0 (favours)")
            self.legend.addItem(self.below, "below 0 (against)")
        else:
            self.above.setData([], [])
            self.below.setData([], [])

    def _pen(self, index: int, role: str) -> pg.QtGui.QPen:
        if role == "level":
            return pg.mkPen(self._theme.warning, width=1.5, style=Qt.PenStyle.DashLine)
        if role == "reference":
            return pg.mkPen(self._theme.muted, width=1.2)
        return pg.mkPen(_LINE_COLOURS[index % len(_LINE_COLOURS)], width=1.6)

    def _fit(self, spec: TimeChartSpec) -> None:
        view = self.plot.getPlotItem().getViewBox()
        if self._xs and len(self._xs[0]):
            view.setLimits(xMin=self._xs[0][0] - 86400 * 30, xMax=self._xs[0][-1] + 86400 * 30)
        if spec.y_range is not None:
            view.setMouseEnabled(x=True, y=False)
            view.enableAutoRange(x=True, y=False)
            view.setYRange(*spec.y_range, padding=0)
        else:
            view.setMouseEnabled(x=True, y=False)
            view.enableAutoRange(x=True, y=True)
            view.setAutoVisible(y=True)

    def readout_at(self, x: float) -> str:
        """Readout for date `x` (epoch seconds): the last date at or before it, then each
        visible line's value on that date."""
        if self.spec is None or not self._xs:
            return HINT
        parts = []
        for curve, xs, line in zip(self.lines, self._xs, self.spec.lines, strict=False):
            if not curve.isVisible() or not len(xs):
                continue
            i = int(np.clip(np.searchsorted(xs, x, side="right") - 1, 0, len(xs) - 1))
            value = line.series.iloc[i]
            if not parts:
                parts.append(line.series.index[i].strftime("%Y-%m-%d"))
            parts.append(f"{line.label} {value:.4g}" if np.isfinite(value) else f"{line.label} –")
        return "   ".join(parts) or HINT

    def _on_scene_mouse_moved(self, position: QPointF) -> None:
        view = self.plot.getPlotItem().getViewBox()
        if not self._xs or not view.sceneBoundingRect().contains(position):
            self.crosshair_x.hide()
            self.crosshair_y.hide()
            return
        point = view.mapSceneToView(position)
        self.crosshair_x.setValue(point.x())
        self.crosshair_y.setValue(point.y())
        self.crosshair_x.show()
        self.crosshair_y.show()
        self.readout.setText(self.readout_at(point.x()))
