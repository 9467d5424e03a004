"""The tilt table's controller: the signal-to-theme table of the shown portfolio as a form.

The form (`desktop.advice.tables.tilt_form.TiltForm`: each theme's IC and its signals with weights)
is this controller's state; every change is a step on the window's undo stack (consecutive
changes of one field merge into one step) and is validated at once by the domain
(`desktop.advice.tables.tilts.parse_tilt_table` on the text the form would write: a tilt table is a
few kilobytes, well under a millisecond). Reading and saving run on the I/O lane through the
data wing (`desktop.data.user_files.save_tilt_table`, atomic, refusing an invalid table); the
text written is the file with the form's values patched in, its comments kept. A save
re-solves (`Controller.data_updated`). Reset puts the bundled default table in the form (a step
to undo, saved only with Save).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from desktop.advice.tables.tilt_form import ThemeForm, TiltForm, form_from_text, patch_text
from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from desktop.qt.controller import Controller

NEW_WEIGHT = 0.1  # a signal added to a theme starts with a small weight


class _FormCommand(QUndoCommand):
    """Replace (base text, form) of one file; consecutive changes with the same key merge into
    one step. After a switch of portfolio the steps of the other's file change nothing."""

    def __init__(self, controller: TiltsController, before, after, key, text: str) -> None:
        super().__init__(text)
        self._controller, self.before, self.after, self.key = controller, before, after, key
        self.path = controller.path

    def id(self) -> int:
        return 14

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _FormCommand) or self.key is None or other.key != self.key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._controller.path == self.path:
            self._controller._apply(*self.after)

    def undo(self) -> None:
        if self._controller.path == self.path:
            self._controller._apply(*self.before)


