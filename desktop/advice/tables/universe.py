"""The universe: held assets with their model weights, signal-only tickers and tilt themes.

The bundled default lives in `resources/universe.toml`; the user edits a copy in the data folder,
made on first use and never overwritten. Every load and save goes through
`desktop.advice.tables.universe_check`, so a bad file is refused with a message naming its line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from desktop.advice.tables.universe_check import Problem, check_universe_text


@dataclass(frozen=True, slots=True)
class Asset:
    """A held asset. `weight` is its model-portfolio weight in percent (0..100);
    `min_weight` <= weight <= `max_weight` bound what the suggestion may give it, in percent."""

    ticker: str
    name: str
    asset_class: str
    themes: tuple[str, ...]
    weight: float
    min_weight: float = 0.0
    max_weight: float = 100.0

    @property
    def bounded(self) -> bool:
        """True when the asset has bounds narrower than 0-100 %."""
        return (self.min_weight, self.max_weight) != (0.0, 100.0)


@dataclass(frozen=True, slots=True)
class SignalTicker:
    """A ticker the signals read but the portfolio never holds."""

    ticker: str
    name: str


@dataclass(frozen=True, slots=True)
class Theme:
    """A tilt theme: a positive view buys the assets listing it and sells `funded_by`."""

    name: str
    label: str
    funded_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Universe:
    """Held assets (in file order), signal-only tickers and themes. Hashable, immutable."""

    assets: tuple[Asset, ...]
    signal_tickers: tuple[SignalTicker, ...]
    themes: tuple[Theme, ...]

    @property
    def held_tickers(self) -> tuple[str, ...]:
        return tuple(a.ticker for a in self.assets)

    @property
    def all_tickers(self) -> tuple[str, ...]:
        """Held tickers then signal-only tickers: every price series the app needs."""
        return self.held_tickers + tuple(s.ticker for s in self.signal_tickers)

    @property
    def theme_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.themes)

    def asset_bounds(self) -> dict[str, tuple[float, float]]:
        """ticker -> (min, max) weight as decimals, for the assets with bounds narrower than
        0-100 % (the allocator's `Settings.asset_bounds`)."""
        return {
            a.ticker: (a.min_weight / 100, a.max_weight / 100) for a in self.assets if a.bounded
        }

    def model_weights(self) -> pd.Series:
        """Model weights as decimals (sum 1.0), indexed by held ticker in file order."""
        weights = pd.Series([a.weight for a in self.assets], index=list(self.held_tickers))
        return (weights / 100.0).rename("model_weight")

    def asset(self, ticker: str) -> Asset:
        for asset in self.assets:
            if asset.ticker == ticker:
                return asset
        raise KeyError(f"{ticker} is not a held asset of this universe")

    def theme(self, name: str) -> Theme:
        for theme in self.themes:
            if theme.name == name:
                return theme
        raise KeyError(f"theme {name!r} is not defined; defined: {', '.join(self.theme_names)}")

    def theme_buys(self, name: str) -> tuple[str, ...]:
        """Held tickers a positive view on theme `name` buys (those listing it in `themes`)."""
        self.theme(name)
        return tuple(a.ticker for a in self.assets if name in a.themes)

    def theme_funds(self, name: str) -> tuple[str, ...]:
        """Held tickers sold to pay for a positive view on theme `name`."""
        return self.theme(name).funded_by


class UniverseError(ValueError):
    """A universe file or text that cannot be used; `problems` say where and what to do."""

    def __init__(self, source: str | Path, problems: list[Problem], action: str) -> None:
        self.source = str(source)
        self.problems = list(problems)
        lines = [f"{self.source}: {p}" for p in self.problems]
        super().__init__("\n".join([*lines, action]))


def parse_universe_text(
    text: str, source: str | Path = "<text>", action: str = "Fix the universe text."
) -> Universe:
    """Validate TOML text and build the `Universe`; raise `UniverseError` if it has problems."""
    data, problems = check_universe_text(text)
    if problems:
        raise UniverseError(source, problems, action)
    return _build(data)


def validate_universe_text(text: str) -> list[Problem]:
    """Every problem in `text` with its 1-based line (None for whole-file problems)."""
    return check_universe_text(text)[1]


HEADER = "# Rotation Advisor universe: held assets (weights in %, sum 100), signals, themes.\n"


def universe_to_toml(universe: Universe, header: str = HEADER) -> str:
    """The universe as TOML in the bundled file's layout; `header` (comment lines, each
    starting with '#') opens the file, other comments are not preserved."""
    out = [*header.splitlines(), ""] if header else []
    for a in universe.assets:
        out += ["[[asset]]", f"ticker = {toml_string(a.ticker)}", f"name = {toml_string(a.name)}"]
        out += [f"asset_class = {toml_string(a.asset_class)}", f"themes = {toml_strings(a.themes)}"]
        out += [f"weight = {a.weight!r}"]
        out += [f"min_weight = {a.min_weight!r}"] * (a.min_weight != 0.0)
        out += [f"max_weight = {a.max_weight!r}", ""] if a.max_weight != 100.0 else [""]
    for s in universe.signal_tickers:
        out += [
            "[[signal]]",
            f"ticker = {toml_string(s.ticker)}",
            f"name = {toml_string(s.name)}",
            "",
        ]
    for t in universe.themes:
        out += [f"[themes.{toml_string(t.name)}]", f"label = {toml_string(t.label)}"]
        out += [f"funded_by = {toml_strings(t.funded_by)}", ""]
    return "\n".join(out)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string."""
    # A JSON string literal is a valid TOML basic string (same escapes, \uXXXX included).
    return json.dumps(text, ensure_ascii=False)


def toml_strings(items: tuple[str, ...]) -> str:
    """`items` as a TOML array of strings."""
    return "[" + ", ".join(toml_string(i) for i in items) + "]"


def _build(data: dict) -> Universe:
    assets = tuple(
        Asset(
            ticker=a["ticker"],
            name=a["name"],
            asset_class=a["asset_class"],
            themes=tuple(a.get("themes", ())),
            weight=float(a["weight"]),
            min_weight=float(a.get("min_weight", 0.0)),
            max_weight=float(a.get("max_weight", 100.0)),
        )
        for a in data["asset"]
    )
    signals = tuple(SignalTicker(s["ticker"], s["name"]) for s in data.get("signal", ()))
    themes = tuple(
        Theme(name, spec.get("label", name), tuple(spec["funded_by"]))
        for name, spec in data.get("themes", {}).items()
    )
    return Universe(assets=assets, signal_tickers=signals, themes=themes)
