"""The model portfolio as a table: the universe text's held assets as rows of cells, and back.

The Universe tab's table edits the `[[asset]]` entries; the file stays TOML. `draft_from_text`
reads the text into a `Draft` (even an invalid universe, as long as it is TOML the table can
show): the rows as typed (strings), the opening comment lines, and the signal tickers and themes
as written. `draft_to_text` writes a draft back in the layout of `universe.universe_to_toml`,
with the cell each line holds, so `cell_problems` can put every problem `universe_check` finds
on its cell. A cell keeps what was typed: a weight of "abc" is written as the string "abc",
which the check then reports on that cell. Comments other than the opening ones are not kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from desktop.advice.tables.toml_text import TomlTextError, load_toml
from desktop.advice.tables.universe import toml_string, toml_strings
from desktop.advice.tables.universe_check import Problem

COLUMNS = ("ticker", "name", "asset_class", "weight", "min_weight", "max_weight", "themes")
HEADERS = ("Ticker", "Name", "Class", "Model weight %", "Min %", "Max %", "Themes")
NUMBERS = ("weight", "min_weight", "max_weight")
NEW_ROW = ("", "", "us_equity", "0", "", "", "")
_FILE_ORDER = ("ticker", "name", "asset_class", "themes", "weight", "min_weight", "max_weight")
_OPTIONAL = ("min_weight", "max_weight")

Pairs = tuple[tuple[str, object], ...]  # a TOML table's keys and values, in the file's order


class DraftError(ValueError):
    """The text cannot be shown as a table; the message says what to fix in the text view."""


@dataclass(frozen=True, slots=True)
class Draft:
    """The universe text as the table edits it.

    rows: one tuple of cell texts per held asset, in COLUMNS order. header: the opening comment
    lines. signals, themes: the [[signal]] tables and the [themes.NAME] tables as written.
    """

    rows: tuple[tuple[str, ...], ...]
    header: str = ""
    signals: tuple[Pairs, ...] = ()
    themes: tuple[tuple[str, Pairs], ...] = ()

    def with_cell(self, row: int, column: int, text: str) -> Draft:
        cells = list(self.rows[row])
        cells[column] = text
        return replace(self, rows=(*self.rows[:row], tuple(cells), *self.rows[row + 1 :]))

    def with_new_row(self) -> Draft:
        return replace(self, rows=(*self.rows, NEW_ROW))

    def without_rows(self, rows: set[int]) -> Draft:
        return replace(self, rows=tuple(r for i, r in enumerate(self.rows) if i not in rows))

    def total_weight(self) -> float:
        """The sum of the model weights that are numbers, in percent."""
        return sum(
            n for row in self.rows if (n := _number(row[COLUMNS.index("weight")])) is not None
        )


def draft_from_text(text: str) -> Draft:
    """The table's view of universe TOML `text`; DraftError when the table cannot show it."""
    try:
        data = load_toml(text)
    except TomlTextError as exc:
        where = f"line {exc.line}: " if exc.line else ""
        raise DraftError(
            f"{where}{exc.message}. Fix it in the Text view to edit the table."
        ) from exc
    unknown = set(data) - {"asset", "signal", "themes"}
    if unknown:
        raise DraftError(
            f"the section {sorted(unknown)[0]!r} is not part of a universe; "
            "remove it in the Text view"
        )
    assets, signals, themes = data.get("asset", []), data.get("signal", []), data.get("themes", {})
    if (
        not _tables(assets)
        or not _tables(signals)
        or not isinstance(themes, dict)
        or not _tables(list(themes.values()))
    ):
        raise DraftError(
            "assets, signals and themes must be TOML tables; fix them in the Text view"
        )
    return Draft(
        rows=tuple(_row(i, asset) for i, asset in enumerate(assets)),
        header=_header(text),
        signals=tuple(_pairs(entry) for entry in signals),
        themes=tuple((name, _pairs(spec)) for name, spec in themes.items()),
    )


def draft_to_text(draft: Draft) -> tuple[str, dict[int, tuple[int, int | None]]]:
    """(TOML text, 1-based line -> (row, column) it holds; column None: the row's header)."""
    lines = [*draft.header.splitlines(), ""] if draft.header else []
    cells: dict[int, tuple[int, int | None]] = {}
    for r, row in enumerate(draft.rows):
        cells[len(lines) + 1] = (r, None)
        lines.append("[[asset]]")
        for key in _FILE_ORDER:
            column = COLUMNS.index(key)
            if key in _OPTIONAL and not row[column].strip():
                continue
            cells[len(lines) + 1] = (r, column)
            lines.append(f"{key} = {_cell_toml(key, row[column])}")
        lines.append("")
    for pairs in draft.signals:
        lines += ["[[signal]]", *(f"{key} = {_toml(value)}" for key, value in pairs), ""]
    for name, pairs in draft.themes:
        lines.append(f"[themes.{toml_string(name)}]")
        lines += [*(f"{key} = {_toml(value)}" for key, value in pairs), ""]
    return "\n".join(lines), cells


def cell_problems(
    problems: list[Problem], cells: dict[int, tuple[int, int | None]]
) -> dict[tuple[int, int], list[str]]:
    """(row, column) -> the messages of the problems on that cell's line."""
    found: dict[tuple[int, int], list[str]] = {}
    for problem in problems:
        row, column = cells.get(problem.line or 0, (None, None))
        if row is not None and column is not None:
            found.setdefault((row, column), []).append(problem.message)
    return found


def _tables(entries: object) -> bool:
    return isinstance(entries, list) and all(isinstance(e, dict) for e in entries)


def _row(index: int, asset: dict) -> tuple[str, ...]:
    unknown = set(asset) - set(COLUMNS)
    if unknown:
        label = asset.get("ticker", f"asset {index + 1}")
        raise DraftError(
            f"{label} has the key {sorted(unknown)[0]!r}, which the table has no column for; "
            "fix it in the Text view"
        )
    return tuple(_cell(asset.get(key, "")) for key in COLUMNS)


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(float(value))
        return text.removesuffix(".0")
    if isinstance(value, str):
        return value
    raise DraftError(f"the value {value!r} cannot be shown in the table; fix it in the Text view")


def _pairs(table: dict) -> Pairs:
    for value in table.values():
        _toml(value)  # raises DraftError for what the table could not write back
    return tuple(table.items())


def _cell_toml(key: str, text: str) -> str:
    """The TOML for a cell: a number when a number cell holds one, else the text as typed."""
    if key == "themes":
        return toml_strings(tuple(t.strip() for t in text.split(",") if t.strip()))
    number = _number(text) if key in NUMBERS else None
    return repr(number) if number is not None else toml_string(text)


def _number(text: str) -> float | None:
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, int | float):
        return repr(value)  # TOML spells nan and inf as Python does
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise DraftError(f"the value {value!r} cannot be kept by the table; edit the Text view instead")


def _header(text: str) -> str:
    """The comment lines that open `text` (blank lines between them kept, trailing ones not)."""
    opening = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        opening.append(line)
    return "\n".join(opening).strip("\n") + "\n" if any(opening) else ""
