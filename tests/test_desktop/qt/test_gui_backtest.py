"""The Backtest and Evidence tabs in the real window, as in the app: the engine in its own
process, backtests in worker processes, the window answering while they run. On the demo data."""

from __future__ import annotations

from PySide6.QtCore import QDate

from tests.test_desktop.gui_helpers import make_window

RUN_TIMEOUT_MS = 180_000


def test_a_backtest_runs_in_workers_while_home_still_answers(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = window.open_tab("backtest")
    try:
        tab.settings.start.setDate(QDate(2020, 1, 1))
        tab.settings.end.setDate(QDate(2021, 12, 31))
        with qtbot.waitSignal(tab.controller.runs_ready, timeout=RUN_TIMEOUT_MS):
            tab.runner.run.click()
            assert tab.runner.cancel.isEnabled() and not tab.runner.run.isEnabled()
            # Home still solves while the backtest runs: the solver lane is not held up
            with qtbot.waitSignal(window.controller.allocation_ready, timeout=RUN_TIMEOUT_MS):
                window.controller.set_knob("risk_aversion", 3.0)
                window.controller.end_gesture()
        assert [r.label for r in tab.runs] == ["as written", "calibrated"]
        assert tab.stats.table.horizontalHeaderItem(0).text() == "Advisor, as written"
        assert tab.runner.words.text().startswith("Done: as written and calibrated, 24 rebal")
    finally:
        tab.controller.shutdown()


def test_the_evidence_tab_fills_from_the_engine(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = window.open_tab("evidence")
    qtbot.waitUntil(lambda: tab.view is not None, timeout=RUN_TIMEOUT_MS)
    assert tab.themes.rowCount() == len(tab.view.book.themes) > 3
    assert tab.heading.text().startswith(f"As of {window.controller.state.dates.last}")
    qtbot.waitUntil(lambda: any(c.record for c in window.controller.state.cards), timeout=60_000)
    records = [c.record for c in window.controller.state.cards if c.record]
    assert all(r.startswith(("Since", "No record")) for r in records)
    assert any(r.startswith("Since") for r in records)
