"""Several model portfolios, each with its own universe, tilt table and holdings files.

    portfolio = get_portfolio("growth")          # or None: the "default" portfolio
    Pipeline.open(db, portfolio="growth")        # its universe and tilt table over the data
    open_history(db, portfolio.name); open_alerts(db, portfolio.name)

The "default" portfolio is the one every user already has: its files are the data folder's
`universe.toml`, `tilts.toml` (see `desktop.data.user_files`, which copies the bundled defaults
there on first use) and `holdings.csv`, so nothing moves and nothing is lost. Every other
portfolio has a folder `portfolios/<name>/` in the data folder with the same three files.
Saved suggestions and alerts live in the database, tagged with the portfolio's name. The market
data (prices, macro releases) is shared by all portfolios.

A new portfolio starts from the bundled universe and tilt table, or from a copy of another
portfolio's; its holdings, saved suggestions and alert rules start empty.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.data import paths, user_files
from desktop.data.exports.atomic_file import write_atomically

DEFAULT = "default"
FOLDER = "portfolios"
HOLDINGS_FILENAME = "holdings.csv"
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
"""A portfolio's name: lower-case letters, digits, - and _, at most 32, a letter or digit first
(it names a folder on every platform, case-insensitive ones included)."""


class PortfolioError(ValueError):
    """A portfolio cannot be found, named or created; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Portfolio:
    """A portfolio's name and files. universe_file, tilts_file: its editable TOML files (they
    exist); holdings_file: its holdings as ticker,shares CSV (may not exist: no holdings)."""

    name: str
    universe_file: Path
    tilts_file: Path
    holdings_file: Path


def portfolio_names() -> list[str]:
    """Every portfolio's name: "default" first, then the others in alphabetical order."""
    root = paths.data_dir() / FOLDER
    others = sorted(p.name for p in root.iterdir() if _is_portfolio(p)) if root.is_dir() else []
    return [DEFAULT, *others]


def get_portfolio(name: str | None = None) -> Portfolio:
    """The portfolio called `name` (None: "default"); PortfolioError when there is none."""
    name = DEFAULT if name is None else name
    if name == DEFAULT:
        return _default()
    folder = paths.data_dir() / FOLDER / name
    if not NAME_PATTERN.fullmatch(name) or not _is_portfolio(folder):
        raise PortfolioError(
            f"There is no portfolio {name!r} (there are: {', '.join(portfolio_names())}). "
            f"Create it with: rotation-advisor portfolio create {name}"
        )
    return _in_folder(name, folder)


def create_portfolio(name: str, copy_of: str | None = None) -> Portfolio:
    """A new portfolio `name` with the bundled universe and tilt table, or a copy of the
    universe and tilt table of the portfolio `copy_of`. PortfolioError for a bad or taken name."""
    check_name(name)
    if name in portfolio_names():
        raise PortfolioError(f"There is already a portfolio {name!r}: pick another name.")
    if copy_of is None:
        sources = (user_files.bundled_universe_path(), user_files.default_tilts_path())
    else:
        source = get_portfolio(copy_of)
        sources = (source.universe_file, source.tilts_file)
    root = paths.data_dir() / FOLDER
    root.mkdir(parents=True, exist_ok=True)
    # Built in a hidden folder and renamed into place: a half-made portfolio is never listed.
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=root))
    try:
        for source_file, filename in zip(sources, _TOML_FILES, strict=True):
            write_atomically(staging / filename, source_file.read_bytes())
        staging.rename(root / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return get_portfolio(name)


def all_tickers() -> tuple[str, ...]:
    """Every ticker any portfolio's universe holds or its signals read, "default"'s first: what
    a refresh downloads, since the market data is shared. UniverseError names a broken file."""
    tickers = (
        user_files.load_universe(get_portfolio(name).universe_file).all_tickers
        for name in portfolio_names()
    )
    return tuple(dict.fromkeys(t for some in tickers for t in some))


def check_name(name: str) -> str:
    """`name` if it can name a new portfolio; PortfolioError saying what is allowed."""
    if name == DEFAULT or not NAME_PATTERN.fullmatch(name):
        raise PortfolioError(
            f"{name!r} cannot name a portfolio: use up to 32 lower-case letters, digits, - and _,"
            f" starting with a letter or digit, other than {DEFAULT!r} (e.g. growth)."
        )
    return name


_TOML_FILES = (user_files.UNIVERSE_FILENAME, user_files.TILTS_FILENAME)


def _default() -> Portfolio:
    """The data folder's own files, the bundled defaults copied there on first use."""
    universe = user_files.user_universe_path()
    if not universe.exists():
        universe.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(universe, user_files.bundled_universe_path().read_bytes())
    return Portfolio(
        DEFAULT, universe, user_files.user_tilts_path(), paths.data_dir() / HOLDINGS_FILENAME
    )


def _in_folder(name: str, folder: Path) -> Portfolio:
    return Portfolio(
        name,
        folder / user_files.UNIVERSE_FILENAME,
        folder / user_files.TILTS_FILENAME,
        folder / HOLDINGS_FILENAME,
    )


def _is_portfolio(folder: Path) -> bool:
    return (
        NAME_PATTERN.fullmatch(folder.name) is not None
        and (folder / user_files.UNIVERSE_FILENAME).is_file()
    )
