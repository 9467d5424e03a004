"""Saved suggestions in SQLite: what the app advised, with what it needs to explain and redo it.

Each suggestion keeps its as-of date, the data source, the user's settings, the theme views
(from the signals and the user's overrides), the readings and the weights. The tables are
prefixed `history_` so they can live in the market-data database file; the history schema has
its own version number, independent of the market-data tables. Each suggestion belongs to a
portfolio (`desktop.data.portfolios`; "default" for those saved before there were several), and
a store lists, gets and changes only its own portfolio's.

Units follow `desktop.advice.state`: weights in percent, active weights in percentage points,
views and scores in [-1, 1]. A connection belongs to the thread that opened it (sqlite3's rule):
open the store on the thread that will use it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from desktop.advice.journal.suggestion import SavedReading, SavedSuggestion, SavedWeight, Suggestion
from desktop.data.side_tables import migrate_side_tables, open_side_database

SCHEMA_VERSION = 2
VERSION_TABLE = "history_schema"
TABLE = "history_suggestions"

_MIGRATIONS: dict[int, str] = {
    1: f"""
        CREATE TABLE {TABLE} (
            id INTEGER PRIMARY KEY,
            saved_at TEXT NOT NULL,      -- ISO 8601, UTC, seconds
            as_of TEXT NOT NULL,         -- YYYY-MM-DD: last date of the data used
            source TEXT NOT NULL,        -- data source label shown in the status bar
            settings TEXT NOT NULL,      -- JSON object: knob -> number
            views TEXT NOT NULL,         -- JSON {{"signals": {{..}}, "overrides": {{..}}}}
            readings TEXT NOT NULL,      -- JSON list of SavedReading fields
            weights TEXT NOT NULL,       -- JSON list of SavedWeight fields
            note TEXT NOT NULL DEFAULT '',
            deleted_at TEXT              -- set while deleted and still undoable
        );
        CREATE INDEX {TABLE}_saved_at ON {TABLE}(saved_at);
    """,
    2: f"""
        ALTER TABLE {TABLE} ADD COLUMN portfolio TEXT NOT NULL DEFAULT 'default';
    """,
}
DEFAULT_PORTFOLIO = "default"


class HistoryError(Exception):
    """The history cannot be read or changed; the message says what to do."""


def open_history(path: Path | str, portfolio: str = DEFAULT_PORTFOLIO) -> HistoryStore:
    """The history of `portfolio` in the database at `path` (created and migrated as needed)."""
    db = open_side_database(path)
    return HistoryStore(db, portfolio=portfolio)


class HistoryStore:
    """One portfolio's saved suggestions in one SQLite database; list, get, save, note, delete
    and undo."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        *,
        clock: Callable[[], datetime] | None = None,
        portfolio: str = DEFAULT_PORTFOLIO,
    ) -> None:
        self._db = db
        self._clock = clock or (lambda: datetime.now(UTC))
        self.portfolio = portfolio
        migrate(db)

    def save(self, suggestion: Suggestion, note: str = "") -> SavedSuggestion:
        saved_at = self._now()
        row = {"saved_at": saved_at, "note": note.strip(), **_to_row(suggestion)}
        row["portfolio"] = self.portfolio
        with self._db.conn:
            new_id = self._db.table(TABLE).insert(row).last_pk
        if new_id is None:
            raise HistoryError("The suggestion was not saved: SQLite gave it no id. Try again.")
        return SavedSuggestion(int(new_id), saved_at, row["note"], suggestion)

    def list(self) -> list[SavedSuggestion]:
        """Every suggestion not deleted, newest first."""
        sql = f"SELECT * FROM {TABLE} WHERE portfolio = ? AND deleted_at IS NULL ORDER BY id DESC"
        rows = self._db.query(sql, [self.portfolio])
        return [_from_row(row) for row in rows]

    def get(self, suggestion_id: int) -> SavedSuggestion:
        return _from_row(self._row(suggestion_id))

    def set_note(self, suggestion_id: int, note: str) -> SavedSuggestion:
        self._row(suggestion_id)
        with self._db.conn:
            self._db.table(TABLE).update(suggestion_id, {"note": note.strip()})
        return self.get(suggestion_id)

    def delete(self, suggestion_id: int) -> None:
        """Hide the suggestion; `undelete` brings it back until `purge_deleted` runs."""
        self._row(suggestion_id)
        with self._db.conn:
            self._db.table(TABLE).update(suggestion_id, {"deleted_at": self._now()})

    def undelete(self, suggestion_id: int) -> SavedSuggestion:
        self._row(suggestion_id, include_deleted=True)
        with self._db.conn:
            self._db.table(TABLE).update(suggestion_id, {"deleted_at": None})
        return self.get(suggestion_id)

    def purge_deleted(self) -> int:
        """Permanently remove deleted suggestions (run at start-up); returns how many."""
        with self._db.conn:
            cursor = self._db.execute(
                f"DELETE FROM {TABLE} WHERE portfolio = ? AND deleted_at IS NOT NULL",
                [self.portfolio],
            )
        return cursor.rowcount

    def _now(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _row(self, suggestion_id: int, *, include_deleted: bool = False) -> dict:
        sql = f"SELECT * FROM {TABLE} WHERE id = ? AND portfolio = ?"
        rows = list(self._db.query(sql, [suggestion_id, self.portfolio]))
        if not rows or (rows[0]["deleted_at"] is not None and not include_deleted):
            raise HistoryError(
                f"Saved suggestion {suggestion_id} no longer exists; refresh the list."
            )
        return rows[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the history tables to SCHEMA_VERSION; returns the version found before."""
    newer = HistoryError(
        f"This database's history was written by a newer Rotation Advisor (schema above "
        f"{SCHEMA_VERSION}, which this version reads up to); update the app to use them."
    )
    return migrate_side_tables(db, version_table=VERSION_TABLE, migrations=_MIGRATIONS, newer=newer)


def _to_row(suggestion: Suggestion) -> dict[str, str]:
    views = {"signals": dict(suggestion.signal_views), "overrides": dict(suggestion.overrides)}
    return {
        "as_of": suggestion.as_of,
        "source": suggestion.source,
        "settings": json.dumps(dict(suggestion.settings)),
        "views": json.dumps(views),
        "readings": json.dumps([_asdict(r) for r in suggestion.readings]),
        "weights": json.dumps([_asdict(w) for w in suggestion.weights]),
    }


def _from_row(row: dict) -> SavedSuggestion:
    views = json.loads(row["views"])
    suggestion = Suggestion(
        as_of=row["as_of"],
        source=row["source"],
        settings=json.loads(row["settings"]),
        signal_views=views["signals"],
        overrides=views["overrides"],
        readings=tuple(SavedReading(**r) for r in json.loads(row["readings"])),
        weights=tuple(SavedWeight(**w) for w in json.loads(row["weights"])),
    )
    return SavedSuggestion(row["id"], row["saved_at"], row["note"], suggestion)


def _asdict(item: SavedReading | SavedWeight) -> dict[str, object]:
    return {name: getattr(item, name) for name in item.__slots__}
