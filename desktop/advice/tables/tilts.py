"""Readings -> theme views, through the user's tilt table; hand-set views checked.

The table (resources/tilts.toml, user copy in the data folder) lists per theme the signals that
drive it with weights, and the theme's information coefficient (IC). Sign conventions:

- a reading's score > 0 favours its signal's own subject; a negative weight in the table means the
  subject sits on the other side of the theme's trade;
- a theme's view in [-1, 1]: > 0 buys the theme's assets and sells the assets that fund it.

Views become expected active returns per asset in `desktop.advice.theme_alpha`, using each
theme's IC.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import numpy as np

from desktop.advice.tables.toml_text import TomlTextError, load_toml
from signals import RENAMED, Reading

DEFAULT_IC = 0.05
"""Information coefficient of a universe theme the table does not list: a modest forecaster."""
MAX_IC = 0.3
"""Above this an IC is not credible for a macro view (0.05 is good, 0.10 very good)."""


class TiltTableError(ValueError):
    """The tilt table cannot be used; the message names the file and line and says what to fix."""


class ViewError(ValueError):
    """A hand-set theme view is unknown or out of range; the message lists what is allowed."""


@dataclass(frozen=True, slots=True)
class ThemeRule:
    """One theme's row of the tilt table.

    ic: information coefficient of the theme's view, in [0, MAX_IC]: at view +1 the trade is
        expected to earn ic x its annualised volatility.
    weights: signal name -> weight (any sign; the view divides by the sum of |weight|).
    """

    theme: str
    ic: float = DEFAULT_IC
    weights: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))


@dataclass(frozen=True, slots=True)
class TiltTable:
    """The validated table; `source` is the file it came from, for messages and exports."""

    rules: Mapping[str, ThemeRule]
    source: str = "built-in default"

    def rule(self, theme: str) -> ThemeRule:
        """The theme's rule, or no signals and DEFAULT_IC for a theme the table omits."""
        return self.rules.get(theme) or ThemeRule(theme)


@dataclass(frozen=True, slots=True)
class Contribution:
    """One signal's part in a theme view: weight * score / sum(|weight|) of the theme."""

    signal: str
    weight: float
    score: float
    share: float
    stale: bool


@dataclass(frozen=True, slots=True)
class ThemeView:
    """A theme's view derived from the signals, in [-1, 1], with what drove it.

    stale: signals whose reading was stale or absent; they counted as 0.
    """

    theme: str
    view: float
    contributions: tuple[Contribution, ...] = ()
    stale: tuple[str, ...] = ()


def parse_tilt_table(
    text: str,
    *,
    source: str | Path = "<text>",
    known_signals: Collection[str],
    known_themes: Collection[str],
) -> TiltTable:
    """Validate tilt-table TOML text (read from `source`) and build it; raise TiltTableError."""
    path = Path(source)
    try:
        data = load_toml(text)
    except TomlTextError as exc:
        raise TiltTableError(f"{path}: {exc}; fix that line.") from None
    checker = _Checker(path, text, set(known_signals), set(known_themes))
    rules = checker.rules(data)
    if checker.problems:
        raise TiltTableError(
            f"{path} has {len(checker.problems)} problem(s):\n  "
            + "\n  ".join(checker.problems)
            + "\nFix them and reload, or delete the file to start again from the default table."
        )
    return TiltTable(rules=MappingProxyType(rules), source=str(path))


def signal_views(
    readings: Iterable[Reading], table: TiltTable, themes: Iterable[str]
) -> dict[str, ThemeView]:
    """Each theme's view = clip(sum(w * score) / sum(|w|), -1, 1); stale or absent scores are 0."""
    by_name = {r.name: r for r in readings}
    views = {}
    for theme in themes:
        weights = table.rule(theme).weights
        total = sum(abs(w) for w in weights.values())
        parts = []
        for signal, weight in weights.items():
            reading = by_name.get(signal)
            stale = reading is None or reading.stale
            score = 0.0 if reading is None or reading.stale else reading.score
            share = weight * score / total if total else 0.0
            parts.append(Contribution(signal, weight, score, share, stale))
        view = float(np.clip(sum(p.share for p in parts), -1.0, 1.0))
        stale_names = tuple(p.signal for p in parts if p.stale)
        views[theme] = ThemeView(theme, view, tuple(parts), stale_names)
    return views


