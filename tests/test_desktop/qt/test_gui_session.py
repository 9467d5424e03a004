"""Start-up: the self-test, and a window that paints the last session before recomputing."""

import argparse

from desktop.advice.state import Phase
from desktop.qt.self_test import run_self_test
from tests.test_desktop.gui_helpers import make_window, start_and_wait


def test_self_test_passes_on_the_demo_data(capsys):
    assert run_self_test(argparse.Namespace(db=None, self_test=True)) == 0
    assert "self-test passed: 17 rows" in capsys.readouterr().out


def test_self_test_fails_with_the_reason_on_a_damaged_database(tmp_path, capsys):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not an SQLite database" * 100)

    assert run_self_test(argparse.Namespace(db=damaged, self_test=True), timeout_s=30) == 1
    assert "self-test FAILED" in capsys.readouterr().err


def test_next_start_paints_the_last_answer_before_computing(qtbot, tmp_path):
    first = make_window(qtbot, tmp_path, synchronous=True)
    first.tilts.sliders["gold"].setValue(60)
    first.resize(first.width(), 640)  # the offscreen screen is 800 px high
    shown = first.controller.state.allocation
    first.close()

    second = make_window(qtbot, tmp_path, start=False)

    state = second.controller.state
    assert state.phase is Phase.LOADING_DATA and not state.fresh
    assert state.allocation == shown and state.knobs.overrides == {"gold": 0.6}
    assert second.allocation.caption.text().startswith("Last session's answer")
    assert second.tilts.sliders["gold"].value() == 60
    assert second.height() == 640
    start_and_wait(qtbot, second)
    assert second.controller.state.fresh


def test_first_start_shows_placeholders_until_the_signals_arrive(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, start=False)

    assert window.dashboard._placeholder.isVisible()
    assert window.dashboard._placeholder.text() == "Loading market data…"
    assert window.allocation.caption.text() == "No allocation yet."
    start_and_wait(qtbot, window)
    assert not window.dashboard._placeholder.isVisible()
    assert len(window.dashboard.cards) == len(window.controller.state.cards) > 10


def test_a_first_start_fits_a_small_screen(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, start=False)  # the offscreen screen is 800 x 800 px
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()


def test_a_drag_saves_the_session_once_it_settles_not_on_every_answer(qtbot, tmp_path):
    from desktop.qt.widgets.main_window import SESSION_KEY, SESSION_SAVE_DELAY_MS

    window = make_window(qtbot, tmp_path, synchronous=True)
    qtbot.wait(SESSION_SAVE_DELAY_MS + 200)
    before = window.settings.value(SESSION_KEY)
    for value in (10, 20, 30, 40, 50):  # five answers in quick succession
        window.tilts.sliders["gold"].setValue(value)
    assert window.settings.value(SESSION_KEY) == before
    qtbot.waitUntil(lambda: window.settings.value(SESSION_KEY) != before, timeout=3000)
    assert '"gold":0.5' in window.settings.value(SESSION_KEY)
