"""Current holdings from a CSV file (ticker, shares), for the trade list.

Accepted: a header row naming `ticker` and `shares` columns (any case, any order, other columns
ignored, e.g. a broker's export), or no header and the first two columns read as ticker, shares.
Blank lines and lines starting with # are skipped; a UTF-8 byte-order mark is tolerated.
Shares may be fractional (some brokers allow it) but must be finite, >= 0 and at most
MAX_SHARES (a larger count is a typo, or a value pasted into the shares column).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from desktop.data.exports.regular_file import require_regular_file

MAX_FILE_BYTES = 4 * 2**20
"""A holdings file is a few lines; one over 4 MB was picked by mistake."""
MAX_SHARES = 1e9
"""A billion shares of one fund: more than any one investor this app is for holds."""


class HoldingsError(ValueError):
    """The file cannot be used; the message names each bad line and what to fix."""


def read_holdings(path: Path | str) -> dict[str, float]:
    """Ticker (upper case) -> shares. Raises HoldingsError listing every problem by line."""
    path = Path(path)
    rows = _rows(path, _read_text(path))
    columns, rows = _columns(rows) if rows else ((0, 1), [])
    if not rows:
        raise HoldingsError(f"{path} has no holdings: write one 'ticker,shares' line per position.")
    holdings: dict[str, float] = {}
    seen: dict[str, int] = {}
    problems = []
    for number, row in rows:
        problem = _add(row, columns, number, holdings, seen)
        if problem:
            problems.append(f"line {number}: {problem}")
    if problems:
        raise HoldingsError(f"{path} has {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return holdings


def _read_text(path: Path) -> str:
    try:
        require_regular_file(path)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise HoldingsError(
                f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB: not a holdings file "
                "(one 'ticker,shares' line per position)."
            )
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise HoldingsError(f"Could not read the holdings file {path}: {exc}") from exc


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of the lines that are neither blank nor # comments."""
    try:
        return [
            (number, row)
            for number, row in enumerate(csv.reader(text.splitlines()), start=1)
            if any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")
        ]
    except csv.Error as exc:
        raise HoldingsError(f"{path} is not a 'ticker,shares' CSV file: {exc}.") from exc


def _columns(rows: list[tuple[int, list[str]]]) -> tuple[tuple[int, int], list]:
    """(ticker column, shares column) and the data rows, with the header row removed if any."""
    header = [cell.strip().lower() for cell in rows[0][1]]
    if "ticker" in header and "shares" in header:
        return (header.index("ticker"), header.index("shares")), rows[1:]
    return (0, 1), rows


def _add(row, columns, number, holdings, seen) -> str | None:
    """Parse one row into `holdings`; return the problem in words, or None."""
    ticker_col, shares_col = columns
    if len(row) <= max(columns):
        return "needs a ticker and a number of shares, e.g. IWM,120"
    ticker, raw = row[ticker_col].strip().upper(), row[shares_col].strip()
    if not ticker:
        return "the ticker is empty"
    if not ticker.isprintable():
        return f"the ticker {ticker!r} holds control characters"
    if ticker in seen:
        return f"{ticker} is listed twice (also on line {seen[ticker]}); keep one line per ticker"
    seen[ticker] = number
    try:
        shares = float(raw)
    except ValueError:
        return f"shares for {ticker} must be a number, got {raw!r}"
    if not math.isfinite(shares) or shares < 0:
        return f"shares for {ticker} must be a number >= 0, got {raw!r}"
    if shares > MAX_SHARES:
        return f"{raw} shares of {ticker} is more than {MAX_SHARES:,.0f}: check the number"
    holdings[ticker] = shares
    return None
