"""A stand-in for `desktop.qt.controller.Controller` with the parts the tabs use, no engine behind.

Jobs run synchronously; `restore_knobs` goes through the undo stack like the real one.
"""

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.advice.knobs import Knobs
from desktop.advice.state import AppState
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

    def __init__(self, db_path: Path, state: AppState | None = None, **engine_parts) -> None:
        super().__init__()
        self.engine = SimpleNamespace(db_path=db_path, **engine_parts)
        self.jobs = Jobs(synchronous=True, parent=self)
        self.undo_stack = QUndoStack(self)
        self.state = state or AppState()
        self.selected_chart = ""
        self.data_updates = 0

    def data_updated(self) -> None:
        self.data_updates += 1
        self.data_changed.emit()

    def restore_knobs(self, knobs: Knobs, text: str = "Restore settings") -> None:
        self.undo_stack.push(_SetKnobs(self, knobs, text))
