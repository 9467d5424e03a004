"""The Universe tab's controller: reads and saves the user's universe file, off the GUI thread.

Reading and writing run on the jobs' I/O lane (`desktop.data.user_files`); a save is atomic and
refuses invalid text, so the file on disk is never half-written or invalid. After a save the
window's controller reloads the data, the signals and the allocation (`data_updated`).
The file is the shown portfolio's (`desktop.data.portfolios`); a switch reads the new one's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.data.portfolios import DEFAULT, FOLDER
from desktop.data.user_files import (
    UNIVERSE_FILENAME,
    bundled_universe_path,
    save_universe,
    user_universe_path,
)
from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from desktop.qt.controller import Controller


class UniverseController(QObject):
    """The universe file at `path` (default: the user's copy in the data folder)."""

    text_read = Signal(str)  # the file's text (the bundled default when the user has no copy)
    default_read = Signal(str)  # the bundled default universe's text
    text_saved = Signal(str)  # the text just written
    path_changed = Signal(str)  # another portfolio's file is edited now (its text follows)
    failed = Signal(str)  # what went wrong, in words

    def __init__(
        self, home: Controller, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent or home)
        self._home = home
        self.path = Path(path) if path is not None else universe_file(home.portfolio)
        if path is None:
            home.portfolio_changed.connect(self._on_home_portfolio_changed)

    def read(self) -> None:
        """Read the file (the bundled default when the user has no copy yet)."""
        path = self.path if self.path.exists() else bundled_universe_path()
        self._home.jobs.submit(
            "universe-read",
            Lane.IO,
            lambda: path.read_text(encoding="utf-8"),
            on_result=self.text_read.emit,
            on_error=lambda exc: self.failed.emit(f"Cannot read {path}: {exc}"),
        )

    def read_default(self) -> None:
        path = bundled_universe_path()
        self._home.jobs.submit(
            "universe-default",
            Lane.IO,
            lambda: path.read_text(encoding="utf-8"),
            on_result=self.default_read.emit,
            on_error=lambda exc: self.failed.emit(f"Cannot read {path}: {exc}"),
        )

    def save(self, text: str) -> None:
        """Write `text` (raises, and says so, when it is not a valid universe)."""
        path = self.path
        self._home.jobs.submit(
            "universe-save",
            Lane.IO,
            lambda: save_universe(text, path),
            on_result=lambda _: self._on_saved(text),
            on_error=lambda exc: self.failed.emit(str(exc)),
        )

    def _on_home_portfolio_changed(self, name: str) -> None:
        self.path = universe_file(name)
        self.path_changed.emit(str(self.path))
        self.read()

    def _on_saved(self, text: str) -> None:
        self.text_saved.emit(text)
        self._home.data_updated()


def universe_file(portfolio: str) -> Path:
    """The universe file of `portfolio` (no I/O: the path `desktop.data.portfolios` uses)."""
    if portfolio == DEFAULT:
        return user_universe_path()
    return user_universe_path().parent / FOLDER / portfolio / UNIVERSE_FILENAME
