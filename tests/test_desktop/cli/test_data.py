"""`rotation-advisor import | refresh | status | reset-db` as a user runs them."""

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from desktop.app import main
from desktop.data.market import fred_fetch, store
from desktop.data.user_files import bundled_universe_path, load_universe
from tests.test_desktop.data.test_fred_fetch import DGS2, FakeFred, offline
from tests.test_desktop.fake_yahoo import FakeYahoo, history, offline_download

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "prices"


def dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_import_prints_series_ranges_flags_and_rejections(tmp_path, capsys):
    db = tmp_path / "m.db"
    code = main(["--db", str(db), "import", str(FIXTURES)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Imported 7 of 14 file(s)" in out
    spy_line = next(line for line in out.splitlines() if line.startswith("SPY "))
    assert spy_line.split()[:5] == ["SPY", "price", "2024-01-02", "2024-01-08", "4"]
    assert "missing 2024-01-05: no close in prices/SPY.csv; not stored" in out
    assert "bad_date.csv, line 4: '2024-13-04' is not a YYYY-MM-DD date" in out


def test_import_of_only_bad_files_exits_1(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "m.db"), "import", str(FIXTURES / "broken")])
    assert code == 1
    assert "Rejected 7 file(s)" in capsys.readouterr().out


def test_status_table_and_json(tmp_path, capsys):
    db = tmp_path / "m.db"
    main(["--db", str(db), "import", str(FIXTURES / "SPY.csv"), str(FIXTURES / "ICSA.csv")])
    capsys.readouterr()
    assert main(["--db", str(db), "status"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == [
        "series", "kind", "first", "last", "rows", "stale", "used_by", "flags",
    ]  # fmt: skip
    assert table[0].index("first") == table[1].index("2024-01-02")  # aligned columns
    assert main(["--db", str(db), "status", "--json"]) == 0
    rows = {r["ticker"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["SPY"]["last_date"] == "2024-01-08" and rows["SPY"]["rows"] == 4
    assert rows["SPY"]["flags"] == ["missing 2024-01-05"]
    assert rows["jobless_claims"]["kind"] == "macro"
    assert rows["SPY"]["stale"] is False  # it ends with the data: the clock moving on is no lag


def test_status_says_which_series_the_signals_and_the_portfolio_read(tmp_path, capsys):
    """Issue 10: status did not say which series the signals use."""
    db = tmp_path / "m.db"
    main(["--db", str(db), "import", str(FIXTURES / "SPY.csv"), str(FIXTURES / "ICSA.csv")])
    capsys.readouterr()
    assert main(["--db", str(db), "status", "--json"]) == 0
    rows = {r["ticker"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["SPY"]["used_by"][0] == "portfolio" and "dow_theory" not in rows["SPY"]["used_by"]
    assert "global_equities" in rows["SPY"]["used_by"]
    assert "macro_surprise" in rows["jobless_claims"]["used_by"]
    assert main(["--db", str(db), "status"]) == 0
    out = capsys.readouterr().out
    spy_line = next(line for line in out.splitlines() if line.startswith("SPY "))
    assert "portfolio, " in spy_line and " +" in spy_line
    assert "The signals and the portfolio read 2 of these series." in out
    assert "not stored: " in out and "IWM" in out.split("not stored: ")[1]


def test_status_of_a_missing_database_says_how_to_start(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.db"), "status"]) == 0
    assert "rotation-advisor import PATH" in capsys.readouterr().out
    assert not (tmp_path / "none.db").exists()


def test_refresh_offline_exits_2_and_changes_nothing(tmp_path, capsys, monkeypatch):
    db = tmp_path / "m.db"
    main(["--db", str(db), "import", str(FIXTURES / "SPY.csv")])
    before = dump(db)
    monkeypatch.setattr(store, "_yahoo_download", offline_download)
    assert main(["--db", str(db), "refresh", "SPY"]) == 2
    assert "Could not reach Yahoo Finance" in capsys.readouterr().err
    assert dump(db) == before


def test_refresh_defaults_to_the_universe_and_prints_each_outcome(tmp_path, capsys, monkeypatch):
    days = pd.bdate_range("2024-01-02", periods=3)
    fake = FakeYahoo({"SPY": history(pd.Series([1.0, 2.0, 3.0], index=days))})
    monkeypatch.setattr(store, "_yahoo_download", fake)
    code = main(["--db", str(tmp_path / "m.db"), "refresh"])
    out = capsys.readouterr().out
    assert code == 0
    asked = {t for call in fake.calls for t in call["tickers"]}
    assert asked == set(load_universe(bundled_universe_path()).all_tickers)
    lines = {line.split()[0]: line.split() for line in out.splitlines()[2:]}
    assert lines["SPY"][:5] == ["SPY", "updated", "2024-01-02", "to", "2024-01-04"]
    assert lines["IWM"][:2] == ["IWM", "failed"]


def test_a_damaged_database_is_explained_then_reset(tmp_path, capsys):
    db = tmp_path / "m.db"
    db.write_bytes(b"not a database at all " * 100)
    assert main(["--db", str(db), "status"]) == 1
    assert "reset-db" in capsys.readouterr().err
    assert main(["--db", str(db), "reset-db"]) == 0
    assert "Moved it to" in capsys.readouterr().out
    assert [p.name.startswith("m.db.corrupt-") for p in tmp_path.iterdir()].count(True) == 1
    assert main(["--db", str(db), "status"]) == 0


@pytest.mark.parametrize("command", ["import", "refresh", "status", "reset-db"])
def test_every_data_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "usage: rotation-advisor" in capsys.readouterr().out


def test_reset_db_leaves_a_healthy_database_alone(tmp_path, capsys):
    db = tmp_path / "m.db"
    main(["--db", str(db), "import", str(FIXTURES / "SPY.csv")])
    before = dump(db)
    assert main(["--db", str(db), "reset-db"]) == 0
    assert "passed a full check; nothing was changed" in capsys.readouterr().out
    assert dump(db) == before


def test_refresh_fred_updates_the_macro_series_and_says_what_it_did(tmp_path, capsys, monkeypatch):
    fake = FakeFred({"DGS2": DGS2})
    monkeypatch.setattr(fred_fetch, "_urlopen_get", fake)
    code = main(["--db", str(tmp_path / "m.db"), "refresh", "--fred", "DGS2", "FEDFUNDS"])
    lines = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[2:]}
    assert code == 0
    assert lines["treasury_2y"][:5] == ["treasury_2y", "updated", "2025-12-29", "to", "2026-01-05"]
    assert lines["FEDFUNDS"][:2] == ["FEDFUNDS", "failed"] and "HTTP 404" in " ".join(
        lines["FEDFUNDS"]
    )


def test_refresh_fred_offline_exits_2_and_changes_nothing(tmp_path, capsys, monkeypatch):
    db = tmp_path / "m.db"
    main(["--db", str(db), "import", str(FIXTURES / "ICSA.csv")])
    before = dump(db)
    monkeypatch.setattr(fred_fetch, "_urlopen_get", offline)
    assert main(["--db", str(db), "refresh", "--fred"]) == 2
    assert "Could not reach FRED" in capsys.readouterr().err
    assert dump(db) == before
