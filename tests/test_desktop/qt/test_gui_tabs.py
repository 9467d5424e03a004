"""The Charts, History and Data tabs inside the real window, on the demo data."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.test_desktop.gui_helpers import make_window


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, synchronous=True)


def test_a_dashboard_card_opens_its_score_history(window):
    window.open_chart("breadth")
    charts = window.tab_widgets["charts"]
    assert window.tabs.currentWidget().layout().itemAt(0).widget() is charts
    assert charts.current_key() == "score:breadth"
    history = charts.time_chart.spec.lines[0].series
    assert len(charts.time_chart.lines[0].xData) == len(history) > 1000
    assert charts.time_chart.title.text().startswith("Breadth")


def test_save_change_save_compare_restore_then_undo_a_delete(window, qtbot):
    history = window.open_tab("history") or window.tab_widgets["history"]
    first_knobs = window.controller.state.knobs
    history.save_button.click()
    window.controller.set_view("small_caps", 1.0)
    window.controller.end_gesture()
    history.save_button.click()
    assert history.table.rowCount() == 2

    history.table.selectAll()
    assert "Comparing A (#1" in history.hint.text()
    history.table.select_ids({1})
    history.restore_button.click()
    assert window.controller.state.knobs == first_knobs

    history.delete_button.click()
    assert history.table.rowCount() == 1
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert history.table.rowCount() == 2


def test_importing_prices_in_the_data_tab_switches_the_app_to_them(window, tmp_path, monkeypatch):
    csv = tmp_path / "SPY.csv"
    csv.write_text("Date,Close\n2026-01-12,600\n2026-01-13,601\n2026-01-14,603\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(csv)], ""))
    data = window.open_tab("data") or window.tab_widgets["data"]
    assert window.controller.state.data_label == "Demo data (synthetic)"
    data.import_button.click()
    assert data.status_table.tickers() == ["SPY"]
    assert window.controller.state.data_label.startswith("Cached data, last date 2026-01-14")
