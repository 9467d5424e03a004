"""The allocation table as a CSV file (the `allocate` command and File > Export) or clipboard text.

CSV layout:
- line 1: `# Rotation Advisor allocation; as_of=...; source=...; views=...; <settings>; ...`:
  key=value pairs separated by "; " (the settings, then tracking_error_pct,
  expected_active_return_pct and answer: "optimal", "relaxed", ... as in allocator.Source);
- line 2, only when a portfolio value or holdings were given: `# portfolio_value_usd=...;
  invested_usd=...; cash_left_over_usd=...` (cash the whole-share targets leave unspent);
- the header row, then one row per held asset in universe order, then one row per current
  holding outside the universe (0 weights, reason "not in the model portfolio: sell").

Columns: ticker, name, model_weight, suggested_weight, active_weight (percent, 2 decimals),
reason; then, with a value or holdings: price (last close, USD), value (target shares x price,
USD), shares (target, whole), trade_shares (buy > 0, sell < 0; fractional only when the current
holding is). Text cells starting with = + - @ tab or CR get a leading ' so a spreadsheet shows
them as text instead of running them as formulas; numeric cells are written as plain numbers.
"""

from __future__ import annotations

import csv
import errno
import io
from collections.abc import Sequence
from pathlib import Path

from desktop.advice.allocation_table import AllocationRow, AllocationTable, Position
from desktop.data.atomic_file import write_atomically

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """The file could not be written; the message says why and what to do. Nothing was changed."""


def csv_text(table: AllocationTable) -> str:
    """The whole CSV file as text (comment lines, header row, one row per asset)."""
    out = io.StringIO()
    out.write(_comment(table.header, "Rotation Advisor allocation"))
    if table.cash:
        out.write(_comment(table.cash))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(_cells(row, table.has_positions) for row in table.rows)
    return out.getvalue()


def write_csv(path: Path | str, table: AllocationTable) -> None:
    """Write the CSV atomically: temp file in the same folder, fsync, then os.replace.

    On any failure the temp file is removed, the existing file at `path` is untouched, and
    ExportError explains what happened (disk full, permission denied, missing folder).
    """
    path = Path(path)
    try:
        write_atomically(path, csv_text(table))
    except OSError as exc:
        raise ExportError(_explain(exc, path)) from exc


def escape_text(text: str) -> str:
    """Prefix a ' to text a spreadsheet would read as a formula (= + - @ tab CR first)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


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


def _comment(pairs: Sequence[tuple[str, str]], title: str = "") -> str:
    parts = ([title] if title else []) + [f"{key}={_flat(value)}" for key, value in pairs]
    return "# " + "; ".join(parts) + "\n"


def _flat(text: str) -> str:
    """One line, no tabs: for comment lines and tab-separated cells."""
    return " ".join(str(text).split())


def _explain(exc: OSError, path: Path) -> str:
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
