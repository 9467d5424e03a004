"""Opening the market database file, for writing or for reading only.

For writing: the folder is created, WAL is switched on and the schema migrated. For reading only
(`status`, `signals`, `allocate`, the window's engine): the file is opened with SQLite's
`mode=ro` and WAL is left as it is, so a database on a read-only mount, in a read-only folder or
with a read-only file can still be read. Where even the WAL index cannot be created beside the
file, it is opened `immutable` (SQLite then trusts that nobody writes it meanwhile, which holds
in a folder nobody can write). An old schema is first upgraded by a writing open, or where the
file cannot be written, in a copy in memory.
"""

from __future__ import annotations

import contextlib
import sqlite3
import stat
from pathlib import Path

from sqlite_utils import Database

from desktop.data.market.db_errors import (
    DiskFullError,
    ReadOnlyDatabaseError,
    UnusableLocationError,
    translated_errors,
)
from desktop.data.market.schema import MIGRATIONS, migrate, schema_version

_RETRY_IMMUTABLE = ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR")


def open_database(path: str | Path, *, read_only: bool = False) -> Database:
    """A sqlite-utils Database on `path` (':memory:' for tests) at the current schema.

    Raises the typed errors of `desktop.data.market.db_errors` (damaged, newer, read-only, locked,
    full
    or unusable location), each naming `path`. A new file that a full disk left empty is removed.
    """
    new = str(path) != ":memory:" and not read_only and not Path(path).exists()
    try:
        with translated_errors(path):
            if str(path) == ":memory:":
                return _migrated(Database(memory=True), path)
            target = _regular_file(Path(path), must_exist=read_only)
            if read_only:
                return _open_read_only(target)
            return _migrated(_open_for_writing(target), target)
    except DiskFullError:
        if new:
            _remove_if_empty(Path(path))
        raise


def _migrated(db: Database, path: str | Path) -> Database:
    try:
        db.execute("PRAGMA cache_size = -65536")
        migrate(db, path)
    except BaseException:
        db.close()
        raise
    return db


def _remove_if_empty(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
                path.with_name(name).unlink(missing_ok=True)


def _regular_file(path: Path, *, must_exist: bool) -> Path:
    """`path`, unless it names a folder, a device or a pipe (SQLite could hang reading a pipe),
    or names nothing when `must_exist`. One stat, so a file another process is creating at this
    moment counts as a file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if must_exist:
            raise UnusableLocationError(path, "there is no file there") from None
        return path
    if stat.S_ISREG(mode):
        return path
    if stat.S_ISDIR(mode):
        raise UnusableLocationError(path, "it is a folder, not a file")
    raise UnusableLocationError(path, "it is not a regular file (a device or a pipe?)")


def _open_for_writing(path: Path) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite3.connect(path))
    try:
        # Bigger pages and cache make bulk imports ~30 % faster; page_size only applies to a
        # new file. With WAL, synchronous=NORMAL cannot corrupt the file: a power cut may lose
        # only the last commit.
        db.execute("PRAGMA page_size = 16384")
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError as exc:
        db.close()
        if path.is_file() and str(getattr(exc, "sqlite_errorname", "")) == "SQLITE_CANTOPEN":
            # An existing file whose WAL files cannot be created: a read-only folder or mount.
            raise ReadOnlyDatabaseError(path) from exc
        raise
    except BaseException:
        db.close()
        raise
    return db


def _open_read_only(path: Path) -> Database:
    db = _connect_read_only(path)
    try:
        if schema_version(db) < len(MIGRATIONS):
            db = _upgraded(db, path)
        migrate(db, path)  # raises NewerDatabaseError for a newer schema; otherwise reads only
        db.execute("PRAGMA cache_size = -65536")
    except BaseException:
        db.close()
        raise
    return db


def _upgraded(db: Database, path: Path) -> Database:
    """A database written by an earlier version, for reading: the file upgraded in place, or
    where it cannot be written (a read-only disk), a copy in memory the caller upgrades (reads
    see the same data; nothing is ever saved)."""
    db.close()
    try:
        open_database(path).close()
    except ReadOnlyDatabaseError:
        source, copy = _connect_read_only(path), Database(memory=True)
        try:
            source.conn.backup(copy.conn)
        finally:
            source.close()
        return copy
    return _connect_read_only(path)


def _connect_read_only(path: Path) -> Database:
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        if not str(getattr(exc, "sqlite_errorname", "")).startswith(_RETRY_IMMUTABLE):
            raise
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    return Database(conn)
