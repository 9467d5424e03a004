"""TOML text of a user file (universe, tilt table), parsed with limits: never a crash.

tomllib recurses once per level of nested arrays or inline tables, so a value nested a few
hundred levels deep raises RecursionError, and a huge file takes long to read for nothing. Both
loaders therefore go through `load_toml`, which refuses text over MAX_TOML_CHARS or nested over
MAX_NESTING levels, and turns every syntax error into a TomlTextError with its line.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

MAX_TOML_CHARS = 256 * 1024
"""The bundled universe and tilt table are about 10 kB; a file 25 times larger is not one."""
MAX_NESTING = 16
"""Levels of nested arrays and inline tables; the app's files use two."""

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_SPECIAL = re.compile(r"[#\"'\[\]{}]")


class TomlTextError(ValueError):
    """TOML the app will not read; `line` is 1-based, `message` says what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


def load_toml(text: str) -> dict[str, Any]:
    """The parsed document; raises TomlTextError (too long, too deeply nested, bad syntax)."""
    if len(text) > MAX_TOML_CHARS:
        line = text.count("\n", 0, MAX_TOML_CHARS) + 1
        raise TomlTextError(
            line, f"the file is longer than {MAX_TOML_CHARS // 1024} kB from here on: not a "
            "universe or tilt table (did you pick the wrong file?)",
        )  # fmt: skip
    deep = _too_deep(text)
    if deep is not None:
        raise TomlTextError(deep, f"values nested more than {MAX_NESTING} levels deep")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text) from None
    except RecursionError:
        raise TomlTextError(1, "values nested too deeply to read") from None


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str) -> TomlTextError:
    message = str(exc)
    found = _POSITION.search(message)
    if found is None:  # "at end of document"
        return TomlTextError(text.count("\n") + 1, f"TOML syntax error: {message}")
    reason = message[: found.start()].strip()
    line, column = int(found.group(1)), found.group(2)
    return TomlTextError(line, f"TOML syntax error at column {column}: {reason}")


def _too_deep(text: str) -> int | None:
    """The line where brackets and braces (outside strings and comments) first open more than
    MAX_NESTING levels, or None. Table headers such as [[asset]] count as they open, which
    never reaches the limit. Strings are skipped well enough for counting: a quote opens a
    string that ends at the same quote (or, for triple quotes, the same triple)."""
    depth, i, n = 0, 0, len(text)
    while (found := _SPECIAL.search(text, i)) is not None:
        i, char = found.start(), found.group()
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i = _string_end(text, i + len(quote), quote)
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return text.count("\n", 0, i) + 1
            i += 1
        else:
            depth = max(0, depth - 1)
            i += 1
    return None


def _string_end(text: str, start: int, quote: str) -> int:
    """Index just past the closing `quote` (backslash escapes honoured in basic strings)."""
    i = start
    while True:
        end = text.find(quote, i)
        if end < 0:
            return len(text)
        if quote[0] == '"' and _escaped(text, end):
            i = end + 1
            continue
        return end + len(quote)


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
