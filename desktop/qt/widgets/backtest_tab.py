"""The Backtest tab: would the advice have helped? Settings and Run on the left; the figures, the
charts, the saved runs and the robustness sweep on the right.

Run backtests the settings as written and calibrated walk-forward (side by side), in worker
processes: the tab stays usable, the bar shows the rebalances done and Cancel stops them. Every
request goes through the tab's controller (`desktop.qt.controllers.backtest`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.qt.widgets.backtest_plots import BacktestPlots
from desktop.qt.widgets.backtest_settings import BacktestSettings
from desktop.qt.widgets.backtest_stats import BacktestStats
from desktop.qt.widgets.saved_runs_view import SavedRunsView
from desktop.qt.widgets.sweep_view import SweepView

if TYPE_CHECKING:
    from desktop.advice.backtest.run import BacktestRun
    from desktop.qt.controllers.backtest import BacktestController

RUN, SWEEP = "backtest", "sweep"  # the controller's keys


class _Runner(QWidget):
    """A Run button, a Cancel button and a progress bar with its words."""

    def __init__(self, text: str, tip: str) -> None:
        super().__init__()
        self.run = QPushButton(text, toolTip=tip)
        self.cancel = QPushButton("Cancel", toolTip="Stop it; nothing of it is kept")
        self.bar = QProgressBar(textVisible=False, accessibleName=f"{text} progress")
        self.words = QLabel(wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.run, 1)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        layout.addWidget(self.words)
        self.set_running(False)

    def set_running(self, running: bool) -> None:
        self.run.setEnabled(not running)
        self.cancel.setEnabled(running)
        self.bar.setVisible(running)
        if running:
            self.bar.setValue(0)
            self.words.setText("Starting the workers…")

    def show_progress(self, fraction: float, words: str) -> None:
        self.bar.setValue(round(100 * fraction))
        self.words.setText(words)


class BacktestTab(QWidget):
    """Settings, Run and its progress; Statistics, Charts, Saved runs and Sweep pages."""

    def __init__(self, controller: BacktestController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = BacktestSettings()
        self.runner = _Runner("Run backtest", "Backtest these settings as written and "
                              "calibrated walk-forward, side by side")  # fmt: skip
        self.sweeper = _Runner("Run sweep", "One backtest per setting of the grid (Sweep page)")
        self.home_button = QPushButton("Use Home's knobs")
        self.home_button.setToolTip(
            "Risk aversion, TE cap, largest tilt and turnover penalty as set on Home"
        )
        self.export_button = QPushButton("Export weights (CSV)…", enabled=False)
        self.export_button.setToolTip("The target weights at every rebalance, as backtest --out")
        self.stats, self.plots = BacktestStats(), BacktestPlots()
        self.saved, self.sweep = SavedRunsView(), SweepView()
        self.pages = QTabWidget(documentMode=True)
        for page, title in ((self.stats, "Statistics"), (self.plots, "Charts"),
                            (self.saved, "Saved runs"), (self.sweep, "Sweep")):  # fmt: skip
            self.pages.addTab(page, title)
        self.runs: tuple[BacktestRun, ...] = ()
        self._lay_out()
        self._connect()
        controller.refresh_saved()

    def _lay_out(self) -> None:
        box = QGroupBox("Settings")
        column = QVBoxLayout(box)
        column.addWidget(self.settings)
        column.addWidget(self.home_button)
        column.addWidget(self.runner)
        column.addWidget(self.export_button)
        column.addSpacing(12)
        column.addWidget(QLabel("The sweep uses these settings with the grid on its page."))
        column.addWidget(self.sweeper)
        column.addStretch(1)
        scroller = QScrollArea(widgetResizable=True)
        scroller.setWidget(box)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        width = box.sizeHint().width() + scroller.verticalScrollBar().sizeHint().width() + 4
        scroller.setMinimumWidth(width)
        splitter = QSplitter()
        splitter.addWidget(scroller)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([width, 1000])
        QVBoxLayout(self).addWidget(splitter)

    def _connect(self) -> None:
        c = self.controller
        self.runner.run.clicked.connect(self.run_backtest)
        self.runner.cancel.clicked.connect(lambda: c.cancel(RUN))
        self.sweeper.run.clicked.connect(self.run_sweep)
        self.sweeper.cancel.clicked.connect(lambda: c.cancel(SWEEP))
        self.export_button.clicked.connect(self.export_csv)
        self.home_button.clicked.connect(lambda: self.settings.set_knobs(c.home_knobs()))
        self.saved.save_requested.connect(lambda: c.save(self.runs))
        self.saved.show_requested.connect(c.show_saved)
        self.saved.delete_requested.connect(c.delete_saved)
        c.runs_ready.connect(self.show_runs)
        c.saved_shown.connect(self.show_runs)
        c.saved_listed.connect(self.saved.set_runs)
        c.sweep_ready.connect(self._on_controller_sweep_ready)
        c.progressed.connect(self._on_controller_progressed)
        c.running_changed.connect(self._on_controller_running_changed)
        c.failed.connect(self._on_controller_failed)
        c.noted.connect(lambda text, _kind: self.runner.words.setText(text))

    def run_backtest(self) -> None:
        self.controller.run(self.settings.spec())

    def run_sweep(self) -> None:
        try:
            grid = self.sweep.grid()
        except ValueError as exc:
            self.sweeper.words.setText(str(exc))
            return
        self.pages.setCurrentWidget(self.sweep)
        self.controller.sweep(self.settings.spec(), grid, self.sweep.scheduler.text().strip())

    def show_runs(self, runs: tuple[BacktestRun, ...]) -> None:
        """Put `runs` on the Statistics and Charts pages."""
        self.runs = tuple(runs)
        if self.runs and self.runs[0].run_id is None:
            count = self.runs[0].report["rebalances"]
            self.runner.words.setText(f"Done: as written and calibrated, {count} rebalances each.")
        self.stats.show_runs(self.runs)
        self.plots.show_runs(self.runs)
        self.export_button.setEnabled(any("model" in r.targets for r in self.runs))
        if self.pages.currentWidget() not in (self.stats, self.plots):
            self.pages.setCurrentWidget(self.stats)

    def export_csv(self) -> None:
        """Write the shown runs' weights: one file per run (its calibration in the name)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        fresh = [r for r in self.runs if "model" in r.targets]
        if not fresh:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Export backtest weights", f"{folder}/backtest-weights.csv", "CSV files (*.csv)"
        )
        if path:
            stem = path[:-4] if path.lower().endswith(".csv") else path
            for run in fresh:
                suffix = "" if run is fresh[0] else f"-{run.label.replace(' ', '-')}"
                self.controller.export_csv(run, f"{stem}{suffix}.csv")

    def _on_controller_sweep_ready(self, outcomes) -> None:
        self.sweep.show_outcomes(outcomes)
        self.sweeper.words.setText(f"{len(outcomes)} backtests done.")

    def _on_controller_progressed(self, key: str, fraction: float, words: str) -> None:
        (self.runner if key == RUN else self.sweeper).show_progress(fraction, words)

    def _on_controller_running_changed(self, key: str, running: bool) -> None:
        (self.runner if key == RUN else self.sweeper).set_running(running)

    def _on_controller_failed(self, key: str, why: str) -> None:
        (self.runner if key == RUN else self.sweeper).words.setText(f"Could not run: {why}")
