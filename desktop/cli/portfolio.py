"""`rotation-advisor portfolio list|create`: the model portfolios and a new one.

Every command takes --portfolio NAME (before or after the sub-command; default "default") to
work on one of them (`desktop.data.portfolios`). Exit codes: 0 done; 2 a bad or taken name, or
an unknown portfolio to copy, nothing created.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_BAD_INPUT = 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from desktop.cli.scope import add_scope_options

    parser = subparsers.add_parser(
        "portfolio",
        help="list the model portfolios or create one",
        description="Each portfolio has its own universe, tilt table, holdings, saved "
        "suggestions and alert rules; the market data is shared. Work on one with --portfolio.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the portfolios, their files and what they hold")
    listing.add_argument("--json", action="store_true", help="print JSON")
    create = actions.add_parser("create", help="a new portfolio from the defaults or a copy")
    create.add_argument("name", help="lower-case letters, digits, - and _ (e.g. growth)")
    create.add_argument(
        "--from", dest="copy_of", metavar="PORTFOLIO",
        help="copy this portfolio's universe and tilt table (default: the bundled ones)",
    )  # fmt: skip
    for action, run_action in ((listing, _list), (create, _create)):
        add_scope_options(action)
        action.set_defaults(run=run, action_run=run_action)


def run(args: argparse.Namespace) -> int:
    from desktop.cli.scope import command_errors

    try:
        return args.action_run(args)
    except command_errors() as exc:
        print(f"rotation-advisor portfolio {args.action}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _create(args: argparse.Namespace) -> int:
    from desktop.data.portfolios import create_portfolio

    made = create_portfolio(args.name, args.copy_of)
    origin = f"a copy of {args.copy_of!r}" if args.copy_of else "the bundled defaults"
    print(f"Created the portfolio {made.name!r} from {origin}. Edit its files:")
    print(f"  {made.universe_file}\n  {made.tilts_file}")
    print(f"  {made.holdings_file} (optional: ticker,shares)")
    print(f"Use it with: rotation-advisor --portfolio {made.name} COMMAND")
    return 0


def _list(args: argparse.Namespace) -> int:
    from desktop.data.portfolios import get_portfolio, portfolio_names

    rows = [_row(get_portfolio(name), args) for name in portfolio_names()]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        holdings = "holdings.csv" if row["has_holdings"] else "no holdings file"
        print(
            f"{row['name']:<16} {row['saved_suggestions']} saved suggestions, "
            f"{row['alert_rules']} alert rules, {holdings}; {row['folder']}"
        )
    return 0


def _row(portfolio, args: argparse.Namespace) -> dict:
    from desktop.cli.scope import db_path
    from desktop.data.alert_store import open_alerts
    from desktop.data.history import open_history
    from desktop.data.market.db_errors import translated_errors

    path = db_path(args)
    saved = rules = 0
    if path.exists():
        with translated_errors(path):
            saved = len(open_history(path, portfolio.name).list())
            rules = len(open_alerts(path, portfolio.name).rules())
    return {
        "name": portfolio.name,
        "folder": str(portfolio.universe_file.parent),
        "universe": str(portfolio.universe_file),
        "tilts": str(portfolio.tilts_file),
        "has_holdings": portfolio.holdings_file.exists(),
        "saved_suggestions": saved,
        "alert_rules": rules,
    }
