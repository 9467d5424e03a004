"""The controller: intents become states and background solves; undo walks settings back."""

import pytest

from desktop.advice.knobs import Knobs
from desktop.advice.state import Phase
from desktop.qt.controller import Controller
from tests.test_desktop.fake_engine import FakeEngine


def _iwm(controller) -> float:
    return next(r.suggested_pct for r in controller.state.allocation.rows if r.ticker == "IWM")


@pytest.fixture
def sync():
    controller = Controller(FakeEngine(), synchronous=True)
    controller.start()
    return controller


def test_start_loads_data_computes_signals_and_solves(sync):
    state = sync.state
    assert state.phase is Phase.READY and state.data_label == "Demo data (synthetic)"
    assert [c.name for c in state.cards] == ["small_cap_breakout"]
    assert state.cards[0].history == (0.1, 0.3, 0.5)
    assert _iwm(sync) == pytest.approx(7.5)  # the signals' small-caps view of +0.5


def test_the_first_answer_is_not_held_up_by_the_sparklines(sync):
    calls = sync.engine.calls
    assert calls[:4] == ["warm_up", "load", "compute_signals", "quick solve"]
    assert "sparklines" in calls[4:]


def test_a_failed_load_says_why_in_the_banner(qtbot):
    engine = FakeEngine()
    engine.load_error = OSError("disk on fire")
    controller = Controller(engine)
    with qtbot.waitSignal(controller.busy_changed, check_params_cb=lambda busy: not busy):
        controller.start()
    assert controller.state.banner == "Could not load the data: disk on fire"
    assert controller.state.allocation is None
    controller.shutdown()
    assert engine.closed


def test_a_view_override_resolves_with_the_new_view(sync):
    sync.set_view("small_caps", 1.0)
    assert sync.state.is_override("small_caps")
    assert _iwm(sync) == pytest.approx(10.0)


def test_undo_and_redo_walk_back_a_drag_in_one_step(sync):
    for view in (0.6, 0.7, 0.8):  # one drag: three moves of one slider
        sync.set_view("small_caps", view)
    sync.end_gesture()
    sync.set_knob("risk_aversion", 5.0)

    sync.undo_stack.undo()
    assert sync.state.knobs.risk_aversion == Knobs().risk_aversion
    sync.undo_stack.undo()
    assert sync.state.knobs.overrides == {}
    assert _iwm(sync) == pytest.approx(7.5)
    sync.undo_stack.redo()
    assert sync.state.view("small_caps") == 0.8


def test_reset_restores_the_signals_view(sync):
    sync.set_view("small_caps", -1.0)
    sync.set_view("gold", 1.0)
    sync.reset_views(("small_caps",))
    assert sync.state.knobs.overrides == {"gold": 1.0}
    sync.reset_views()
    assert sync.state.views() == {"small_caps": 0.5, "gold": -0.25}


def test_a_failed_solve_keeps_the_last_good_answer_and_shows_a_banner(sync):
    before = sync.state.allocation
    sync.set_knob("te_cap_pct", 0.0)
    assert sync.state.allocation == before
    assert "admit no portfolio" in sync.state.banner
    sync.set_knob("te_cap_pct", 4.0)
    assert sync.state.banner == ""


def test_export_without_an_allocation_says_so(qtbot):
    controller = Controller(FakeEngine(), synchronous=True)
    with qtbot.waitSignal(controller.error) as blocker:
        controller.export_allocation("/tmp/never.csv")
    assert blocker.args[0] == "Nothing to export"


def test_slider_burst_is_debounced_into_few_solves_off_the_gui_thread(qtbot):
    import threading

    engine = FakeEngine()
    controller = Controller(engine)
    with qtbot.waitSignal(controller.allocation_ready, timeout=5000):
        controller.start()
    first = len(engine.solves)
    with qtbot.waitSignal(controller.allocation_ready, timeout=5000):
        for step in range(20):
            controller.set_view("small_caps", step / 20)
    qtbot.waitUntil(lambda: not controller.jobs.busy)
    assert len(engine.solves) - first < 20
    assert engine.solves[-1].overrides["small_caps"] == pytest.approx(0.95)
    assert threading.get_ident() not in engine.threads
    assert _iwm(controller) == pytest.approx(5.0 + 5.0 * 0.95)
    controller.shutdown()


def test_data_updated_reloads_and_resolves(sync):
    solves = len(sync.engine.solves)
    sync.data_updated()
    assert sync.engine.loads == 2 and len(sync.engine.solves) == solves + 2  # quick, explained


def test_the_quick_answer_is_followed_by_its_explanation(sync):
    quick, explained = sync.engine.solves[-2:]
    assert quick == explained
    iwm = next(r for r in sync.state.allocation.rows if r.ticker == "IWM")
    assert iwm.reason == "small caps"


def test_each_card_gets_its_record_line_after_the_signals(qtbot):
    engine = FakeEngine()
    controller = Controller(engine, synchronous=True)
    controller.start()
    card = next(c for c in controller.state.cards if c.name == "small_cap_breakout")
    assert card.record.startswith("Since 2007, when high") and card.record.endswith("noise")
    assert engine.calls.index("evidence_lines") > engine.calls.index("compute_signals")
