"""Entry point: `rotation-advisor` starts the GUI; sub-commands run headless.

Each sub-command lives in its own `desktop.cli_*` module exposing `add_parser(subparsers)`;
the module is imported only when the parser is built, and its heavy imports only when run.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_NAME, __version__

COMMAND_MODULES = ("desktop.cli.data", "desktop.cli.signals", "desktop.cli.allocate")
DB_HELP = "SQLite database (default: rotation-advisor.db in the per-user data folder)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rotation-advisor",
        description=f"{APP_NAME}: turn macro research into explainable portfolio tilts. "
        "Without a sub-command it opens the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", type=Path, default=None, help=DB_HELP)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen, wait for the first allocation, export it, check it, exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(subparsers)
    for command in subparsers.choices.values():
        # Also after the sub-command; SUPPRESS keeps a --db given before it when none is after.
        command.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is not None:
        return int(args.run(args) or 0)
    from desktop.qt.launch import run_gui

    return int(run_gui(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