class TiltsController(QObject):
    """The shown portfolio's tilt table: `form_changed` after every change, `checked` with it."""

    form_changed = Signal(object)  # TiltForm
    checked = Signal(object, bool)  # list[str] of problems (empty: valid), modified from disk
    saved = Signal(str)  # the path written
    failed = Signal(str)  # what went wrong, in words

    def __init__(self, home: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent or home)
        self._home = home
        self.path: Path | None = None
        self.on_disk = self.base = ""
        self.form = TiltForm()
        self.problems: list[str] = []
        self._cards: tuple = ()
        home.portfolio_changed.connect(lambda _name: self.read())
        home.state_changed.connect(self._on_home_state_changed)

    # What the form shows.

    def theme_names(self) -> list[str]:
        """The portfolio's themes (the universe's), then any other the table lists."""
        names = [t.name for t in self._home.state.themes]
        return names + [t.theme for t in self.form.themes if t.theme not in names]

    def label(self, theme: str) -> str:
        return next((t.label for t in self._home.state.themes if t.name == theme), theme)

    def signal_names(self) -> list[str]:
        return sorted(card.name for card in self._home.state.cards)

    def signal_title(self, signal: str) -> str:
        return next((c.title for c in self._home.state.cards if c.name == signal), signal)

    def score_now(self, signal: str) -> float | None:
        """The signal's score on the day shown, in [-1, 1]; None when stale or unknown."""
        card = next((c for c in self._home.state.cards if c.name == signal), None)
        return None if card is None or card.stale else card.score

    def view_now(self, theme: str) -> float:
        """The view the form's weights give `theme` from today's scores (stale ones count 0):
        clip(sum(weight x score) / sum(|weight|), -1, 1), as `desktop.advice.tables.tilts` does."""
        pairs = self.form.theme(theme).signals
        total = sum(abs(w) for _, w in pairs)
        if not total:
            return 0.0
        view = sum(w * (self.score_now(s) or 0.0) for s, w in pairs) / total
        return max(-1.0, min(1.0, view))

    @property
    def text(self) -> str:
        """What Save writes: the file with the form's values."""
        return patch_text(self.base, self.form)

    @property
    def modified(self) -> bool:
        return self.text != self.on_disk

    # Edits (each a step on the undo stack).

    def set_ic(self, theme: str, ic: float) -> None:
        rule = self.form.theme(theme)
        self._edit(replace(rule, ic=ic), ("ic", theme), f"Set the IC of {self.label(theme)}")

    def set_weight(self, theme: str, index: int, weight: float) -> None:
        rule = self.form.theme(theme)
        pairs = list(rule.signals)
        pairs[index] = (pairs[index][0], weight)
        text = f"Set {pairs[index][0]}'s weight in {self.label(theme)}"
        self._edit(replace(rule, signals=tuple(pairs)), ("weight", theme, index), text)

    def set_signal(self, theme: str, index: int, signal: str) -> None:
        rule = self.form.theme(theme)
        pairs = list(rule.signals)
        pairs[index] = (signal, pairs[index][1])
        self._edit(replace(rule, signals=tuple(pairs)), None, f"Use {signal} in {theme}")

    def add_signal(self, theme: str) -> None:
        """Add the first signal the theme does not use yet, with a small weight."""
        rule = self.form.theme(theme)
        used = {s for s, _ in rule.signals}
        free = [s for s in self.signal_names() if s not in used] or ["signal"]
        pairs = (*rule.signals, (free[0], NEW_WEIGHT))
        self._edit(replace(rule, signals=pairs), None, f"Add {free[0]} to {self.label(theme)}")

    def remove_signal(self, theme: str, index: int) -> None:
        rule = self.form.theme(theme)
        name = rule.signals[index][0]
        pairs = rule.signals[:index] + rule.signals[index + 1 :]
        self._edit(replace(rule, signals=pairs), None, f"Remove {name} from {self.label(theme)}")

    def reset_to_defaults(self) -> None:
        """Put the bundled default table in the form (undoable; written by Save only)."""
        self._submit("tilts-default", _default_text, self._on_default_read)

    # Files.

    def read(self) -> None:
        """Read the portfolio's table (its copy is made from the default on first use)."""
        name = self._home.portfolio
        self._submit("tilts-read", lambda: _read(name), self._on_read)

    def save(self) -> None:
        if self.problems or self.path is None or not self.modified:
            return
        from desktop.data.user_files import save_tilt_table

        text, path = self.text, self.path
        signals, themes = self._known()
        write = lambda: save_tilt_table(text, path, known_signals=signals, known_themes=themes)  # noqa: E731
        self._submit("tilts-save", write, lambda _: self._on_saved(text))

    # Internals.

    def _edit(self, rule: ThemeForm, key: tuple | None, text: str) -> None:
        after = (self.base, self.form.with_theme(rule))
        self._home.undo_stack.push(_FormCommand(self, (self.base, self.form), after, key, text))

    def _apply(self, base: str, form: TiltForm) -> None:
        self.base, self.form = base, form
        self.problems = self._validate()
        self.form_changed.emit(form)
        self.checked.emit(self.problems, self.modified)

    def _validate(self) -> list[str]:
        from desktop.advice.tables.tilts import TiltTableError, parse_tilt_table

        signals, themes = self._known()
        try:
            parse_tilt_table(self.text, known_signals=signals, known_themes=themes)
        except TiltTableError as exc:
            lines = str(exc).splitlines()
            problems = [ln.strip().split(": ", 1)[-1] for ln in lines if ln.startswith("  ")]
            return problems or [str(exc)]
        return []

    def _known(self) -> tuple[list[str], list[str]]:
        """Signals and themes a table may name (before the first signals: the form's own)."""
        signals = self.signal_names() or [s for t in self.form.themes for s, _ in t.signals]
        return signals, self.theme_names()

    def _submit(self, key: str, fn, done) -> None:
        self._home.jobs.submit(
            key, Lane.IO, fn, on_result=done, on_error=lambda exc: self.failed.emit(str(exc))
        )

    def _on_home_state_changed(self, state) -> None:
        """New readings (another day, fresh data): the scores and views shown follow."""
        if state.cards is not self._cards:
            self._cards = state.cards
            if self.path is not None:
                self.form_changed.emit(self.form)

    def _on_read(self, result: tuple[Path, str]) -> None:
        self.path, self.on_disk = result
        self._apply(self.on_disk, self._form_of(self.on_disk))

    def _on_default_read(self, text: str) -> None:
        after = (text, self._form_of(text))
        command = _FormCommand(self, (self.base, self.form), after, None, "Reset the tilt table")
        self._home.undo_stack.push(command)

    def _on_saved(self, text: str) -> None:
        self.on_disk = text
        self._apply(text, self._form_of(text))
        self.saved.emit(str(self.path))
        self._home.data_updated()

    def _form_of(self, text: str) -> TiltForm:
        from desktop.advice.tables.toml_text import TomlTextError

        try:
            form = form_from_text(text)
        except TomlTextError as exc:
            self.failed.emit(f"The tilt table does not parse ({exc}); the form starts empty.")
            form = TiltForm()
        return form.covering(tuple(t.name for t in self._home.state.themes))


def _read(portfolio: str) -> tuple[Path, str]:
    from desktop.data.portfolios import get_portfolio

    path = get_portfolio(portfolio).tilts_file
    return path, path.read_text(encoding="utf-8")


def _default_text() -> str:
    from desktop.data.user_files import default_tilts_path

    return default_tilts_path().read_text(encoding="utf-8")
