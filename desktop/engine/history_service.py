"""The History tab's work on the saved suggestions: list, save, note, delete and undelete, export.

`HistoryService` opens the history store (in the market database file) on the thread of its
first call, purging the suggestions deleted in an earlier session (their undo went with it), and
must be used from that thread only (sqlite3's rule; the window's controller runs every call on
the jobs' I/O lane). Every call returns plain values (`SavedSuggestion`s, counts). No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.advice.journal.suggestion import SavedSuggestion, Suggestion
    from desktop.data.history import HistoryStore


class HistoryService:
    """The saved suggestions of `portfolio` in the database at `db_path`."""

    def __init__(self, db_path: str | Path, portfolio: str = "default") -> None:
        self.db_path, self.portfolio = Path(db_path), portfolio
        self._store: HistoryStore | None = None

    def list(self) -> list[SavedSuggestion]:
        """Every saved suggestion, newest first."""
        return self._open().list()

    def save(self, suggestion: Suggestion, note: str = "") -> SavedSuggestion:
        return self._open().save(suggestion, note)

    def set_note(self, suggestion_id: int, note: str) -> SavedSuggestion:
        return self._open().set_note(suggestion_id, note)

    def delete(self, ids: Iterable[int]) -> None:
        """Delete suggestions; `undelete` brings them back until the next session."""
        store = self._open()
        for suggestion_id in ids:
            store.delete(suggestion_id)

    def undelete(self, ids: Iterable[int]) -> None:
        store = self._open()
        for suggestion_id in ids:
            store.undelete(suggestion_id)

    def export_csv(self, path: Path) -> int:
        """Write every saved suggestion to one CSV file (`desktop.data.exports.history_export`);
        returns how many."""
        from desktop.data.exports.history_export import write_history_csv

        saved = self._open().list()
        write_history_csv(path, saved)
        return len(saved)

    def _open(self) -> HistoryStore:
        if self._store is None:
            from desktop.data.history import open_history

            store = open_history(self.db_path, self.portfolio)
            store.purge_deleted()
            self._store = store
        return self._store
