"""kill -9 during `import` and during `allocate --out`: nothing is ever left half-written.

Each run is a real process killed after a delay spread over the part of a measured whole run
that reads and writes (two in the suite, 30 each under `make fuzz`). After an import is killed
the database opens, passes the full check and holds exactly the series it had before or exactly
those of a finished import; after an export is killed the CSV is the old file or the whole new
one, and the next write removes any temporary file the killed one left.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.data.market.db_check import find_damage
from desktop.data.market.opening import open_database
from tests.test_desktop.fuzz.budget import LONG, count

KILLS = 30 if LONG else 2
ROOT = Path(__file__).resolve().parents[3]


def _run(args: list[str], home: Path, delay: float | None = None) -> float:
    """Run `rotation-advisor ARGS` in its own process; kill -9 it after `delay` seconds.
    Returns how long it ran."""
    env = {**os.environ, "ROTATION_ADVISOR_HOME": str(home), "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if delay is None:
        process.wait(timeout=120)
    else:
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
    return time.monotonic() - start


def _delays(start: float, end: float) -> list[float]:
    """KILLS delays spread evenly over (start, end) seconds."""
    return [start + (end - start) * (k + 0.5) / KILLS for k in range(KILLS)]


def _contents(db: Path) -> dict[str, int]:
    conn = open_database(db)
    try:
        assert find_damage(conn, db) is None
        rows = conn.execute("SELECT ticker, COUNT(*) FROM prices GROUP BY ticker").fetchall()
        return dict(rows)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def price_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("prices")
    days = pd.bdate_range("2000-01-03", periods=4000)
    rng = np.random.default_rng(12)
    for i in range(20):
        closes = 50 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days))))
        frame = pd.DataFrame({"Date": days.strftime("%Y-%m-%d"), "Close": closes.round(4)})
        frame.to_csv(folder / f"T{i:02d}.csv", index=False)
    return folder


def test_killing_an_import_leaves_the_database_as_before_or_as_after(price_folder, tmp_path):
    base = tmp_path / "base.db"
    seed = tmp_path / "AAA.csv"
    seed.write_text("Date,Close\n2024-01-02,10\n2024-01-03,11\n")
    _run(["--db", str(base), "import", str(seed)], tmp_path / "home")
    before = _contents(base)
    (tmp_path / "empty").mkdir()
    startup = _run(["--db", str(base), "import", str(tmp_path / "empty")], tmp_path / "home")
    finished = tmp_path / "finished.db"
    shutil.copy(base, finished)
    whole = _run(["--db", str(finished), "import", str(price_folder)], tmp_path / "home")
    after = _contents(finished)
    assert len(after) == len(before) + 20
    for k, delay in enumerate(_delays(startup, whole)):
        db = tmp_path / f"killed-{k}.db"
        shutil.copy(base, db)
        _run(["--db", str(db), "import", str(price_folder)], tmp_path / "home", delay)
        state = _contents(db)
        assert state in (before, after), f"kill after {delay:.2f} s left {len(state)} series"
        count("kill -9 during import", "before" if state == before else "after")


def test_killing_an_export_leaves_the_old_file_or_the_whole_new_one(tmp_path):
    home = tmp_path / "home"
    out = tmp_path / "allocation.csv"
    whole = _run(["allocate", "--out", str(out)], home)
    new = out.read_bytes()
    old = b"ticker,name\nOLD,old file\n"
    for delay in _delays(0.7 * whole, whole):  # the file is written at the very end
        out.write_bytes(old)
        _run(["allocate", "--out", str(out)], home, delay)
        content = out.read_bytes()
        assert content in (old, new), f"kill after {delay:.2f} s left {len(content)} bytes"
        count("kill -9 during allocate --out", "old file" if content == old else "new file")
    _run(["allocate", "--out", str(out)], home)
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
