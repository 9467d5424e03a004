"""The market database's schema, its versioned migrations and its typed errors.

The schema version lives in `PRAGMA user_version`; MIGRATIONS[i] upgrades version i to i + 1.
Migrations only append: a released migration is never edited, a change is a new function.
Dates are ISO 'YYYY-MM-DD' text, prices are adjusted closes (REAL), timestamps ISO UTC text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.data.tables import rebuild_close_columns


class MarketDataError(RuntimeError):
    """Base of the data layer's errors; the message says what happened and what to do."""


class CorruptDatabaseError(MarketDataError):
    def __init__(self, path: str | Path, cause: str) -> None:
        self.path = path
        super().__init__(
            f"The market database {path} is damaged or is not a database ({cause}). "
            f"Nothing was changed. Run `rotation-advisor --db {path} reset-db` to move it aside "
            "(kept as a .corrupt-<timestamp> file) and start an empty one, then import or "
            "refresh your data again."
        )


class DiskFullError(MarketDataError):
    def __init__(self, path: str | Path) -> None:
        self.path = path
        super().__init__(
            f"The disk holding {path} is full, so nothing was written and the database is as it "
            "was. Free some space and try again."
        )


class DatabaseLockedError(MarketDataError):
    def __init__(self, path: str | Path) -> None:
        self.path = path
        super().__init__(
            f"Another program is writing to {path} (a second Rotation Advisor window or a "
            "`rotation-advisor` command?), so nothing was changed. Let it finish or close it, "
            "then try again."
        )


class NewerDatabaseError(MarketDataError):
    def __init__(self, path: str | Path, version: int) -> None:
        super().__init__(
            f"The market database {path} was written by a newer Rotation Advisor (schema "
            f"{version}, this version knows {len(MIGRATIONS)}). Update the app, or use another "
            "--db file."
        )


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


MIGRATIONS: tuple[Callable[[Any], None], ...] = (
    _v1_prices_and_series,
    _v2_quality_and_macro,
    _v3_close_columns,
    _v4_sources_table,
)


def schema_version(db: Any) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Any, path: str | Path, *, target: int = len(MIGRATIONS)) -> int:
    """Bring a sqlite-utils Database up to `target`, all steps in one transaction."""
    version = schema_version(db)
    if version > len(MIGRATIONS):
        raise NewerDatabaseError(path, version)
    if version >= target:
        return version
    with db.atomic():
        for step in MIGRATIONS[version:target]:
            step(db)
        db.execute(f"PRAGMA user_version = {int(target)}")
    return target


@contextmanager
def translated_errors(path: str | Path) -> Iterator[None]:
    """Turn SQLite's disk-full, locked and corruption errors into the typed errors above."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "database or disk is full" in str(exc):
            raise DiskFullError(path) from exc
        if "database is locked" in str(exc):
            raise DatabaseLockedError(path) from exc
        raise
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "not a database" in text or "malformed" in text or "encrypted" in text:
            raise CorruptDatabaseError(path, text) from exc
        raise


def move_aside(path: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) to <name>.corrupt-<UTC timestamp>."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target
