"""Side tables in the market database file: saved suggestions, alerts, backtest runs.

Each kind keeps its tables under its own prefix (`history_`, `alerts_`, `backtest_`) with a
version table of its own, independent of the market tables' schema, so each can be migrated
(or refused, when a newer app wrote it) without touching the others.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

import sqlite_utils


def open_side_database(path: Path | str) -> sqlite_utils.Database:
    """The database at `path` for a side store: write-ahead logging and foreign keys on."""
    db = sqlite_utils.Database(str(path))
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def migrate_side_tables(
    db: sqlite_utils.Database,
    *,
    version_table: str,
    migrations: Mapping[int, str],
    newer: Exception,
) -> int:
    """Bring one kind's tables to the highest version in `migrations` (version -> SQL script);
    returns the version found before. Raises `newer` when a newer app wrote them. One
    transaction per step: a failed step leaves the previous version intact."""
    latest = max(migrations)
    db.execute(f"CREATE TABLE IF NOT EXISTS {version_table} (version INTEGER NOT NULL)")
    found = db.execute(f"SELECT MAX(version) FROM {version_table}").fetchone()[0] or 0
    if found > latest:
        raise newer
    for version in range(found + 1, latest + 1):
        script = f"INSERT INTO {version_table} (version) VALUES ({version});"
        try:
            db.conn.executescript(f"BEGIN; {migrations[version]} {script} COMMIT;")
        except sqlite3.Error:
            db.conn.rollback()
            raise
    return found
