"""`rotation-advisor history [save]` on the demo data: save at past dates, then the record."""

from __future__ import annotations

import json

import pytest

from desktop import app
from desktop.advice.journal.suggestion import Suggestion
from desktop.data.history import open_history
from desktop.data.portfolios import create_portfolio


def cli(tmp_path, *args):
    return app.main(["--db", str(tmp_path / "journal.db"), *args])


def history_json(tmp_path, capsys, *args):
    assert cli(tmp_path, *args, "history", "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_saved_suggestions_are_scored_until_the_next_and_summed_up(tmp_path, capsys):
    assert cli(tmp_path, "history", "save", "--as-of", "2024-01-12", "--note", "first") == 0
    assert capsys.readouterr().out.startswith("Saved #1 as of 2024-01-12 in 'default'")
    assert cli(tmp_path, "history", "save", "--as-of", "2025-01-17") == 0
    capsys.readouterr()

    record = history_json(tmp_path, capsys)
    first, second = record["suggestions"]
    assert (first["status"], first["as_of"], first["end"]) == ("scored", "2024-01-12", "2025-01-17")
    assert second["status"] == "running" and second["end"] == "2026-01-30"
    for score in (first, second):
        active = score["return_pct"] - score["model_return_pct"]
        assert score["active_pts"] == pytest.approx(active, abs=2e-4)  # each rounded to 1e-4
        assert {c["right"] for c in score["calls"]} <= {True, False, None}
    summary = record["summary"]
    assert summary["counted"] == 2 and summary["since"] == "2024-01-12"
    assert summary["text"].startswith("2 saved suggestions since 2024-01: ")
    assert f"{summary['ahead']} of 2 ahead" in summary["text"]

    assert cli(tmp_path, "history") == 0
    text = capsys.readouterr().out.splitlines()
    assert (
        text[0] == "Saved suggestions of the portfolio 'default', scored on Demo data (synthetic)"
    )
    assert text[1].startswith("#1 2024-01-12 to 2025-01-17 (371 days): ")
    assert text[-1] == summary["text"]


def test_a_suggestion_saved_on_real_prices_is_not_scored_on_the_demo_data(tmp_path, capsys):
    real = Suggestion("2025-06-13", "Cached data, last date 2026-08-03", {}, {}, {})
    open_history(tmp_path / "journal.db").save(real)
    (score,) = history_json(tmp_path, capsys)["suggestions"]
    assert score["status"] == "unscored" and "real prices" in score["note"]


def test_each_portfolio_keeps_its_own_journal(tmp_path, capsys):
    create_portfolio("growth")
    assert cli(tmp_path, "--portfolio", "growth", "history", "save", "--as-of", "2024-01-12") == 0
    capsys.readouterr()
    assert history_json(tmp_path, capsys)["suggestions"] == []
    growth = history_json(tmp_path, capsys, "--portfolio", "growth")
    assert growth["portfolio"] == "growth" and len(growth["suggestions"]) == 1


def test_a_date_outside_the_data_saves_nothing_and_exits_2(tmp_path, capsys):
    assert cli(tmp_path, "history", "save", "--as-of", "1999-01-04") == 2
    assert "outside the loaded prices" in capsys.readouterr().err
    assert history_json(tmp_path, capsys)["suggestions"] == []
