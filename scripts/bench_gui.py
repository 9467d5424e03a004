"""Benchmark the desktop window on the demo data (a script, not a test).

    python scripts/bench_gui.py [--runs 7] [--moves 100]

Prints, in one run:
- first paint of a bare PySide6 + pyqtgraph window (a QMainWindow holding one PlotWidget) and of
  ours, each from process launch to the end of the first painted frame, median of --runs fresh
  processes (ours starts from a saved session, as a user's second launch does);
- time from launch to the first allocation on screen, median of the same runs;
- slider-release-to-repaint latency: a theme slider is dragged to a random position and
  released, and the clock runs until the allocation table has repainted with the new answer;
  median and p95 over --moves releases;
- peak resident memory of the window's process (ru_maxrss) and of the engine's (Linux VmHWM).
Runs offscreen with a temporary data folder; the last line is the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--moves", type=int, default=100)
    parser.add_argument("--child", choices=("bare", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.child:
        return _child(args.child, args.folder, args.t0)
    with tempfile.TemporaryDirectory(prefix="rotation-advisor-bench-") as tmp:
        folder = Path(tmp)
        _isolate(folder)
        _launch("ours", folder)  # writes the session the measured launches start from
        bare = [_launch("bare", folder)["paint"] for _ in range(args.runs)]
        ours = [_launch("ours", folder) for _ in range(args.runs)]
        latency, rss_mb = _slider_latency(folder, args.moves)
    figures = {
        "bare_first_paint_s": _median(bare),
        "first_paint_s": _median([r["paint"] for r in ours]),
        "first_allocation_s": _median([r["allocation"] for r in ours]),
        "first_paint_ratio": round(_median([r["paint"] for r in ours]) / _median(bare), 2),
        "release_to_repaint_median_ms": round(1000 * statistics.median(latency), 1),
        "release_to_repaint_p95_ms": round(1000 * _percentile(latency, 95), 1),
        "peak_rss_mb": rss_mb["window"],
        "engine_peak_rss_mb": rss_mb["engine"],
        "runs": args.runs,
        "moves": args.moves,
    }
    print(f"bare PySide6+pyqtgraph first paint  {figures['bare_first_paint_s']:.3f} s (median)")
    print(
        f"Rotation Advisor first paint        {figures['first_paint_s']:.3f} s "
        f"({figures['first_paint_ratio']}x bare)"
    )
    print(f"first allocation on screen          {figures['first_allocation_s']:.3f} s")
    print(
        f"slider release -> repaint           median {figures['release_to_repaint_median_ms']} ms,"
        f" p95 {figures['release_to_repaint_p95_ms']} ms over {args.moves} moves"
    )
    print(
        f"peak memory                         {figures['peak_rss_mb']} MB window, "
        f"{figures['engine_peak_rss_mb']} MB engine process"
    )
    print(json.dumps(figures))
    return 0


def _isolate(folder: Path) -> None:
    os.environ["ROTATION_ADVISOR_HOME"] = str(folder / "home")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")


def _launch(kind: str, folder: Path) -> dict[str, float]:
    """Run one child process; returns its timings in seconds since launch."""
    cmd = [sys.executable, __file__, "--child", kind, "--folder", str(folder)]
    started = time.monotonic()
    done = subprocess.run(
        [*cmd, "--t0", repr(started)], capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        sys.exit(f"bench child {kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(kind: str, folder: Path, t0: float) -> int:
    """In a fresh process: time to first painted frame (and, for ours, to first allocation).

    Ours starts as `desktop.qt.launch.run_gui` does: the engine's process first, then Qt and the
    window.
    """
    engine = None
    if kind == "ours":
        from desktop.qt.launch import start_engine

        engine = start_engine(folder / "empty.db")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    times: dict[str, float] = {}
    if kind == "bare":
        import pyqtgraph as pg
        from PySide6.QtWidgets import QMainWindow

        app = QApplication([])
        window = QMainWindow()
        window.setCentralWidget(pg.PlotWidget())
    else:
        from PySide6.QtCore import QSettings

        from desktop.qt.application import build_window, make_application, start_after_first_paint

        app = make_application()
        ini = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(app, engine, ini)

    def finished() -> bool:
        return "paint" in times and (kind == "bare" or "allocation" in times)

    def mark(key: str) -> None:
        times.setdefault(key, time.monotonic() - t0)
        if finished():
            window.close()
            app.quit()

    class FirstFrame(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and "pending" not in times:
                times["pending"] = 0.0
                QTimer.singleShot(0, lambda: mark("paint"))
            return False

    spy = FirstFrame()
    app.installEventFilter(spy)
    if kind == "ours":
        window.controller.allocation_ready.connect(
            lambda _: QTimer.singleShot(0, lambda: mark("allocation"))
        )
    window.resize(1440, 900)
    window.show()
    if kind == "ours":
        start_after_first_paint(window)
    app.exec()
    if engine is not None:
        engine.close()
    times.pop("pending", None)
    print(json.dumps(times))
    return 0


def _slider_latency(folder: Path, moves: int) -> tuple[list[float], dict[str, float]]:
    """Release-to-repaint times in seconds over `moves` drags, and peak RSS (MB) of the window's
    process and of the engine's."""
    from desktop.qt.launch import start_engine

    engine = start_engine(folder / "empty.db")
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.qt.application import build_window, make_application

    app = make_application()
    work = folder / "latency"
    work.mkdir()
    shutil.copy(folder / "settings.ini", work / "settings.ini")
    window = build_window(
        app, engine, QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    )
    window.resize(1440, 900)
    window.show()
    controller = window.controller
    state = {"answers": 0, "painted_after": -1}

    class Repaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                state["painted_after"] = state["answers"]
            return False

    controller.allocation_ready.connect(
        lambda _: state.__setitem__("answers", state["answers"] + 1)
    )
    viewport = window.allocation.table.viewport()
    spy = Repaint()
    viewport.installEventFilter(spy)
    controller.start()
    _spin(app, lambda: state["answers"] >= 1)
    slider = window.tilts.sliders["small_caps"]
    rng = random.Random(7)
    latencies = []
    for _ in range(moves):
        target = rng.choice([v for v in range(-100, 101, 5) if v != slider.value()])
        slider.setSliderDown(True)
        slider.setValue(target)
        _spin(app, lambda: True, rounds=1)
        expected = state["answers"] + 1
        started = time.perf_counter()
        slider.setSliderDown(False)  # the release: solve now
        _spin(app, lambda e=expected: state["painted_after"] >= e)
        latencies.append(time.perf_counter() - started)
    engine_mb = _peak_rss_mb(engine.pid)
    window.close()
    QApplication.processEvents()
    window_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return latencies, {"window": round(window_mb, 1), "engine": engine_mb}


def _peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of a running process (Linux /proc; None elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return round(kb / 1024, 1)


def _spin(app, done, rounds: int | None = None, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    count = 0
    while not done() or (rounds is not None and count < rounds):
        app.processEvents()
        count += 1
        if rounds is not None and count >= rounds and done():
            return
        if time.monotonic() > deadline:
            sys.exit("bench: the window did not answer within 30 s")
        time.sleep(0.0005)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
