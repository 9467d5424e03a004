"""The Backtest tab's controller: runs, sweeps, saved runs and CSV export, never on the GUI thread.

A run or a sweep first asks the engine for the recipe of its pipeline (`Engine.research_recipe`,
on the solver lane: the same data, universe and tilt table as Home), kept until the data
changes; then `BacktestService` waits on the worker processes from the research lane and reports
progress. Cancel stops the workers at their next rebalance and drops whatever they return.
Saved runs go through `SavedRuns` on the I/O lane, each portfolio's its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.engine.backtest_service import BacktestService, SavedRuns
from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from desktop.advice.backtest.run import BacktestRun
    from desktop.advice.backtest.sweep import SweepGrid
    from desktop.advice.backtest.walk_forward import BacktestSpec
    from desktop.advice.knobs import Knobs
    from desktop.qt.controller import Controller
    from desktop.qt.jobs import JobContext

RUN_KEY, SWEEP_KEY, RECIPE_KEY = "backtest", "sweep", "backtest-recipe"


class BacktestController(QObject):
    """Requests of one Backtest tab; results arrive as signals on the GUI thread."""

    runs_ready = Signal(object)  # tuple[BacktestRun, ...]: as written, calibrated
    sweep_ready = Signal(object)  # tuple[SweepOutcome, ...]
    progressed = Signal(str, float, str)  # RUN_KEY or SWEEP_KEY, fraction done, words
    running_changed = Signal(str, bool)  # RUN_KEY or SWEEP_KEY, running
    failed = Signal(str, str)  # RUN_KEY or SWEEP_KEY, why in words
    saved_listed = Signal(object)  # list[BacktestRun] without series, newest first
    saved_shown = Signal(object)  # tuple[BacktestRun, ...] with their series
    noted = Signal(str, str)  # what happened, kind ("info", "warning", "error")
    _stopped = Signal(str)  # from the research lane: a run or sweep stopped on a cancel

    def __init__(
        self,
        home: Controller,
        parent: QObject | None = None,
        *,
        service: BacktestService | None = None,
    ) -> None:
        super().__init__(parent or home)
        self._home = home
        self._service = service or BacktestService()
        self._saved: dict[str, SavedRuns] = {}  # portfolio -> its saved runs
        self._recipe: Any = None
        self._running: set[str] = set()
        home.jobs.progressed.connect(self._on_jobs_progressed)
        home.data_changed.connect(self._on_home_data_changed)
        if hasattr(home, "portfolio_changed"):  # each portfolio keeps its own saved runs
            home.portfolio_changed.connect(lambda _name: self.refresh_saved())
        self._stopped.connect(self._on_stopped)  # queued: emitted on the research lane
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def is_running(self, key: str) -> bool:
        return key in self._running

    def home_knobs(self) -> Knobs:
        """The knobs Home's answer uses now."""
        return self._home.state.knobs

    # Runs and sweeps.

    def run(self, spec: BacktestSpec) -> None:
        """Backtest `spec` as written and calibrated; `runs_ready` brings both."""
        service = self._service
        self._start(
            RUN_KEY, lambda recipe, ctx: service.run_pair(recipe, spec, *_hooks(ctx, "Backtest"))
        )

    def sweep(self, base: BacktestSpec, grid: SweepGrid, scheduler: str = "") -> None:
        """One backtest per setting of `grid`; `sweep_ready` brings the outcomes."""
        service = self._service
        self._start(
            SWEEP_KEY,
            lambda recipe, ctx: service.sweep(recipe, base, grid, *_hooks(ctx, "Sweep"), scheduler),
        )

    def cancel(self, key: str) -> None:
        """Stop run or sweep `key`; nothing of it is kept."""
        if key in self._running:
            self._home.jobs.cancel(key)
            self._on_stopped(key)

    def shutdown(self) -> None:
        """Stop the worker processes (the window is closing)."""
        for key in tuple(self._running):
            self._home.jobs.cancel(key)
        self._service.close()

    # Saved runs.

    def refresh_saved(self) -> None:
        self._io("list", lambda saved: saved.runs(), self.saved_listed.emit)

    def save(self, runs: tuple[BacktestRun, ...], note: str = "") -> None:
        """Keep `runs` (the ones on screen) with their settings, figures and series."""
        fresh = tuple(r for r in runs if r.run_id is None)
        if not fresh:
            self.noted.emit("These runs are saved already.", "info")
            return
        what = f"Saved {len(fresh)} run{'s' if len(fresh) > 1 else ''}; compare them below."
        self._io("save", lambda saved: saved.save(fresh, note), self._listed_then(what))

    def show_saved(self, run_ids: tuple[int, ...]) -> None:
        if run_ids:
            self._io("get", lambda saved: saved.get(run_ids), self.saved_shown.emit)

    def delete_saved(self, run_ids: tuple[int, ...]) -> None:
        if run_ids:
            what = f"Deleted {len(run_ids)} saved run{'s' if len(run_ids) > 1 else ''}."
            self._io("delete", lambda saved: saved.delete(run_ids), self._listed_then(what))

    def export_csv(self, run: BacktestRun, path: str | Path) -> None:
        """The run's target weights at every rebalance, as `backtest --out` writes them."""
        if "model" not in run.targets:
            self.noted.emit(
                "A saved run keeps the advisor's weights only: run it again to export the "
                "advisor and the model side by side.",
                "warning",
            )
            return
        target = Path(path)
        self._io(
            "export", lambda saved: saved.export_csv(run, target),
            lambda _: self.noted.emit(f"Wrote the {run.label} weights to {target}.", "info"),
        )  # fmt: skip

    # Work on the lanes, results on the GUI thread.

    def _start(self, key: str, work: Callable[[Any, JobContext], Any]) -> None:
        self._set_running(key, True)
        if self._recipe is not None:
            self._research(key, self._recipe, work)
            return
        self._home.jobs.submit(
            f"{RECIPE_KEY}-{key}",
            Lane.SOLVER,
            self._home.engine.research_recipe,
            on_result=lambda recipe: self._on_recipe(key, recipe, work),
            on_error=lambda exc: self._on_failed(key, exc),
        )

    def _on_recipe(self, key: str, recipe: Any, work) -> None:
        self._recipe = recipe
        if key in self._running:  # not cancelled while the recipe came
            self._research(key, recipe, work)

    def _research(self, key: str, recipe: Any, work) -> None:
        done = self.runs_ready if key == RUN_KEY else self.sweep_ready
        self._home.jobs.submit(
            key, Lane.RESEARCH, lambda ctx: self._watched(key, work, recipe, ctx),
            on_result=lambda result: self._on_finished(key, done, result),
            on_error=lambda exc: self._on_failed(key, exc), with_context=True,
        )  # fmt: skip

    def _watched(self, key: str, work, recipe: Any, context: JobContext) -> Any:
        """Research lane: `work`, saying so when it stopped on a cancel (the status bar's Cancel
        reaches the jobs, not this controller, and a cancelled job's error is dropped)."""
        from desktop.advice.backtest.walk_forward import BacktestCancelled

        try:
            return work(recipe, context)
        except BacktestCancelled:
            self._stopped.emit(key)
            raise

    def _on_stopped(self, key: str) -> None:
        if key in self._running:
            self._set_running(key, False)
            self.noted.emit(f"{key.capitalize()} cancelled; nothing was kept.", "info")

    def _on_finished(self, key: str, done: Any, result: Any) -> None:
        self._set_running(key, False)
        done.emit(result)

    def _on_failed(self, key: str, exc: BaseException) -> None:
        from desktop.advice.backtest.walk_forward import BacktestCancelled

        self._set_running(key, False)
        if not isinstance(exc, BacktestCancelled):
            self.failed.emit(key, str(exc))

    def _set_running(self, key: str, running: bool) -> None:
        if running != (key in self._running):
            (self._running.add if running else self._running.discard)(key)
            self.running_changed.emit(key, running)

    def _io(self, what: str, action: Callable[[SavedRuns], Any], done: Callable) -> None:
        portfolio = getattr(self._home, "portfolio", "default")
        if portfolio not in self._saved:
            self._saved[portfolio] = SavedRuns(self._home.engine.db_path, portfolio)
        saved = self._saved[portfolio]
        self._home.jobs.submit(
            f"backtest-saved-{what}", Lane.IO, lambda: action(saved),
            on_result=done,
            on_error=lambda exc: self.noted.emit(f"Saved runs: {exc}", "error"),
        )  # fmt: skip

    def _listed_then(self, words: str) -> Callable[[list], None]:
        def done(listing: list) -> None:
            self.saved_listed.emit(listing)
            self.noted.emit(words, "info")

        return done

    def _on_jobs_progressed(self, key: str, fraction: float, words: str) -> None:
        if key in self._running:
            self.progressed.emit(key, fraction, words)

    def _on_home_data_changed(self) -> None:
        self._recipe = None  # the next run takes the new data and tables


def _hooks(context: JobContext, label: str) -> tuple[Callable, Callable[[], bool]]:
    """(report, cancelled) for a service call from a job's context; words start with `label`."""
    return (lambda f, words: context.report(f, f"{label}: {words}")), lambda: context.cancelled
