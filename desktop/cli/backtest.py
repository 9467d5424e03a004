"""`rotation-advisor backtest`: the app's advice walked forward through history, against the model.

What it does and its exit codes: DESCRIPTION below, which --help prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DESCRIPTION = """\
At each rebalance date (the last trading day of each month or week) the advice is what
`allocate --as-of DATE` gives with only the data up to that date, the turnover penalty measured
from the holdings as they drifted, and the trading cost (--cost-bps) amortised over the
signals' one-month horizon as the penalty. Trades happen at the next day's close and pay the cost
on the traded weight. The model portfolio and equal weight are rebalanced on the same days at
the same cost. --calibration walk-forward sizes each theme by its own record up to each date
(docs/backtest.md). Results from 2026-01-01 on are in-sample (the research notes' period).

Exit codes: 0 done; 1 --out could not be written; 2 bad input (dates, universe or tilt table).
"""

EXIT_WRITE_FAILED = 1
EXIT_BAD_INPUT = 2
_ROWS = (
    ("CAGR %", "cagr_pct"), ("volatility %", "vol_pct"), ("Sharpe", "sharpe"),
    ("max drawdown %", "max_drawdown_pct"), ("active return %/yr", "active_return_pct"),
    ("tracking error %", "tracking_error_pct"), ("information ratio", "information_ratio"),
    ("t-stat", "t_stat"), ("months ahead %", "hit_rate_pct"),
    ("years to tell from luck", "years_to_tell"), ("turnover %/yr", "turnover_pct_per_year"),
    ("cost %/yr", "cost_pct_per_year"),
)  # fmt: skip


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backtest",
        help="walk the advice forward through history and compare it with the model portfolio",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="YYYY-MM-DD or YYYY-MM")
    parser.add_argument("--to", dest="end", metavar="DATE", help="YYYY-MM-DD or YYYY-MM")
    parser.add_argument("--rebalance", choices=("monthly", "weekly"), default="monthly")
    parser.add_argument(
        "--cost-bps", type=_cost, default=10.0, metavar="N",
        help="trading cost per unit of traded weight, basis points (default: 10)",
    )  # fmt: skip
    parser.add_argument("--calibration", choices=("none", "walk-forward"), default="none")
    parser.add_argument("--json", action="store_true", help="print the statistics as JSON")
    parser.add_argument(
        "--out", type=Path, metavar="FILE.csv",
        help="write the target weights at every rebalance (date, portfolio, ticker, weight_pct)",
    )  # fmt: skip
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.advice.as_of import AsOfError
    from desktop.advice.backtest.report import backtest_report
    from desktop.advice.backtest.walk_forward import BacktestError
    from desktop.advice.tables.tilts import TiltTableError
    from desktop.advice.tables.universe import UniverseError
    from desktop.data.exports.backtest_csv import BacktestExportError, write_weights_csv

    try:
        result, label = _run(args)
    except (AsOfError, BacktestError, TiltTableError, UniverseError) as exc:
        print(f"rotation-advisor backtest: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = backtest_report(result)
    if args.out is not None:
        try:
            write_weights_csv(args.out, result.targets)
        except BacktestExportError as exc:
            print(f"rotation-advisor backtest: {exc}", file=sys.stderr)
            return EXIT_WRITE_FAILED
    if args.json:
        print(json.dumps({"source": label, **report.to_dict()}, indent=2))
    else:
        print(render(report, label, args.out))
    return 0


def _run(args: argparse.Namespace):
    from desktop.advice.backtest.walk_forward import BacktestSpec
    from desktop.engine.pipeline import Pipeline

    pipeline = Pipeline.open(args.db)
    spec = BacktestSpec(
        start=_date(args.start, month_end=False),
        end=_date(args.end, month_end=True),
        rebalance=args.rebalance,
        cost_bps=args.cost_bps,
        calibration=args.calibration,
    )
    return pipeline.backtest(spec), pipeline.label


def render(report, source_label: str, out: Path | None = None) -> str:
    """The statistics as an aligned table, then sub-periods, contributions and notes."""
    d = report.to_dict()
    names = list(d["portfolios"])
    lines = [
        f"Backtest {d['from']} to {d['to']} ({source_label}): {d['rebalances']} {d['rebalance']} "
        f"rebalances, {d['cost_bps']:g} bp costs, calibration {d['calibration']}",
        f"{'':26}" + "".join(f"{n:>14}" for n in names),
    ]
    for label, key in _ROWS:
        cells = "".join(f"{_cell(d['portfolios'][n][key]):>14}" for n in names)
        lines.append(f"{label:26}{cells}")
    lines.append("Advisor vs model by period (information ratio, t-stat, active %/yr):")
    for period in d["periods"]:
        s = period["portfolios"]["advisor"]
        mark = "  in-sample (research notes' period)" if period["in_sample"] else ""
        lines.append(
            f"  {period['period']:22} IR {_cell(s['information_ratio']):>6}  t "
            f"{_cell(s['t_stat']):>6}  active {_cell(s['active_return_pct']):>6}{mark}"
        )
    parts = ", ".join(f"{k} {v:+.2f}" for k, v in d["contributions_pct_per_year"].items())
    lines.append(f"Active return by theme, %/yr: {parts}")
    lines += [f"note: {n}" for n in d["notes"]]
    if out is not None:
        lines.append(f"Wrote {out}")
    return "\n".join(lines)


def _cell(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def _date(text: str | None, *, month_end: bool):
    """YYYY-MM-DD, or YYYY-MM meaning the month's first (or, for --to, last) day."""
    import pandas as pd

    from desktop.advice.as_of import AsOfError, parse_date

    if text is None:
        return None
    if len(text) == 7 and text[4] == "-":
        try:
            first = pd.Timestamp(f"{text}-01")
        except ValueError as exc:
            raise AsOfError(f"Cannot read the date {text!r}: use YYYY-MM-DD or YYYY-MM.") from exc
        return first + pd.offsets.MonthEnd(0) if month_end else first
    return parse_date(text)


def _cost(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value == value and 0 <= value < float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of basis points >= 0")
    return value
