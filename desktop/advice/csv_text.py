"""CSV text for exports and the clipboard that a spreadsheet reads as data, never as formulas.

Pure text: the data wing writes it to files (`desktop.data.exports.allocation_csv`,
`history_export`),
the window puts it on the clipboard.

Two rules, following OWASP's CSV-injection guidance, for text cells (`escape_text`):
- one line: line breaks (CR, LF and the other Unicode line boundaries) become spaces. A break
  inside a cell is where a careless reader starts a new row, and from there on every quote of
  the row flips between inside and outside, so no escaping of the rest could be trusted;
- the formula guard: text whose first character after any whitespace, quotes or control
  characters is = + - or @ (or that starts with a tab) gets a leading ', so the cell shows as
  text instead of being run.
Fields are quoted (`csv_field`) when they hold a comma, a quote, a CR or an LF (Python's csv
module leaves a lone CR unquoted when rows end in LF). Numbers the app formats itself are
written as they are, so they stay numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def escape_text(text: str) -> str:
    """`text` on one line, with a ' in front if a spreadsheet would run it as a formula."""
    line = " ".join(str(text).splitlines())
    if line.startswith("\t"):
        return "'" + line
    start = 0
    while start < len(line) and (line[start] in ' "' or _skipped(line[start])):
        start += 1
    return "'" + line if line[start:].startswith(_FORMULA_STARTS) else line


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
    """One cell of tab-separated clipboard text: as `escape_text`, with tabs as spaces too."""
    return escape_text(str(text).replace("\t", " "))
