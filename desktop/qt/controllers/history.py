"""The History tab's controller: save, list, note, restore, delete with undo, export, score.

Every store call runs on the jobs' I/O lane through one `HistoryService` (opened, and purged of
the last session's deletions, by its first call there), followed by the new listing. A delete
is a command on the window's undo stack: Edit > Undo (Ctrl+Z) and the notice's Undo both bring
it back; once another step is taken the notice's Undo would mislead, and `undo_expired` says so.
After each listing and each data change the engine scores the saved suggestions against what
followed (`Engine.journal`, on the solver lane): `journal_ready`. A switch of portfolio lists
and scores that portfolio's suggestions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from desktop.advice.journal.suggestion import knobs_from_settings, suggestion_from_state
from desktop.engine.history_service import HistoryService
from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from desktop.advice.journal.suggestion import SavedSuggestion
    from desktop.qt.controller import Controller


class _DeleteCommand(QUndoCommand):
    """Deleting saved suggestions; undo restores them (until the app is closed)."""

    def __init__(self, controller: HistoryController, ids: tuple[int, ...]) -> None:
        count = f"{len(ids)} saved suggestions" if len(ids) > 1 else "a saved suggestion"
        super().__init__(f"Delete {count}")
        self.controller, self.ids = controller, ids

    def redo(self) -> None:
        ids, done = self.ids, self.controller._on_deleted
        self.controller._run("delete", lambda service: service.delete(ids), lambda _: done(self))

    def undo(self) -> None:
        ids = self.ids
        self.controller._run("undelete", lambda service: service.undelete(ids), lambda _: None)


class HistoryController(QObject):
    """The History tab's requests; `listed` follows every change."""

    listed = Signal(object)  # list[SavedSuggestion], newest first
    saved = Signal(object)  # the SavedSuggestion just saved (after its `listed`)
    noted = Signal(str, str)  # what a request did, kind ("info", "warning", "error")
    deleted = Signal(str)  # what was deleted; the notice offers `undo_delete`
    undo_expired = Signal()  # another step was taken: the notice's Undo no longer applies
    journal_ready = Signal(object)  # JournalView: each suggestion's record, chart, sentence
    journal_failed = Signal(str)  # why the suggestions could not be scored

    def __init__(self, home: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent or home)
        self._home = home
        self._service = HistoryService(home.engine.db_path, home.portfolio)
        self._last_delete: _DeleteCommand | None = None
        self._delete_index = -1  # the undo stack's index right after `_last_delete`
        self._undo_offered = False  # the notice offers the Undo of `_last_delete`
        self._calls = 0
        # Through a function that holds this object, not a slot: the stack (made before this
        # controller) is destroyed first and its last indexChanged can come after PySide has
        # released this object's Python side.
        home.undo_stack.indexChanged.connect(lambda i: self._on_undo_stack_index_changed(i))
        home.portfolio_changed.connect(self._on_home_portfolio_changed)
        home.data_changed.connect(self.score)

    # Requests.

    def refresh(self) -> None:
        self._run("list", lambda service: None, lambda _: None)

    def score(self) -> None:
        """Score the portfolio's saved suggestions on the engine's data: `journal_ready`."""
        engine = self._home.engine
        self._home.jobs.submit(
            "history-journal",
            Lane.SOLVER,
            lambda: engine.journal(),
            on_result=self.journal_ready.emit,
            on_error=lambda exc: self.journal_failed.emit(str(exc)),
        )

    def save_current(self, note: str = "") -> None:
        """Keep the allocation on screen with its settings, views and readings."""
        try:
            suggestion = suggestion_from_state(self._home.state)
        except ValueError as exc:
            self._say(str(exc), "warning")
            return
        self._run("save", lambda service: service.save(suggestion, note), self._on_saved)

    def set_note(self, suggestion_id: int, note: str) -> None:
        self._run(
            f"note-{suggestion_id}",
            lambda service: service.set_note(suggestion_id, note),
            lambda _: None,
        )

    def delete(self, ids: tuple[int, ...]) -> None:
        """Delete saved suggestions: one step on the undo stack."""
        if ids:
            self._last_delete = _DeleteCommand(self, ids)
            self._delete_index = self._home.undo_stack.index() + 1  # before push: it signals
            self._home.undo_stack.push(self._last_delete)

    def undo_delete(self) -> None:
        """Undo the last delete if it is still the latest step on the undo stack."""
        stack = self._home.undo_stack
        if self._last_delete is not None and stack.command(stack.index() - 1) is self._last_delete:
            stack.undo()

    def restore(self, saved: SavedSuggestion) -> None:
        """Apply `saved`'s settings and overrides (of themes that still exist); re-solves."""
        themes = {t.name for t in self._home.state.themes}
        overrides = dict(saved.suggestion.overrides)
        dropped = sorted(set(overrides) - themes) if themes else []
        kept = {k: v for k, v in overrides.items() if k not in dropped}
        knobs = knobs_from_settings(saved.suggestion.settings, kept)
        self._home.restore_knobs(knobs, f"Restore settings of suggestion #{saved.id}")
        text = (
            f"Restored the settings and views of suggestion #{saved.id} (saved as of "
            f"{saved.suggestion.as_of}); the allocation is re-solved on the current data."
        )
        if dropped:
            text += f" Not restored (theme no longer exists): {', '.join(dropped)}."
        self._say(text)

    def export_csv(self, path: str | Path) -> None:
        """Write every saved suggestion to one CSV file."""
        target = Path(path)
        self._run(
            "export",
            lambda service: service.export_csv(target),
            lambda count: self._say(f"Exported {count} saved suggestions to {target}."),
        )

    def labels(self) -> dict[str, str]:
        """Theme and signal ids -> the names the window shows, from the current state."""
        state = self._home.state
        return {t.name: t.label for t in state.themes} | {c.name: c.title for c in state.cards}

    # Work on the I/O lane, results on the GUI thread.

    def _run(
        self, what: str, action: Callable[[HistoryService], Any], done: Callable[[Any], None]
    ) -> None:
        """`action(service)` then the listing, on the I/O lane; `listed`, then `done(result)`.

        Changes get a key of their own so a quick second one never supersedes (skips) the
        first; "list" and per-suggestion note edits share a key, so only the latest runs.
        """
        self._calls += 1
        key = what if what == "list" or what.startswith("note") else f"{what}-{self._calls}"
        service = self._service
        self._home.jobs.submit(
            f"history-{key}",
            Lane.IO,
            lambda: (action(service), service.list()),
            on_result=lambda result: self._on_done(done, *result),
            on_error=lambda exc: self._say(f"History: {exc}", "error"),
        )

    def _on_done(
        self, done: Callable[[Any], None], result: Any, listing: list[SavedSuggestion]
    ) -> None:
        self.listed.emit(listing)
        done(result)
        self.score()

    def _on_saved(self, saved: SavedSuggestion) -> None:
        self.saved.emit(saved)
        self._say(f"Saved suggestion #{saved.id}. Double-click its note to add one.")

    def _on_deleted(self, command: _DeleteCommand) -> None:
        self.deleted.emit(command.text().replace("Delete", "Deleted", 1) + ".")
        self._undo_offered = True

    def _say(self, text: str, kind: str = "info") -> None:
        self._undo_offered = False
        self.noted.emit(text, kind)

    def _on_home_portfolio_changed(self, name: str) -> None:
        self._service = HistoryService(self._home.engine.db_path, name)
        self.refresh()

    def _on_undo_stack_index_changed(self, index: int) -> None:
        # Any other step (undo, redo, a settings change) makes the notice's Undo misleading.
        if self._undo_offered and index != self._delete_index:
            self._undo_offered = False
            self.undo_expired.emit()
