"""Measure the advice on real data: backtests in both calibration modes, and the evidence.

Usage: python -m scripts.backtest_report [MARKET_DATA_DIR] [--db PATH] [--write docs/backtest.md]

Runs, on the default universe and tilt table, monthly and weekly from 2007-06 to 2026-07 at
10 bp: the advice as written with the app's knobs (the app today), as written with the
cost-derived turnover penalty (`backtest --calibration none`), and calibrated walk-forward
(`backtest --calibration walk-forward`); then the evidence per theme and signal as of the end.
Prints Markdown; with --write, replaces the part of the file between the RESULTS markers.
Nothing here chooses a setting: every run uses the defaults the docs justify.
Without --db the market-data folder (default ../shared/market-data) is imported into a
temporary database first; a --db is copied there, never changed.
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from desktop.advice.backtest.report import backtest_report
from desktop.advice.backtest.sizing import cost_aware_knobs
from desktop.advice.backtest.walk_forward import BacktestSpec
from desktop.advice.knobs import Knobs
from desktop.data.exports.atomic_file import write_atomically
from desktop.data.user_files import bundled_universe_path, default_tilts_path
from desktop.engine.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
START, END, COST = pd.Timestamp("2007-06-01"), pd.Timestamp("2026-07-31"), 10.0
BEGIN, FINISH = "<!-- RESULTS:BEGIN (scripts/backtest_report.py) -->", "<!-- RESULTS:END -->"
ZERO_VIEWS = "zero views (the trading rule alone)"
RUNS = (
    ("as written, app knobs (kappa 0.001)", "monthly", "none", Knobs()),
    (ZERO_VIEWS, "monthly", "none", None),
    ("as written (`--calibration none`)", "monthly", "none", None),
    ("calibrated (`--calibration walk-forward`)", "monthly", "walk-forward", None),
    ("as written, weekly", "weekly", "none", None),
    ("calibrated, weekly", "weekly", "walk-forward", None),
)


def f(value: float | None, digits: int = 2) -> str:
    return "-" if value is None or not math.isfinite(value) else f"{value:+.{digits}f}"


def backtests(pipeline: Pipeline) -> list[str]:
    lines = [
        "| run | IR (t) | active %/yr | TE % | max DD % (model) | turnover %/yr (model) "
        "| cost %/yr | CAGR % (model) | Sharpe (model) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    reports = {}
    for label, rebalance, calibration, knobs in RUNS:
        if label == ZERO_VIEWS:  # every theme's view held at 0, the same cost-aware penalty
            themes = pipeline.advisor.universe.theme_names
            knobs = cost_aware_knobs(COST, Knobs(overrides=dict.fromkeys(themes, 0.0)))
        spec = BacktestSpec(START, END, rebalance, COST, calibration, knobs)
        report = backtest_report(pipeline.backtest(spec))
        reports[label] = report
        a, m = report.whole["advisor"], report.whole["model"]
        lines.append(
            f"| {label} | {f(a.information_ratio)} ({f(a.t_stat, 1)}) | "
            f"{f(a.active_return_pct)} | {a.tracking_error_pct:.2f} | "
            f"{a.max_drawdown_pct:.1f} ({m.max_drawdown_pct:.1f}) | "
            f"{a.turnover_pct_per_year:.0f} ({m.turnover_pct_per_year:.0f}) | "
            f"{a.cost_pct_per_year:.2f} | {a.cagr_pct:.2f} ({m.cagr_pct:.2f}) | "
            f"{a.sharpe:.2f} ({m.sharpe:.2f}) |"
        )
    first = next(iter(reports.values()))
    e = first.whole["equal_weight"]
    lines.append(
        f"\nEqual weight over the same run: CAGR {e.cagr_pct:.2f} %, Sharpe {e.sharpe:.2f}, "
        f"max drawdown {e.max_drawdown_pct:.1f} %, IR against the model {f(e.information_ratio)}."
    )
    return [*lines, "", *periods(reports), "", *contributions(reports)]


def periods(reports: dict) -> list[str]:
    labels = [p.label for p in next(iter(reports.values())).periods]
    lines = [
        "Information ratio (t) by sub-period, advisor against the model:",
        "",
        "| run | " + " | ".join(labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for label, report in reports.items():
        cells = [
            f"{f(p.stats['advisor'].information_ratio)} ({f(p.stats['advisor'].t_stat, 1)})"
            for p in report.periods
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def contributions(reports: dict) -> list[str]:
    themes = list(next(iter(reports.values())).contributions_pct_per_year)
    lines = [
        "Active return by theme, %/yr (position in each theme's trade x what it earned; "
        "other: drift and limits; before costs):",
        "",
        "| run | " + " | ".join(themes) + " |",
        "|---|" + "---|" * len(themes),
    ]
    for label, report in reports.items():
        parts = report.contributions_pct_per_year
        lines.append(f"| {label} | " + " | ".join(f(parts[t]) for t in themes) + " |")
    return lines


def calibration_at_end(pipeline: Pipeline) -> list[str]:
    spec = BacktestSpec(START, END, "monthly", COST, "walk-forward")
    last = pipeline.backtest(spec).calibrations[-1]
    lines = [
        f"Walk-forward calibration as of {last.as_of:%Y-%m-%d} (monthly ICs per unit of "
        "standardised view):",
        "",
        "| theme | prior IC | measured IC | months | posterior | effective | view spread |",
        "|---|---|---|---|---|---|---|",
    ]
    for theme, c in last.themes.items():
        lines.append(
            f"| {theme} | {c.prior_ic:.3f} | {f(c.measured_ic, 3)} | {c.months} | "
            f"{f(c.posterior_ic, 3)} | {c.effective_ic:.3f} | {c.spread:.3f} |"
        )
    return lines


def evidence(pipeline: Pipeline) -> list[str]:
    book = pipeline.evidence(END)
    lines = [
        f"Evidence as of {book.as_of:%Y-%m-%d}: rank IC of the month-end view with the theme "
        "trade's return over the next 1, 3 and 6 months (t-stats overlap-adjusted):",
        "",
        "| theme | IC 1m (t) | n | IC 3m (t) | IC 6m (t) | since |",
        "|---|---|---|---|---|---|",
    ]
    for theme, r in book.themes.items():
        one, three, six = r.ics
        lines.append(
            f"| {theme} | {f(one.ic, 3)} ({f(one.t_stat, 1)}) | {one.n} | "
            f"{f(three.ic, 3)} ({f(three.t_stat, 1)}) | {f(six.ic, 3)} ({f(six.t_stat, 1)}) | "
            f"{'-' if r.since is None else format(r.since, '%Y-%m')} |"
        )
    lines += ["", "| signal | theme | IC 1m (t) | n | record |", "|---|---|---|---|---|"]
    for r in book.signals:
        lines.append(
            f"| {r.signal} | {r.theme} | {f(r.ic.ic, 3)} ({f(r.ic.t_stat, 1)}) | {r.ic.n} | "
            f"{r.sentence} |"
        )
    return lines


def report(pipeline: Pipeline, origin: str) -> str:
    head = [
        BEGIN,
        f"Measured on {origin} ({pipeline.label}); {START:%Y-%m} to {END:%Y-%m}, {COST:g} bp on "
        "traded weight, the bundled universe and tilt table. From 2026-01 on is in-sample.",
        "",
    ]
    body = [*backtests(pipeline), "", *calibration_at_end(pipeline), "", *evidence(pipeline)]
    return "\n".join([*head, *body, FINISH])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "market_data", nargs="?", type=Path, default=ROOT.parent / "shared/market-data"
    )
    parser.add_argument("--db", type=Path, help="an imported database (copied, not changed)")
    parser.add_argument(
        "--write", type=Path, help="the Markdown file whose RESULTS part to replace"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "report.db"
        origin = f"a fresh import of {args.market_data.name}"
        if args.db is not None:
            shutil.copyfile(args.db, db)
            origin = f"a copy of {args.db.name}"
        else:
            subprocess.run(
                [sys.executable, "-m", "desktop", "--db", str(db), "import", str(args.market_data)],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        # the bundled defaults, not a user's edited copies in the data folder
        files = {"universe_path": bundled_universe_path(), "tilts_path": default_tilts_path()}
        text = report(Pipeline.open(db, **files), origin)
    if args.write is None:
        print(text)
        return 0
    old = args.write.read_text(encoding="utf-8")
    if BEGIN not in old or FINISH not in old:
        raise SystemExit(f"{args.write} has no {BEGIN} ... {FINISH} part to replace")
    new = old[: old.index(BEGIN)] + text + old[old.index(FINISH) + len(FINISH) :]
    write_atomically(args.write, new)
    print(f"Wrote the results into {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
