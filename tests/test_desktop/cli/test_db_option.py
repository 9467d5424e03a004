"""`--db` works before or after every sub-command (the README says every sub-command takes it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import app
from desktop.data.market.store import MarketStore

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "prices"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "prices.db"
    with MarketStore(path) as store:
        store.import_paths([FIXTURES / "SPY.csv"])
    return path


@pytest.mark.parametrize("command", [["status"], ["signals"], ["import", "nothing.csv"]])
def test_db_after_the_sub_command_is_accepted(command, tmp_path):
    args = app.build_parser().parse_args([*command, "--db", str(tmp_path / "x.db")])
    assert args.db == tmp_path / "x.db"


def test_db_before_the_sub_command_is_kept_when_none_follows(tmp_path):
    args = app.build_parser().parse_args(["--db", str(tmp_path / "x.db"), "status"])
    assert args.db == tmp_path / "x.db"


@pytest.mark.parametrize("where", ["before", "after"])
def test_status_reads_the_database_named_either_way(db, capsys, where):
    argv = ["--db", str(db), "status"] if where == "before" else ["status", "--db", str(db)]
    assert app.main(argv) == 0
    assert "SPY" in capsys.readouterr().out
