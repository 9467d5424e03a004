"""`rotation-advisor alert add|list|remove|log`: the portfolio's alert rules and what they fired.

Rules are stored in the database (`desktop.data.alert_store`) and checked by `check` (and the
window). Exit codes: 0 done; 2 bad input (an unknown signal or theme, a level out of range, no
such rule) or an unusable database, nothing changed.
"""

from __future__ import annotations

import argparse
import json
import sys

EXAMPLES = """\
examples:
  rotation-advisor alert add --signal breadth --below 0       breadth's score below 0
  rotation-advisor alert add --signal breadth --zone          low / neutral / high changes
  rotation-advisor alert add --theme small_caps --view-sign   the view turns + or -
  rotation-advisor alert add --drift 5                        a weight 5 pts off the suggestion
  rotation-advisor alert add --stale                          prices 5 business days old
  rotation-advisor alert add --signal dollar --stale          dollar's reading goes stale
"""
EXIT_BAD_INPUT = 2
DEFAULT_LEVEL = -1.0  # --drift or --stale without a number: the kind's default level


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from desktop.cli.scope import add_scope_options

    parser = subparsers.add_parser(
        "alert",
        help="add, list or remove alert rules; show what fired",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = _add_parser(actions)
    listing = actions.add_parser("list", help="list the rules and what each saw last")
    remove = actions.add_parser("remove", help="remove rules by number")
    remove.add_argument("ids", type=int, nargs="+", metavar="ID")
    log = actions.add_parser("log", help="the alerts that fired, newest first")
    log.add_argument("--limit", type=int, default=20, metavar="N", help="at most N (20)")
    for action, run_action in ((add, _add), (listing, _list), (remove, _remove), (log, _log)):
        action.add_argument("--json", action="store_true", help="print JSON")
        add_scope_options(action)
        action.set_defaults(run=run, action_run=run_action)


def _add_parser(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    add = actions.add_parser(
        "add",
        help="add a rule",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("--signal", metavar="NAME", default="", help="the signal to watch")
    add.add_argument("--theme", metavar="NAME", default="", help="the theme (with --view-sign)")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--below", type=float, metavar="X", help="score below X (-1 to 1)")
    when.add_argument("--above", type=float, metavar="X", help="score above X (-1 to 1)")
    when.add_argument("--zone", action="store_true", help="score moves between low/neutral/high")
    when.add_argument("--view-sign", action="store_true", help="the theme's view changes sign")
    optional = {"type": float, "nargs": "?", "const": DEFAULT_LEVEL}
    when.add_argument(
        "--drift", metavar="PTS", help="a weight PTS off the last saved suggestion (5)", **optional
    )
    when.add_argument(
        "--stale", metavar="DAYS", help="prices DAYS business days old (5); --signal: its reading",
        **optional,
    )  # fmt: skip
    return add


def run(args: argparse.Namespace) -> int:
    from desktop.cli.scope import command_errors, db_path
    from desktop.data.market.db_errors import translated_errors

    try:
        with translated_errors(db_path(args)):
            return args.action_run(args)
    except command_errors() as exc:
        print(f"rotation-advisor alert {args.action}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def rule_from_args(args: argparse.Namespace):
    """The rule the flags describe (not yet checked against the signals and themes)."""
    from desktop.advice.alerts.rules import make_rule

    for kind in ("below", "above"):
        if getattr(args, kind) is not None:
            return make_rule(kind, args.signal, getattr(args, kind))
    if args.zone:
        return make_rule("zone", args.signal)
    if args.view_sign:
        return make_rule("view_sign", args.theme)
    kind = "drift" if args.drift is not None else "stale"
    level = getattr(args, kind)
    return make_rule(kind, args.signal, None if level == DEFAULT_LEVEL else level)


def _add(args: argparse.Namespace) -> int:
    from desktop.advice.alerts.rules import check_rule
    from desktop.cli.scope import db_path, portfolio_of
    from desktop.data.alert_store import open_alerts
    from desktop.data.user_files import load_universe
    from signals import REGISTRY

    portfolio = portfolio_of(args)
    themes = load_universe(portfolio.universe_file).theme_names
    rule = check_rule(rule_from_args(args), known_signals=[s.name for s in REGISTRY],
                      known_themes=themes)  # fmt: skip
    stored = open_alerts(db_path(args), portfolio.name).add_rule(rule)
    print(json.dumps(_rule_json(stored)) if args.json else f"Added #{stored.id} {rule.description}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from desktop.cli.scope import db_path, portfolio_name
    from desktop.data.alert_store import open_alerts

    path = db_path(args)
    store = open_alerts(path, portfolio_name(args)) if path.exists() else None
    rules, states = (store.rules(), store.states()) if store else ([], {})
    if args.json:
        print(json.dumps([{**_rule_json(r), "state": states.get(r.id)} for r in rules], indent=2))
    elif not rules:
        print(f"No alert rules in the portfolio {portfolio_name(args)!r}.\n{EXAMPLES}")
    for rule in [] if args.json else rules:
        seen = states.get(rule.id)
        print(f"#{rule.id}  {rule.description}" + (f"  (last check: {seen})" if seen else ""))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from desktop.cli.scope import db_path, portfolio_name
    from desktop.data.alert_store import open_alerts

    store = open_alerts(db_path(args), portfolio_name(args))
    for rule_id in args.ids:  # every number checked first: a typo removes nothing
        store.get_rule(rule_id)
    for rule_id in dict.fromkeys(args.ids):
        removed = store.remove_rule(rule_id)
        print(f"Removed #{rule_id} {removed.description}")
    return 0


def _log(args: argparse.Namespace) -> int:
    from desktop.cli.scope import db_path, portfolio_name
    from desktop.data.alert_store import open_alerts

    path = db_path(args)
    events = open_alerts(path, portfolio_name(args)).events(args.limit) if path.exists() else []
    if args.json:
        print(json.dumps([_event_json(e) for e in events], indent=2))
        return 0
    for e in events:
        print(f"{e.fired_at}  as of {e.as_of}  #{e.rule_id} {e.rule}: {e.message}")
    if not events:
        print("No alert has fired yet.")
    return 0


def _rule_json(rule) -> dict:
    return {"id": rule.id, "kind": rule.kind.value, "subject": rule.subject,
            "level": rule.level, "description": rule.description}  # fmt: skip


def _event_json(event) -> dict:
    return {name: getattr(event, name) for name in event.__slots__}
