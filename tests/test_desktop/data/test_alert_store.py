"""Alert rules, states and events in SQLite: per portfolio, undoable removal, one event per
crossing across reopened stores, and an interrupted check changes nothing."""

import sqlite3
from datetime import date

import pytest
import sqlite_utils

from desktop.advice.alerts.evaluation import AlertFacts, evaluate
from desktop.advice.alerts.rules import make_rule
from desktop.data import alert_store
from desktop.data.alert_store import AlertStoreError, open_alerts

DAY = date(2020, 3, 23)


def facts(breadth: float) -> AlertFacts:
    return AlertFacts(DAY, DAY, DAY, {"breadth": breadth})


def check(store, breadth):
    return store.check(lambda rules, states: evaluate(rules, facts(breadth), states))


def test_rules_come_back_whole_and_belong_to_their_portfolio(tmp_path):
    path = tmp_path / "market.db"
    rule = open_alerts(path).add_rule(make_rule("below", "breadth", -0.25))
    open_alerts(path, "growth").add_rule(make_rule("drift", level=3))
    assert open_alerts(path).rules() == [rule]
    assert [r.kind.value for r in open_alerts(path, "growth").rules()] == ["drift"]
    with pytest.raises(AlertStoreError, match="no alert rule"):
        open_alerts(path, "growth").remove_rule(rule.id)


def test_an_event_fires_once_across_checks_and_reopened_stores(tmp_path):
    path = tmp_path / "market.db"
    open_alerts(path).add_rule(make_rule("below", "breadth", 0.0))
    _, first = check(open_alerts(path), -0.75)
    _, again = check(open_alerts(path), -0.5)
    assert len(first) == 1 and again == []
    assert first[0].message == "breadth is below +0.00 on 2020-03-23: it reads -0.75."
    assert open_alerts(path).events() == first
    check(open_alerts(path), 0.4)
    _, rearmed = check(open_alerts(path), -0.1)
    assert len(rearmed) == 1
    assert [e.value for e in open_alerts(path).events()] == [-0.1, -0.75]


def test_a_check_that_fails_half_way_stores_nothing(tmp_path):
    store = open_alerts(tmp_path / "market.db")
    store.add_rule(make_rule("below", "breadth", 0.0))

    def broken(rules, states):
        evaluation = evaluate(rules, facts(-0.5), states)
        store._db.execute(f"DROP TABLE {alert_store.EVENTS}")  # the write of events will fail
        return evaluation

    with pytest.raises(sqlite3.OperationalError):
        store.check(broken)
    assert store.states() == {} and store.events() == []
    assert len(check(store, -0.5)[1]) == 1


def test_removing_a_rule_is_undoable_until_purged(tmp_path):
    store = open_alerts(tmp_path / "market.db")
    rule = store.add_rule(make_rule("zone", "breadth"))
    check(store, 0.5)
    assert store.remove_rule(rule.id) == rule and store.rules() == []
    assert store.restore_rule(rule.id) == rule and store.states() == {rule.id: "high"}
    store.remove_rule(rule.id)
    assert store.purge_removed() == 1
    with pytest.raises(AlertStoreError):
        store.restore_rule(rule.id)


def test_editing_a_rule_forgets_what_it_saw(tmp_path):
    store = open_alerts(tmp_path / "market.db")
    rule = store.add_rule(make_rule("below", "breadth", 0.0))
    check(store, -0.5)
    edited = store.update_rule(rule.id, make_rule("below", "breadth", -0.25))
    assert store.rules() == [edited] and store.states() == {}
    assert len(check(store, -0.5)[1]) == 1


def test_seen_events_leave_the_unseen_list(tmp_path):
    store = open_alerts(tmp_path / "market.db")
    store.add_rule(make_rule("below", "breadth", 0.0))
    _, (event,) = check(store, -0.5)
    assert store.events(unseen_only=True) == [event]
    store.mark_seen([event.id])
    assert store.events(unseen_only=True) == [] and store.events()[0].seen_at is not None


def test_a_newer_schema_is_refused_with_advice():
    db = sqlite_utils.Database(memory=True)
    alert_store.migrate(db)
    db.execute(f"INSERT INTO {alert_store.VERSION_TABLE} VALUES (?)", [99])
    with pytest.raises(AlertStoreError, match="update the app"):
        alert_store.AlertStore(db)
