"""The engine's portfolio switch, alert check and journal (what the window asks), in process and
through the engine's own process."""

import pytest

from desktop.advice.alerts.rules import make_rule
from desktop.data.alert_store import open_alerts
from desktop.data.portfolios import PortfolioError, create_portfolio
from desktop.engine.engine import Engine
from desktop.engine.process import EngineProcess


def _growth() -> None:
    universe = create_portfolio("growth").universe_file
    text = universe.read_text(encoding="utf-8")
    text = text.replace("weight = 20.0", "weight = 30.0", 1).replace(
        "weight = 14.0", "weight = 4.0", 1
    )
    universe.write_text(text, encoding="utf-8")


def test_a_switch_reads_the_portfolios_universe_and_an_unknown_one_changes_nothing(tmp_path):
    _growth()
    engine = Engine(tmp_path / "empty.db")
    engine.load()
    before = dict((c.name, c.model_pct) for c in engine.compute_signals().asset_classes)
    assert engine.set_portfolio("growth") == "growth"
    after = dict((c.name, c.model_pct) for c in engine.compute_signals().asset_classes)
    assert after["us_equity"] == before["us_equity"] + 10.0
    with pytest.raises(PortfolioError, match="There is no portfolio 'nope'"):
        engine.set_portfolio("nope")
    assert engine.portfolio == "growth"


def test_alerts_are_checked_per_portfolio_each_event_once(tmp_path):
    _growth()
    db = tmp_path / "empty.db"
    open_alerts(db, "growth").add_rule(make_rule("below", "breadth", 1.0))
    engine = Engine(db)
    engine.load()
    engine.compute_signals()
    assert engine.check_alerts().rules == ()  # the default portfolio has no rules
    engine.set_portfolio("growth")
    engine.compute_signals(rebuild=True)
    first = engine.check_alerts()
    assert [e.rule for e in first.fired] == ["breadth below +1.00"]
    assert engine.check_alerts().fired == ()


def test_the_engines_process_forwards_the_new_calls(tmp_path):
    _growth()
    remote = EngineProcess(tmp_path / "empty.db")
    try:
        remote.load()
        assert remote.set_portfolio("growth") == "growth"
        remote.compute_signals()
        assert remote.check_alerts().fired == ()
        view = remote.journal()
        assert view.portfolio == "growth"
        assert view.summary.text.startswith("0 saved suggestions")
    finally:
        remote.close()
