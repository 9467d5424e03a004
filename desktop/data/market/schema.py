"""The market database's schema and its versioned migrations (the typed errors, defined in
`desktop.data.market.db_errors`, are re-exported here).

The schema version lives in `PRAGMA user_version`; MIGRATIONS[i] upgrades version i to i + 1.
Migrations only append: a released migration is never edited, a change is a new function.
Dates are ISO 'YYYY-MM-DD' text, prices are adjusted closes (REAL), timestamps ISO UTC text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.data.market.db_errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    MarketDataError,
    NewerDatabaseError,
    translated_errors,
)
from desktop.data.market.tables import rebuild_close_columns

__all__ = [
    "MIGRATIONS",
    "CorruptDatabaseError",
    "DatabaseLockedError",
    "DiskFullError",
    "MarketDataError",
    "NewerDatabaseError",
    "aside_name",
    "migrate",
    "move_aside",
    "schema_version",
    "translated_errors",
]


def _v1_prices_and_series(db: Any) -> None:
    db.execute(
        """CREATE TABLE prices (
            ticker TEXT NOT NULL, date TEXT NOT NULL,
            close REAL, open REAL, high REAL, low REAL, volume REAL,
            source TEXT NOT NULL, imported_at TEXT NOT NULL,
            PRIMARY KEY (ticker, date)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE series (
            ticker TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('price', 'macro')),
            name TEXT, source TEXT, last_refresh TEXT
        )"""
    )


def _v2_quality_and_macro(db: Any) -> None:
    # suspect: the flag kind that makes a stored close untrustworthy (bad print, intraday
    # snapshot); NULL for a good close. Suspect rows are kept but not served to the signals.
    db.execute("ALTER TABLE prices ADD COLUMN suspect TEXT")
    db.execute(
        """CREATE TABLE quality_flags (
            ticker TEXT NOT NULL, date TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,
            PRIMARY KEY (ticker, date, kind)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE macro_releases (
            series TEXT NOT NULL, date TEXT NOT NULL,
            actual REAL, consensus REAL, source TEXT NOT NULL,
            PRIMARY KEY (series, date)
        ) WITHOUT ROWID"""
    )


def _v3_close_columns(db: Any) -> None:
    db.execute(
        """CREATE TABLE close_columns (
            ticker TEXT PRIMARY KEY, days BLOB NOT NULL, closes BLOB NOT NULL
        )"""
    )
    rebuild_close_columns(db)


def _v4_sources_table(db: Any) -> None:
    # Provenance moves to one row per import or refresh (label, when), referenced by id: rows
    # keep the time they were really imported when a later merge rewrites their ticker, and
    # the prices table shrinks by about a third (bulk imports get faster).
    db.execute(
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY, label TEXT NOT NULL, imported_at TEXT NOT NULL
        )"""
    )
    db.execute(
        "INSERT INTO sources (label, imported_at) "
        "SELECT DISTINCT source, imported_at FROM prices ORDER BY imported_at, source"
    )
    db.execute(
        """CREATE TABLE prices_v4 (
            ticker TEXT NOT NULL, date TEXT NOT NULL,
            close REAL, open REAL, high REAL, low REAL, volume REAL,
            source_id INTEGER NOT NULL REFERENCES sources (id), suspect TEXT,
            PRIMARY KEY (ticker, date)
        ) WITHOUT ROWID"""
    )
    db.execute(
        "INSERT INTO prices_v4 SELECT p.ticker, p.date, p.close, p.open, p.high, p.low, "
        "p.volume, s.id, p.suspect FROM prices AS p JOIN sources AS s "
        "ON s.label = p.source AND s.imported_at = p.imported_at"
    )
    db.execute("DROP TABLE prices")
    db.execute("ALTER TABLE prices_v4 RENAME TO prices")


def _v5_conflicts(db: Any) -> None:
    # A re-import that offers a worse value (non-positive, a bad print) for a date whose stored
    # close is good keeps the stored row; the offered row waits here until the user chooses.
    db.execute(
        """CREATE TABLE conflicts (
            ticker TEXT NOT NULL, date TEXT NOT NULL,
            close REAL, open REAL, high REAL, low REAL, volume REAL,
            source_id INTEGER NOT NULL REFERENCES sources (id), reason TEXT NOT NULL,
            PRIMARY KEY (ticker, date)
        ) WITHOUT ROWID"""
    )


MIGRATIONS: tuple[Callable[[Any], None], ...] = (
    _v1_prices_and_series,
    _v2_quality_and_macro,
    _v3_close_columns,
    _v4_sources_table,
    _v5_conflicts,
)


def schema_version(db: Any) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Any, path: str | Path, *, target: int = len(MIGRATIONS)) -> int:
    """Bring a sqlite-utils Database up to `target`, all steps in one transaction.

    The version is read again after taking the write lock (BEGIN IMMEDIATE): two processes
    creating the same new database at once must not both run the first migration.
    """
    version = schema_version(db)
    if version > len(MIGRATIONS):
        raise NewerDatabaseError(path, version, len(MIGRATIONS))
    if version >= target:
        return version
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)
        for step in MIGRATIONS[version:target]:
            step(db)
        if version < target:
            db.execute(f"PRAGMA user_version = {int(target)}")
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
    return max(version, target)


def move_aside(path: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) to `aside_name(path)`; returns that."""
    target = aside_name(path, now=now)
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def aside_name(path: Path, *, now: datetime | None = None) -> Path:
    """<name>.corrupt-<UTC timestamp> beside `path`, with -2, -3 ... when that name is taken."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    return target
