"""`rotation-advisor signals`: every signal's reading at a date, as a table or as JSON.

Readings use only data up to --as-of (default: the last date in the data); a series is stale
when it lags that date, never because the clock moved on. The second line says how old the data
is against today. Exit codes: 0 done, 2 bad input (an --as-of outside the data or unreadable).
With an empty or missing database the demo data (synthetic) is used: the header says so and a
warning on stderr says why.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "signals",
        help="print every signal's reading at a date",
        description="Print each signal's score in [-1, 1] (> 0 favours overweighting its "
        "subject), its explanation and whether its data is stale, computed only from data up "
        "to --as-of.",
    )
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="date of the readings (default: the last date in the data)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of {name, score, explanation, evidence, as_of, stale}",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.advice.advisor import compute_readings
    from desktop.advice.as_of import AsOfError, as_of_notes, inputs_at
    from desktop.data import paths
    from desktop.data.source import open_data_source
    from signals import REGISTRY

    source = open_data_source(args.db or paths.default_db_path())
    everything = source.signal_inputs()
    try:
        inputs = inputs_at(everything, args.as_of)
        notes = as_of_notes(everything, args.as_of, [t for s in REGISTRY for t in s.tickers])
    except AsOfError as exc:
        print(f"rotation-advisor signals: {exc}", file=sys.stderr)
        return 2
    readings = compute_readings(inputs)
    age = source.age(inputs.as_of if args.as_of else None).text
    if source.notice:
        print(f"warning: {source.notice}", file=sys.stderr)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps([r.to_dict() for r in readings], indent=2, ensure_ascii=False))
        print(age, file=sys.stderr)
    else:
        print(render_table(readings, source.label, inputs.as_of, age))
    return 0


def render_table(readings: Sequence, source_label: str, as_of, age: str = "") -> str:
    """A header line with the date and data source, the data's age against today (when
    given), then one aligned row per reading."""
    from signals.reading import signed

    width = max([len("signal"), *(len(r.name) for r in readings)])
    lines = [f"Signals as of {as_of:%Y-%m-%d} ({source_label})"]
    lines += [age] if age else []
    lines.append(f"{'signal':<{width}}  {'score':>6}  {'stale':<5}  explanation")
    for r in readings:
        stale = "STALE" if r.stale else ""
        lines.append(f"{r.name:<{width}}  {signed(r.score):>6}  {stale:<5}  {r.explanation}")
    return "\n".join(lines)
