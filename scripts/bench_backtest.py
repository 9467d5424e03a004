"""Benchmark: a weekly backtest from the command line against one `allocate --as-of` run.

Usage: python -m scripts.bench_backtest [MARKET_DATA_DIR] [--db PATH] [--repeat N]

Issue 11's speed target: a weekly backtest from 2007-06 to 2026-07 on the default universe, end
to end as a process (`rotation-advisor backtest --rebalance weekly`), costs at most 3x one
`rotation-advisor allocate --as-of` process. Both commands run as fresh processes on the same
copy of the database, alternately (so a busy machine slows both alike), and the script prints
each one's median wall time and their ratio. Figures only: tests check behaviour, not speed.

Without --db the market-data folder (default ../shared/market-data) is imported into a
temporary database first (not timed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 3.0
BACKTEST = ["backtest", "--from", "2007-06", "--to", "2026-07", "--rebalance", "weekly", "--json"]


def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "--db", str(db), *args]


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[2:])} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def prepare(args: argparse.Namespace, folder: Path) -> Path:
    db = folder / "bench.db"
    if args.db is not None:
        shutil.copyfile(args.db, db)
        return db
    if not args.market_data.is_dir():
        raise SystemExit(f"{args.market_data} not found: pass the market-data folder or --db")
    subprocess.run(command(db, "import", str(args.market_data)), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "market_data", nargs="?", type=Path, default=ROOT.parent / "shared/market-data"
    )
    parser.add_argument("--db", type=Path, help="an imported database (copied, not changed)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare(args, Path(tmp))
        out = Path(tmp) / "allocation.csv"
        allocate = command(db, "allocate", "--as-of", "2026-07-31", "--out", str(out))
        backtest = command(db, *BACKTEST)
        # a fresh data folder: the bundled universe and tilt table, not a user's copies
        env = {**os.environ, "ROTATION_ADVISOR_HOME": str(Path(tmp) / "home")}
        timed(allocate, env)  # warm the file cache and the bytecode
        runs: dict[str, list[float]] = {"allocate": [], "backtest": []}
        for _ in range(args.repeat):
            runs["allocate"].append(timed(allocate, env))
            runs["backtest"].append(timed(backtest, env))
    medians = {name: statistics.median(times) for name, times in runs.items()}
    for name, times in runs.items():
        listed = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name:9} median {medians[name]:.2f} s  (runs: {listed} s)")
    ratio = medians["backtest"] / medians["allocate"]
    print(f"weekly backtest 2007-06..2026-07 / allocate --as-of: {ratio:.2f}x "
          f"(target <= {TARGET_RATIO:.0f}x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
