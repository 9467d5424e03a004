"""`rotation-advisor check`: evaluate the portfolio's alert rules once, for cron or a timer.

What it does and its exit codes: DESCRIPTION below, which --help prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DESCRIPTION = """\
Evaluate the portfolio's alert rules (rotation-advisor alert add ...) at --as-of (default: the
data's last date) and print what fired. Each event fires once: a rule fires again only after
its condition went away. Drift is measured from the portfolio's last saved suggestion: of the
holdings in --holdings or the portfolio's holdings.csv when there are any, else of that
suggestion held since it was saved. See docs/alerts.md for a systemd timer and a cron line.

Exit codes: 0 nothing fired; 1 something fired; 2 error (bad date, database, files), nothing
recorded.
"""

EXIT_QUIET, EXIT_FIRED, EXIT_ERROR = 0, 1, 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="evaluate the alert rules once; exit 1 when one fired",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="default: the data's last date")
    parser.add_argument("--holdings", type=Path, metavar="CSV", help="current ticker,shares")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--quiet", action="store_true", help="print nothing when nothing fired (for cron's mail)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.cli.scope import command_errors

    try:
        result, label = _check(args)
    except command_errors() as exc:
        print(f"rotation-advisor check: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if result is None:
        if not args.quiet:
            print("No alert rules to check: add one, e.g. rotation-advisor alert add "
                  "--signal breadth --below 0", file=sys.stderr)  # fmt: skip
        return EXIT_QUIET
    if result.fired or not args.quiet:
        text = json.dumps(_json(result, label, args), indent=2) if args.json else None
        print(text or _text(result, label))
    return EXIT_FIRED if result.fired else EXIT_QUIET


def _check(args: argparse.Namespace):
    """The check's result and the data's label, or (None, "") when there are no rules (a
    missing database is not created)."""
    from desktop.cli.scope import db_path, holdings_of, portfolio_of
    from desktop.data.alert_store import open_alerts
    from desktop.data.history import open_history
    from desktop.data.market.db_errors import translated_errors
    from desktop.engine.alerting import check_alerts
    from desktop.engine.pipeline import Pipeline

    portfolio, path = portfolio_of(args), db_path(args)
    with translated_errors(path):
        if not path.exists() or not open_alerts(path, portfolio.name).rules():
            return None, ""
        pipeline = Pipeline.open(path, portfolio=portfolio.name)
        result = check_alerts(
            pipeline,
            open_alerts(path, portfolio.name),
            saved=open_history(path, portfolio.name).list(),
            holdings=holdings_of(args, portfolio),
            as_of=args.as_of,
        )
    return result, pipeline.label


def _text(result, label: str) -> str:
    count = f"{len(result.rules)} rule{'s' if len(result.rules) != 1 else ''}"
    head = f"Alerts as of {result.as_of} ({label}): "
    head += f"{len(result.fired)} fired of {count}" if result.fired else f"nothing fired ({count})"
    lines = [head]
    lines += [f"FIRED #{e.rule_id} {e.rule}: {e.message}" for e in result.fired]
    lines += [f"not checked #{rule.id} {rule.description}: {why}" for rule, why in result.skipped]
    return "\n".join(lines)


def _json(result, label: str, args: argparse.Namespace) -> dict:
    from desktop.cli.scope import portfolio_name

    return {
        "as_of": f"{result.as_of}",
        "portfolio": portfolio_name(args),
        "source": label,
        "rules_checked": len(result.rules),
        "fired": [_event(e) for e in result.fired],
        "not_checked": [
            {"rule_id": rule.id, "rule": rule.description, "why": why}
            for rule, why in result.skipped
        ],
    }


def _event(e) -> dict:
    return {
        "event_id": e.id, "rule_id": e.rule_id, "rule": e.rule, "message": e.message,
        "value": round(e.value, 4), "fired_at": e.fired_at,
    }  # fmt: skip
