"""Build the real main window on the demo data for GUI tests, and read what it shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ALLOCATION_TIMEOUT_MS = 30_000


def make_window(qtbot, tmp_path: Path, *, synchronous: bool = False, start: bool = True):
    """The main window over an empty database (so: the demo data), first allocation shown.

    synchronous: the engine runs inline and every job inside its request; otherwise the engine
    runs in its own process, as in the app.
    """
    from desktop.engine.engine import Engine
    from desktop.qt.application import build_window, make_application
    from desktop.qt.launch import start_engine

    db_path = tmp_path / "empty.db"
    engine = Engine(db_path) if synchronous else start_engine(db_path)
    app = make_application()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(app, engine, settings, synchronous=synchronous)
    qtbot.addWidget(window)
    window.show()
    if start:
        start_and_wait(qtbot, window)
    return window


def start_and_wait(qtbot, window) -> None:
    if window.controller.jobs.synchronous:
        window.controller.start()
        return
    with qtbot.waitSignal(window.controller.allocation_ready, timeout=ALLOCATION_TIMEOUT_MS):
        window.controller.start()


def shown_weight(window, ticker: str, column: str = "Suggested %") -> float:
    """The number a person reads in the allocation table for `ticker` and `column`."""
    model = window.allocation.table.table_model
    row = next(i for i, r in enumerate(model.rows) if r.ticker == ticker)
    index = model.index(row, model.columns.index(column))
    return float(model.data(index))
