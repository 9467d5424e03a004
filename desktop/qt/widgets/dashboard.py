"""The signal dashboard: one card per reading, coloured by its score, with a sparkline.

Sparklines are painted with QPainter rather than a pyqtgraph PlotWidget per card: a card grid
of twenty PlotWidgets costs about 20 ms each to create, which would delay the first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.state import Card, signed
from desktop.qt.widgets.palette import LIGHT, Theme, readable_text, score_colour

CARD_WIDTH = 250  # minimum; cards share the row's width
SENTENCE_LINES = 8  # a longer sentence is cut; the tooltip holds all of it
RECORD_LINES = 3  # the signal's record (the evidence), under its sentence


class Sparkline(QWidget):
    """A score history in [-1, 1] as a line around a zero axis; oldest point on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: tuple[float, ...] = ()
        self._colour = QColor("#000000")
        self.setMinimumHeight(26)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, values: tuple[float, ...], colour: QColor) -> None:
        self._values, self._colour = values, colour
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(CARD_WIDTH - 20, 26)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 2, -1, -2)
        axis = QColor(self._colour)
        axis.setAlpha(90)
        painter.setPen(QPen(axis, 1, Qt.PenStyle.DotLine))
        painter.drawLine(
            QPointF(rect.left(), rect.center().y()), QPointF(rect.right(), rect.center().y())
        )
        if len(self._values) < 2:
            return
        step = rect.width() / (len(self._values) - 1)
        path = QPainterPath()
        for i, value in enumerate(self._values):
            point = QPointF(rect.left() + i * step, rect.center().y() - value * rect.height() / 2)
            path.lineTo(point) if i else path.moveTo(point)
        painter.setPen(QPen(self._colour, 1.4))
        painter.drawPath(path)


class WrappedLabel(QLabel):
    """Word-wrapped text as tall as it needs, up to `max_lines` lines; only text longer than
    that ends in an ellipsis (the card's tooltip and accessible description keep all of it).

    Wrapping is done here rather than by QLabel's word wrap, whose height-for-width a grid of
    cards in a scroll area does not follow when the window is resized."""

    def __init__(self, max_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max_lines, self._full = max_lines, ""
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._set_lines(1)

    def setText(self, text: str) -> None:
        self._full = text
        self._wrap()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._wrap()

    def _set_lines(self, count: int) -> None:
        height = self.fontMetrics().lineSpacing() * count + 2
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def _wrap(self) -> None:
        metrics, width = self.fontMetrics(), max(40, self.width())
        lines = _wrapped(self._full, metrics, width)
        if len(lines) > self._max_lines:
            rest = " ".join(lines[self._max_lines - 1 :])
            lines = [*lines[: self._max_lines - 1], rest]
        lines[-1:] = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
                      for line in lines[-1:]]  # fmt: skip
        self._set_lines(max(1, len(lines)))
        super().setText("\n".join(lines))


def _wrapped(text: str, metrics, width: int) -> list[str]:
    """`text` broken into lines no wider than `width` pixels, at spaces."""
    space = metrics.horizontalAdvance(" ")
    lines, current, used = [], "", 0
    for word in text.split():
        advance = metrics.horizontalAdvance(word)
        if current and used + space + advance > width:
            lines.append(current)
            current, used = word, advance
        else:
            current, used = (f"{current} {word}" if current else word), used + space + advance
    return [*lines, current] if current else lines


