"""The time machine: any past day replayed, undoable, remembered, with the data's age on show."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from desktop.qt.controller import Controller
from desktop.qt.session_store import state_from_json, state_to_json
from tests.test_desktop.fake_engine import FakeEngine
from tests.test_desktop.gui_helpers import make_window


@pytest.fixture
def sync():
    controller = Controller(FakeEngine(), synchronous=True)
    controller.start()
    return controller


def test_the_latest_day_is_the_datas_last_date_and_its_age_is_known(sync):
    dates = sync.state.dates
    assert dates.is_latest and dates.shown == "2026-01-16" and dates.last == "2026-01-16"
    assert "Demo data" in dates.age
    assert sync.engine.as_ofs == [None]


def test_choosing_a_day_recomputes_signals_sparklines_and_the_answer_for_it(sync):
    sync.engine.calls.clear()
    sync.set_date("2020-03-23")
    assert sync.engine.as_ofs[-1] == "2020-03-23"
    assert sync.engine.calls[:2] == ["compute_signals", "quick solve"]
    assert "sparklines" in sync.engine.calls
    assert sync.state.dates.shown == "2020-03-23" and not sync.state.dates.is_latest


def test_a_date_change_is_one_undo_step_and_redo_replays_it(sync):
    sync.set_date("2020-03-23")
    sync.undo_stack.undo()
    assert sync.state.dates.is_latest and sync.engine.as_ofs[-1] is None
    assert sync.undo_stack.redoText() == "Show 2020-03-23"
    sync.undo_stack.redo()
    assert sync.state.dates.chosen == "2020-03-23"


def test_stepping_counts_from_the_day_on_screen(sync):
    sync.step_date("week", -1)
    assert sync.state.dates.chosen == "2026-01-09"
    sync.step_date("day", -1)
    assert sync.state.dates.chosen == "2026-01-08"


def test_latest_again_is_not_an_extra_undo_step(sync):
    sync.set_date("")
    assert sync.undo_stack.count() == 0


def test_the_chosen_day_is_remembered_with_the_session(sync):
    sync.set_date("2020-03-23")
    restored = state_from_json(state_to_json(sync.state))
    assert restored.dates.chosen == "2020-03-23"


def test_a_merged_slider_drag_reads_as_its_last_value(sync):
    sync.set_view("small_caps", 0.1)
    sync.set_view("small_caps", 0.4)
    assert sync.undo_stack.count() == 1
    assert sync.undo_stack.undoText().endswith("+0.40")


def test_redo_has_each_shortcut_once(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    seen = [s.toString() for s in window.actions_by_name["redo"].shortcuts()]
    assert len(seen) == len(set(seen)) and QKeySequence("Ctrl+Shift+Z").toString() in seen
    every = [s.toString() for a in window.actions_by_name.values() for s in a.shortcuts()]
    assert len(every) == len(set(every)), "two actions share a shortcut"


def test_the_window_replays_a_past_day_on_the_demo_data(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    last = window.controller.state.dates.last
    window.actions_by_name["date_month_-1"].trigger()
    state = window.controller.state
    assert state.dates.shown < last and state.allocation.as_of == state.dates.shown
    assert all(card.as_of <= state.dates.shown for card in state.cards if card.as_of)
    assert window.date_bar.latest.isEnabled()
    assert "Replaying" in window.date_bar.age.text()
    window.date_bar.latest.click()
    assert window.controller.state.dates.is_latest
    assert window.controller.state.allocation.as_of == last
