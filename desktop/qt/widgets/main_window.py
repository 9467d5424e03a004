"""The main window: Home (signals, tilts, allocation) plus the Charts, History, Data and
Universe tabs, menus with shortcuts, the status bar, and what is remembered between sessions.

Only Home is built at start-up; the other tabs are imported and built the first time they are
shown, each with its own controller (`desktop.qt.controllers`, given the window's controller),
which keeps their modules (and pandas) off the path to the first paint.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.advice.state import AppState, Phase
from desktop.qt.controller import Controller
from desktop.qt.session_store import state_to_json
from desktop.qt.widgets.allocation_pane import AllocationPane
from desktop.qt.widgets.dashboard import Dashboard
from desktop.qt.widgets.date_bar import DateBar
from desktop.qt.widgets.palette import Theme, apply_theme, system_theme
from desktop.qt.widgets.status import StatusBar
from desktop.qt.widgets.tilt_panel import TiltPanel

# (key, tab title, widget module and class, controller module and class): built lazily; each
# controller takes the window's controller, each widget its own controller.
LAZY_TABS = (
    ("charts", "Charts", ("charts_tab", "ChartsTab"), ("charts", "ChartsController")),
    ("history", "History", ("history_tab", "HistoryTab"), ("history", "HistoryController")),
    ("data", "Data", ("data_tab", "DataTab"), ("data", "DataController")),
    ("universe", "Universe", ("universe_editor", "UniverseEditor"),
     ("universe", "UniverseController")),
    ("alerts", "Alerts", ("alerts_tab", "AlertsTab"), ("alerts", "shared")),
    ("evidence", "Evidence", ("evidence_tab", "EvidenceTab"), ("evidence", "EvidenceController")),
    ("backtest", "Backtest", ("backtest_tab", "BacktestTab"),
     ("backtest", "BacktestController")),
    ("tilts", "Tilt table", ("tilt_table_tab", "TiltTableTab"), ("tilts", "TiltsController")),
)  # fmt: skip
SESSION_KEY = "session/state"
PORTFOLIO_KEY = "session/portfolio"
SESSION_SAVE_DELAY_MS = 1000  # after the last answer; closing the window saves at once
MIN_CARDS_HEIGHT = 130  # one row of signal cards stays in view
DEFAULT_SIZE = QSize(1440, 900)  # a first start's window, shrunk to fit smaller screens


class MainWindow(QMainWindow):
    """Renders the controller's state; owns no state of its own beyond layout."""

    def __init__(self, controller: Controller, theme: Theme, settings: QSettings) -> None:
        super().__init__()
        self.controller, self.theme, self.settings = controller, theme, settings
        controller.setParent(self)  # the controller and its timers go when the window goes
        # A drag gives an answer every ~60 ms: save the session once it settles, not each time.
        self._session_saver = QTimer(self, singleShot=True, interval=SESSION_SAVE_DELAY_MS)
        self._session_saver.timeout.connect(self.save_session)
        self.last_error: QMessageBox | None = None
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self.dashboard = Dashboard()
        self.tilts = TiltPanel()
        self.allocation = AllocationPane()
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.date_bar = DateBar()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._home(), "Home")
        self.tabs.setTabToolTip(0, "Signals, tilts and the suggested allocation")
        self._lazy: dict[int, tuple[str, tuple[str, str], tuple[str, str]]] = {}
        self.tab_widgets: dict[str, QWidget] = {}
        for key, title, widget_class, controller_class in LAZY_TABS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            index = self.tabs.addTab(holder, title)
            self._lazy[index] = (key, widget_class, controller_class)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.date_bar)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        from desktop.qt.widgets.menus import build_menus

        self.actions_by_name: dict[str, QAction] = build_menus(self)
        self._connect()
        self._watch_alerts()
        self._add_portfolios()
        self._restore_layout()
        self.render(controller.state)

    def _home(self) -> QWidget:
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.dashboard)
        left.addWidget(self.allocation)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 1)
        scroller = QScrollArea()
        scroller.setWidget(self.tilts)
        scroller.setWidgetResizable(True)
        scroller.setMinimumWidth(380)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.home_split = QSplitter(Qt.Orientation.Horizontal)
        self.home_split.addWidget(left)
        self.home_split.addWidget(scroller)
        self.home_split.setStretchFactor(0, 1)
        self.home_left = left
        return self.home_split

    def _connect(self) -> None:
        c = self.controller
        c.state_changed.connect(self.render)
        c.message.connect(self.status.note)
        c.error.connect(self._on_controller_error)
        c.job_progress.connect(self.status.show_progress)
        c.busy_changed.connect(self._on_controller_busy_changed)
        c.allocation_ready.connect(self._on_controller_allocation_ready)
        self.status.cancel_requested.connect(c.cancel)
        self.dashboard.card_activated.connect(self.open_chart)
        self.tilts.view_changed.connect(c.set_view)
        self.tilts.views_reset.connect(c.reset_views)
        self.tilts.knob_changed.connect(c.set_knob)
        self.tilts.gesture_finished.connect(c.end_gesture)
        self.tilts.holdings_requested.connect(self.import_holdings)
        self.tilts.holdings_cleared.connect(c.clear_holdings)
        self.tilts.class_bounds_changed.connect(c.set_class_bounds)
        self.date_bar.date_chosen.connect(c.set_date)
        self.date_bar.step_requested.connect(c.step_date)

    def _watch_alerts(self) -> None:
        """Checks run from the start, whether or not the Alerts tab is opened."""
        from desktop.qt.controllers.alerts import shared
        from desktop.qt.widgets.alert_notifier import AlertNotifier

        self.alerts = shared(self.controller)
        self.notifier = AlertNotifier(self.status.note, self._show_alerts, self)
        self.alerts.fired.connect(self.notifier.notify)
        self.alerts.listed.connect(self._on_alerts_listed)

    def _show_alerts(self) -> None:
        """The tray's alert was clicked: bring the window forward on its Alerts tab."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        self.open_tab("alerts")

    def _on_alerts_listed(self, listing) -> None:
        """The Alerts tab's title counts the alerts not yet seen there."""
        index = self._index_of("alerts")
        new = sum(e.seen_at is None for e in listing.events)
        seen = self.tabs.currentIndex() == index or not new
        self.tabs.setTabText(index, "Alerts" if seen else f"Alerts ({new} new)")

    def _add_portfolios(self) -> None:
        """The portfolio switcher sits at the menu bar's right end (the as-of bar has no room
        to spare on a small screen); the last session's choice is restored."""
        from desktop.qt.controllers.portfolios import PortfolioController
        from desktop.qt.widgets.portfolio_bar import PortfolioBar

        self.portfolio_bar = PortfolioBar(PortfolioController(self.controller))
        self.menuBar().setCornerWidget(self.portfolio_bar, Qt.Corner.TopRightCorner)
        self.controller.portfolio_changed.connect(self._on_controller_portfolio_changed)
        saved = str(self.settings.value(PORTFOLIO_KEY, "default") or "default")
        self.controller.set_portfolio(saved)

    def _on_controller_portfolio_changed(self, name: str) -> None:
        self.settings.setValue(PORTFOLIO_KEY, name)

    def render(self, state: AppState) -> None:
        placeholder = state.phase.value if state.phase is not Phase.READY else ""
        self.dashboard.render(state.cards, self.theme, placeholder or "No signals to show.")
        self.tilts.render(state, self.theme)
        self.allocation.render(state.allocation, state.banner, state.fresh, self.theme)
        self.status.render(state)
        self.date_bar.render(state.dates, self.theme)
        self.actions_by_name["export"].setEnabled(self.controller.solved is not None)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.render(self.controller.state)

    def follow_system_theme(self, _scheme=None) -> None:
        """The desktop switched between light and dark: switch palettes with it.

        A method (not a closure) so Qt drops the connection when the window is destroyed.
        """
        theme = system_theme()
        apply_theme(QApplication.instance(), theme)
        self.set_theme(theme)

    # Actions.

    def export_allocation(self) -> None:
        if self.controller.solved is None:
            self.status.note("No allocation to export yet.")
            return
        folder = self.settings.value("paths/export", _documents())
        as_of = self.controller.state.allocation.as_of
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export allocation",
            str(Path(folder) / f"allocation-{as_of}.csv"),
            "CSV files (*.csv)",
        )
        if path:
            self.settings.setValue("paths/export", str(Path(path).parent))
            self.controller.export_allocation(path)

    def import_holdings(self) -> None:
        folder = self.settings.value("paths/holdings", _documents())
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import holdings (CSV: ticker, shares)",
            str(folder),
            "CSV files (*.csv);;All files (*)",
        )
        if path:
            self.settings.setValue("paths/holdings", str(Path(path).parent))
            self.controller.import_holdings(path)

    def copy_allocation(self) -> None:
        self.allocation.table.copy_rows()
        self.status.note("Copied the allocation rows; paste them into a spreadsheet.")

    def show_about(self) -> None:
        from desktop.qt.widgets.about import AboutDialog

        AboutDialog(self.controller.state.data_label, self).exec()

    def open_chart(self, name: str) -> None:
        """Switch to the Charts tab and show signal `name` there."""
        self.open_tab("charts")
        self.controller.show_chart(name)

    def open_tab(self, key: str) -> QWidget | None:
        """Show tab `key` (building it first if needed); returns its widget."""
        self.tabs.setCurrentIndex(self._index_of(key))
        return self.tab_widgets.get(key)

    def tab_widget(self, key: str) -> QWidget | None:
        """Tab `key`'s widget, built if it was not yet, without switching to it."""
        self._build_tab(self._index_of(key))
        return self.tab_widgets.get(key)

    def save_suggestion(self) -> None:
        """File > Save suggestion: store the allocation on screen in the History."""
        history = self.tab_widget("history")
        if hasattr(history, "save_current"):
            history.save_current()
            self.status.note("Saved this suggestion; add a note in the History tab.")

    def import_data(self) -> None:
        data = self.open_tab("data")
        if hasattr(data, "import_files"):
            data.import_files()

    def refresh_data(self) -> None:
        data = self.open_tab("data")
        if hasattr(data, "refresh_online"):
            data.refresh_online()

    def _index_of(self, key: str) -> int:
        return next(i for i, (lazy_key, _, _) in self._lazy.items() if lazy_key == key)

    def _on_tabs_current_changed(self, index: int) -> None:
        self._build_tab(index)
        if index == self._index_of("alerts"):
            self.tabs.setTabText(index, "Alerts")  # shown: its log marks them seen

    def _build_tab(self, index: int) -> None:
        if index not in self._lazy or self._lazy[index][0] in self.tab_widgets:
            return
        key, (widget_module, widget_cls), (controller_module, controller_cls) = self._lazy[index]
        controller = _load(f"desktop.qt.controllers.{controller_module}", controller_cls)
        widget = _load(f"desktop.qt.widgets.{widget_module}", widget_cls)
        self.tab_widgets[key] = widget(controller(self.controller))
        self.tabs.widget(index).layout().addWidget(self.tab_widgets[key])

    def _on_controller_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.status.end_job()

    def _on_controller_allocation_ready(self, _allocation) -> None:
        self._session_saver.start()
        if self._fit_table:
            self._fit_allocation()

    def _on_controller_error(self, title: str, text: str) -> None:
        """A user-initiated action failed: say so in a window that does not block the app."""
        self.status.note(f"{title}: {text}")
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.last_error = box

    # Persistence.

    def save_session(self) -> None:
        self.settings.setValue(SESSION_KEY, state_to_json(self.controller.state))

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(_first_size())
        self._fit_table = False
        for key, splitter in (
            ("window/home_split", self.home_split),
            ("window/home_left", self.home_left),
        ):
            saved = self.settings.value(key)
            if saved is None or not splitter.restoreState(saved):
                splitter.setSizes([1040, 400] if splitter is self.home_split else [420, 480])
                self._fit_table = self._fit_table or splitter is self.home_left

    def _fit_allocation(self) -> None:
        """A first start: give the allocation the height its every row needs, the cards the rest
        (at least one row of them), so on a 1366 x 768 screen no table row is hidden."""
        self._fit_table = False
        total = sum(self.home_left.sizes())
        needed = self.allocation.preferred_height()
        cards = max(MIN_CARDS_HEIGHT, total - needed)
        self.home_left.setSizes([cards, max(0, total - cards)])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/home_split", self.home_split.saveState())
        self.settings.setValue("window/home_left", self.home_left.saveState())
        self.save_session()
        self.settings.sync()
        self.controller.shutdown()
        super().closeEvent(event)


def _first_size() -> QSize:
    """DEFAULT_SIZE, or 95 % of the primary screen's free area where that is smaller (a laptop),
    so a first start never opens wider or taller than the screen."""
    free = QGuiApplication.primaryScreen().availableGeometry().size()
    return DEFAULT_SIZE.boundedTo(QSize(free.width() * 95 // 100, free.height() * 95 // 100))


def _load(module: str, name: str) -> type:
    return getattr(importlib.import_module(module), name)


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
