"""Light and dark palettes that follow the system, and the colours that carry meaning.

Qt 6.5+ reports the desktop's colour scheme through `QStyleHints.colorScheme()`; the app uses the
Fusion style with one of two explicit palettes so it looks the same on every desktop, and switches
when the user flips the system setting. Score colours blend the card background towards green
(positive) or red (negative) in proportion to |score|, and text on them is black or white,
whichever has the higher WCAG contrast ratio.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True, slots=True)
class Theme:
    """Named colours (hex strings) for one scheme."""

    dark: bool
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    highlight: str
    positive: str
    negative: str
    warning: str
    model_bar: str
    suggested_bar: str


LIGHT = Theme(
    dark=False,
    window="#f4f5f7",
    base="#ffffff",
    alternate="#f0f2f5",
    text="#1d1f23",
    muted="#5f6670",
    highlight="#2f6fdf",
    positive="#1a9850",
    negative="#d73027",
    warning="#f2c14e",
    model_bar="#9aa5b1",
    suggested_bar="#2f6fdf",
)

DARK = Theme(
    dark=True,
    window="#1f2226",
    base="#2a2e33",
    alternate="#30353b",
    text="#e8eaed",
    muted="#a3aab3",
    highlight="#5b8def",
    positive="#3fb56f",
    negative="#e5534b",
    warning="#c9a227",
    model_bar="#6b7580",
    suggested_bar="#5b8def",
)


def system_theme() -> Theme:
    """DARK when the desktop asks for a dark scheme, else LIGHT (also when it does not say)."""
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Install the Fusion style and the palette for `theme`, and recolour pyqtgraph's defaults
    if the charts have loaded it (the home view does not, which keeps it off the first paint)."""
    app.setStyle("Fusion")
    app.setPalette(_qpalette(theme))
    if "pyqtgraph" in sys.modules:
        pyqtgraph_defaults()


def pyqtgraph_defaults() -> None:
    """pyqtgraph's default background and foreground from the application's palette: charts
    call it before they build their plots."""
    import pyqtgraph as pg

    palette = QApplication.instance().palette()
    pg.setConfigOptions(
        background=palette.color(QPalette.ColorRole.Base),
        foreground=palette.color(QPalette.ColorRole.Text),
        antialias=True,
    )


def _qpalette(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.alternate,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.base if theme.dark else theme.window,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.Highlight: theme.highlight,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: theme.base,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Link: theme.highlight,
        QPalette.ColorRole.Mid: theme.muted,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(theme.muted)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def score_colour(theme: Theme, score: float) -> QColor:
    """Card background for a score in [-1, 1]: the base colour blended towards green or red.

    At |score| = 1 the blend is 85 % of the way, so even the strongest card keeps some relation
    to the surrounding surface; a score of 0 (or a stale reading) is the plain base colour.
    """
    target = QColor(theme.positive if score >= 0 else theme.negative)
    return _blend(QColor(theme.base), target, 0.85 * min(1.0, abs(score)))


def readable_text(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with `background` (WCAG relative luminance)."""
    lum = _luminance(background)
    contrast_black = (lum + 0.05) / 0.05
    contrast_white = 1.05 / (lum + 0.05)
    return QColor("#000000") if contrast_black >= contrast_white else QColor("#ffffff")


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def _luminance(colour: QColor) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )
