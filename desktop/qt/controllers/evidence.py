"""The Evidence tab's controller: asks the engine for the records and charts of the day shown.

The engine computes them from the data up to Home's as-of date (`Engine.evidence`), on the
solver lane behind whatever it was asked before; a new request follows a change of data or of
the day shown, and an answer to an older request is dropped (the jobs' generations).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.advice.state import AppState, Phase
from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from desktop.qt.controller import Controller

EVIDENCE_KEY = "evidence"


class EvidenceController(QObject):
    """Evidence requests for one Evidence tab."""

    evidence_ready = Signal(object)  # EvidenceView
    evidence_failed = Signal(str)  # why, in words

    def __init__(self, home: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent or home)
        self._home = home
        self._asked_for: str | None = None  # the day of the last request ("" : the latest)
        home.data_changed.connect(self.reload)
        home.state_changed.connect(self._on_home_state_changed)

    def reload(self) -> None:
        """Ask for the evidence up to the day Home shows; `evidence_ready` brings it."""
        state = self._home.state
        if state.phase is Phase.LOADING_DATA:
            self._asked_for = None  # asked again once the data is there
            return
        as_of = state.dates.chosen or None
        self._asked_for = as_of or ""
        self._home.jobs.submit(
            EVIDENCE_KEY,
            Lane.SOLVER,
            lambda: self._home.engine.evidence(as_of),
            on_result=self.evidence_ready.emit,
            on_error=lambda exc: self.evidence_failed.emit(str(exc)),
        )

    def _on_home_state_changed(self, state: AppState) -> None:
        if state.phase is Phase.LOADING_DATA:
            return
        if self._asked_for is None or (state.dates.chosen or "") != self._asked_for:
            self.reload()
