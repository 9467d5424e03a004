"""`rotation-advisor sweep`: the backtest over a grid of settings, to tell a plateau from luck.

What it does and its exit codes: DESCRIPTION below, which --help prints.
"""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
Runs the walk-forward backtest (the `backtest` command) once per combination of the values
given, each as an independent task: on this machine's cores by default, or on the workers of
an existing Dask cluster with --scheduler ADDRESS (needs the optional extra: pip install
'rotation-advisor[sweep]'; the data and tables are sent to the workers, no shared files are
needed). Give values as comma-separated lists; an axis not given keeps the backtest's value.
A sweep shows whether the information ratio is a plateau or one lucky setting; it is not a way
to choose settings (docs/backtest.md). Progress goes to stderr; Ctrl+C stops every task.

Exit codes: 0 done; 2 bad input (dates, grid, universe, tilt table, scheduler); 130 cancelled.
"""

EXIT_BAD_INPUT = 2
EXIT_CANCELLED = 130
DEFAULT_GRID = {"risk_aversion": "1,2,4", "te_cap_pct": "2,4,6"}
_COLUMNS = (
    ("information_ratio", "IR", 7), ("t_stat", "t", 6), ("active_return_pct", "active", 8),
    ("tracking_error_pct", "TE", 6), ("turnover_pct_per_year", "turnover", 9),
    ("max_drawdown_pct", "max DD", 8),
)  # fmt: skip


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sweep",
        help="run the backtest over a grid of settings, in parallel (local cores or Dask)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="YYYY-MM-DD or YYYY-MM")
    parser.add_argument("--to", dest="end", metavar="DATE", help="YYYY-MM-DD or YYYY-MM")
    parser.add_argument(
        "--cost-bps", type=float, default=10.0, metavar="N",
        help="trading cost per unit of traded weight, bp (default: 10)",
    )  # fmt: skip
    for flag, help_text in (
        ("--risk-aversion", f"values of gamma (default: {DEFAULT_GRID['risk_aversion']})"),
        ("--te-cap", f"tracking-error caps, %% (default: {DEFAULT_GRID['te_cap_pct']})"),
        ("--turnover-penalty", "values of kappa (default: from the cost, 12 x cost)"),
        ("--prior-months", "calibration prior strengths in months (default: 100)"),
    ):
        parser.add_argument(flag, metavar="LIST", help=help_text)
    parser.add_argument("--rebalance", metavar="LIST", default="monthly",
                        help="monthly, weekly or both (default: monthly)")  # fmt: skip
    parser.add_argument("--calibration", metavar="LIST", default="none,walk-forward",
                        help="none, walk-forward or both (default: both)")  # fmt: skip
    parser.add_argument("--workers", type=int, metavar="N",
                        help="local worker processes (default: one per core)")  # fmt: skip
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print every point as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.advice.as_of import AsOfError
    from desktop.advice.backtest.sweep import SweepError
    from desktop.advice.backtest.walk_forward import BacktestCancelled, BacktestError
    from desktop.advice.tables.tilts import TiltTableError
    from desktop.advice.tables.universe import UniverseError
    from desktop.engine.task_pool import PoolError

    try:
        outcomes, base, label = _sweep(args)
    except (AsOfError, BacktestError, SweepError, TiltTableError, UniverseError,
            PoolError, ValueError) as exc:  # fmt: skip
        print(f"rotation-advisor sweep: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, BacktestCancelled):
        print("\nrotation-advisor sweep: cancelled; nothing was kept.", file=sys.stderr)
        return EXIT_CANCELLED
    if args.json:
        from desktop.advice.backtest.sweep import sweep_summary

        body = {
            "source": label, "from": args.start, "to": args.end, "cost_bps": base.cost_bps,
            "summary": sweep_summary(outcomes), "points": [o.to_dict() for o in outcomes],
        }  # fmt: skip
        print(json.dumps(body, indent=2))
    else:
        print(render(outcomes, label))
    return 0


def _sweep(args: argparse.Namespace):
    from desktop.advice.backtest.sweep import SweepGrid
    from desktop.advice.backtest.walk_forward import BacktestSpec
    from desktop.cli.backtest import _date
    from desktop.cli.scope import portfolio_name
    from desktop.engine.pipeline import Pipeline
    from desktop.engine.research import PipelineRecipe, sweep_task
    from desktop.engine.task_pool import LocalPool, open_pool

    base = BacktestSpec(
        start=_date(args.start, month_end=False), end=_date(args.end, month_end=True),
        cost_bps=args.cost_bps,
    )  # fmt: skip
    points = grid_from_args(args, SweepGrid).points(base)
    pipeline = Pipeline.open(args.db, portfolio=portfolio_name(args))
    recipe = PipelineRecipe.of(pipeline)
    if args.workers is not None and not args.scheduler:
        pool = LocalPool(recipe, max(1, args.workers))
    else:
        pool = open_pool(recipe, len(points), args.scheduler or "")
    where = f"Dask at {args.scheduler}" if args.scheduler else f"{pool.workers} local processes"
    print(f"Sweeping {len(points)} settings on {where}…", file=sys.stderr)
    try:
        items = [(point, base) for point in points]
        outcomes = pool.run(sweep_task, items, _Printer(), lambda: False, what="backtests")
    finally:
        pool.close()
        if sys.stderr.isatty():
            print(file=sys.stderr)
    return outcomes, base, pipeline.label


def grid_from_args(args: argparse.Namespace, grid_type):
    """The SweepGrid the options give (ValueError naming a value that is not a number)."""
    return grid_type(
        risk_aversion=_numbers(args.risk_aversion or DEFAULT_GRID["risk_aversion"]),
        te_cap_pct=_numbers(args.te_cap or DEFAULT_GRID["te_cap_pct"]),
        turnover_penalty=_numbers(args.turnover_penalty or ""),
        prior_months=_numbers(args.prior_months or ""),
        rebalance=_words(args.rebalance),
        calibration=_words(args.calibration),
    )


class _Printer:
    """Progress on stderr: one line rewritten in place on a terminal (whole percents), else a
    line each time a backtest finishes."""

    def __init__(self) -> None:
        self.last = ""
        self.tty = sys.stderr.isatty()

    def __call__(self, fraction: float, words: str) -> None:
        line = f"{100 * fraction:3.0f} %  {words}" if self.tty else words
        if line != self.last:
            self.last = line
            print(f"\r{line}" if self.tty else line, end="" if self.tty else "\n",
                  file=sys.stderr, flush=True)  # fmt: skip


def render(outcomes, label: str) -> str:
    """One line per setting: the varying settings, then IR, t, active, TE, turnover, drawdown."""
    from desktop.advice.backtest.sweep import AXIS_LABELS, sweep_summary, varying_axes

    axes = varying_axes(outcomes) or ["risk_aversion"]
    head = "".join(f"{AXIS_LABELS[a]:>16}" for a in axes)
    head += "".join(f"{title:>{width}}" for _, title, width in _COLUMNS)
    lines = [f"\nSweep over {len(outcomes)} settings ({label}); advisor against the model:", head]
    for o in outcomes:
        cells = "".join(f"{_value(o.point.value(a)):>16}" for a in axes)
        cells += "".join(f"{_value(o.figures[key]):>{width}}" for key, _, width in _COLUMNS)
        lines.append(cells)
    lines.append(sweep_summary(outcomes))
    return "\n".join(lines)


def _value(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:.3g}" if abs(value) < 0.1 else f"{value:.2f}"


def _numbers(text: str) -> tuple[float, ...]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            out.append(float(part))
        except ValueError:
            raise ValueError(f"{part!r} is not a number; give a list such as 1,2,4") from None
    return tuple(out)


def _words(text: str) -> tuple[str, ...]:
    return tuple(filter(None, (p.strip() for p in text.split(","))))
