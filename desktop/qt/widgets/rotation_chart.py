"""The RRG-style rotation chart: sectors' RS-ratio vs RS-momentum, with tails and a time slider.

The book brings the rotation data for each benchmark (SPY, RSP, …) weekly and daily; the two
boxes pick one, and the slider keeps its day when they change. One tail item (line + dots, the
last dot larger) and one name label per ticker, created the first time the ticker appears and
updated with `setData` afterwards. Names are placed so that none covers another, a dot, the
legend or a quadrant's name (`label_layout`), with a thin leader line when one had to move;
they are placed again when the view is panned, zoomed or resized. Clicking a point emits
`asset_clicked` (the Charts tab opens that asset's price chart); clicking a ticker in the legend
hides its tail and label. The axes stay centred on 100 so the quadrants keep their places while
the slider moves; the formula is printed under the chart. `set_as_of` moves the slider to the
time machine's day.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.charts.rotation_data import (
    FREQUENCIES,
    LABEL,
    RotationData,
    formula,
    period_label,
    position_on_or_before,
    quadrant,
)
from desktop.qt.widgets.label_layout import Box, place_labels
from desktop.qt.widgets.palette import Theme, pyqtgraph_defaults, system_theme

QUADRANTS = {  # name: (x side, y side, colour); mid-tones that read on light and dark
    "Leading": (1, 1, "#1a9850"),
    "Weakening": (1, -1, "#c08a00"),
    "Lagging": (-1, -1, "#d73027"),
    "Improving": (-1, 1, "#2f6fdf"),
}
AS_OF_MARK = " · as-of day"
_FAR = 1e4  # quadrant tints extend far beyond any RS value, so panning never shows an edge


class RotationChart(QWidget):
    """Tails of the last `tail_weeks` periods ending at the slider's period."""

    asset_clicked = Signal(str)  # the ticker of a point clicked

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or system_theme()
        self.rotations: dict[tuple[str, str], RotationData] = {}
        self.data: RotationData | None = None
        self.as_of = ""
        self.tails: dict[str, pg.PlotDataItem] = {}
        self.names: dict[str, pg.TextItem] = {}
        self.title = QLabel(wordWrap=True)
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self._make_plot()
        self._make_controls()
        self._lay_out()
        self._connect()

    def _make_plot(self) -> None:
        pyqtgraph_defaults()
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("Rotation chart")
        self.plot.setToolTip("Click a point to open that asset's price chart")
        item = self.plot.getPlotItem()
        item.setLabel("left", "RS-momentum")
        item.setMouseEnabled(x=True, y=True)
        self.legend = item.addLegend(offset=(10, 5), colCount=7)
        self._create_quadrants(item)
        self.leaders = item.plot(pen=pg.mkPen(self._theme.muted, width=1), connect="pairs")

    def _make_controls(self) -> None:
        self.benchmark = QComboBox(accessibleName="Benchmark")
        self.benchmark.setToolTip("What each sector's relative strength is measured against")
        self.frequency = QComboBox(accessibleName="Closes")
        self.frequency.addItems([f.capitalize() for f in FREQUENCIES])
        self.frequency.setToolTip("Weekly closes (the classic RRG) or daily closes (shorter term)")
        self.week = QSlider(Qt.Orientation.Horizontal, accessibleName="Period")
        self.week.setToolTip("Move through time: the tails end at this week (or day)")
        self.week_label = QLabel(" ", accessibleName="Period shown")
        self.week_label.setMinimumWidth(
            self.week_label.fontMetrics().horizontalAdvance("week to Wed 2026-08-03" + AS_OF_MARK)
        )
        self.tail_weeks = QSpinBox(minimum=1, maximum=52, value=8, suffix=" weeks")
        self.tail_weeks.setAccessibleName("Tail length")
        self.tail_weeks.setToolTip("How many periods of history each tail shows")
        self.summary = QLabel(" ", wordWrap=True, accessibleName="Quadrant summary")
        self.formula = QLabel(wordWrap=True)
        self.formula.setStyleSheet(f"color: {self._theme.muted};")

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        for label, widget in (("Benchmark:", self.benchmark), ("Closes:", self.frequency)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addSpacing(12)
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
        layout.addWidget(self.formula)

    def _connect(self) -> None:
        self.week.valueChanged.connect(self._on_week_value_changed)
        self.tail_weeks.valueChanged.connect(self._on_week_value_changed)
        self.benchmark.currentIndexChanged.connect(self._on_choice_changed)
        self.frequency.currentIndexChanged.connect(self._on_choice_changed)
        view = self.plot.getPlotItem().getViewBox()
        view.sigRangeChanged.connect(self._place_names)
        view.sigResized.connect(self._place_names)

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

    def set_data(self, rotations: Sequence[RotationData]) -> None:
        """Show the book's rotation data; the benchmark and closes chosen stay chosen, and the
        slider goes to the as-of day (the latest period when there is none)."""
        self.rotations = {(r.benchmark, r.frequency): r for r in rotations}
        benchmarks = list(dict.fromkeys(r.benchmark for r in rotations))
        chosen = self.benchmark.currentText()
        self.benchmark.blockSignals(True)
        self.benchmark.clear()
        self.benchmark.addItems(benchmarks)
        self.benchmark.setCurrentText(chosen if chosen in benchmarks else benchmarks[0])
        self.benchmark.blockSignals(False)
        self._show_current(self.as_of)

    def set_as_of(self, day: str) -> None:
        """Move the slider to the period of `day` (YYYY-MM-DD); "" moves it to the latest."""
        self.as_of = day
        if self.data is not None and len(self.data.dates):
            self.week.setValue(self._position(day))
            self.refresh()

    def _position(self, day: str) -> int:
        if not day:
            return self.week.maximum()
        at = position_on_or_before(self.data, day) if self.data is not None else None
        return 0 if at is None else at

    def _show_current(self, day: str) -> None:
        """Draw the data of the chosen benchmark and closes, the slider on `day`."""
        benchmark = self.benchmark.currentText()
        frequency = FREQUENCIES[self.frequency.currentIndex()]
        data = self.data = self.rotations.get((benchmark, frequency))
        if data is None:
            return
        unit = "week" if frequency == "weekly" else "day"
        self.title.setText(f"{LABEL}: sectors vs {benchmark}, {frequency} closes")
        self.plot.getPlotItem().setLabel("bottom", f"RS-ratio (100 = in line with {benchmark})")
        self.formula.setText(formula(benchmark, frequency))
        self.tail_weeks.setSuffix(f" {unit}s")
        self.legend.clear()
        for colour_index, ticker in enumerate(data.tickers):
            self._ensure_ticker(ticker, colour_index, len(data.tickers))
            self.legend.addItem(self.tails[ticker], ticker)
        for ticker in set(self.tails) - set(data.tickers):
            self.tails[ticker].hide()
            self.names[ticker].hide()
        self.week.blockSignals(True)
        self.week.setRange(0, max(0, len(data.dates) - 1))
        self.week.setValue(self._position(day))
        self.week.blockSignals(False)
        self.week.setEnabled(len(data.dates) > 0)
        self.refresh()

    def _ensure_ticker(self, ticker: str, index: int, count: int) -> None:
        dark = pg.mkColor(pg.getConfigOption("background")).lightness() < 128
        tone = {"maxValue": 255, "sat": 150} if dark else {"maxValue": 200}  # pastel on dark
        colour = pg.intColor(index, hues=max(count, 1), values=1, **tone)
        if ticker not in self.tails:
            tail = self.plot.getPlotItem().plot(symbol="o")
            tail.scatter.opts.update(hoverable=True, tip=_tip_for(ticker))
            tail.sigPointsClicked.connect(lambda *_, t=ticker: self.asset_clicked.emit(t))
            backdrop = pg.mkColor(pg.getConfigOption("background"))  # the plot's, either mode
            backdrop.setAlpha(190)  # names stay readable over the tails they cross
            name = pg.TextItem(ticker, anchor=(0, 0), fill=backdrop)
            name.setZValue(20)
            self.plot.getPlotItem().addItem(name, ignoreBounds=True)
            tail.visibleChanged.connect(self._on_tail_visible_changed)
            self.tails[ticker], self.names[ticker] = tail, name
        tail = self.tails[ticker]
        tail.setPen(pg.mkPen(colour, width=1.8))
        tail.setSymbolBrush(colour)
        tail.setSymbolPen(colour)
        self.names[ticker].setColor(colour)
        tail.show()

    def refresh(self) -> None:
        """Redraw the tails for the slider's period and the tail length."""
        data = self.data
        if data is None or data.dates.empty:
            self.week_label.setText("no data")
            benchmark = self.benchmark.currentText() or "the benchmark"
            self.summary.setText(f"No sector prices with {benchmark}: import them in the Data tab.")
            return
        end, length = self.week.value(), self.tail_weeks.value()
        at_as_of = bool(self.as_of) and end == self._position(self.as_of)
        self.week_label.setText(period_label(data, end) + (AS_OF_MARK if at_as_of else ""))
        heads: dict[str, tuple[float, float]] = {}
        for ticker in data.tickers:
            x, y = data.tail(ticker, end, length)
            self.tails[ticker].setData(x, y, symbolSize=_sizes(len(x)))
            now = (data.ratio[ticker].iloc[end], data.momentum[ticker].iloc[end])
            if np.isfinite(now).all():
                heads[ticker] = now
        self._fit([self.tails[t] for t in data.tickers])
        self._place_names()
        self.summary.setText(_summary(heads))

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

    def _place_names(self, *_args) -> None:
        """Put each visible tail's name beside its head, none covering another (module doc)."""
        shown = [t for t, tail in self.tails.items() if tail.isVisible() and tail.xData is not None]
        shown = [t for t in shown if len(self.tails[t].xData)]
        for ticker in set(self.tails) - set(shown):
            self.names[ticker].hide()
        view = self.plot.getPlotItem().getViewBox()
        heads = [view.mapViewToScene(QPointF(*self._head(t))) for t in shown]
        sizes = [self.names[t].textItem.boundingRect().size() for t in shown]
        fixed = [self.legend, *self.quadrant_labels.values()]
        boxes = place_labels(
            [(p.x(), p.y()) for p in heads],
            [(s.width(), s.height()) for s in sizes],
            obstacles=[_box(item.sceneBoundingRect()) for item in fixed],
        )
        leaders: list[QPointF] = []
        for ticker, head, box in zip(shown, heads, boxes, strict=True):
            self.names[ticker].setPos(view.mapSceneToView(QPointF(box.left, box.top)))
            self.names[ticker].show()
            if not box.top <= head.y() <= box.top + box.height:  # moved: draw a leader
                edge = box.left if box.left > head.x() else box.left + box.width
                near = min(max(head.y(), box.top), box.top + box.height)
                leaders += [head, QPointF(edge, near)]
        ends = [view.mapSceneToView(p) for p in leaders]
        self.leaders.setData([p.x() for p in ends], [p.y() for p in ends])

    def _head(self, ticker: str) -> tuple[float, float]:
        tail = self.tails[ticker]
        return float(tail.xData[-1]), float(tail.yData[-1])

    def _on_tail_visible_changed(self) -> None:
        self._place_names()

    def _on_week_value_changed(self, _value: int) -> None:
        self.refresh()

    def _on_choice_changed(self, _index: int) -> None:
        data = self.data
        day = (
            "" if data is None or data.dates.empty else f"{data.dates[self.week.value()]:%Y-%m-%d}"
        )
        at_latest = data is None or self.week.value() == self.week.maximum()
        self._show_current("" if at_latest else day)


def _box(rect: QRectF) -> Box:
    return Box(rect.left(), rect.top(), rect.width(), rect.height())


def _sizes(count: int) -> np.ndarray:
    """Dot sizes of a tail: small, the head (last) larger."""
    sizes = np.full(count, 4.0)
    if count:
        sizes[-1] = 11.0
    return sizes


def _tip_for(ticker: str):
    def tip(x: float, y: float, data: object) -> str:
        return f"{ticker}: RS-ratio {x:.1f}, RS-momentum {y:.1f}. Click: its price chart"

    return tip


def _summary(heads: dict[str, tuple[float, float]]) -> str:
    """'Leading: XLE, XLI   Weakening: …' for the tickers' latest points."""
    groups: dict[str, list[str]] = {name: [] for name in QUADRANTS}
    for ticker, (x, y) in heads.items():
        groups[quadrant(x, y)].append(ticker)
    return "   ".join(f"{name}: {', '.join(t) or '–'}" for name, t in groups.items())
