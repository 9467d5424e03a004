"""Benchmark the market-data layer on real files; prints medians of repeated runs.

Usage: python scripts/bench_data.py [MARKET_DATA_DIR] [--repeat N]

Measures (1) importing every file of gh-dsturdy-Factor_Attribution into a fresh database file
(target under 1 s) and (2) loading the whole default universe from that database into a wide
DataFrame (target under 100 ms). Figures only; tests check behaviour, not speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.data.market.store import MarketStore  # noqa: E402
from desktop.data.user_files import bundled_universe_path, load_universe  # noqa: E402

IMPORT_FOLDER = "gh-dsturdy-Factor_Attribution"


def median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "market_data", nargs="?", type=Path, default=ROOT.parent / "shared/market-data"
    )
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    folder = args.market_data / IMPORT_FOLDER
    if not folder.is_dir():
        print(f"{folder} not found: pass the market-data folder as the first argument")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(10**6))

        def import_fresh() -> None:
            with MarketStore(Path(tmp) / f"bench-{next(counter)}.db") as store:
                report = store.import_paths([folder])
                assert not report.rejected, report.rejected

        files = len(list(folder.glob("*.csv")))
        med, runs = median_seconds(import_fresh, args.repeat)
        print(
            f"import {files} files of {IMPORT_FOLDER} into a fresh DB: median {med * 1000:.0f} ms"
            f"  (runs: {', '.join(f'{t * 1000:.0f}' for t in runs)} ms; target < 1000 ms)"
        )
        tickers = list(load_universe(bundled_universe_path()).all_tickers)
        with MarketStore(Path(tmp) / "bench-0.db") as store:
            wide = store.load_prices(tickers)
            med, runs = median_seconds(lambda: store.load_prices(tickers), args.repeat * 3)
        print(
            f"load universe ({wide.shape[1]} of {len(tickers)} tickers, {wide.shape[0]} days, "
            f"{int(wide.notna().sum().sum())} closes): median {med * 1000:.1f} ms"
            f"  (target < 100 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
