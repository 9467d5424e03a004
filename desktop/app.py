"""Entry point: `rotation-advisor` starts the GUI; sub-commands run headless.

Each sub-command lives in its own `desktop.cli_*` module exposing `add_parser(subparsers)`;
the module is imported only when the parser is built, and its heavy imports only when run.
A command that meets a damaged or unusable database, universe or tilt table, or a disk error,
prints that error's message (which says what to do) and exits with EXIT_UNUSABLE (1).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import APP_NAME, __version__

EXIT_UNUSABLE = 1
"""Exit code of any command whose database, universe, tilt table or disk cannot be used."""
COMMAND_MODULES = (
    "desktop.cli.data",
    "desktop.cli.signals",
    "desktop.cli.allocate",
    "desktop.cli.backtest",
    "desktop.cli.evidence",
    "desktop.cli.sweep",
    "desktop.cli.check",
    "desktop.cli.alerts",
    "desktop.cli.history",
    "desktop.cli.portfolio",
)


def build_parser() -> argparse.ArgumentParser:
    from desktop.cli.scope import add_scope_options

    parser = argparse.ArgumentParser(
        prog="rotation-advisor",
        description=f"{APP_NAME}: turn macro research into explainable portfolio tilts. "
        "Without a sub-command it opens the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_scope_options(parser, top_level=True)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen, wait for the first allocation, export it, check it, exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(subparsers)
    for command in subparsers.choices.values():
        add_scope_options(command)  # --db and --portfolio also after the sub-command
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and args.self_test:
        from desktop.qt.self_test import run_self_test

        return int(run_self_test(args) or 0)
    if args.command is None:
        from desktop.qt.launch import run_gui

        return int(run_gui(args) or 0)
    try:
        return int(args.run(args) or 0)
    except Exception as exc:
        if not isinstance(exc, _user_errors()):
            raise
        from desktop.cli.terminal import printable

        print(printable(f"rotation-advisor {args.command}: {exc}"), file=sys.stderr)
        return EXIT_UNUSABLE


def _user_errors() -> tuple[type[Exception], ...]:
    """Problems of the user's files or disk, whose messages say what to do: a command prints the
    message and exits EXIT_UNUSABLE instead of showing a traceback."""
    from desktop.advice.tables.tilts import TiltTableError
    from desktop.advice.tables.universe import UniverseError
    from desktop.data.market.db_errors import MarketDataError
    from desktop.data.portfolios import PortfolioError

    return (MarketDataError, UniverseError, TiltTableError, PortfolioError, OSError)


if __name__ == "__main__":
    sys.exit(main())
