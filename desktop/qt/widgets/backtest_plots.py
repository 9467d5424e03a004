"""The Backtest tab's charts: growth of 1 (log), drawdowns, rolling 3-year active return, weights
over time and contribution by theme, for every run shown (as written and calibrated side by side).

Each chart is a page of its own, created once; showing runs only calls `setData`. Lines compare
the runs on one plot (each run's advisor, then the model and equal weight of the first run);
weights and contributions get one plot per run, side by side (the first MAX_SIDE runs). Dates go
to a `DateAxisItem` as epoch seconds; clip-to-view and peak downsampling keep daily histories
fast.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabBar, QVBoxLayout, QWidget

from desktop.advice.backtest.run import BacktestRun
from desktop.advice.charts.chart_data import epoch_seconds
from desktop.qt.widgets.backtest_stats import run_title
from desktop.qt.widgets.palette import pyqtgraph_defaults

CHARTS = (
    ("growth", "Growth", "Growth of 1 (log scale)"),
    ("drawdowns", "Drawdowns", "Drawdown from the running peak, %"),
    ("rolling", "Rolling active", "Rolling 3-year active return against the model, %/yr"),
    ("weights", "Weights", "The advisor's target weights over time, % (stacked)"),
    ("contributions", "By theme", "Active return by theme, cumulative %, before costs"),
)
MAX_RUNS = 4
MAX_SIDE = 2
RUN_COLOURS = ("#2f6fdf", "#e08a1e", "#8e44ad", "#16a085")
MODEL_COLOUR, EQUAL_COLOUR = "#7f8c8d", "#b0a17a"


def _plot(layout: pg.GraphicsLayoutWidget, col: int = 0) -> pg.PlotItem:
    plot = layout.addPlot(row=0, col=col, axisItems={"bottom": pg.DateAxisItem("bottom")})
    plot.setClipToView(True)
    plot.setDownsampling(auto=True, mode="peak")
    plot.showGrid(x=True, y=True, alpha=0.15)
    plot.getAxis("left").enableAutoSIPrefix(False)
    return plot


class _LinePage(pg.GraphicsLayoutWidget):
    """One plot: a line per run's advisor, then the model and equal weight."""

    def __init__(self, log_y: bool = False) -> None:
        super().__init__()
        self.plot = _plot(self)
        self.plot.setLogMode(y=log_y)
        self.legend = self.plot.addLegend(offset=(10, 10))
        self.lines = [self.plot.plot() for _ in range(MAX_RUNS + 2)]

    def show_lines(self, lines: Sequence[tuple[str, pd.Series, str]]) -> None:
        """(label, series, colour) per line, up to MAX_RUNS + 2."""
        self.legend.clear()
        for i, curve in enumerate(self.lines):
            if i < len(lines):
                label, series, colour = lines[i]
                series = _dated(series)
                curve.setData(
                    epoch_seconds(series.index), series.to_numpy(dtype=float), connect="finite"
                )
                curve.setPen(pg.mkPen(colour, width=1.6 if i < len(lines) - 2 else 1.2))
                curve.show()
                self.legend.addItem(curve, label)
            else:
                curve.setData([], [])
                curve.hide()
        self.plot.enableAutoRange()


class _SidePage(pg.GraphicsLayoutWidget):
    """A plot per run, side by side, with one series per column of a frame."""

    def __init__(self, stacked: bool) -> None:
        super().__init__()
        self.stacked = stacked
        self.plots = [_plot(self, col) for col in range(MAX_SIDE)]
        # one legend below the plots: over a stacked area it would hide the weights
        self.legend = pg.LegendItem(colCount=9, labelTextSize="8pt")
        self.addItem(self.legend, row=1, col=0, colspan=MAX_SIDE)
        self.items: list[list[pg.PlotDataItem]] = [[] for _ in range(MAX_SIDE)]
        self.columns: list[tuple[str, ...]] = [() for _ in range(MAX_SIDE)]

    def show_frames(self, frames: Sequence[tuple[str, pd.DataFrame]]) -> None:
        for k, plot in enumerate(self.plots):
            title, frame = frames[k] if k < len(frames) else ("", pd.DataFrame())
            plot.setVisible(k < len(frames))
            plot.setTitle(title)
            self._show_frame(k, frame)
            plot.enableAutoRange()

    def _show_frame(self, k: int, frame: pd.DataFrame) -> None:
        columns = tuple(str(c) for c in frame.columns)
        if columns != self.columns[k]:  # a new set of assets or themes: new items, once
            for item in self.items[k]:
                self.plots[k].removeItem(item)
            self.items[k] = self._new_items(k, columns)
            self.columns[k] = columns
            if k == 0:
                self.legend.clear()
                for item, name in zip(self.items[0], columns, strict=True):
                    self.legend.addItem(item, name.replace("_", " "))
        if frame.empty:
            return
        x = epoch_seconds(frame.index)
        values = frame.to_numpy(dtype=float)
        ys = np.nancumsum(values, axis=1) if self.stacked else values
        for j, item in enumerate(self.items[k]):
            item.setData(x, ys[:, j], connect="finite")

    def _new_items(self, k: int, columns: tuple[str, ...]) -> list[pg.PlotDataItem]:
        n, items = len(columns), [None] * len(columns)
        order = range(n - 1, -1, -1) if self.stacked else range(n)  # stacked: smaller on top
        for j in order:
            colour = pg.intColor(j, hues=max(n, 1), values=1, maxValue=230, maxHue=300)
            if self.stacked:
                brush = pg.mkBrush(colour)
                item = self.plots[k].plot(
                    pen=pg.mkPen(colour, width=0.5), fillLevel=0.0, brush=brush
                )
            else:
                item = self.plots[k].plot(pen=pg.mkPen(colour, width=1.5))
            items[j] = item
        return items  # type: ignore[return-value]


