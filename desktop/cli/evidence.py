"""`rotation-advisor evidence`: does each theme's view and each signal predict its trade?

Month-end views and scores against the theme trade's next-month return (rank IC, t-stat, the
number of observations), computed only from the data up to --as-of. Exit codes: 0 done, 2 bad
input (an --as-of outside the data or unreadable, a bad universe or tilt table).
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evidence",
        help="print each theme's and signal's record: rank IC with next month's trade return",
        description="For each theme, the rank correlation (IC) of its month-end view with its "
        "trade's next-month return (the assets it buys minus those that fund it), with a "
        "t-stat and the number of observations; then the same for each signal in each theme it "
        "drives, and its record in one line. Only data up to --as-of is used.",
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="default: the data's last date")
    parser.add_argument("--json", action="store_true", help="print the evidence as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.advice.as_of import AsOfError
    from desktop.advice.tables.tilts import TiltTableError
    from desktop.advice.tables.universe import UniverseError
    from desktop.engine.pipeline import Pipeline

    try:
        pipeline = Pipeline.open(args.db)
        book = pipeline.evidence(args.as_of)
    except (AsOfError, TiltTableError, UniverseError) as exc:
        print(f"rotation-advisor evidence: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"source": pipeline.label, **book.to_dict()}, indent=2))
    else:
        print(render(book.to_dict(), pipeline.label))
    return 0


def render(data: dict, source_label: str) -> str:
    """Themes, then signals: IC, t-stat, observations since when, and each signal's record."""
    lines = [
        f"Evidence as of {data['as_of']} ({source_label}): rank IC of month-end view or score "
        "with the theme trade's next-month return; |t| < 2 is noise",
        f"{'theme':20}{'IC':>8}{'t':>7}{'n':>6}  since",
    ]
    for theme, row in data["themes"].items():
        lines.append(
            f"{theme:20}{_f(row['ic'], 3):>8}{_f(row['t_stat'], 2):>7}{row['n']:>6}  "
            f"{row['since'] or '-'}"
        )
    lines.append(f"{'signal':26}{'theme':20}{'IC':>8}{'t':>7}{'n':>6}")
    for row in data["signals"]:
        lines.append(
            f"{row['signal']:26}{row['theme']:20}{_f(row['ic'], 3):>8}{_f(row['t_stat'], 2):>7}"
            f"{row['n']:>6}"
        )
        lines.append(f"    {row['record']}")
    return "\n".join(lines)


def _f(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:+.{digits}f}"
