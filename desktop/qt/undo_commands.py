"""The window's undoable changes: knobs (sliders, limits, value) and the time machine's date.

Each command holds the value before and after and applies it through the controller, so
Ctrl+Z / Ctrl+Shift+Z walk back and forth through settings and dates alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop.advice.knobs import Knobs

if TYPE_CHECKING:
    from desktop.qt.controller import Controller


class KnobsCommand(QUndoCommand):
    """Replace the knobs; consecutive changes of one field in one gesture merge into one step,
    which then reads as the last change (its text follows the value, e.g. "Set Gold to -0.40")."""

    def __init__(self, controller: Controller, before: Knobs, after: Knobs, key: tuple, text: str):
        super().__init__(text)
        self._controller, self.before, self.after, self.key = controller, before, after, key

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, KnobsCommand) or other.key != self.key or self.key[0] is None:
            return False
        self.after = other.after
        self.setText(other.text())
        return True

    def redo(self) -> None:
        self._controller._apply_knobs(self.after)

    def undo(self) -> None:
        self._controller._apply_knobs(self.before)


class DateCommand(QUndoCommand):
    """Move the time machine from one day to another (YYYY-MM-DD; "" is the data's last date)."""

    def __init__(self, controller: Controller, before: str, after: str):
        super().__init__(f"Show {after}" if after else "Show the latest data")
        self._controller, self.before, self.after = controller, before, after

    def redo(self) -> None:
        self._controller._apply_date(self.after)

    def undo(self) -> None:
        self._controller._apply_date(self.before)
