"""The Alerts tab driven like a user: rules checked as typed, added, edited, deleted, undone;
fired alerts in the log (bold until seen) and in the status bar; checks at start-up."""

from datetime import date

import pytest

from desktop.advice.alerts.rules import make_rule
from desktop.advice.state import AppState, Card, Phase, Theme
from desktop.data.alert_store import FiredAlert, open_alerts
from desktop.engine.alerting import AlertCheck
from desktop.qt.controllers.alerts import shared
from desktop.qt.widgets.alerts_tab import AlertsTab
from tests.test_desktop.fake_controller import FakeController
from tests.test_desktop.gui_helpers import make_window


def _state() -> AppState:
    cards = (Card("breadth", "Breadth", "stocks", 0.2, "Breadth is fine.", "2026-01-16", False),)
    return AppState(phase=Phase.READY, cards=cards, themes=(Theme("gold", "Gold", -0.2),))


@pytest.fixture
def home(tmp_path):
    return FakeController(tmp_path / "market.db", _state())


@pytest.fixture
def tab(qtbot, home):
    widget = AlertsTab(shared(home))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _descriptions(tab: AlertsTab) -> list[str]:
    return [tab.rule_table.item(r, 2).text() for r in range(tab.rule_table.rowCount())]


def test_a_level_out_of_range_is_said_as_typed_and_cannot_be_added(tab):
    tab.set_form("below", "breadth", 1.5)
    assert "from -1 to 1" in tab.problem.text()
    assert not tab.add_button.isEnabled()
    tab.level_box.setValue(-0.1)
    assert tab.problem.text() == ""
    assert tab.add_button.isEnabled()


def test_an_unknown_signal_is_named(tab):
    tab.set_form("above", "breadht", 0.0)
    assert "no signal 'breadht'" in tab.problem.text()


def test_add_edit_delete_and_undo_each(tab, home):
    tab.set_form("below", "breadth", 0.0)
    tab.add_button.click()
    assert _descriptions(tab) == ["breadth below +0.00"]
    tab.rule_table.selectRow(0)
    tab.level_box.setValue(-0.3)
    tab.save_button.click()
    assert _descriptions(tab) == ["breadth below -0.30"]
    tab.rule_table.selectRow(0)
    tab.delete_button.click()
    assert _descriptions(tab) == []
    home.undo_stack.undo()
    assert _descriptions(tab) == ["breadth below -0.30"]
    home.undo_stack.undo()
    assert _descriptions(tab) == ["breadth below +0.00"]
    home.undo_stack.undo()
    assert _descriptions(tab) == []
    home.undo_stack.redo()
    assert _descriptions(tab) == ["breadth below +0.00"]
    assert [r.description for r in open_alerts(home.engine.db_path).rules()] == _descriptions(tab)


def test_kinds_without_a_level_or_subject_say_so(tab):
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("zone"))
    assert not tab.level_box.isEnabled()
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("drift"))
    assert not tab.subject_box.isEnabled()
    assert tab.level_box.value() == 5.0
    assert tab.problem.text() == ""


def test_fired_alerts_are_logged_bold_then_seen_and_noted(qtbot, tmp_path):
    store = open_alerts(tmp_path / "market.db")
    rule = store.add_rule(make_rule("below", "breadth", 0.0))

    def check(_holdings):
        def run(rules, states):
            from desktop.advice.alerts.evaluation import AlertEvent, Evaluation

            event = AlertEvent(rule.id, rule.description, date(2026, 1, 16), "breadth fell.", -0.2)
            return Evaluation(date(2026, 1, 16), (event,), {rule.id: "on"})

        _evaluation, fired = open_alerts(tmp_path / "market.db").check(run)
        return AlertCheck(date(2026, 1, 16), (rule,), tuple(fired))

    home = FakeController(tmp_path / "market.db", _state(), check_alerts=check)
    controller = shared(home)
    with qtbot.waitSignal(controller.fired) as fired:
        home.allocation_ready.emit(None)  # the first answer: the start-up check
    assert [e.message for e in fired.args[0]] == ["breadth fell."]
    widget = AlertsTab(controller)
    qtbot.addWidget(widget)
    assert widget.log.item(0, 3).text() == "breadth fell."
    assert widget.log.item(0, 3).font().bold()
    widget.show()
    assert all(e.seen_at for e in open_alerts(tmp_path / "market.db").events())


def test_the_window_checks_at_start_and_tells_in_the_status_bar(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True, start=False)
    fired = FiredAlert(1, 1, "breadth below +0.00", "2026-01-16", "breadth fell.", -0.2, "x")
    engine = window.controller.engine
    engine.check_alerts = lambda holdings: AlertCheck(date(2026, 1, 16), (), (fired,))
    window.controller.start()
    assert "breadth fell." in window.notifier.last_text
    assert window.notifier.tray is None  # offscreen: no tray, the status bar says it


def test_a_refresh_or_import_checks_again_and_a_switch_lists_the_other_portfolios(home):
    checks = []
    home.engine.check_alerts = lambda holdings: (
        checks.append(holdings) or AlertCheck(date(2026, 1, 16), (), ())
    )
    controller = shared(home)
    home.portfolio_changed.emit("default")  # a session's choice restored before the start
    assert checks == []
    home.allocation_ready.emit(None)  # the first answer
    home.data_changed.emit()  # what data_updated says after a refresh or an import
    assert len(checks) == 2
    open_alerts(home.engine.db_path, "growth").add_rule(make_rule("drift"))
    with_listing = []
    controller.listed.connect(with_listing.append)
    home.portfolio_changed.emit("growth")
    assert len(checks) == 3
    assert [r.description for r in with_listing[-1].rules] == [
        "holdings drift more than 5.0 pts from the last saved suggestion"
    ]


def test_a_rule_firing_at_start_is_counted_on_the_tab_until_shown(qtbot, tmp_path):
    open_alerts(tmp_path / "empty.db").add_rule(make_rule("below", "breadth", 1.0))
    window = make_window(qtbot, tmp_path, synchronous=True)  # the demo data
    index = window.tabs.indexOf(window.tabs.widget(window._index_of("alerts")))
    assert window.tabs.tabText(index) == "Alerts (1 new)"
    assert "breadth is below +1.00" in window.notifier.last_text
    tab = window.open_tab("alerts")
    assert window.tabs.tabText(index) == "Alerts"
    assert tab.log.item(0, 2).text() == "breadth below +1.00"
    window.controller.data_updated()  # a refresh: the condition still holds, nothing new fires
    assert window.tabs.tabText(index) == "Alerts"
    assert len(tab.events) == 1
