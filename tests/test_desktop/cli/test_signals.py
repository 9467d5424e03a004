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


def use_source(monkeypatch, demo, *, until=None, stale=frozenset(), today=None):
    prices = demo.prices if until is None else demo.prices.loc[:until]
    today = (today or prices.index[-1]).date()
    source = DataSource("cached", "Test data", prices, demo.macro, frozenset(stale), (), today)
    monkeypatch.setattr(data_source, "open_data_source", lambda *_args, **_kw: source)


def run_json(capsys, tmp_path, *extra):
    return run_json_err(capsys, tmp_path, *extra)[0]


def run_json_err(capsys, tmp_path, *extra):
    """The readings and what was printed on stderr."""
    assert app.main(["--db", str(tmp_path / "db.sqlite"), "signals", "--json", *extra]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


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


def test_without_as_of_the_readings_are_those_of_the_last_date_given_explicitly(
    monkeypatch, demo, capsys, tmp_path
):
    """Issue 10: on data ending months ago, every signal read stale without --as-of (judged
    against today) and gave real readings with --as-of of the same last date."""
    use_source(monkeypatch, demo, stale={"IWM"})  # a data layer's today-judged flag is ignored
    now = run_json(capsys, tmp_path)
    last = f"{demo.prices.index[-1]:%Y-%m-%d}"
    assert now == run_json(capsys, tmp_path, "--as-of", last)
    assert not any(r["stale"] for r in now if r["name"].startswith("small_cap"))


def test_the_table_says_how_old_the_data_is_against_today(monkeypatch, demo, capsys, tmp_path):
    use_source(monkeypatch, demo, today=demo.prices.index[-1] + pd.Timedelta(days=124))
    assert app.main(["--db", str(tmp_path / "db"), "signals"]) == 0
    lines = capsys.readouterr().out.splitlines()
    last = f"{demo.prices.index[-1]:%Y-%m-%d}"
    assert lines[1] == (
        f"Prices end {last}, 124 days ago: this advice is as of that date. "
        "Refresh online or import newer prices."
    )
    assert "STALE" not in "\n".join(lines[3:8])


def test_a_mistyped_db_path_says_plainly_it_runs_on_demo_data(capsys, tmp_path):
    typo = tmp_path / "real.bd"
    assert app.main(["signals", "--db", str(typo)]) == 0
    captured = capsys.readouterr()
    assert f"There is no database at {typo}" in captured.err
    assert "demo data (synthetic), not real prices" in captured.err
    assert "not real prices, so this is not advice" in captured.out.splitlines()[1]


def test_an_as_of_before_a_series_starts_says_so(monkeypatch, demo, capsys, tmp_path):
    use_source(monkeypatch, demo)
    start = demo.prices["ARKK"].first_valid_index()  # BUZZ's predecessor, and BUZZ starts later
    before = start - pd.Timedelta(days=30)
    readings, err = run_json_err(capsys, tmp_path, "--as-of", f"{before:%Y-%m-%d}")
    rows = {r["name"]: r for r in readings}
    assert f"ARKK (from {start:%Y-%m-%d})" in err
    assert "there are no prices yet for" in err
    assert "has no prices up to" in rows["speculation_appetite"]["explanation"]


def test_an_as_of_on_a_holiday_says_which_day_is_used(monkeypatch, demo, capsys, tmp_path):
    use_source(monkeypatch, demo)
    _, err = run_json_err(capsys, tmp_path, "--as-of", "2025-06-15")
    assert "2025-06-15 is not a trading day in the data: this is as of 2025-06-13" in err


def test_empty_database_shows_the_demo_label_and_an_aligned_table(capsys, tmp_path):
    assert app.main(["--db", str(tmp_path / "empty.db"), "signals", "--as-of", AS_OF]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Signals as of {AS_OF} (Demo data (synthetic))"
    assert lines[2].split() == ["signal", "score", "stale", "explanation"]
    score_at = lines[2].index("score")
    rows = lines[3:]
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