class BacktestPlots(QWidget):
    """A list of the charts and the chart picked; `show_runs` updates them all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pyqtgraph_defaults()
        self.picker = QTabBar(accessibleName="Backtest charts")
        for _, name, title in CHARTS:
            self.picker.setTabToolTip(self.picker.addTab(name), title)
        self.title = QLabel(wordWrap=True)
        self.title.setStyleSheet("font-weight: 600;")
        self.message = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.pages = {
            "growth": _LinePage(log_y=True),
            "drawdowns": _LinePage(),
            "rolling": _LinePage(),
            "weights": _SidePage(stacked=True),
            "contributions": _SidePage(stacked=False),
        }
        self.stack = QStackedWidget()
        for key, _, _ in CHARTS:
            self.stack.addWidget(self.pages[key])
        column = QVBoxLayout(self)
        for widget in (self.picker, self.title, self.message):
            column.addWidget(widget)
        column.addWidget(self.stack, 1)
        self.runs: tuple[BacktestRun, ...] = ()
        self.picker.currentChanged.connect(self._on_picker_current_changed)
        self._on_picker_current_changed(0)

    def show_runs(self, runs: Sequence[BacktestRun]) -> None:
        self.runs = tuple(runs)[:MAX_RUNS]
        charts = [(run_title(run), run.charts()) for run in self.runs]
        if not charts:
            return
        first = charts[0][1]
        for key in ("growth", "drawdowns"):
            lines = [
                (t, getattr(c, key)["advisor"], RUN_COLOURS[i]) for i, (t, c) in enumerate(charts)
            ]
            lines += [
                ("Model", getattr(first, key)["model"], MODEL_COLOUR),
                ("Equal weight", getattr(first, key)["equal_weight"], EQUAL_COLOUR),
            ]
            self.pages[key].show_lines(lines)
        rolling = [
            (t, c.rolling_active["advisor"], RUN_COLOURS[i]) for i, (t, c) in enumerate(charts)
        ]
        rolling.append(("Equal weight", first.rolling_active["equal_weight"], EQUAL_COLOUR))
        self.pages["rolling"].show_lines(rolling)
        self.pages["weights"].show_frames([(t, c.weights) for t, c in charts[:MAX_SIDE]])
        self.pages["contributions"].show_frames(
            [(t, c.contributions) for t, c in charts[:MAX_SIDE]]
        )
        self._on_picker_current_changed(self.picker.currentIndex())

    def current_key(self) -> str:
        return CHARTS[max(0, self.picker.currentIndex())][0]

    def _on_picker_current_changed(self, index: int) -> None:
        key, _, title = CHARTS[max(0, index)]
        self.stack.setCurrentWidget(self.pages[key])
        self.title.setText(title)
        self.message.setText(_message(key, self.runs))
        self.message.setVisible(bool(self.message.text()))


def _dated(series: pd.Series) -> pd.Series:
    """`series` indexed by dates (monthly figures: the month's last day)."""
    if isinstance(series.index, pd.PeriodIndex):
        return series.set_axis(series.index.to_timestamp(how="end").normalize())
    return series


def _message(key: str, runs: Sequence[BacktestRun]) -> str:
    if not runs:
        return "Run a backtest to draw its charts."
    if key == "contributions" and any(run.contributions is None for run in runs[:MAX_SIDE]):
        return "A saved run keeps its values and weights, not its contributions: run it again."
    if key in ("weights", "contributions") and len(runs) > MAX_SIDE:
        return f"The first {MAX_SIDE} runs, side by side."
    return ""
