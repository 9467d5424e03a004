"""The Qt application and the main window, and the start of loading after the first frame.

The window is built from the last session's state (plain JSON in QSettings; no pandas, no
cvxpy) and shown; only once its first frame is painted does the controller ask the engine for
the data, the signals and an answer (see `desktop.qt.launch` for the whole start-up order).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_ID, APP_NAME, ORG_NAME, __version__
from desktop.qt.session_store import state_from_json
from desktop.qt.widgets.main_window import SESSION_KEY, MainWindow
from desktop.qt.widgets.palette import apply_theme, system_theme

if TYPE_CHECKING:
    from desktop.engine.engine import Engine
    from desktop.engine.process import EngineProcess

START_FALLBACK_MS = 1000


def make_application() -> QApplication:
    """The QApplication with the names that place settings and data in the platform folders."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from desktop.data.paths import resources_dir

    icon = resources_dir() / "icons" / "rotation-advisor.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(
    app: QApplication,
    engine: Engine | EngineProcess,
    settings: QSettings,
    *,
    synchronous: bool = False,
) -> MainWindow:
    """The window painted from the last session's state, with a controller not yet started.

    engine: a `desktop.engine.process.EngineProcess`, or with synchronous=True (tests) an
    in-process `desktop.engine.engine.Engine`; the window's controller closes it with the window.
    """
    from desktop.qt.controller import Controller

    theme = system_theme()
    apply_theme(app, theme)
    state = state_from_json(settings.value(SESSION_KEY))
    controller = Controller(engine, state, synchronous=synchronous)
    window = MainWindow(controller, theme, settings)
    QGuiApplication.styleHints().colorSchemeChanged.connect(window.follow_system_theme)
    return window


class FirstPaint(QObject):
    """Calls `callback` once, after the first frame of `window` has been painted.

    The filter sits on the application because the main window itself gets no paint event when
    its children cover it; the callback is queued so it runs after the whole frame is flushed.
    """

    def __init__(self, window: MainWindow, callback) -> None:
        super().__init__(window)
        self._window, self._callback = window, callback
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if (
            event.type() == event.Type.Paint
            and watched.isWidgetType()
            and watched.window() is self._window
        ):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def start_after_first_paint(window: MainWindow) -> None:
    """Start loading once the window's first frame is painted, so the background work does not
    compete with it; after START_FALLBACK_MS in any case (a hidden or minimised window, or a
    platform that never paints, must still load)."""
    started = []

    def start() -> None:
        if not started:
            started.append(True)
            window.controller.start()

    FirstPaint(window, start)
    QTimer.singleShot(START_FALLBACK_MS, start)
