"""`rotation-advisor allocate`: the suggested portfolio at a date, written to a CSV file.

What it does and its exit codes: DESCRIPTION below, which --help prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.cli.terminal import printable

DESCRIPTION = """\
Views come from the signals through the tilt table (tilts.toml in the data folder), unless set
with --view THEME=X; --neutral sets every view to 0, which gives back the model portfolio. With
--holdings the turnover penalty is measured from your current weights and the CSV lists the
trades; with --portfolio-value (default: the holdings' market value) it sizes whole shares.

Exit codes: 0 written (settings that admit no portfolio still give the nearest feasible answer,
with a warning); 1 the file could not be written (the old file is kept); 2 bad input (date,
view, holdings, portfolio, universe or tilt table), nothing written; 3 every solver failed, the
model portfolio was written instead, with a warning.
"""

EXIT_WRITE_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_SOLVER_FAILED = 3


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "allocate",
        help="suggest a tilted portfolio and write it to a CSV file",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="default: the data's last date")
    parser.add_argument(
        "--view",
        metavar="THEME=X",
        action="append",
        type=_view,
        default=[],
        help="set a theme's view by hand, X from -1 to 1 (repeatable), e.g. small_caps=0.5",
    )
    parser.add_argument("--neutral", action="store_true", help="every view 0: the model")
    parser.add_argument(
        "--risk-aversion", type=_positive, default=None, metavar="X", help="default: 2"
    )
    parser.add_argument(
        "--max-te", type=_non_negative, default=None, metavar="PCT",
        help="cap on ex-ante annualised tracking error in percent (default: 4)",
    )  # fmt: skip
    parser.add_argument(
        "--portfolio-value", type=_money, metavar="USD", help="money to invest (up to 1e11)"
    )
    parser.add_argument("--holdings", type=Path, metavar="CSV", help="current ticker,shares")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.csv", help="CSV to write")
    parser.add_argument("--json", action="store_true", help="print the CSV and figures as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.advice.as_of import AsOfError
    from desktop.advice.headline import headline
    from desktop.advice.tables.tilts import TiltTableError, ViewError
    from desktop.advice.tables.universe import UniverseError
    from desktop.data.exports import allocation_csv
    from desktop.data.holdings import HoldingsError
    from desktop.data.portfolios import PortfolioError
    from desktop.engine.pipeline import TradeSizingError

    bad_input = (
        AsOfError, TradeSizingError, HoldingsError, TiltTableError, UniverseError, PortfolioError,
    )  # fmt: skip
    try:
        answer, pipeline = _advise(args)
    except (*bad_input, ViewError) as exc:
        print(printable(f"rotation-advisor allocate: {exc}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        sidecar = allocation_csv.write_csv(args.out, answer.table)
    except allocation_csv.ExportError as exc:
        print(printable(f"rotation-advisor allocate: {exc}"), file=sys.stderr)
        return EXIT_WRITE_FAILED
    result, age = answer.advice, pipeline.data_age(answer.advice.snapshot.as_of).text
    top = headline(result, pipeline.advisor.universe)
    if pipeline.source.notice:
        print(printable(f"warning: {pipeline.source.notice}"), file=sys.stderr)
    for note in pipeline.date_notes(args.as_of):
        print(printable(f"note: {note}"), file=sys.stderr)
    if args.json:
        csv = allocation_csv.csv_text(answer.table)
        record = _json(result, answer.plan, pipeline.label, args.out, csv)
        extra = {"data_age": age, "settings_file": str(sidecar), "headline": top.text}
        extra["one_way_turnover_pct"] = round(top.turnover_pct, 4)
        extra["turnover_against"] = top.against
        print(json.dumps({**record, **extra}, indent=2))
    else:
        print(printable(_summary(result, top, pipeline.label, age, args.out, sidecar)))
    for note in result.notes:
        print(printable(f"warning: {note}"), file=sys.stderr)
    return EXIT_SOLVER_FAILED if _solver_failed(result) else 0


def _advise(args: argparse.Namespace):
    """Load everything, validate the user's input, solve; raise the typed errors on bad input.
    Returns the answer and the pipeline it came from."""
    from desktop.advice.tables.tilts import check_overrides
    from desktop.data.holdings import read_holdings
    from desktop.engine.pipeline import Pipeline

    pipeline = Pipeline.open(args.db, portfolio=getattr(args, "portfolio", None))
    overrides = check_overrides(dict(args.view), pipeline.advisor.universe.theme_names)
    holdings = read_holdings(args.holdings) if args.holdings else None
    snap = pipeline.snapshot(args.as_of)
    answer = pipeline.advise(snap, _knobs(args, overrides), holdings, neutral=args.neutral)
    return answer, pipeline


def _knobs(args: argparse.Namespace, overrides: dict[str, float]):
    """The knobs from the flags; the rest are the app's defaults (desktop.advice.knobs)."""
    from desktop.advice.knobs import Knobs

    changes: dict[str, float] = {}
    if args.risk_aversion is not None:
        changes["risk_aversion"] = args.risk_aversion
    if args.max_te is not None:
        changes["te_cap_pct"] = args.max_te
    if args.portfolio_value:
        changes["portfolio_value"] = args.portfolio_value
    return Knobs(overrides=overrides, **changes)


def _solver_failed(result) -> bool:
    from allocator import Source

    return result.allocation.source in (Source.LAST_GOOD, Source.MODEL)


def _summary(result, top, source_label: str, age: str, out: Path, sidecar: Path) -> str:
    """What the advice is (headline and figures) first, then the views and the solver's
    account, one reason per moved asset, and where it was written."""
    from signals.reading import signed

    a = result.allocation
    views = ", ".join(
        f"{t} {signed(v)}" + ("*" if t in result.overridden else "")
        for t, v in result.views.items()
    )
    lines = [
        f"Allocation as of {result.snapshot.as_of:%Y-%m-%d} ({source_label})",
        age,
        f"{top.text}.",
        f"Expected active return {top.expected_active_pct:+.2f} % a year, tracking error "
        f"{top.tracking_error_pct:.2f} %, one-way turnover {top.turnover_pct:.1f} % "
        f"against the {'current holdings' if top.against == 'holdings' else 'model'}.",
        f"Views{' (neutral)' if result.neutral else ''}: {views}"
        + (" (* set by hand)" if result.overridden else ""),
        f"Solver: {a.source} ({a.solver or 'no solver'}, {a.status or 'no status'}, "
        f"{1000 * a.solve_time:.1f} ms)",
    ]
    moved = sorted(range(len(a.tickers)), key=lambda i: -a.active[i])
    lines += [result.reasons[a.tickers[i]] for i in moved if abs(a.active[i]) >= 0.0005]
    lines.append(f"Wrote {out} (how it was made: {sidecar})")
    return "\n".join(lines)


def _json(result, plan, source_label: str, out: Path, csv: str) -> dict:
    a = result.allocation
    return {
        "out": str(out),
        "as_of": f"{result.snapshot.as_of:%Y-%m-%d}",
        "source": source_label,
        "views": dict(result.views),
        "overridden": sorted(result.overridden),
        "neutral": result.neutral,
        "tracking_error_pct": round(100 * a.tracking_error, 4),
        "expected_active_return_pct": round(100 * a.expected_active_return, 4),
        "answer": str(a.source),
        "solver": a.solver,
        "solver_status": a.status,
        "solve_time_ms": round(1000 * a.solve_time, 3),
        "cash_left_over_usd": None if plan is None else round(plan.cash_left, 2),
        "notes": list(result.notes),
        "csv": csv,
    }


def _view(text: str) -> tuple[str, float]:
    theme, sep, value = text.partition("=")
    try:
        number = float(value)
    except ValueError:
        number = None
    if not sep or not theme.strip() or number is None or not -1.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write THEME=X with X from -1 to 1, e.g. small_caps=0.5"
        )
    return theme.strip(), number


def _positive(text: str) -> float:
    return _number(text, lambda x: x > 0, "a number > 0")


def _money(text: str) -> float:
    from desktop.advice.knobs import MAX_PORTFOLIO_VALUE

    return _number(
        text, lambda x: 0 < x <= MAX_PORTFOLIO_VALUE, f"USD from 0 to {MAX_PORTFOLIO_VALUE:g}"
    )


def _non_negative(text: str) -> float:
    return _number(text, lambda x: x >= 0, "a number >= 0")


def _number(text: str, ok, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value == value and abs(value) != float("inf") and ok(value)):
        raise argparse.ArgumentTypeError(f"{text!r}: give {what}")
    return value
