"""One pyqtgraph plot over time that renders any `TimeChartSpec` (scores, ratios, breakouts).

Every plot item is created once in `__init__`; `show_spec` only calls `setData`, shows or hides
items and refills the legend. Dates go to a `DateAxisItem` as epoch seconds; clip-to-view and
peak downsampling keep 20-year daily histories fast while zooming. The mouse wheel zooms time,
dragging pans, the y axis follows the visible data (score charts stay at [-1, 1]); the
crosshair's readout names the date and each visible series' value there; clicking a legend
entry hides or shows its series. The presets (1Y, 3Y, 10Y, All) set the visible range and stay
chosen from one chart to the next. `set_cursor` draws the time machine's as-of day as a
vertical line: the presets' ranges then end on it, and the readout shows the values of that day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.advice.charts.chart_data import TimeChartSpec, epoch_seconds, split_at_zero
from desktop.qt.widgets.palette import Theme, pyqtgraph_defaults, system_theme

HINT = "Point at the chart to read values. Wheel: zoom time. Drag: pan. Legend click: hide/show."
MAX_LINES = 3
MAX_LEVELS = 2
_LINE_COLOURS = ("#2f6fdf", "#e08a1e", "#9b59b6")  # blue, orange, purple: light and dark
PRESETS = {"1Y": 1.0, "3Y": 3.0, "10Y": 10.0, "All": None}  # label: years shown (None: all)
_YEAR_S = 365.25 * 86400.0


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
        self.presets = QButtonGroup(self)
        self.preset = "All"
        self.cursor_day: pd.Timestamp | None = None
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
        self._lay_out()
        self.spec: TimeChartSpec | None = None
        self._xs: list[np.ndarray] = []
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.presets.idClicked.connect(self._on_presets_id_clicked)

    def _lay_out(self) -> None:
        above = QHBoxLayout()
        above.addWidget(self.readout, 1)
        for index, label in enumerate(PRESETS):
            years = PRESETS[label]
            button = QPushButton(label, checkable=True, checked=label == self.preset)
            button.setAccessibleName(f"Show {label}")
            button.setToolTip(
                "Show the whole history" if years is None else
                f"Show {years:g} year{'s' * (years > 1)} up to the last date "
                "(up to the as-of day in the time machine)"
            )  # fmt: skip
            self.presets.addButton(button, index)
            above.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(above)
        layout.addWidget(self.plot)

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
        # The plot's own colours (the application's palette), so the label reads in either mode.
        ink, backdrop = (
            pg.getConfigOption("foreground"),
            pg.mkColor(pg.getConfigOption("background")),
        )
        backdrop.setAlpha(225)  # the label stays readable over the lines it crosses
        self.cursor = pg.InfiniteLine(
            angle=90,
            pen=pg.mkPen(ink, width=1.5, style=Qt.PenStyle.DashLine),
            label="as of",
            labelOpts={
                "position": 0.96,
                "color": ink,
                "fill": backdrop,
                "anchors": [(1, 0), (1, 0)],
            },
        )
        self.cursor.setZValue(50)
        self.cursor.setToolTip("The time machine's as-of day (the Latest button leaves it)")
        for line in (*self.levels, self.crosshair_x, self.crosshair_y, self.cursor):
            item.addItem(line, ignoreBounds=True)
            line.hide()

    def show_spec(self, spec: TimeChartSpec) -> None:
        """Draw `spec`: its lines, zones and levels; an empty chart shows `spec.missing`."""
        self.spec = spec
        self.title.setText(spec.title)
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
        self._show_cursor()

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
        colour = _LINE_COLOURS[index % len(_LINE_COLOURS)]
        return pg.mkPen(colour, width=1.2 if role == "reference" else 1.6)

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
        self._show_preset()

    def set_cursor(self, day: str) -> None:
        """Draw the as-of day (YYYY-MM-DD) on the chart; "" removes it (the data's last day)."""
        self.cursor_day = pd.Timestamp(day) if day else None
        self._show_cursor()
        self._show_preset()

    def show_preset(self, label: str) -> None:
        """Show the range of preset `label` (a key of PRESETS) on this and the next charts."""
        self.preset = label
        self.presets.button(list(PRESETS).index(label)).setChecked(True)
        self._show_preset()

    def _show_cursor(self) -> None:
        day = self.cursor_day
        self.cursor.setVisible(day is not None)
        if day is None:
            self.readout.setText(HINT)
            return
        x = float(epoch_seconds([day])[0])
        self.cursor.setValue(x)
        self.cursor.label.setFormat(f"as of {day:%Y-%m-%d}")
        self.readout.setText(f"As of {self.readout_at(x)}" if self._xs else HINT)

    def _show_preset(self) -> None:
        """The preset's years up to the as-of day (else the last date); All: everything."""
        years = PRESETS[self.preset]
        if not self._xs or not len(self._xs[0]):
            return
        view = self.plot.getPlotItem().getViewBox()
        first, last = self._xs[0][0], self._xs[0][-1]
        end = last if self.cursor_day is None else float(epoch_seconds([self.cursor_day])[0])
        if years is None or end <= first:
            view.setXRange(first, last, padding=0.02)
            view.enableAutoRange(x=True)  # and follow the data from here
            return
        view.setXRange(max(first, end - years * _YEAR_S), end, padding=0.02)

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

    def _on_presets_id_clicked(self, index: int) -> None:
        self.show_preset(list(PRESETS)[index])

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
