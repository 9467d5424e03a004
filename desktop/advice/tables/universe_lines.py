"""Line numbers of the tables and keys of universe TOML text, for messages that name a line.

tomllib keeps no positions, so `LineIndex` scans the text once and maps each table
(`[[asset]]` number i, `[[signal]]` number i, `[themes.X]`) and each key in it to its 1-based
line. Used by `desktop.advice.tables.universe_check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Table:
    header: int
    keys: dict[str, int] = field(default_factory=dict)


class LineIndex:
    """Line numbers of tables and keys, keyed like ("asset", 0), ("signal", 3), ("theme", X)."""

    _ARRAY = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
    _TABLE = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]")
    _KEY = re.compile(r'\s*("[^"]*"|[A-Za-z0-9_-]+)\s*=')

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, object], Table] = {}
        self.top: dict[str, int] = {}
        counts: dict[str, int] = {}
        current: Table | None = None
        in_themes_root = False
        for number, line in enumerate(text.splitlines(), start=1):
            if found := self._ARRAY.match(line):
                name = found.group(1)
                self.top.setdefault(name, number)
                index = counts.get(name, 0)
                counts[name] = index + 1
                current = self.tables.setdefault((name, index), Table(number))
                in_themes_root = False
            elif found := self._TABLE.match(line):
                parts = [p.strip().strip('"') for p in found.group(1).split(".")]
                self.top.setdefault(parts[0], number)
                in_themes_root = parts == ["themes"]
                table = ("theme", parts[1]) if parts[0] == "themes" and len(parts) > 1 else None
                current = self.tables.setdefault(table, Table(number)) if table else None
            elif found := self._KEY.match(line):
                key = found.group(1).strip('"')
                if in_themes_root:
                    self.tables.setdefault(("theme", key), Table(number))
                elif current is not None:
                    current.keys.setdefault(key, number)
                else:
                    self.top.setdefault(key, number)

    def line(self, kind: str, ident: object, key: str | None = None) -> int | None:
        table = self.tables.get((kind, ident))
        if table is None:
            return self.top.get("themes" if kind == "theme" else kind)
        return table.keys.get(key, table.header) if key else table.header
