"""The one stateful QObject: holds the AppState, turns user intents into jobs, emits results.

Views call the public methods and listen to the signals; nothing else mutates the state.
A slider move updates the state at once (so labels follow the handle) and schedules a re-solve
through a single-shot QTimer: at most one solve per `DEBOUNCE_MS` while a slider is dragged, and
an immediate one when it is released. Solves run on the solver lane of `desktop.qt.jobs`; an answer
to a superseded request never reaches the screen. Settings changes are QUndoStack commands, so
Ctrl+Z / Ctrl+Shift+Z walk back through them; one drag of one slider is one undo step.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.advice import state as app_state
from desktop.advice.date_steps import step_date
from desktop.advice.knobs import Knobs
from desktop.advice.state import AppState, Dates
from desktop.engine.engine import Computed, Loaded, Solved
from desktop.qt.jobs import Jobs, Lane
from desktop.qt.undo_commands import DateCommand, KnobsCommand

if TYPE_CHECKING:
    from desktop.engine.engine import Engine

DEBOUNCE_MS = 60
EXPLAIN_AFTER_MS = 300
"""Idle time after an answer before explaining it by theme: the explanation takes one solve per
subset of themes (tens of milliseconds) and would hold up the next solve of a slider drag."""


class Controller(QObject):
    """Owns the state and the jobs; see the module docstring for the flow."""

    state_changed = Signal(object)  # AppState
    allocation_ready = Signal(object)  # AllocationSummary, each time a new answer is shown
    job_progress = Signal(str, float, str)  # job key, fraction in [0, 1], what is happening
    busy_changed = Signal(bool)
    message = Signal(str)  # a short note for the status bar
    error = Signal(str, str)  # title, what went wrong and what to do (user-initiated actions)
    chart_requested = Signal(str)  # signal name: the Charts tab shows it
    data_changed = Signal()  # the data on disk changed and the engine reloads it: tabs reload
    exported = Signal(str)  # path of the CSV just written
    portfolio_changed = Signal(str)  # the portfolio shown now: tabs reload its files and rows

    def __init__(
        self,
        engine: Engine,
        state: AppState | None = None,
        *,
        synchronous: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._state = state or AppState()
        self._solved: Solved | None = None
        self._holdings: dict[str, float] | None = None  # ticker -> shares, for the trade list
        self.selected_chart = ""
        self.jobs = Jobs(synchronous=synchronous, parent=self)
        self.jobs.progressed.connect(self.job_progress)
        self.jobs.busy_changed.connect(self.busy_changed)
        self.jobs.failed.connect(self._on_jobs_failed)
        self.undo_stack = QUndoStack(self)
        self._gesture = 0
        self._timer = QTimer(self, singleShot=True, interval=0 if synchronous else DEBOUNCE_MS)
        self._timer.timeout.connect(self._solve_now)
        self._explain_timer = QTimer(self, singleShot=True, interval=EXPLAIN_AFTER_MS)
        self._explain_timer.timeout.connect(self._explain)
        self._to_explain: tuple[Knobs, dict[str, float] | None] | None = None
        self._synchronous = synchronous
        self._started = False
        self.portfolio = "default"  # whose universe, tilt table, suggestions and alerts

    @property
    def state(self) -> AppState:
        return self._state

    @property
    def solved(self) -> Solved | None:
        """The answer on screen with what export needs, or None before the first solve."""
        return self._solved

    def start(self) -> None:
        """Warm the engine up, load the data, compute the signals and solve, one after the other
        on the solver lane."""
        self._started = True
        self._set_state(replace(self._state, phase=app_state.Phase.LOADING_DATA))
        self.jobs.submit(
            "warm_up",
            Lane.SOLVER,
            self.engine.warm_up,
            on_result=lambda _: None,
            on_error=self._on_load_failed,
        )
        self._load(rebuild=False)
        self._restore_holdings()

    def data_updated(self) -> None:
        """Prices, macro releases, the universe or the tilt table changed on disk (Data and
        Universe tabs): reload, recompute the signals and re-solve; tabs showing the engine's
        data reload (their requests queue behind the engine's reload)."""
        self._load(rebuild=True)
        self.data_changed.emit()

    def set_portfolio(self, name: str) -> None:
        """Show portfolio `name` (`desktop.data.portfolios`): the engine reads its universe and
        tilt table, recomputes the signals and re-solves (once started); tabs follow
        `portfolio_changed`. An unknown name says so and falls back to "default"."""
        if name == self.portfolio:
            return
        self.portfolio = name
        self.jobs.submit(
            "portfolio",
            Lane.SOLVER,
            lambda: self.engine.set_portfolio(name),
            on_result=lambda _: None,
            on_error=self._on_portfolio_failed,
        )
        if self._started:
            self._compute_signals(rebuild=True)
        self.portfolio_changed.emit(name)

    @property
    def holdings(self) -> dict[str, float] | None:
        """The imported holdings (ticker -> shares), or None."""
        return self._holdings

    def shutdown(self) -> None:
        """Stop the timers and the jobs, then the engine (and its process, if it has one)."""
        self._timer.stop()
        self._explain_timer.stop()
        self.jobs.shutdown()
        self.engine.close()

    # Intents from the widgets.

    def set_view(self, theme: str, view: float) -> None:
        """Override `theme`'s view (in [-1, 1]); re-solves after the debounce."""
        after = app_state.set_view(self._state, theme, view).knobs
        label = next((t.label for t in self._state.themes if t.name == theme), theme)
        self._push(after, ("view", theme), f"Set {label} to {view:+.2f}")

    def reset_views(self, themes: tuple[str, ...] | None = None) -> None:
        """Back to the signals' views for `themes`, or for every theme when None."""
        after = app_state.reset_views(self._state, themes).knobs
        if after != self._state.knobs:
            self._push(after, None, "Reset views to the signals")

    def set_knob(self, name: str, value: float) -> None:
        """Change one Knobs field (risk_aversion, te_cap_pct, turnover_penalty, portfolio_value)."""
        after = app_state.set_knobs(self._state, **{name: value}).knobs
        if after != self._state.knobs:
            self._push(after, ("knob", name), f"Change {name.replace('_', ' ')}")

    def set_class_bounds(self, asset_class: str, lo_pct: float, hi_pct: float) -> None:
        """Limit `asset_class`'s total weight to [lo_pct, hi_pct] percent; 0-100 removes it."""
        bounds = dict(self._state.knobs.class_bounds)
        if lo_pct <= 0.0 and hi_pct >= 100.0:
            bounds.pop(asset_class, None)
        else:
            bounds[asset_class] = (lo_pct, hi_pct)
        after = replace(self._state.knobs, class_bounds=bounds)
        if after != self._state.knobs:
            self._push(after, ("bounds", asset_class), f"Limit {asset_class.replace('_', ' ')}")

    def restore_knobs(self, knobs: Knobs, text: str = "Restore settings") -> None:
        """Replace every setting and override at once (e.g. from a saved suggestion)."""
        if knobs != self._state.knobs:
            self._push(knobs, None, text)

    def set_date(self, chosen: str) -> None:
        """Replay the market as of `chosen` (YYYY-MM-DD; "" for the data's last date): cards,
        sparklines, views, allocation and reasons are recomputed for that day (undoable)."""
        before = self._state.dates.chosen
        if chosen == before or (not chosen and self._state.dates.is_latest):
            return
        self.undo_stack.push(DateCommand(self._apply_date, before, chosen))
        self._gesture += 1

    def step_date(self, unit: str, direction: int) -> None:
        """One day, week or month (`unit`) later (+1) or earlier (-1) than the day shown."""
        self.set_date(step_date(self._state.dates, unit, direction))

    def end_gesture(self) -> None:
        """A slider was released: solve now, and start a new undo step for the next change."""
        self._gesture += 1
        if self._timer.isActive():
            self._timer.stop()
            self._solve_now()

    def cancel(self, key: str) -> None:
        """Stop the running `key` job (e.g. "refresh"); whatever it returns is dropped."""
        self.jobs.cancel(key)
        self.message.emit(f"{key.capitalize()} cancelled.")

    def show_chart(self, name: str) -> None:
        self.selected_chart = name
        self.chart_requested.emit(name)

    def export_allocation(self, path: str | Path) -> None:
        """Write the allocation on screen as CSV (same layout as `allocate --out`), off-thread."""
        solved = self._solved
        if solved is None:
            self.error.emit(
                "Nothing to export", "There is no allocation yet; wait until one is shown."
            )
            return
        target = Path(path)
        self.jobs.submit(
            "export",
            Lane.IO,
            lambda: self.engine.export(solved, target),
            on_result=lambda _: self._on_exported(target),
            on_error=lambda exc: self.error.emit("Export failed", str(exc)),
        )

    def import_holdings(self, path: str | Path) -> None:
        """Read holdings (CSV: ticker, shares) for the trade list, then re-solve."""
        source = Path(path)
        self.jobs.submit(
            "holdings",
            Lane.IO,
            lambda: self.engine.read_holdings(source),
            on_result=lambda holdings: self._on_holdings(source, holdings),
            on_error=lambda exc: self.error.emit("Holdings not imported", str(exc)),
        )

    def clear_holdings(self) -> None:
        """Forget the imported holdings: trades are planned from cash again."""
        self._holdings = None
        self._set_state(app_state.holdings_loaded(self._state, ""))
        self._request_solve()

    # Internals.

    def _restore_holdings(self) -> None:
        """Re-read the last session's holdings file, so the trade list means what it says."""
        path = self._state.holdings_file
        if not path:
            return
        if Path(path).is_file():
            self.import_holdings(path)
            return
        self._set_state(app_state.holdings_loaded(self._state, ""))
        self.message.emit(f"The holdings file {path} is gone; import your holdings again.")

    def _push(self, after: Knobs, field_key: tuple | None, text: str) -> None:
        key = (None,) if field_key is None else (self._gesture, *field_key)
        self.undo_stack.push(KnobsCommand(self._apply_knobs, self._state.knobs, after, key, text))
        if field_key is None:
            self._gesture += 1

    def _apply_date(self, chosen: str) -> None:
        self._set_state(app_state.choose_date(self._state, chosen))
        self._compute_signals(rebuild=False)

    def _apply_knobs(self, knobs: Knobs) -> None:
        self._set_state(app_state.solving(app_state.with_knobs(self._state, knobs)))
        self._request_solve()

    def _request_solve(self) -> None:
        if self._synchronous:
            self._solve_now()
        elif not self._timer.isActive():
            self._timer.start()

    def _solve_now(self) -> None:
        """Solve quickly (weights, short reasons), then explain by theme in a second job.

        The explanation costs one solve per subset of themes, so it runs only once the quick
        answer is on screen; a newer request makes a queued explanation skip itself.
        """
        state, holdings = self._state, self._holdings
        if not state.themes:  # signals not computed yet: the first solve follows them
            return
        self._explain_timer.stop()
        self.jobs.cancel("explain")
        self.jobs.submit(
            "solve",
            Lane.SOLVER,
            lambda: self.engine.solve(state.knobs, holdings, explain=False),
            on_result=lambda solved: self._on_solved(solved, state.knobs, holdings),
            on_error=self._on_solve_failed,
        )

    def _explain(self) -> None:
        if self._to_explain is None:
            return
        (knobs, holdings), self._to_explain = self._to_explain, None
        self.jobs.submit(
            "explain",
            Lane.SOLVER,
            lambda: self.engine.solve(knobs, holdings, explain=True),
            on_result=self._on_explained,
            on_error=lambda exc: self.message.emit(f"Could not explain the weights: {exc}"),
        )

    def _set_state(self, state: AppState) -> None:
        self._state = state
        self.state_changed.emit(state)

    def _load(self, *, rebuild: bool) -> None:
        """Open the data, then compute the signals: queued together on the solver lane, so the
        engine goes from one to the other without waiting for this thread."""
        self.jobs.submit(
            "load",
            Lane.SOLVER,
            self.engine.load,
            on_result=self._on_loaded,
            on_error=self._on_load_failed,
        )
        self._compute_signals(rebuild=rebuild)

    def _compute_signals(self, *, rebuild: bool) -> None:
        """Readings for the chosen day (the last one when none was chosen), then a solve."""
        as_of = self._state.dates.chosen or None
        self.jobs.submit(
            "signals",
            Lane.SOLVER,
            lambda: self.engine.compute_signals(rebuild=rebuild, as_of=as_of),
            on_result=self._on_signals,
            on_error=self._on_load_failed,
        )

    def _on_loaded(self, loaded: Loaded) -> None:
        dates = Dates(
            first=loaded.first_date, last=loaded.last_date, age=loaded.data_age,
            old=loaded.data_old,
        )  # fmt: skip
        state = app_state.data_loaded(self._state, loaded.label, loaded.stale_count, dates)
        self._set_state(state)

    def _on_signals(self, computed: Computed) -> None:
        dates = Dates(shown=computed.as_of, age=computed.data_age, notes=computed.date_notes)
        state = app_state.signals_computed(
            self._state, computed.cards, computed.themes, computed.asset_classes, dates
        )
        self._set_state(state)
        self._solve_now()
        # Queued behind the first solve on the same lane, so it never delays the first answer.
        as_of = computed.as_of if self._state.dates.chosen else None
        self.jobs.submit(
            "sparklines",
            Lane.SOLVER,
            lambda: self.engine.sparklines(as_of),
            on_result=lambda lines: self._set_state(
                app_state.sparklines_computed(self._state, lines)
            ),
        )
        self.jobs.submit(  # each card's one-line record, from the evidence up to that day
            "records",
            Lane.SOLVER,
            lambda: self.engine.evidence_lines(as_of),
            on_result=lambda lines: self._set_state(app_state.records_computed(self._state, lines)),
            on_error=lambda exc: self.message.emit(f"The signals' records: {exc}"),
        )

    def _on_solved(self, solved: Solved, knobs: Knobs, holdings: dict[str, float] | None) -> None:
        self._solved = solved
        self._set_state(app_state.allocation_solved(self._state, solved.summary))
        self.allocation_ready.emit(solved.summary)
        self._to_explain = (knobs, holdings)
        if self._synchronous:
            self._explain()
        else:
            self._explain_timer.start()

    def _on_explained(self, solved: Solved) -> None:
        self._solved = solved
        self._set_state(app_state.allocation_solved(self._state, solved.summary))

    def _on_solve_failed(self, exc: BaseException) -> None:
        self._set_state(app_state.allocation_failed(self._state, f"No new allocation: {exc}"))

    def _on_load_failed(self, exc: BaseException) -> None:
        self.jobs.cancel("signals")  # queued behind a failed load, it could only fail again
        self._set_state(app_state.allocation_failed(self._state, f"Could not load the data: {exc}"))

    def _on_portfolio_failed(self, exc: BaseException) -> None:
        self.jobs.cancel("signals")  # queued behind the failed switch: the old files stay
        self.message.emit(f"Portfolio not opened: {exc}")
        if self.portfolio != "default":
            self.portfolio = ""  # so the switch back is not taken for no change
            self.set_portfolio("default")

    def _on_exported(self, path: Path) -> None:
        self.message.emit(f"Exported the allocation to {path}")
        self.exported.emit(str(path))

    def _on_holdings(self, path: Path, holdings: dict[str, float]) -> None:
        self._holdings = holdings
        self._set_state(app_state.holdings_loaded(self._state, str(path)))
        self.message.emit(f"Holdings read from {path.name}")
        self._request_solve()

    def _on_jobs_failed(self, key: str, exc: BaseException) -> None:
        self.error.emit(f"{key.capitalize()} failed", str(exc))