class SignalCard(QFrame):
    """One reading: subject, score, its sentence, a sparkline and a stale badge. Click: chart."""

    activated = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._shown: tuple[Card, Theme] | None = None
        self._background = self._border = self._focus = QColor(LIGHT.base)
        self.setObjectName("signalCard")
        self.setMinimumWidth(CARD_WIDTH)
        # Minimum: the cards of a row share its height (its longest sentence's).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.score = QLabel()
        self.score.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.badge = QLabel()
        self.badge.setObjectName("staleBadge")
        self.sentence = WrappedLabel(SENTENCE_LINES)
        self.record = WrappedLabel(RECORD_LINES)
        font = self.record.font()
        font.setItalic(True)
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.record.setFont(font)
        self.record.hide()
        self.sparkline = Sparkline()
        header = QHBoxLayout()
        header.addWidget(self.title, stretch=1)
        header.addWidget(self.badge)
        header.addWidget(self.score)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addWidget(self.sentence)
        layout.addWidget(self.record)
        layout.addWidget(self.sparkline)

    def render(self, card: Card, theme: Theme) -> None:
        if (card, theme) == self._shown:  # restyling is the slow part of a dashboard render
            return
        self._shown = (card, theme)
        self._background = score_colour(theme, 0.0 if card.stale else card.score)
        self._border, self._focus = QColor(theme.muted), QColor(theme.highlight)
        text = readable_text(self._background)
        for label in (self.title, self.score, self.sentence, self.record):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, text)
            label.setPalette(palette)
        if card.stale:
            self.badge.setStyleSheet(
                f"background: {theme.warning}; color: #000000; border-radius: 3px; padding: 0 4px;"
            )
        self.title.setText(f"<b>{card.title}</b>")
        self.score.setText(
            f"<span style='font-size:13pt; font-weight:600'>{signed(card.score)}</span>"
        )
        self.sentence.setText(card.sentence)
        self.record.setText(card.record)
        self.record.setVisible(bool(card.record))
        self.badge.setVisible(card.stale)
        self.badge.setText(_age_text(card.age_days))
        self.sparkline.set_values(card.history, text)
        as_of = card.as_of or "no data"
        tip = (
            f"{card.title}: score {signed(card.score)} (−1 to +1), as of {as_of}.\n{card.sentence}"
        )
        if card.subject:
            tip += f"\nA positive score favours {card.subject}."
        if card.record:
            tip += f"\nIts record: {card.record}"
        tip += "\nClick to open its chart."
        self.setToolTip(tip)
        stale = ", stale" if card.stale else ""
        self.setAccessibleName(f"{card.title} signal, score {signed(card.score)}{stale}")
        self.setAccessibleDescription(f"{card.sentence} {card.record}".strip())

    def paintEvent(self, event) -> None:
        """The card's background and border, painted directly: a style sheet per card would
        cost more than the rest of the dashboard's render put together."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focused = self.hasFocus()
        painter.setPen(QPen(self._focus if focused else self._border, 2 if focused else 1))
        painter.setBrush(self._background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activated.emit(self.name)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.name)
            return
        super().keyPressEvent(event)


class Dashboard(QScrollArea):
    """A grid of SignalCards, reflowed to the available width; reuses cards between renders."""

    card_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Signal dashboard")
        self._inner = QWidget()
        self._grid = QGridLayout(self._inner)
        self._grid.setSpacing(8)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._placeholder = QLabel("Computing signals…")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setAccessibleName("Signals are being computed")
        self._grid.addWidget(self._placeholder, 0, 0)
        self.setWidget(self._inner)
        self.cards: dict[str, SignalCard] = {}
        self._order: list[str] = []
        self._theme = LIGHT
        self._columns = 0

    def render(self, cards: tuple[Card, ...], theme: Theme, placeholder: str = "") -> None:
        """Show `cards`; with none, show `placeholder` (e.g. "Computing signals…")."""
        self._theme = theme
        self._placeholder.setVisible(not cards)
        self._placeholder.setText(placeholder or "No signals to show.")
        for card in cards:
            widget = self.cards.get(card.name)
            if widget is None:
                widget = self.cards[card.name] = SignalCard(card.name)
                widget.activated.connect(self.card_activated)
            widget.render(card, theme)
        order = [c.name for c in cards]
        for name in set(self.cards) - set(order):
            self.cards.pop(name).deleteLater()
        if order != self._order:
            self._order = order
            self._columns = 0
        self._reflow()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        spacing = self._grid.spacing()
        columns = max(1, (self.viewport().width() - 20) // (CARD_WIDTH + spacing))
        if columns == self._columns:
            return
        self._columns = columns
        for i, name in enumerate(self._order):
            self._grid.addWidget(self.cards[name], 1 + i // columns, i % columns)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)


def _age_text(age_days: int | None) -> str:
    if age_days is None:
        return "stale"
    return f"stale · {age_days} d old"
