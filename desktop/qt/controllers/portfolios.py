"""The portfolio switcher's controller: list, create and switch portfolios.

Listing and creating run on the jobs' I/O lane (`desktop.data.portfolios`: a new portfolio
starts from the bundled universe and tilt table or a copy of another's). A switch goes through
the window's controller (`Controller.set_portfolio`: the engine reads the portfolio's universe
and tilt table, recomputes and re-solves; the tabs follow `portfolio_changed`), then reads the
portfolio's holdings file when it has one and forgets the holdings when it has none.
The data wing is imported on first use (it brings pandas), off the way to the first paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from desktop.qt.controller import Controller


class PortfolioController(QObject):
    """Portfolio names for the switcher; `listed` after each change, `current` the one shown."""

    listed = Signal(object, str)  # list[str] of names ("default" first), the current one
    failed = Signal(str)  # what went wrong, in words

    def __init__(self, home: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent or home)
        self._home = home
        home.portfolio_changed.connect(lambda _name: self.refresh())

    @property
    def current(self) -> str:
        return self._home.portfolio

    def refresh(self) -> None:
        self._home.jobs.submit(
            "portfolios",
            Lane.IO,
            lambda: _portfolios().portfolio_names(),
            on_result=lambda names: self.listed.emit(names, self._home.portfolio),
            on_error=lambda exc: self.failed.emit(f"Cannot list the portfolios: {exc}"),
        )

    def name_problem(self, name: str) -> str:
        """Why `name` cannot name a new portfolio ("" when it can; taken names are refused
        when it is created)."""
        portfolios = _portfolios()
        try:
            portfolios.check_name(name)
        except portfolios.PortfolioError as exc:
            return str(exc)
        return ""

    def create(self, name: str, copy_of: str | None = None) -> None:
        """Make portfolio `name` (from the bundled files, or a copy of `copy_of`'s) and show it."""
        self._home.jobs.submit(
            "portfolio-create",
            Lane.IO,
            lambda: _portfolios().create_portfolio(name, copy_of).name,
            on_result=self.switch,
            on_error=lambda exc: self.failed.emit(str(exc)),
        )

    def switch(self, name: str) -> None:
        """Show portfolio `name`, with its holdings file's holdings (none when it has none)."""
        if name == self._home.portfolio:
            return
        self._home.set_portfolio(name)
        self._home.jobs.submit(
            "portfolio-holdings",
            Lane.IO,
            lambda: _holdings_file(name),
            on_result=self._on_holdings_file,
            on_error=lambda exc: self.failed.emit(str(exc)),
        )

    def _on_holdings_file(self, path: Path | None) -> None:
        if path is None:
            self._home.clear_holdings()
        else:
            self._home.import_holdings(path)


def _portfolios():
    from desktop.data import portfolios

    return portfolios


def _holdings_file(name: str) -> Path | None:
    path = _portfolios().get_portfolio(name).holdings_file
    return path if path.is_file() else None
