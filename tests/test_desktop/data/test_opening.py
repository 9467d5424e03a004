"""Opening the database read-only, in odd places and from many processes at once; reset-db."""

from __future__ import annotations

import multiprocessing
import re
import sqlite3

import pytest

from desktop.data.market import opening
from desktop.data.market.db_check import reset_database
from desktop.data.market.db_errors import (
    DiskFullError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
    UnusableLocationError,
)
from desktop.data.market.schema import MIGRATIONS
from desktop.data.market.store import MarketStore
from tests.test_desktop import damage
from tests.test_desktop.data.test_store import FIXTURES


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "m.db"
    with MarketStore(path) as store:
        store.import_paths([FIXTURES / "SPY.csv", FIXTURES / "ICSA.csv"])
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_read_only_open_reads_and_never_writes(db):
    before = db.read_bytes()
    with MarketStore(db, read_only=True) as store:
        assert list(store.load_prices(["SPY"])["SPY"])[:1] == [50.0]
        assert {s.ticker for s in store.status()} == {"SPY", "jobless_claims"}
        with pytest.raises(ReadOnlyDatabaseError, match="cannot be written"):
            store.import_paths([FIXTURES / "^TNX.csv"])
    assert db.read_bytes() == before


@pytest.mark.skipif(not damage.can_make_read_only(), reason="cannot make a path read-only")
def test_a_database_in_a_read_only_folder_is_read_but_not_written(db):
    damage.make_read_only(db.parent)
    with damage.writable_again(db.parent):
        with MarketStore(db, read_only=True) as store:
            assert store.has_prices()
        with pytest.raises(ReadOnlyDatabaseError, match=re.escape(str(db))):
            MarketStore(db).import_paths([FIXTURES / "^TNX.csv"])


def test_a_folder_or_a_path_under_a_file_is_named_as_such(tmp_path, db):
    with pytest.raises(UnusableLocationError, match="it is a folder, not a file"):
        MarketStore(tmp_path)
    with pytest.raises(UnusableLocationError, match=r"m\.db is a file, not a folder"):
        MarketStore(db / "inside.db")
    with pytest.raises(UnusableLocationError, match=r"m\.db is a file, not a folder"):
        MarketStore(db / "deeper" / "inside.db")
    with pytest.raises(UnusableLocationError, match="there is no file there"):
        MarketStore(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()


def _create(path, barrier, results) -> None:
    barrier.wait()
    try:
        MarketStore(path).close()
        results.put("ok")
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(repr(exc))


def test_many_processes_creating_one_new_database_all_succeed(tmp_path):
    """Issue 12: migration read user_version before taking the write lock, so two processes
    could both create the tables ("table prices already exists")."""
    context = multiprocessing.get_context("fork")
    path, count = tmp_path / "new.db", 12
    barrier, results = context.Barrier(count), context.Queue()
    workers = [context.Process(target=_create, args=(path, barrier, results)) for _ in range(count)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join()
    assert outcomes == ["ok"] * count
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()


def test_reset_leaves_a_sound_database_byte_for_byte(db):
    before = db.read_bytes()
    assert reset_database(db).kind == "fine"
    assert db.read_bytes() == before


def test_reset_rebuilds_damaged_packed_closes_without_losing_a_price(db):
    before = dump(db)
    damage.garbage_packed_closes(db)
    outcome = reset_database(db)
    assert outcome.kind == "rebuilt" and "packed closes of" in outcome.problem
    assert dump(db) == before
    assert list(db.parent.glob("*.corrupt-*")) == []


def test_reset_deletes_damaged_rows_after_keeping_a_copy(db):
    damage.garbage_dates(db)
    damaged = dump(db)
    outcome = reset_database(db)
    assert outcome.kind == "repaired" and "1 in prices" in outcome.problem
    assert dump(outcome.kept) == damaged
    with MarketStore(db, read_only=True) as store:
        assert len(store.load_prices(["SPY"])) == 3  # of 4, the damaged row is gone


def test_reset_moves_a_newer_database_aside_instead_of_failing(db):
    damage.newer_schema(db)
    outcome = reset_database(db)
    assert outcome.kind == "moved" and "newer" in outcome.problem
    with pytest.raises(NewerDatabaseError):
        MarketStore(outcome.kept)
    with MarketStore(db) as store:
        assert not store.has_prices()


@pytest.mark.skipif(not damage.can_make_read_only(), reason="cannot make a path read-only")
def test_an_older_database_on_a_read_only_disk_is_read_through_a_copy_in_memory(tmp_path):
    db = tmp_path / "old.db"
    db.touch()
    damage.old_schema(db)
    before = db.read_bytes()
    damage.make_read_only(tmp_path)
    with damage.writable_again(tmp_path), MarketStore(db, read_only=True) as store:
        assert list(store.load_prices(["SPY"])["SPY"]) == [470.5]
    assert db.read_bytes() == before


def test_a_new_database_a_full_disk_left_empty_is_removed(tmp_path, monkeypatch):
    def full(path):
        path.touch()  # SQLite creates the file, then cannot write its first page
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(opening, "_open_for_writing", full)
    with pytest.raises(DiskFullError, match="is full, so nothing was written"):
        MarketStore(tmp_path / "new.db")
    assert list(tmp_path.iterdir()) == []
