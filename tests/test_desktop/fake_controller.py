"""A stand-in for `desktop.qt.controller.Controller` with the parts the tabs' controllers use
(`desktop.qt.controllers`), no engine behind: `engine` holds `db_path` and whatever engine
methods a test passes (e.g. `chart_book=...`). Jobs run synchronously unless asked otherwise;
`restore_knobs` goes through the undo stack like the real one. The state says the engine has
its data (READY).
"""

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.advice.knobs import Knobs
from desktop.advice.state import AppState, Phase
from desktop.qt.jobs import Jobs


class _SetKnobs(QUndoCommand):
    def __init__(self, controller: "FakeController", after: Knobs, text: str) -> None:
        super().__init__(text)
        self.controller, self.before, self.after = controller, controller.state.knobs, after

    def redo(self) -> None:
        self.controller.state = replace(self.controller.state, knobs=self.after)

    def undo(self) -> None:
        self.controller.state = replace(self.controller.state, knobs=self.before)


class FakeController(QObject):
    state_changed = Signal(object)
    data_changed = Signal()
    chart_requested = Signal(str)
    error = Signal(str, str)
    message = Signal(str)
    portfolio_changed = Signal(str)
    allocation_ready = Signal(object)

    def __init__(
        self,
        db_path: Path,
        state: AppState | None = None,
        *,
        synchronous: bool = True,
        **engine_parts,
    ) -> None:
        super().__init__()
        self.engine = SimpleNamespace(db_path=db_path, **engine_parts)
        self.jobs = Jobs(synchronous=synchronous, parent=self)
        self.undo_stack = QUndoStack(self)
        self.state = state or AppState(phase=Phase.READY)
        self.selected_chart = ""
        self.data_updates = 0
        self.portfolio = "default"
        self.holdings: dict[str, float] | None = None

    def data_updated(self) -> None:
        self.data_updates += 1
        self.data_changed.emit()

    def restore_knobs(self, knobs: Knobs, text: str = "Restore settings") -> None:
        self.undo_stack.push(_SetKnobs(self, knobs, text))
