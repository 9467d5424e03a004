"""`rotation-advisor signals`: every signal's reading at a date, as a table or as JSON.

Readings use only data up to --as-of (default: the last date in the data, with staleness judged
against today; with --as-of, against that date). Exit codes: 0 done,
2 bad input (an --as-of outside the data or unreadable). With an empty database the demo data
(synthetic) is used, and the header says so.
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
    from desktop.advice.advisor import AsOfError, compute_readings, inputs_at
    from desktop.data import paths
    from desktop.data.source import open_data_source

    source = open_data_source(args.db or paths.default_db_path())
    try:
        inputs = inputs_at(source.signal_inputs(), args.as_of)
    except AsOfError as exc:
        print(f"rotation-advisor signals: {exc}", file=sys.stderr)
        return 2
    readings = compute_readings(inputs)
    if args.json:
        print(json.dumps([r.to_dict() for r in readings], indent=2, ensure_ascii=False))
    else:
        print(render_table(readings, source.label, inputs.as_of))
    return 0


def render_table(readings: Sequence, source_label: str, as_of) -> str:
    """A header line with the date and data source, then one aligned row per reading."""
    width = max([len("signal"), *(len(r.name) for r in readings)])
    lines = [
        f"Signals as of {as_of:%Y-%m-%d} ({source_label})",
        f"{'signal':<{width}}  {'score':>6}  {'stale':<5}  explanation",
    ]
    for r in readings:
        stale = "STALE" if r.stale else ""
        lines.append(f"{r.name:<{width}}  {r.score:+6.2f}  {stale:<5}  {r.explanation}")
    return "\n".join(lines)
