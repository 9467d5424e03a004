"""`rotation-advisor --self-test [--db PATH]`: prove the installed app works end to end.

Starts the engine's process and opens the real window offscreen, as `rotation-advisor` does, on
the demo data (a fresh, empty database in a temporary folder) or on the given database; waits for
the first allocation, exports it through the same code as File > Export, checks the file, checks
that Help > About lists the third-party licences (a packaged build reads them from the file
bundled at build time), closes the window and checks that the engine's process has exited.
Exits 0, or prints the reason and exits 1 on any failure or when there is no answer within
TIMEOUT_S. Nothing is written to the user's settings or data folder. On Linux it also prints
the time from the process's start to the window's first painted frame and to the first
allocation, so a packaged build can be compared with a run from source.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from desktop.data.exports import allocation_csv

TIMEOUT_S = 60.0
REQUIRED_COLUMNS = ("ticker", "name", "model_weight", "suggested_weight", "active_weight", "reason")


class SelfTestFailed(Exception):
    """The reason the self-test failed, in words."""


def run_self_test(args: argparse.Namespace, *, timeout_s: float = TIMEOUT_S) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rotation-advisor-self-test-") as tmp:
        folder = Path(tmp)
        try:
            rows, marks = _run(args.db or folder / "empty.db", folder, timeout_s)
        except SelfTestFailed as exc:
            print(f"self-test FAILED: {exc}", file=sys.stderr)
            return 1
    elapsed = time.perf_counter() - started
    print(f"self-test passed: {rows} rows exported and checked in {elapsed:.1f} s")
    if marks:
        print(
            f"after process start: first paint {marks['paint']:.2f} s, "
            f"first allocation {marks['allocation']:.2f} s"
        )
    return 0


def seconds_since_process_start() -> float | None:
    """Wall seconds since this process started (Linux /proc), or None where unavailable."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(stat[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time
    except (OSError, ValueError, IndexError):
        return None


def _run(db_path: Path, folder: Path, timeout_s: float) -> tuple[int, dict[str, float]]:
    from desktop.qt.launch import start_engine

    engine = start_engine(db_path)
    marks: dict[str, float] = {}
    try:
        rows = _check_window(engine, folder, timeout_s, marks)
    finally:
        engine.close()
    if engine.exitcode is None:
        raise SelfTestFailed(f"the engine's process (pid {engine.pid}) did not exit")
    return rows, marks if {"paint", "allocation"} <= marks.keys() else {}


def _check_window(engine, folder: Path, timeout_s: float, marks: dict[str, float]) -> int:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from desktop.qt.application import build_window, make_application

    app = make_application()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(app, engine, settings)
    controller = window.controller
    outcome: dict[str, str] = {}
    loop = QEventLoop()

    def finish(key: str, value: str) -> None:
        outcome.setdefault(key, value)
        loop.quit()

    def on_state(state) -> None:
        if state.phase.value == "Ready" and controller.solved is None:
            finish("error", state.banner or "the window became ready without an allocation")

    def mark(key: str) -> None:
        now = seconds_since_process_start()
        if now is not None:
            marks.setdefault(key, now)

    first_frame = _first_frame_filter(lambda: mark("paint"))
    app.installEventFilter(first_frame)
    controller.state_changed.connect(on_state)
    controller.allocation_ready.connect(lambda _: (mark("allocation"), finish("allocation", "ok")))
    controller.error.connect(lambda title, text: finish("error", f"{title}: {text}"))
    controller.exported.connect(lambda path: finish("exported", path))
    QTimer.singleShot(
        round(timeout_s * 1000), lambda: finish("error", f"no answer within {timeout_s:.0f} s")
    )
    window.show()
    controller.start()
    try:
        _wait(loop, outcome, "allocation")
        target = folder / "allocation.csv"
        window.controller.export_allocation(target)
        _wait(loop, outcome, "exported")
        rows = check_export(target, len(controller.state.allocation.rows))
        check_about(window)
        return rows
    finally:
        app.removeEventFilter(first_frame)
        window.close()


def _first_frame_filter(on_first_paint):
    """An event filter calling `on_first_paint` once, when the first frame has been painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstFrame(QObject):
        seen = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, on_first_paint)
            return False

    return FirstFrame()


def check_about(window) -> None:
    """Help > About must list the licences of the libraries the app ships, PySide6's among them."""
    from desktop.qt.widgets.about import AboutDialog

    dialog = AboutDialog(window.controller.state.data_label, window)
    table = dialog.licences
    names = {table.item(row, 0).text() for row in range(table.rowCount())}
    dialog.deleteLater()
    if not any(name.lower().startswith("pyside6") for name in names):
        raise SelfTestFailed(f"About lists {len(names)} licences and none for PySide6")


def _wait(loop, outcome: dict[str, str], key: str) -> None:
    if key not in outcome and "error" not in outcome:
        loop.exec()
    if "error" in outcome:
        raise SelfTestFailed(outcome["error"])


def check_export(path: Path, expected_rows: int) -> int:
    """Check an exported allocation CSV; returns its number of asset rows."""
    if not path.exists():
        raise SelfTestFailed(f"the export did not create {path}")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("ticker,"):
        raise SelfTestFailed("the export does not start with its header row")
    settings = allocation_csv.settings_path(path)
    if not settings.exists() or "as_of" not in json.loads(settings.read_text(encoding="utf-8")):
        raise SelfTestFailed(f"the export's settings (as-of date, source) are not in {settings}")
    rows = list(csv.DictReader(lines))
    missing = [c for c in REQUIRED_COLUMNS if c not in (rows[0].keys() if rows else ())]
    if missing:
        raise SelfTestFailed(f"the export lacks the columns {missing}")
    if len(rows) != expected_rows:
        raise SelfTestFailed(f"the export has {len(rows)} rows, the window showed {expected_rows}")
    for column in ("model_weight", "suggested_weight"):
        total = sum(round(float(r[column]) * 100) for r in rows)
        if total != 10_000:
            raise SelfTestFailed(f"{column} sums to {total / 100:.2f}, not 100.00")
    return len(rows)
