"""The market database's typed errors, and the one place SQLite's and the file system's errors
become them.

Every message names the database file, says what is wrong and what to do, and says that nothing
was changed (SQLite rolls a failed transaction back, so that is always true). `translated_errors`
wraps every open, read and write of `MarketStore`; commands and the window show the message.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class MarketDataError(RuntimeError):
    """Base of the data layer's errors; the message says what happened and what to do."""


class StoredValueError(ValueError):
    """A stored value that cannot be what the app wrote (damage inside a readable page); the
    message names the series and the value. `translated_errors` turns it into
    CorruptDatabaseError."""


class CorruptDatabaseError(MarketDataError):
    def __init__(self, path: str | Path, cause: str) -> None:
        self.path = path
        self.reason = cause
        super().__init__(
            f"The market database {path} is damaged or is not a Rotation Advisor database "
            f"({cause}). Nothing was changed. Run `rotation-advisor --db {path} reset-db`: it "
            "rebuilds what can be rebuilt, otherwise moves the file aside (kept as a "
            ".corrupt-<timestamp> file) and starts an empty one; then import or refresh again."
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
    def __init__(self, path: str | Path, version: int, known: int) -> None:
        self.path = path
        self.reason = (
            f"written by a newer Rotation Advisor: schema {version}, this one knows {known}"
        )
        super().__init__(
            f"The market database {path} was written by a newer Rotation Advisor (schema "
            f"{version}, this version knows {known}). Nothing was changed. Update the app, or "
            f"use another --db file (`reset-db` moves this one aside and starts an empty one)."
        )


class ReadOnlyDatabaseError(MarketDataError):
    def __init__(self, path: str | Path) -> None:
        self.path = path
        super().__init__(
            f"The market database {path} cannot be written: the file or its folder is "
            "read-only. Nothing was changed. `status`, `signals` and `allocate` still read it; "
            "to import or refresh, make it writable or copy it to a folder you can write to "
            "and pass that copy with --db."
        )


class UnusableLocationError(MarketDataError):
    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"Cannot use {path} as the market database: {reason}. Nothing was changed. Give "
            "--db a file path in a folder you can write to."
        )


class DatabaseIOError(MarketDataError):
    def __init__(self, path: str | Path, cause: str) -> None:
        self.path = path
        super().__init__(
            f"The disk failed while reading or writing {path} ({cause}); nothing was changed. "
            "Check that the disk or network folder is still there and writable, then try again."
        )


_FILE_ERRNOS = {
    errno.ENOSPC: "full",
    errno.EROFS: "read-only",
    errno.EACCES: "read-only",
    errno.EPERM: "read-only",
}


@contextmanager
def translated_errors(path: str | Path) -> Iterator[None]:
    """Turn every SQLite error, file-system error and damaged stored value met while using the
    database at `path` into one of the typed errors above."""
    try:
        yield
    except StoredValueError as exc:
        raise CorruptDatabaseError(path, str(exc)) from exc
    except sqlite3.Error as exc:
        if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
            raise  # a mistake in this program, not a problem of the file
        raise _from_sqlite(path, exc) from exc
    except OSError as exc:
        raise _from_os(path, exc) from exc


def _from_sqlite(path: str | Path, exc: sqlite3.Error) -> MarketDataError:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name == "SQLITE_FULL" or "disk is full" in text:
        return DiskFullError(path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "is locked" in text:
        return DatabaseLockedError(path)
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return ReadOnlyDatabaseError(path)
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return UnusableLocationError(path, _why_unopenable(Path(path)))
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return DatabaseIOError(path, text)
    return CorruptDatabaseError(path, text)


def _from_os(path: str | Path, exc: OSError) -> MarketDataError:
    kind = _FILE_ERRNOS.get(exc.errno or 0)
    if kind == "full":
        return DiskFullError(path)
    if kind == "read-only":
        return ReadOnlyDatabaseError(path)
    in_the_way = next((p for p in Path(path).parents if p.exists()), None)
    if in_the_way is not None and not in_the_way.is_dir():
        return UnusableLocationError(path, f"{in_the_way} is a file, not a folder")
    return UnusableLocationError(path, f"{exc.filename or path}: {exc.strerror or exc}")


def _why_unopenable(path: Path) -> str:
    if path.is_dir():
        return "it is a folder, not a file"
    parent = path.parent
    if not parent.is_dir():
        return f"the folder {parent} does not exist or is not a folder"
    if path.exists():
        return "the file cannot be opened (no permission to read it?)"
    return f"no database file can be created in {parent} (read-only folder?)"
