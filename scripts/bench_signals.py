"""Time the signals on real data: every reading for one date, and every score history.

Usage: python scripts/bench_signals.py [MARKET_DATA]   (default ../shared/market-data)

Prices and macro releases are imported through the app's data layer (see
validate_notes.load_inputs), then prices are cut to the last 20 years. Prints the median of
repeated runs. Targets (issue 3): all signals for one date under 0.2 s, all score histories
under 2 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from validate_notes import load_inputs

import signals
from signals.inputs import SignalInputs

YEARS = 20


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    everything = load_inputs(Path(argv[1] if len(argv) > 1 else "../shared/market-data"))
    start = everything.as_of - pd.DateOffset(years=YEARS)
    inputs = SignalInputs(
        prices=everything.prices.loc[everything.prices.index > start], macro=everything.macro
    )
    shape = inputs.prices.shape
    print(f"{shape[1]} tickers x {shape[0]} dates ({YEARS} years to {inputs.as_of:%Y-%m-%d}),")
    print(f"{len(signals.REGISTRY)} signals; median of repeated runs.")

    def readings() -> None:
        for spec in signals.REGISTRY:
            spec.reading(inputs)

    def histories() -> None:
        for spec in signals.REGISTRY:
            spec.history(inputs)

    one_date = median_seconds(readings, runs=21)
    history = median_seconds(histories, runs=7)
    print(f"all signals, one date:      {one_date:.3f} s  (target < 0.2 s)")
    print(f"all score histories:        {history:.3f} s  (target < 2 s)")
    print("per signal (ms, one date / history):")
    for spec in signals.REGISTRY:
        point = median_seconds(lambda spec=spec: spec.reading(inputs), runs=11)
        full = median_seconds(lambda spec=spec: spec.history(inputs), runs=5)
        print(f"  {spec.name:<24} {1000 * point:6.1f} / {1000 * full:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
