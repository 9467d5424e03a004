"""Text for the terminal, where names and messages from the user's files are shown, not obeyed.

A ticker, file name or cell read from an imported file can hold escape sequences (ESC [2J clears
the screen, others retitle the window or move the cursor) or a bare CR that overwrites the line.
Every command prints such text through `printable`, which shows each control character as its
Python escape (\\x1b) and keeps line breaks.
"""

from __future__ import annotations


def printable(text: object) -> str:
    """`text` with every control or otherwise unprintable character but LF shown escaped."""
    return "".join(c if c.isprintable() or c == "\n" else _escaped(c) for c in str(text))


def _escaped(char: str) -> str:
    return repr(char)[1:-1]
