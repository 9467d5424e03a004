"""Validation of universe TOML text: every problem, with the line a person should fix.

tomllib keeps no positions, so `universe_lines.LineIndex` scans the text once and maps each
table (`[[asset]]` number i, `[[signal]]` number i, `[themes.X]`) and each key in it to its line.

Ticker rule ("known tickers"): a ticker is accepted if it is in the bundled default universe or
is written the way Yahoo Finance writes symbols: capitals and digits, optionally led by `^`
(an index) and joined by `.`, `-` or `=` (SPY, BRK-B, BRK.B, ^TNX, BTC-USD, EURUSD=X, 7203.T).
Every bundled ticker has that form, so the rule is the pattern alone. Whether a symbol exists
cannot be checked offline: a well-formed unknown symbol is accepted and shows as missing data
until it is imported or refreshed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from desktop.advice.tables.toml_text import TomlTextError, load_toml
from desktop.advice.tables.universe_lines import LineIndex

ASSET_CLASSES = ("us_equity", "intl_equity", "bonds", "cash", "commodities", "real_estate", "other")
TICKER_PATTERN = re.compile(r"\^?[A-Z0-9]+(?:[.=-][A-Z0-9]+)*")
MAX_TICKER_LENGTH = 20
WEIGHT_TOLERANCE = 0.01
"""How far (percent points) the model weights may sum from 100."""

_ASSET_KEYS = ("ticker", "name", "asset_class", "themes", "weight", "min_weight", "max_weight")
BOUNDS = {"min_weight": 0.0, "max_weight": 100.0}  # an asset's optional weight bounds, percent
_SIGNAL_KEYS = ("ticker", "name")
_THEME_KEYS = ("label", "funded_by")
_SECTIONS = ("asset", "signal", "themes")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a universe: 1-based `line` (None: the whole file) and what to do."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


def is_known_ticker(ticker: str) -> bool:
    """True if `ticker` follows the documented ticker rule (see the module docstring)."""
    return len(ticker) <= MAX_TICKER_LENGTH and TICKER_PATTERN.fullmatch(ticker) is not None


def check_universe_text(text: str) -> tuple[dict, list[Problem]]:
    """Parse and validate; return the parsed TOML (usable only if no problems) and problems."""
    try:
        data = load_toml(text)
    except TomlTextError as exc:
        return {}, [Problem(exc.line, exc.message)]
    checker = _Checker(LineIndex(text))
    checker.check(data)
    return data, checker.problems


def _label(entry: dict, kind: str, ident: object) -> str:
    """How a message names an entry: its ticker, else its position or theme name."""
    if kind == "theme":
        return f"theme {ident!r}"
    ticker = entry.get("ticker")
    if isinstance(ticker, str) and ticker.strip():
        return ticker
    return f"{kind} entry {ident + 1}" if isinstance(ident, int) else f"{kind} entry {ident}"


class _Checker:
    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.problems: list[Problem] = []
        self._seen: dict[str, int | None] = {}

    def add(self, line: int | None, message: str) -> None:
        """Record a problem at `line`; one the index cannot place (a key written in a form it
        does not scan, such as a dotted key) is put on line 1 rather than on no line."""
        self.problems.append(Problem(line or 1, message))

    def check(self, data: dict) -> None:
        for name in data:
            if name not in _SECTIONS:
                self.add(
                    self.lines.top.get(name),
                    f"unknown section {name!r}: a universe has only [[asset]], [[signal]] and "
                    "[themes.NAME] tables; rename or remove it",
                )
        assets = self._entries(data, "asset")
        if assets is None:
            assets = []
        elif not assets:
            self.add(
                self.lines.top.get("asset"), "no [[asset]] entries: add at least one held asset"
            )
        held = [self._asset(i, a) for i, a in enumerate(assets)]
        for i, entry in enumerate(self._entries(data, "signal") or []):
            self._keys(entry, "signal", i, _SIGNAL_KEYS)
            self._ticker(entry, "signal", i)
            self._text(entry, "signal", i, "name")
        themes = data.get("themes", {})
        if not isinstance(themes, dict):
            self.add(self.lines.top.get("themes"), "themes must be tables: [themes.NAME]")
            themes = {}
        self._themes(themes, assets)
        weights = [w for w in held if w is not None]
        if assets and len(weights) == len(held):
            self._weight_sum(sum(weights))

    def _entries(self, data: dict, kind: str) -> list[dict] | None:
        """The [[kind]] tables, or None (and a problem) if `kind` is not an array of tables."""
        entries = data.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.add(self.lines.top.get(kind), f"{kind} entries must be [[{kind}]] tables")
            return None
        return entries

    def _asset(self, i: int, entry: dict) -> float | None:
        self._keys(entry, "asset", i, _ASSET_KEYS)
        self._ticker(entry, "asset", i)
        self._text(entry, "asset", i, "name")
        asset_class = self._text(entry, "asset", i, "asset_class")
        if asset_class is not None and asset_class not in ASSET_CLASSES:
            self.add(
                self.lines.line("asset", i, "asset_class"),
                f"{_label(entry, 'asset', i)}: asset_class {asset_class!r} is not one of "
                f"{', '.join(ASSET_CLASSES)}",
            )
        self._names(entry, "asset", i, "themes", required=False)
        weight = self._weight(entry, i)
        self._bounds(entry, i, weight)
        return weight

    def _weight(self, entry: dict, i: int) -> float | None:
        ticker = _label(entry, "asset", i)
        line = self.lines.line("asset", i, "weight")
        weight = entry.get("weight")
        if weight is None:
            self.add(line, f"{ticker}: weight is missing; add weight = <percent>")
            return None
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            self.add(line, f"{ticker}: weight must be a number of percent, e.g. weight = 5.0")
            return None
        if not math.isfinite(weight) or weight < 0:
            self.add(line, f"{ticker}: weight {weight} is not allowed; use 0 or more percent")
            return None
        return float(weight)

    def _bounds(self, entry: dict, i: int, weight: float | None) -> None:
        """min_weight <= weight <= max_weight, each a percent: at views of zero the suggestion
        is the model portfolio, so an asset's bounds must hold its model weight."""
        ticker = _label(entry, "asset", i)
        low, high = (self._percent(entry, i, key) for key in BOUNDS)
        if low is None or high is None:
            return
        line = self.lines.line("asset", i, "min_weight" if "min_weight" in entry else "max_weight")
        if low > high:
            self.add(line, f"{ticker}: min_weight {low:g} % is above max_weight {high:g} %")
        elif weight is not None and not low <= weight <= high:
            key = "min_weight" if weight < low else "max_weight"
            self.add(
                self.lines.line("asset", i, key),
                f"{ticker}: the model weight {weight:g} % is outside its bounds "
                f"{low:g}-{high:g} %; widen the bounds or change the weight",
            )

    def _percent(self, entry: dict, i: int, key: str) -> float | None:
        value = entry.get(key, BOUNDS[key])
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not math.isfinite(value) or not 0 <= value <= 100:
            self.add(
                self.lines.line("asset", i, key),
                f"{_label(entry, 'asset', i)}: {key} must be a percent from 0 to 100, "
                f"e.g. {key} = {BOUNDS[key]:g}",
            )
            return None
        return float(value)

    def _weight_sum(self, total: float) -> None:
        if abs(total - 100.0) > WEIGHT_TOLERANCE:
            self.add(
                self.lines.top.get("asset"),
                f"the model weights sum to {total:.2f} %, not 100 %; "
                "change the [[asset]] weights so they add up to 100",
            )

    def _keys(self, entry: dict, kind: str, ident: object, allowed: tuple[str, ...]) -> None:
        for key in entry:
            if key not in allowed:
                self.add(
                    self.lines.line(kind, ident, key),
                    f"unknown key {key!r} in a {kind} entry; allowed keys: {', '.join(allowed)}",
                )

    def _text(self, entry: dict, kind: str, ident: object, key: str) -> str | None:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value
        what = "is missing" if value is None else "must be non-empty text"
        self.add(self.lines.line(kind, ident, key), f"{_label(entry, kind, ident)}: {key} {what}")
        return None

    def _ticker(self, entry: dict, kind: str, i: int) -> str | None:
        ticker = self._text(entry, kind, i, "ticker")
        if ticker is None:
            return None
        line = self.lines.line(kind, i, "ticker")
        if not is_known_ticker(ticker):
            hint = ticker.strip().upper()
            suggestion = f"; did you mean {hint!r}?" if is_known_ticker(hint) else ""
            self.add(
                line,
                f"ticker {ticker!r} is not a valid symbol: write it as Yahoo Finance does, in "
                f"capitals, e.g. SPY, BRK-B, ^TNX, BTC-USD{suggestion}",
            )
        elif ticker in self._seen:
            first = self._seen[ticker]
            where = f" (first on line {first})" if first else ""
            self.add(line, f"{ticker} is listed twice{where}; remove one of them")
        else:
            self._seen[ticker] = line
        return ticker

    def _names(
        self, entry: dict, kind: str, ident: object, key: str, *, required: bool
    ) -> list[str]:
        line = self.lines.line(kind, ident, key)
        value = entry.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            example = '["SPY"]' if key == "funded_by" else '["small_caps"]'
            label = _label(entry, kind, ident)
            self.add(line, f"{label}: {key} must be a list of names, e.g. {key} = {example}")
            return []
        for name in {v for v in value if value.count(v) > 1}:
            self.add(line, f"{_label(entry, kind, ident)}: {key} lists {name!r} twice; keep one")
        return value

    def _themes(self, themes: dict, assets: list[dict]) -> None:
        held = {_ticker_of(a) for a in assets} - {None}
        for name, spec in themes.items():
            if not isinstance(spec, dict):
                self.add(self.lines.line("theme", name), f"theme {name!r} must be a table")
                continue
            self._keys(spec, "theme", name, _THEME_KEYS)
            if "label" in spec:
                self._text(spec, "theme", name, "label")
            buys = {_ticker_of(a) for a in assets if name in _listed_themes(a)}
            line = self.lines.line("theme", name, "funded_by")
            for ticker in self._names(spec, "theme", name, "funded_by", required=True):
                if ticker not in held:
                    self.add(
                        line,
                        f"theme {name!r} is funded by {ticker}, which is not a held asset; "
                        "add it as an [[asset]] or remove it from funded_by",
                    )
                elif ticker in buys:
                    self.add(line, f"theme {name!r} both buys and is funded by {ticker}")
        for i, asset in enumerate(assets):
            for theme in _listed_themes(asset):
                if theme not in themes:
                    self.add(
                        self.lines.line("asset", i, "themes"),
                        f"{_label(asset, 'asset', i)} lists theme {theme!r}, which is not "
                        f"defined; add [themes.{theme}] or use one of: {', '.join(themes)}",
                    )


def _ticker_of(entry: dict) -> str | None:
    ticker = entry.get("ticker")
    return ticker if isinstance(ticker, str) else None


def _listed_themes(asset: dict) -> list[str]:
    """The theme names an asset lists (malformed entries are reported by `_names`)."""
    themes = asset.get("themes")
    return [t for t in themes if isinstance(t, str)] if isinstance(themes, list) else []
