"""The window's undoable changes: knobs (sliders, limits, value) and the time machine's date.

Each command holds the value before and after and hands one of them to `apply` (the
controller's), so Ctrl+Z / Ctrl+Shift+Z walk back and forth through settings and dates alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.advice.knobs import Knobs


class KnobsCommand(QUndoCommand):
    """Replace the knobs; consecutive changes of one field in one gesture merge into one step,
    which then reads as the last change (its text follows the value, e.g. "Set Gold to -0.40")."""

    def __init__(
        self, apply: Callable[[Knobs], None], before: Knobs, after: Knobs, key: tuple, text: str
    ):
        super().__init__(text)
        self._apply, self.before, self.after, self.key = apply, before, after, key

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, KnobsCommand) or other.key != self.key or self.key[0] is None:
            return False
        self.after = other.after
        self.setText(other.text())
        return True

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class DateCommand(QUndoCommand):
    """Move the time machine from one day to another (YYYY-MM-DD; "" is the data's last date)."""

    def __init__(self, apply: Callable[[str], None], before: str, after: str):
        super().__init__(f"Show {after}" if after else "Show the latest data")
        self._apply, self.before, self.after = apply, before, after

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
