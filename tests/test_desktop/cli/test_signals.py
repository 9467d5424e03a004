"""`rotation-advisor signals`: JSON contract, text table, as-of checks, no look-ahead."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from desktop import app
from desktop.data import source as data_source
from desktop.data.demo import load_demo
from desktop.data.source import DataSource
from signals import REGISTRY

AS_OF = "2025-06-13"


@pytest.fixture(scope="module")
def demo():
    return load_demo()


def use_source(monkeypatch, demo, *, until=None, stale=frozenset()):
    prices = demo.prices if until is None else demo.prices.loc[:until]
    source = DataSource("cached", "Test data", prices, demo.macro, frozenset(stale), ())
    monkeypatch.setattr(data_source, "open_data_source", lambda *_args, **_kw: source)


def run_json(capsys, tmp_path, *extra):
    assert app.main(["--db", str(tmp_path / "db.sqlite"), "signals", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_exactly_the_contract_keys(monkeypatch, demo, capsys, tmp_path):
    use_source(monkeypatch, demo)
    rows = run_json(capsys, tmp_path, "--as-of", AS_OF)
    assert [r["name"] for r in rows] == [spec.name for spec in REGISTRY]
    for row in rows:
        assert set(row) == {"name", "score", "explanation", "evidence", "as_of", "stale"}
        assert -1 <= row["score"] <= 1
        assert row["as_of"] <= AS_OF
    assert any(r["as_of"] == AS_OF for r in rows)


def test_rows_after_as_of_change_nothing(monkeypatch, demo, capsys, tmp_path):
    use_source(monkeypatch, demo, until=AS_OF)
    cut = run_json(capsys, tmp_path, "--as-of", AS_OF)
    use_source(monkeypatch, demo)
    full = run_json(capsys, tmp_path, "--as-of", AS_OF)
    assert cut == full


def test_today_stale_flags_apply_now_but_not_to_a_chosen_date(monkeypatch, demo, capsys, tmp_path):
    use_source(monkeypatch, demo, stale={"IWM"})
    now = {r["name"]: r["stale"] for r in run_json(capsys, tmp_path)}
    last = f"{demo.prices.index[-1]:%Y-%m-%d}"
    chosen = {r["name"]: r["stale"] for r in run_json(capsys, tmp_path, "--as-of", last)}
    assert now["small_cap_rsi"] and not chosen["small_cap_rsi"]


def test_empty_database_shows_the_demo_label_and_an_aligned_table(capsys, tmp_path):
    assert app.main(["--db", str(tmp_path / "empty.db"), "signals", "--as-of", AS_OF]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Signals as of {AS_OF} (Demo data (synthetic))"
    assert lines[1].split() == ["signal", "score", "stale", "explanation"]
    score_at = lines[1].index("score")
    rows = lines[2:]
    assert len(rows) == len(REGISTRY)
    for row in rows:
        float(row[score_at - 1 : score_at + 5])  # the score sits under its header
    assert not (tmp_path / "empty.db").exists()


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("13/06/2025", "Cannot read the date"),
        ("1990-01-01", "outside the loaded prices: the data runs from"),
        ("2099-01-01", "outside the loaded prices"),
    ],
)
def test_bad_as_of_exits_2_with_a_message(monkeypatch, demo, capsys, tmp_path, as_of, message):
    use_source(monkeypatch, demo)
    assert app.main(["--db", str(tmp_path / "db"), "signals", "--as-of", as_of]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_a_weekend_as_of_reads_the_friday_before(monkeypatch, demo, capsys, tmp_path):
    use_source(monkeypatch, demo)
    rows = run_json(capsys, tmp_path, "--as-of", "2025-06-15")
    friday = pd.Timestamp("2025-06-13")
    assert max(r["as_of"] for r in rows) == f"{friday:%Y-%m-%d}"
