"""The allocation table as a CSV file with its settings beside it, or as clipboard text.

Two files, so the table opens as a table everywhere (pandas.read_csv, a spreadsheet) and how it
was made is still recorded:
- FILE.csv: the header row first, then one row per held asset in universe order, then one row
  per current holding outside the universe (0 weights, reason "not in the model portfolio:
  sell"). No comment or metadata line.
- FILE.settings.json (`settings_path`): {"format": SETTINGS_FORMAT, "csv": "FILE.csv", then
  the table's header pairs (as_of, source, data_age, views, the settings, tracking_error_pct,
  expected_active_return_pct, answer: "optimal", "relaxed", ... as in allocator.Source) and,
  when a portfolio value or holdings were given, its cash pairs (portfolio_value_usd,
  invested_usd, cash_left_over_usd)}; every value is a string as shown on screen.

Columns: ticker, name, model_weight, suggested_weight, active_weight (percent, 2 decimals),
reason; then, with a value or holdings: price (last close, USD), value (target shares x price,
USD), shares (target, whole), trade_shares (buy > 0, sell < 0; fractional only when the current
holding is). Text cells go through `desktop.advice.csv_text` (kept on one line, with a leading '
wherever a spreadsheet would run a formula, also after leading spaces, quotes or control
characters); fields holding a comma or quote are quoted; numeric cells are written as plain
numbers.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

from desktop.advice.allocation_table import AllocationRow, AllocationTable, Position
from desktop.advice.csv_text import csv_rows, escape_text
from desktop.data.exports.atomic_file import NotRegularFileError, write_atomically

__all__ = [
    "ExportError",
    "csv_text",
    "escape_text",
    "settings_path",
    "settings_record",
    "write_csv",
]

SETTINGS_FORMAT = "Rotation Advisor allocation settings"


class ExportError(Exception):
    """The file could not be written; the message says why and what to do. Nothing was changed."""


def csv_text(table: AllocationTable) -> str:
    """The CSV file's text: the header row, then one row per asset (also the clipboard's)."""
    return csv_rows([table.columns, *(_cells(row, table.has_positions) for row in table.rows)])


def settings_path(path: Path | str) -> Path:
    """Where the settings of the CSV at `path` are written: allocation.csv ->
    allocation.settings.json (beside it, same stem)."""
    path = Path(path)
    return path.with_name(f"{path.stem}.settings.json")


def settings_record(table: AllocationTable, csv_name: str = "") -> dict[str, str]:
    """What the settings file holds (see the module docstring), in order."""
    record = {"format": SETTINGS_FORMAT, "csv": csv_name}
    record.update((key, _flat(value)) for key, value in (*table.header, *table.cash))
    return record


def write_csv(path: Path | str, table: AllocationTable) -> Path:
    """Write the CSV, then its settings file, each atomically (temp file in the same folder,
    fsync, os.replace); returns the settings file's path.

    On any failure the temp file is removed, the existing files are untouched, and ExportError
    explains what happened (disk full, permission denied, missing folder).
    """
    path = Path(path)
    sidecar = settings_path(path)
    try:
        write_atomically(path, csv_text(table))
    except OSError as exc:
        raise ExportError(_explain(exc, path)) from exc
    record = json.dumps(settings_record(table, path.name), indent=2, ensure_ascii=False)
    try:
        write_atomically(sidecar, record + "\n")
    except OSError as exc:
        raise ExportError(f"Wrote {path} but not its settings: {_explain(exc, sidecar)}") from exc
    return sidecar


def _cells(row: AllocationRow, with_positions: bool) -> list[str]:
    cells = [
        escape_text(row.ticker),
        escape_text(row.name),
        f"{row.model_weight:.2f}",
        f"{row.suggested_weight:.2f}",
        f"{row.active_weight:.2f}",
        escape_text(row.reason),
    ]
    if with_positions:
        p = row.position
        cells += ["", "", "", ""] if p is None else _position_cells(p)
    return cells


def _position_cells(p: Position) -> list[str]:
    return [f"{p.price:.2f}", f"{p.value:.2f}", str(int(p.shares)), _shares(p.trade_shares)]


def _shares(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6f}".rstrip("0")


def _flat(text: str) -> str:
    """One line, no tabs: for the settings record and tab-separated cells."""
    return " ".join(str(text).split())


def _explain(exc: OSError, path: Path) -> str:
    if isinstance(exc, NotRegularFileError):
        return f"{path} is {exc.what}, not a file: choose a file name; nothing was written."
    kept = "the existing file was left unchanged" if path.exists() else "nothing was written"
    if exc.errno == errno.ENOSPC:
        return (
            f"The disk is full: could not write {path}. "
            f"Free some space or choose another folder; {kept}."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Permission denied: cannot write {path}. Choose a folder you can write to; {kept}."
    if exc.errno == errno.ENOENT and not path.parent.exists():
        return f"The folder {path.parent} does not exist. Create it or choose another; {kept}."
    return f"Could not write {path}: {exc.strerror or exc}; {kept}."
