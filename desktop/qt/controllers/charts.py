"""The Charts tab's controller: asks the engine for the chart book and says when it arrives.

The engine builds the book (`Engine.chart_book`) from the data and the score histories it
already holds for the dashboard's sparklines, so nothing is re-read or recomputed here. The
request runs on the jobs' solver lane, behind whatever the engine was asked before: after an
import or an edit of the universe the book is of the new data. Before the engine has opened any
data (the tab opened during start-up) the request waits for it. The time machine's day (the
window's `state.dates`) comes as `as_of_changed`; the charts draw a cursor there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.advice.state import AppState, Phase
from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from desktop.qt.controller import Controller

CHARTS_KEY = "charts"


class ChartsController(QObject):
    """Chart book requests for one Charts tab."""

    book_ready = Signal(object)  # ChartBook
    book_failed = Signal(str)  # why, in words
    chart_requested = Signal(str)  # signal name: show its score history
    as_of_changed = Signal(str)  # the time machine's day (YYYY-MM-DD); "" at the data's last

    def __init__(self, home: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent or home)
        self._home = home
        self._waiting = False  # a request waits for the engine's first data
        self._as_of = self.as_of
        home.chart_requested.connect(self.chart_requested)
        home.data_changed.connect(self.reload)
        home.state_changed.connect(self._on_home_state_changed)

    @property
    def requested_chart(self) -> str:
        """The signal whose chart was asked for last (a dashboard card clicked), or ""."""
        return self._home.selected_chart

    @property
    def as_of(self) -> str:
        """The day the window shows when the time machine left the data's last day, else ""."""
        return _as_of(self._home.state)

    def reload(self) -> None:
        """Ask for the chart book of the data the engine holds; `book_ready` brings it."""
        if self._home.state.phase is Phase.LOADING_DATA:
            self._waiting = True
            return
        self._waiting = False
        self._home.jobs.submit(
            CHARTS_KEY,
            Lane.SOLVER,
            self._home.engine.chart_book,
            on_result=self.book_ready.emit,
            on_error=lambda exc: self.book_failed.emit(str(exc)),
        )

    def _on_home_state_changed(self, state: AppState) -> None:
        if self._waiting and state.phase is not Phase.LOADING_DATA:
            self.reload()
        if _as_of(state) != self._as_of:
            self._as_of = _as_of(state)
            self.as_of_changed.emit(self._as_of)


def _as_of(state: AppState) -> str:
    dates = state.dates
    return "" if dates.is_latest else dates.shown