def check_overrides(overrides: Mapping[str, float], themes: Collection[str]) -> dict[str, float]:
    """Validated hand-set views: known themes, finite values in [-1, 1]; raise ViewError."""
    checked = {}
    for theme, value in overrides.items():
        if theme not in themes:
            raise ViewError(f"Unknown theme '{theme}'. Known themes: {', '.join(sorted(themes))}.")
        if not isinstance(value, int | float) or not -1.0 <= value <= 1.0:
            raise ViewError(f"The view for {theme} must be a number from -1 to 1, got {value!r}.")
        checked[theme] = float(value)
    return checked


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*["']?([^"'=\s]+)["']?\s*=""")


class _Checker:
    """Collects every problem in a parsed table, each naming the line it is on."""

    def __init__(self, path: Path, text: str, signals: set[str], themes: set[str]) -> None:
        self.path, self.signals, self.themes, self.text = path, signals, themes, text
        self.lines = _key_lines(text)
        self.problems: list[str] = []

    def rules(self, data: Mapping[str, object]) -> dict[str, ThemeRule]:
        for key in data:
            if key != "themes":
                self._problem(("", key), f"unknown section '{key}'; only [themes.X] is read")
        themes = data.get("themes", {})
        if not isinstance(themes, dict):
            self._problem(("", "themes"), "'themes' must be a table of [themes.X] sections")
            return {}
        rules = {}
        for theme, body in themes.items():
            if theme not in self.themes:
                known = ", ".join(sorted(self.themes))
                self._problem((f"themes.{theme}", ""), f"unknown theme '{theme}'; known: {known}")
            elif not isinstance(body, dict):
                self._problem((f"themes.{theme}", ""), f"[themes.{theme}] must be a table")
            else:
                rules[theme] = self._rule(theme, body)
        return rules

    def _rule(self, theme: str, body: Mapping[str, object]) -> ThemeRule:
        table = f"themes.{theme}"
        for key in body:
            if key == "scale":
                self._problem(
                    (table, key),
                    "'scale' is no longer read (alpha now follows each asset's volatility): "
                    "replace it with an information coefficient, e.g. ic = 0.08",
                )
            elif key not in ("ic", "signals"):
                self._problem((table, key), f"unknown key '{key}' in [{table}]")
        ic = body.get("ic", DEFAULT_IC)
        if not isinstance(ic, int | float) or not _is_number(ic) or not 0.0 <= ic <= MAX_IC:
            self._problem(
                (table, "ic"),
                f"ic of {theme} must be a number from 0 to {MAX_IC} (information coefficient: "
                f"0.05 good, 0.10 very good), got {ic!r}",
            )
            ic = DEFAULT_IC
        weights = {}
        raw = body.get("signals", {})
        if not isinstance(raw, dict):
            self._problem((table, "signals"), f"[{table}.signals] must be a table of name = weight")
            raw = {}
        for written, weight in raw.items():
            where = (f"{table}.signals", written)
            signal = RENAMED.get(written, written)
            if signal not in self.signals:
                known = ", ".join(sorted(self.signals))
                self._problem(where, f"unknown signal '{signal}' in {theme}; known: {known}")
            elif not _is_number(weight):
                self._problem(
                    where, f"weight of {signal} in {theme} must be a number, got {weight!r}"
                )
            else:
                weights[signal] = float(weight)
        return ThemeRule(theme, float(ic), weights)

    def _problem(self, where: tuple[str, str], message: str) -> None:
        """Record `message` at the line of `where` (table, key): the key's line, else its
        table's header, else (a top-level key) a header of that name, else the first line
        outside comments that mentions it, else line 1."""
        table, key = where
        line = (
            self.lines.get(where)
            or self.lines.get((table, ""))
            or self.lines.get((key, ""))
            or _mention(self.text, key or table)
        )
        self.problems.append(f"line {line}: {message}")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _mention(text: str, name: str) -> int:
    """The first line outside comments that contains `name` (1 if none does)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if name and name in line.split("#", 1)[0]:
            return number
    return 1


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """(table, key) -> 1-based line of each key, and (table, "") -> line of each [table] header."""
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER.match(line):
            table = header.group(1).replace(" ", "")
            lines.setdefault((table, ""), number)
        elif key := _KEY.match(line):
            lines.setdefault((table, key.group(1)), number)
    return lines
