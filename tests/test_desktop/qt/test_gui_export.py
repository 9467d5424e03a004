"""File > Export writes the allocate command's CSV; Ctrl+C copies rows for a spreadsheet."""

import csv
import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from desktop.qt.self_test import check_export
from tests.test_desktop.gui_helpers import make_window


def test_export_action_writes_the_allocation_shown(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path)
    target = tmp_path / "out" / "allocation.csv"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)")
    )

    with qtbot.waitSignal(window.controller.exported, timeout=10_000):
        window.actions_by_name["export"].trigger()

    shown = window.allocation.table.table_model.rows
    assert check_export(target, len(shown)) == 17
    settings = json.loads((target.parent / "allocation.settings.json").read_text("utf-8"))
    assert settings["source"] == "Demo data (synthetic)"
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert [r["ticker"] for r in rows] == [r.ticker for r in shown]
    assert [float(r["suggested_weight"]) for r in rows] == [r.suggested_pct for r in shown]


def test_cancelled_export_dialog_writes_nothing(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, synchronous=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    exported = []
    window.controller.exported.connect(exported.append)

    window.actions_by_name["export"].trigger()

    assert exported == []


def test_ctrl_c_copies_selected_rows_as_tab_separated_text(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    table = window.allocation.table
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.setFocus()
    table.selectRow(2)

    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:5] == ["Ticker", "Name", "Model %", "Suggested %", "Active pts"]
    assert len(lines) == 2 and lines[1].split("\t")[0] == table.table_model.rows[2].ticker
