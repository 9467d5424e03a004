"""CSV text for exports and the clipboard that a spreadsheet reads as data, never as formulas.

Pure text: the data wing writes it to files (`desktop.data.allocation_csv`, `history_export`),
the window puts it on the clipboard.

Two rules, following OWASP's CSV-injection guidance:
- quoting: every field holding a comma, a quote, a CR or an LF is quoted (Python's csv module
  leaves a lone CR unquoted when rows end in LF, and a spreadsheet then starts a new row there);
- the formula guard (`escape_text`, for text cells only): text whose first character after any
  whitespace, quotes or control characters is = + - or @ (or that starts with a tab or CR) gets
  a leading ', so the cell shows as text. In a text with line breaks every piece between breaks
  and commas is guarded the same way, since some programs split rows at a break even inside
  quotes, and then cells at the commas.
Numbers the app formats itself are written as they are, so they stay numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_LINE_BREAK = re.compile(r"[\r\n]")
_PIECES = re.compile(r"(\r\n|\r|\n|,)")


def escape_text(text: str) -> str:
    """`text` with a ' before every piece that a spreadsheet would run as a formula: the whole
    text, or in a text with line breaks each piece between line breaks and commas (a program
    that splits rows at a break inside quotes then splits those pieces into cells)."""
    text = str(text)
    parts = _PIECES.split(text) if _LINE_BREAK.search(text) else [text]
    guarded = "".join(part if i % 2 else _guard(part) for i, part in enumerate(parts))
    return "'" + guarded if text.startswith("\r") else guarded


def _guard(piece: str) -> str:
    if piece.startswith("\t"):
        return "'" + piece
    start = 0
    while start < len(piece) and (piece[start] in ' "' or _skipped(piece[start])):
        start += 1
    return "'" + piece if piece[start:].startswith(_FORMULA_STARTS) else piece


def _skipped(char: str) -> bool:
    """Characters a spreadsheet passes over before deciding a cell is a formula."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def csv_field(cell: object) -> str:
    """One field, quoted (quotes doubled) when it holds a comma, quote, CR or LF."""
    text = str(cell)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(text) else text


def csv_rows(rows: Iterable[Sequence[object]]) -> str:
    """Rows as CSV text, each ending in LF (a row of one empty field is written "" so that it
    is not read back as a blank line)."""
    lines = (",".join(csv_field(cell) for cell in row) or '""' for row in rows)
    return "".join(line + "\n" for line in lines)


def tsv_field(text: str) -> str:
    """One cell of tab-separated clipboard text: tabs and line breaks become spaces (TSV cannot
    quote them), then the formula guard applies."""
    return escape_text(" ".join(str(text).replace("\t", " ").splitlines()))
