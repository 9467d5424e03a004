"""What a command works on: the database (--db), the portfolio (--portfolio) and its holdings,
and the typed errors that mean one of them cannot be used (each message says what to do).

--db defaults to the data folder's database; --portfolio to "default", the portfolio every user
had before there were several (`desktop.data.portfolios`). Holdings come from --holdings when a
command has it, else the portfolio's holdings.csv when it exists, else there are none.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.data.portfolios import Portfolio

DB_HELP = "SQLite database (default: rotation-advisor.db in the per-user data folder)"
PORTFOLIO_HELP = "the portfolio to work on (default: default); see rotation-advisor portfolio list"


def add_scope_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--db and --portfolio on `parser`. On a sub-command they default to SUPPRESS, so an
    option given before the sub-command is kept when it is not repeated after it."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--db", type=Path, default=default, help=DB_HELP)
    parser.add_argument("--portfolio", metavar="NAME", default=default, help=PORTFOLIO_HELP)


def db_path(args: argparse.Namespace) -> Path:
    from desktop.data import paths

    return Path(args.db) if getattr(args, "db", None) else paths.default_db_path()


def portfolio_name(args: argparse.Namespace) -> str:
    from desktop.data.portfolios import DEFAULT

    return getattr(args, "portfolio", None) or DEFAULT


def portfolio_of(args: argparse.Namespace) -> Portfolio:
    """The portfolio named by --portfolio; PortfolioError (with what to do) when there is none."""
    from desktop.data.portfolios import get_portfolio

    return get_portfolio(portfolio_name(args))


def holdings_of(args: argparse.Namespace, portfolio: Portfolio) -> dict[str, float] | None:
    """Ticker -> shares from --holdings, else the portfolio's holdings file, else None."""
    from desktop.data.holdings import read_holdings

    given = getattr(args, "holdings", None)
    if given is not None:
        return read_holdings(given)
    return read_holdings(portfolio.holdings_file) if portfolio.holdings_file.exists() else None


def command_errors() -> tuple[type[Exception], ...]:
    """Errors of the user's input, files or database, whose messages say what to do."""
    from desktop.advice.alerts.rules import AlertRuleError
    from desktop.advice.as_of import AsOfError
    from desktop.advice.tables.tilts import TiltTableError
    from desktop.advice.tables.universe import UniverseError
    from desktop.data.alert_store import AlertStoreError
    from desktop.data.history import HistoryError
    from desktop.data.holdings import HoldingsError
    from desktop.data.market.db_errors import MarketDataError
    from desktop.data.portfolios import PortfolioError
    from desktop.engine.alerting import AlertCheckError

    return (
        AsOfError, AlertRuleError, AlertCheckError, AlertStoreError, HistoryError, HoldingsError,
        MarketDataError, PortfolioError, TiltTableError, UniverseError, OSError,
    )  # fmt: skip
