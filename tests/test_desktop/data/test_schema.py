"""Schema versions, upgrades of old databases and damaged files."""

import sqlite3

import pytest
from sqlite_utils import Database

from desktop.data.market.schema import (
    MIGRATIONS,
    CorruptDatabaseError,
    NewerDatabaseError,
    migrate,
    move_aside,
    schema_version,
)
from desktop.data.market.store import MarketStore


def test_a_new_database_is_at_the_latest_version_in_wal_mode(tmp_path):
    db = tmp_path / "sub" / "m.db"
    MarketStore(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_version_1_database_is_upgraded_keeping_its_prices(tmp_path):
    db_path = tmp_path / "old.db"
    old = Database(db_path)
    migrate(old, db_path, target=1)
    old.execute(
        "INSERT INTO prices (ticker, date, close, source, imported_at) VALUES "
        "('SPY', '2024-01-02', 470.5, 'old.csv', '2024-01-03T00:00:00Z'), "
        "('SPY', '2024-01-03', 472.0, 'old.csv', '2024-01-03T00:00:00Z')"
    )
    old.conn.commit()
    old.close()
    with MarketStore(db_path) as store:
        assert list(store.load_prices(["SPY"])["SPY"]) == [470.5, 472.0]
        assert store.has_prices()
        assert store.flags() == []
        assert store.load_macro().empty
    assert schema_version(Database(db_path)) == len(MIGRATIONS)


def test_a_database_from_a_newer_app_is_refused(tmp_path):
    db_path = tmp_path / "new.db"
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(NewerDatabaseError, match="newer Rotation Advisor"):
        MarketStore(db_path)


def test_a_damaged_file_raises_a_message_naming_the_path_and_the_fix(tmp_path):
    db_path = tmp_path / "m.db"
    db_path.write_bytes(b"this is not a database, just text " * 200)
    with pytest.raises(CorruptDatabaseError) as caught:
        MarketStore(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "reset-db" in message
    assert db_path.read_bytes().startswith(b"this is not")  # nothing was touched


def test_move_aside_keeps_the_damaged_file(tmp_path):
    db_path = tmp_path / "m.db"
    db_path.write_bytes(b"junk")
    kept = move_aside(db_path)
    assert not db_path.exists()
    assert kept.name.startswith("m.db.corrupt-") and kept.read_bytes() == b"junk"
