"""Model versus suggested weights as horizontal bars, one pair per held asset.

Painted with QPainter, like the dashboard's sparklines, rather than with pyqtgraph: a bar chart
that never zooms or pans needs none of pyqtgraph's machinery, repaints in a fraction of a
millisecond on every slider move, and keeps pyqtgraph (about 0.2 s to import) off the way to
the window's first paint; the Charts tab loads it when it is first opened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.advice.state import Row
from desktop.qt.widgets.palette import LIGHT, Theme

BAR = 0.38  # each bar's thickness, as a fraction of a row
GAP = 6  # pixels between the chart's parts
STEPS = (1.0, 2.0, 2.5, 5.0)  # tick steps, times a power of ten


def tick_step(top: float, max_ticks: int) -> float:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) that puts at most
    `max_ticks` ticks beyond 0 on an axis from 0 to `top` (> 0)."""
    rough = top / max(1, max_ticks)
    power = 10.0 ** math.floor(math.log10(rough))
    return next((s * power for s in STEPS if s * power >= rough), 10.0 * power)


def tooltip_text(row: Row) -> str:
    return (
        f"{row.ticker} ({row.name}): model {row.model_pct:.2f} %, suggested "
        f"{row.suggested_pct:.2f} % ({row.active_pts:+.2f} pts)"
    )


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where things go, in pixels: the plot area, the x scale (pixels per percent), row height."""

    plot: QRectF
    scale: float
    row_height: float
    step: float


class WeightsChart(QWidget):
    """Per ticker, in the table's order from the top: model weight (grey) and suggested weight
    (accent) in percent, with the values in a tooltip. Horizontal so sixteen ticker labels stay
    readable in a narrow pane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[Row, ...] = ()
        self._theme = LIGHT
        self.setAccessibleName("Model versus suggested weights chart")
        self.setToolTip("Model weight (grey) and suggested weight (blue) per asset, percent")
        self.setMinimumSize(180, 160)
        self.setMouseTracking(True)

    def render(self, rows: tuple[Row, ...], theme: Theme) -> None:
        if (rows, theme) == (self.rows, self._theme):
            return
        self.rows, self._theme = rows, theme
        self.setAccessibleDescription(
            "; ".join(
                f"{r.ticker} model {r.model_pct:.1f}, suggested {r.suggested_pct:.1f}" for r in rows
            )
        )
        self.update()

    def row_at(self, y: float) -> Row | None:
        """The asset whose bars are at height `y` (widget pixels), if any."""
        layout = self._layout()
        index = math.floor((y - layout.plot.top()) / layout.row_height) if self.rows else -1
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.rows:  # a QHelpEvent
            row = self.row_at(event.pos().y())
            if row is not None:
                QToolTip.showText(event.globalPos(), tooltip_text(row), self)
                return True
        return super().event(event)

    def paintEvent(self, event) -> None:
        theme, layout = self._theme, self._layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.base))
        self._paint_legend(painter)
        self._paint_axis(painter, layout)
        plot, row_height = layout.plot, layout.row_height
        painter.setPen(Qt.PenStyle.NoPen)
        thickness = BAR * row_height
        for i, row in enumerate(self.rows):
            centre = plot.top() + (i + 0.5) * row_height
            for value, colour, offset in (
                (row.model_pct, theme.model_bar, -0.2),
                (row.suggested_pct, theme.suggested_bar, 0.2),
            ):
                top = centre + offset * row_height - thickness / 2
                width = max(0.0, value) * layout.scale
                painter.setBrush(QColor(colour))
                painter.drawRect(QRectF(plot.left(), top, width, thickness))
        painter.setPen(QColor(theme.text))
        for i, row in enumerate(self.rows):
            label = QRectF(0, plot.top() + i * row_height, plot.left() - GAP, row_height)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, row.ticker
            )

    def _paint_legend(self, painter: QPainter) -> None:
        metrics, theme = self.fontMetrics(), self._theme
        x, height = float(GAP), metrics.height()
        for text, colour in (("Model", theme.model_bar), ("Suggested", theme.suggested_bar)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRect(QRectF(x, GAP + height * 0.2, height * 0.6, height * 0.6))
            x += height * 0.6 + 4
            painter.setPen(QColor(theme.text))
            painter.drawText(QPointF(x, GAP + metrics.ascent()), text)
            x += metrics.horizontalAdvance(text) + 2 * GAP

    def _paint_axis(self, painter: QPainter, layout: _Layout) -> None:
        metrics, theme, plot = self.fontMetrics(), self._theme, layout.plot
        grid = QColor(theme.muted)
        grid.setAlphaF(0.35)
        value = 0.0
        while value * layout.scale <= plot.width() + 0.5:
            x = plot.left() + value * layout.scale
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(QColor(theme.text))
            text = f"{value:g} %"
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x - width / 2, plot.bottom() + GAP + metrics.ascent()), text)
            value += layout.step
        painter.setPen(QPen(QColor(theme.muted), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _layout(self) -> _Layout:
        metrics = self.fontMetrics()
        labels = max((metrics.horizontalAdvance(r.ticker) for r in self.rows), default=0)
        top_pad = metrics.height() + 2 * GAP  # the legend
        bottom_pad = metrics.height() + 2 * GAP  # the tick labels
        right_pad = metrics.horizontalAdvance("100 %") / 2 + GAP
        plot = QRectF(
            labels + 2 * GAP,
            top_pad,
            max(1.0, self.width() - labels - 2 * GAP - right_pad),
            max(1.0, self.height() - top_pad - bottom_pad),
        )
        top = 1.08 * max(
            [1.0, *(r.model_pct for r in self.rows), *(r.suggested_pct for r in self.rows)]
        )
        max_ticks = max(1, int(plot.width() // (2.5 * metrics.horizontalAdvance("00 %"))))
        row_height = plot.height() / max(1, len(self.rows))
        return _Layout(plot, plot.width() / top, row_height, tick_step(top, max_ticks))
