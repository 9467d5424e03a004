"""A theme's view slider: the user's view on the handle, the signals' view as a marker."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider, QWidget

from desktop.qt.widgets.palette import LIGHT, Theme


class ViewSlider(QSlider):
    """A horizontal -100..100 slider that also draws the signals' view as a marker.

    The groove is not filled from the left (a view is signed, so a fill from -1 would mislead);
    a tick marks 0, and a triangle under the groove marks where the signals put the view.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setRange(-100, 100)
        self.setPageStep(10)
        self.setMinimumHeight(34)
        self.signal_position = 0
        self.marker_colour = QColor(LIGHT.highlight)

    def set_signal_position(self, position: int) -> None:
        if position != self.signal_position:
            self.signal_position = position
            self.update()

    def set_colours(self, theme: Theme) -> None:
        if theme is getattr(self, "_theme", None):
            return
        self._theme = theme
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.Highlight, QColor(theme.alternate if theme.dark else "#d9dde3")
        )
        self.setPalette(palette)
        self.marker_colour = QColor(theme.highlight)
        self._tick_colour = QColor(theme.muted)

    def paintEvent(self, event) -> None:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        span = groove.width() - handle.width()

        def x_of(value: int) -> float:
            offset = QStyle.sliderPositionFromValue(self.minimum(), self.maximum(), value, span)
            return groove.left() + handle.width() / 2 + offset

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(getattr(self, "_tick_colour", QColor("#888888")))
        centre = x_of(0)
        painter.drawLine(QPointF(centre, groove.top() - 4), QPointF(centre, groove.bottom() + 4))
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.marker_colour)
        x, top = x_of(self.signal_position), handle.bottom() + 1.0
        painter.drawPolygon(
            QPolygonF([QPointF(x, top), QPointF(x - 5, top + 7), QPointF(x + 5, top + 7)])
        )
