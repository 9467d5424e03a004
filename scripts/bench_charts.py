"""Benchmark opening the Charts tab, before and after a change, side by side (a script, not a test).

    python scripts/bench_charts.py --db path/to/market.db [--runs 5] [--before COMMIT] [--after REF]

Each run is a fresh window, as the app starts it (the engine in its own process), on a copy of
the database: once start-up has settled (first allocation shown, no job running) the Charts tab
is opened and the clock runs until its chart book is shown (a chart drawn). Runs alternate
between the two trees, so both see the same machine load; the medians are printed side by side
and, on the last line, as JSON. --before and --after name commits (extracted with `git archive`
into a temporary folder); --after "." measures the working tree as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "82ed49d"  # the Charts tab re-opened the data and recomputed every score history
TIMEOUT_S = 120.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="market database to copy")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.child:
        return _child(args.db, args.child)
    with tempfile.TemporaryDirectory(prefix="rotation-advisor-bench-charts-") as tmp:
        folder = Path(tmp)
        trees = {"before": _tree(args.before, folder), "after": _tree(args.after, folder)}
        times: dict[str, list[float]] = {name: [] for name in trees}
        for run in range(args.runs):
            for name, tree in trees.items():
                times[name].append(_launch(tree, args.db, folder / f"{name}-{run}"))
    medians = {name: round(statistics.median(values), 3) for name, values in times.items()}
    print(f"Charts tab open -> chart book shown, median of {args.runs} fresh windows:")
    for name, ref in (("before", args.before), ("after", args.after)):
        spread = ", ".join(f"{t:.3f}" for t in times[name])
        print(f"  {name:<6} {ref:<8} {medians[name]:.3f} s   (runs: {spread})")
    figures = {f"{name}_s": value for name, value in medians.items()}
    figures |= {"before": args.before, "after": args.after, "runs": args.runs}
    print(json.dumps(figures))
    return 0


def _tree(ref: str, folder: Path) -> Path:
    """The source tree at `ref` ("." is the working tree), extracted under `folder`."""
    if ref == ".":
        return ROOT
    target = folder / f"tree-{ref.replace('/', '_')}"
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def _launch(tree: Path, db: Path, work: Path) -> float:
    """One fresh window of `tree` on a copy of `db`; returns the seconds the Charts tab took."""
    work.mkdir()
    shutil.copy(db, work / "market.db")
    env = dict(
        os.environ,
        PYTHONPATH=str(tree),  # ahead of the editable install: the tree's `desktop` is imported
        ROTATION_ADVISOR_HOME=str(work / "home"),
        XDG_CONFIG_HOME=str(work / "config"),
    )
    cmd = [sys.executable, __file__, "--db", str(work / "market.db"), "--child", work]
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench child failed in {tree}:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])["charts_s"]


def _child(db: Path, work: Path) -> int:
    """In a fresh process: start the window, let it settle, open the Charts tab, time it."""
    from desktop.qt.launch import start_engine

    engine = start_engine(db)
    from PySide6.QtCore import QSettings

    from desktop.qt.application import build_window, make_application

    app = make_application()
    window = build_window(
        app, engine, QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    )
    window.resize(1440, 900)
    window.show()
    controller, answers = window.controller, []
    controller.allocation_ready.connect(answers.append)
    controller.start()
    _spin(app, lambda: answers and not controller.jobs.busy)
    started = time.perf_counter()
    charts = window.open_tab("charts")
    _spin(app, lambda: charts.book is not None and charts.time_chart.spec is not None)
    elapsed = time.perf_counter() - started
    window.close()
    engine.close()
    print(json.dumps({"charts_s": elapsed}))
    return 0


def _spin(app, done) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not done():
        app.processEvents()
        if time.monotonic() > deadline:
            sys.exit(f"bench: the window did not get there within {TIMEOUT_S:.0f} s")
        time.sleep(0.0005)


if __name__ == "__main__":
    sys.exit(main())
