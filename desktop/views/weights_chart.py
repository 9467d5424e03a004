"""Model versus suggested weights as horizontal bars, one pair per held asset."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from desktop.model import Row
from desktop.views.palette import Theme


class WeightsChart(pg.PlotWidget):
    """Horizontal bars per ticker, in the table's order from the top: model weight (grey) and
    suggested weight (accent), in percent. Horizontal so sixteen ticker labels stay readable in
    a narrow pane."""

    BAR = 0.38  # bar thickness, in rows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Model versus suggested weights chart")
        self.setToolTip("Model weight (grey) and suggested weight (blue) per asset, percent")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=True, alpha=0.25)
        self.setLabel("bottom", "Weight", units="%")
        self.getPlotItem().invertY(True)
        self.model_bars = pg.BarGraphItem(x0=[], y=[], width=[], height=self.BAR)
        self.suggested_bars = pg.BarGraphItem(x0=[], y=[], width=[], height=self.BAR)
        self.addItem(self.model_bars)
        self.addItem(self.suggested_bars)
        self._tickers: tuple[str, ...] = ()
        self._theme: Theme | None = None

    def render(self, rows: tuple[Row, ...], theme: Theme) -> None:
        if theme is not self._theme:
            self._theme = theme
            self.setBackground(theme.base)
            for name in ("left", "bottom"):
                axis = self.getAxis(name)
                axis.setPen(theme.muted)
                axis.setTextPen(theme.text)
        ys = list(range(len(rows)))
        zeros = [0.0] * len(rows)
        self.model_bars.setOpts(
            x0=zeros, y=[y - 0.2 for y in ys], width=[r.model_pct for r in rows],
            brush=theme.model_bar, pen=pg.mkPen(None),
        )  # fmt: skip
        self.suggested_bars.setOpts(
            x0=zeros, y=[y + 0.2 for y in ys], width=[r.suggested_pct for r in rows],
            brush=theme.suggested_bar, pen=pg.mkPen(None),
        )  # fmt: skip
        self.setTitle(
            f"<span style='color:{theme.model_bar}'>■</span> Model &nbsp; "
            f"<span style='color:{theme.suggested_bar}'>■</span> Suggested",
            size="9pt",
        )
        tickers = tuple(r.ticker for r in rows)
        if tickers != self._tickers:
            self._tickers = tickers
            self.getAxis("left").setTicks([list(enumerate(tickers))])
            self.setYRange(-0.6, len(rows) - 0.4, padding=0)
        top = max([r.suggested_pct for r in rows] + [r.model_pct for r in rows] + [1.0])
        self.setXRange(0, top * 1.08, padding=0)
