"""Damaged, odd and unusable market databases, built from a sound one, for the fault tests.

Each case is `make(db) -> path`: it damages (or replaces) the sound database file `db` in place
and returns what to pass as --db. `HEALTHY` cases must keep every command working; the others
must give one message naming the file, from every command, and `reset-db` must leave a database
every command can use.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from desktop.data.market.schema import MIGRATIONS
from desktop.data.market.store import MarketStore

PAGE = 16384


def build_sound_database(folder: Path, prices: pd.DataFrame, macro: pd.DataFrame) -> Path:
    """A database holding `prices` (wide closes) and `macro` (long releases), imported from
    Date,Close and date,actual,consensus files the way a user would."""
    files = folder / "files"
    files.mkdir(parents=True)
    for ticker in prices.columns:
        column = prices[ticker].dropna().rename("Close").rename_axis("Date")
        column.to_csv(files / f"{ticker}.csv", date_format="%Y-%m-%d")
    for series, rows in macro.groupby("series"):
        rows[["date", "actual", "consensus"]].to_csv(
            files / f"{series}.csv", index=False, date_format="%Y-%m-%d"
        )
    db = folder / "sound.db"
    with MarketStore(db) as store:
        report = store.import_paths([files])
    assert not report.rejected, report.rejected
    return db


def _sql(db: Path, *statements: str) -> Path:
    with sqlite3.connect(db) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return db


def _overwrite(db: Path, offset: int, data: bytes) -> Path:
    with db.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)
    return db


def _checkpointed(db: Path) -> Path:
    _sql(db, "PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def not_a_database(db: Path) -> Path:
    db.write_bytes(random.Random(1).randbytes(3 * PAGE))
    return db


def text_file(db: Path) -> Path:
    db.write_text("date,close\n2024-01-02,1\n" * 500)
    return db


def empty_file(db: Path) -> Path:
    db.write_bytes(b"")
    return db


def truncated(db: Path) -> Path:
    size = _checkpointed(db).stat().st_size
    with db.open("r+b") as handle:
        handle.truncate(size // 2)
    return db


def header_zeroed(db: Path) -> Path:
    return _overwrite(_checkpointed(db), 0, bytes(100))


def damaged_page(db: Path) -> Path:
    """Random bytes over the pages of the prices table: opening passes, reading fails."""
    with sqlite3.connect(db) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'prices'").fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    pages = db.stat().st_size // PAGE
    noise = random.Random(2)
    for page in range(root[0], pages + 1, 2):
        _overwrite(db, (page - 1) * PAGE + 200, noise.randbytes(4000))
    return db


def garbage_packed_closes(db: Path) -> Path:
    """Random bytes in one ticker's packed arrays: SQLite's integrity check still passes."""
    with sqlite3.connect(db) as conn:
        (ticker, days) = conn.execute("SELECT ticker, days FROM close_columns LIMIT 1").fetchone()
        noise = random.Random(3).randbytes(len(days))
        conn.execute("UPDATE close_columns SET days = ? WHERE ticker = ?", [noise, ticker])
    conn.close()
    return db


def garbage_dates(db: Path) -> Path:
    return _sql(
        db,
        "UPDATE prices SET date = '0001-99-x1' WHERE ticker = 'SPY' "
        "AND date = (SELECT MIN(date) FROM prices WHERE ticker = 'SPY')",
    )


def text_in_prices(db: Path) -> Path:
    return _sql(db, "UPDATE prices SET close = 'abc' WHERE date = (SELECT MAX(date) FROM prices)")


def garbage_macro(db: Path) -> Path:
    return _sql(
        db,
        "UPDATE macro_releases SET date = x'00ff00' "
        "WHERE date = (SELECT MIN(date) FROM macro_releases)",
    )


def newer_schema(db: Path) -> Path:
    return _sql(db, f"PRAGMA user_version = {len(MIGRATIONS) + 5}")


def missing_table(db: Path) -> Path:
    return _sql(db, "DROP TABLE macro_releases")


def foreign_database(db: Path) -> Path:
    db.unlink()
    return _sql(
        db, "CREATE TABLE prices (id INTEGER, payload BLOB)", "INSERT INTO prices VALUES (1, x'00')"
    )


def old_schema(db: Path) -> Path:
    """A version-2 database (prices with text sources) that opening must upgrade."""
    from sqlite_utils import Database

    from desktop.data.market.schema import migrate

    db.unlink()
    old = Database(db)
    migrate(old, db, target=2)
    old.execute(
        "INSERT INTO prices (ticker, date, close, source, imported_at) VALUES "
        "('SPY', '2024-01-02', 470.5, 'old.csv', '2024-01-03T00:00:00Z')"
    )
    old.conn.commit()
    old.close()
    return db


def stray_wal(db: Path) -> Path:
    """A -wal file of random bytes beside a sound database (SQLite ignores a bad WAL)."""
    _checkpointed(db).with_name(db.name + "-wal").write_bytes(random.Random(4).randbytes(5000))
    return db


def folder(db: Path) -> Path:
    db.unlink()
    db.mkdir()
    return db


def under_a_file(db: Path) -> Path:
    return db / "inside" / "market.db"


def fifo(db: Path) -> Path:
    db.unlink()
    os.mkfifo(db)
    return db


def read_only_file(db: Path) -> Path:
    make_read_only(_checkpointed(db))
    return db


def read_only_folder(db: Path) -> Path:
    _checkpointed(db)
    make_read_only(db.parent)
    return db


CASES: dict[str, Callable[[Path], Path]] = {
    f.__name__: f
    for f in (
        not_a_database, text_file, empty_file, truncated, header_zeroed, damaged_page,
        garbage_packed_closes, garbage_dates, text_in_prices, garbage_macro, newer_schema,
        missing_table, foreign_database, old_schema, stray_wal, folder, under_a_file, fifo,
        read_only_file, read_only_folder,
    )
}  # fmt: skip
HEALTHY = frozenset({"empty_file", "old_schema", "stray_wal"})
READ_ONLY = frozenset({"read_only_file", "read_only_folder"})
"""Reading commands work; writing commands say the file or folder is read-only."""


def can_make_read_only() -> bool:
    """Whether this machine can make a path read-only for the test's own user: always for an
    ordinary user (chmod), for root only with `chattr` on a file system that supports it."""
    if os.geteuid() != 0:
        return True
    return shutil.which("chattr") is not None and _chattr_works()


def _chattr_works() -> bool:
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"chattr-probe-{os.getpid()}"
    probe.write_text("x")
    try:
        ok = subprocess.run(["chattr", "+i", str(probe)], capture_output=True).returncode == 0
        subprocess.run(["chattr", "-i", str(probe)], capture_output=True)
        return ok
    finally:
        probe.unlink()


def make_read_only(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)


def make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    else:
        path.chmod(0o755 if path.is_dir() else 0o644)


@contextmanager
def writable_again(*paths: Path):
    """Undo `make_read_only` on `paths` at the end, so pytest can delete its temp folder."""
    try:
        yield
    finally:
        for path in paths:
            if path.exists():
                make_writable(path)
