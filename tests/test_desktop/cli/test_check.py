"""`rotation-advisor alert ...` and `check` on the demo data: exit codes for a timer, each event
once, drift from a saved suggestion, and rules kept per portfolio."""

from __future__ import annotations

import json

import pytest

from desktop import app
from desktop.advice.journal.suggestion import SavedWeight, Suggestion
from desktop.data.demo import load_demo
from desktop.data.history import open_history
from desktop.data.portfolios import create_portfolio
from signals import REGISTRY, SignalInputs


@pytest.fixture(scope="module")
def breadth_days():
    """A demo day with breadth clearly below 0 and a later one clearly above."""
    demo = load_demo()
    spec = next(s for s in REGISTRY if s.name == "breadth")
    history = spec.history(SignalInputs(prices=demo.prices, macro=demo.macro))
    low = history[history < -0.3].index[0]
    high = history[(history > 0.3) & (history.index > low)].index[0]
    return f"{low:%Y-%m-%d}", f"{high:%Y-%m-%d}"


def cli(tmp_path, *args):
    return app.main(["--db", str(tmp_path / "alerts.db"), *args])


def check_json(tmp_path, capsys, *args):
    code = cli(tmp_path, "check", "--json", *args)
    return code, json.loads(capsys.readouterr().out)


def test_check_exits_1_when_a_rule_fires_then_0_until_it_rearms(tmp_path, capsys, breadth_days):
    low, high = breadth_days
    assert cli(tmp_path, "alert", "add", "--signal", "breadth", "--below", "0") == 0
    assert capsys.readouterr().out.strip() == "Added #1 breadth below +0.00"

    code, first = check_json(tmp_path, capsys, "--as-of", low)
    assert code == 1 and first["as_of"] == low and first["rules_checked"] == 1
    (event,) = first["fired"]
    assert event["rule"] == "breadth below +0.00" and event["value"] < -0.3
    assert f"breadth is below +0.00 on {low}" in event["message"]

    assert check_json(tmp_path, capsys, "--as-of", low)[0] == 0
    code, later = check_json(tmp_path, capsys, "--as-of", high)
    assert code == 0 and later["fired"] == []
    assert check_json(tmp_path, capsys, "--as-of", low)[0] == 1


def test_a_fired_alert_is_in_the_log_and_the_list_shows_the_last_state(
    tmp_path, capsys, breadth_days
):
    low, _ = breadth_days
    cli(tmp_path, "alert", "add", "--signal", "breadth", "--zone")
    cli(tmp_path, "alert", "add", "--signal", "breadth", "--below", "-0.2")
    capsys.readouterr()
    assert cli(tmp_path, "check", "--as-of", low) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"Alerts as of {low} (Demo data")
    assert "1 fired of 2 rules" in out and "FIRED #2 breadth below -0.20" in out
    assert cli(tmp_path, "alert", "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("#1  breadth changes zone") and listed[0].endswith(
        "(last check: low)"
    )
    assert listed[1] == "#2  breadth below -0.20  (last check: on)"
    assert cli(tmp_path, "alert", "log", "--json") == 0
    (logged,) = json.loads(capsys.readouterr().out)
    assert logged["rule_id"] == 2 and logged["as_of"] == low


def test_quiet_prints_only_when_something_fired(tmp_path, capsys, breadth_days):
    low, high = breadth_days
    cli(tmp_path, "alert", "add", "--signal", "breadth", "--below", "0")
    capsys.readouterr()
    assert cli(tmp_path, "check", "--quiet", "--as-of", high) == 0
    assert capsys.readouterr().out == ""
    assert cli(tmp_path, "check", "--quiet", "--as-of", low) == 1
    assert "FIRED #1 breadth below +0.00" in capsys.readouterr().out


def test_no_rules_and_no_database_exit_0_without_creating_it(tmp_path, capsys):
    assert cli(tmp_path, "check") == 0
    assert "alert add --signal breadth --below 0" in capsys.readouterr().err
    assert not (tmp_path / "alerts.db").exists()


def test_errors_exit_2_and_record_nothing(tmp_path, capsys):
    assert cli(tmp_path, "alert", "add", "--signal", "breadht", "--below", "0") == 2
    assert "no signal 'breadht'" in capsys.readouterr().err
    assert cli(tmp_path, "alert", "add", "--theme", "gold", "--view-sign") == 0
    assert cli(tmp_path, "alert", "remove", "1", "7") == 2
    assert "no alert rule 7" in capsys.readouterr().err
    assert cli(tmp_path, "check", "--as-of", "1990-01-02") == 2
    assert "outside the loaded prices" in capsys.readouterr().err
    assert cli(tmp_path, "alert", "list", "--json") == 0
    (rule,) = json.loads(capsys.readouterr().out)
    assert rule["description"] == "the gold view changes sign" and rule["state"] is None


def test_drift_is_measured_from_the_last_saved_suggestion_held_since(tmp_path, capsys):
    db = tmp_path / "alerts.db"
    weights = (SavedWeight("SPY", 50.0, 50.0, 0.0), SavedWeight("GLD", 50.0, 50.0, 0.0))
    saved = Suggestion("2016-01-04", "Demo data (synthetic)", {}, {}, {}, weights=weights)
    open_history(db).save(saved)
    assert cli(tmp_path, "alert", "add", "--drift", "1") == 0
    capsys.readouterr()
    code, result = check_json(tmp_path, capsys, "--as-of", "2019-12-31")
    assert code == 1
    message = result["fired"][0]["message"]
    assert (
        "the suggestion held since then against 50.0 % in the suggestion for 2016-01-04" in message
    )
    code, before = check_json(tmp_path, capsys, "--as-of", "2015-12-31")
    assert code == 0 and "save one first" in before["not_checked"][0]["why"]


def test_each_portfolio_has_its_own_rules(tmp_path, capsys, breadth_days):
    create_portfolio("growth")
    assert cli(tmp_path, "--portfolio", "growth", "alert", "add", "--signal", "breadth",
               "--below", "0") == 0  # fmt: skip
    capsys.readouterr()
    assert cli(tmp_path, "alert", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli(tmp_path, "check", "--as-of", breadth_days[0], "--portfolio", "growth") == 1
    assert cli(tmp_path, "check", "--portfolio", "income") == 2
    assert "portfolio create income" in capsys.readouterr().err
