"""The whole-database check behind `reset-db`, and the reset itself.

Opening a database reads only its first pages, so damage further in (a bad page, random bytes in
a stored value) shows only when that part is read. `find_damage` looks at everything: SQLite's
own `integrity_check`, every stored row against the rules of `desktop.data.market.plausible` (one
SQL
test per table) and every packed close array through the checked reader the commands use.
`reset_database` acts on what it finds:
- nothing wrong: nothing changes;
- only the packed closes are wrong (a copy derived from the prices table): they are rebuilt from
  the prices, and nothing is lost;
- some rows are wrong but the file is sound: a copy of the file is kept as
  <name>.corrupt-<timestamp>, then those rows are deleted and the packed closes rebuilt;
- anything else (damaged pages, not a database, a newer schema): the file is moved aside as
  <name>.corrupt-<timestamp> (kept, never deleted) and an empty database takes its place.
Problems of the location (read-only, locked, full, a folder) are raised as their typed errors
and change nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.data.market.db_errors import (
    CorruptDatabaseError,
    NewerDatabaseError,
    StoredValueError,
    translated_errors,
)
from desktop.data.market.opening import open_database
from desktop.data.market.plausible import (
    EARLIEST_DATE,
    MAX_MACRO,
    MAX_PRICE,
    MAX_VOLUME,
    latest_date,
)
from desktop.data.market.schema import aside_name, move_aside
from desktop.data.market.tables import load_close_columns, rebuild_close_columns

_SHOWN_PROBLEMS = 3
_DATE_OK = (
    "({c} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date({c}) = {c} "
    "AND {c} BETWEEN :earliest AND :latest)"
)
_NUMBER_OK = "(typeof({c}) IN ('real', 'integer', 'null') AND abs(coalesce({c}, 0)) <= {limit})"
_BAD_ROWS = {
    "prices": " AND ".join(
        [
            _DATE_OK.format(c="date"),
            *(_NUMBER_OK.format(c=c, limit=MAX_PRICE) for c in ("close", "open", "high", "low")),
            _NUMBER_OK.format(c="volume", limit=MAX_VOLUME),
            "typeof(source_id) = 'integer'",
        ]
    ),
    "macro_releases": " AND ".join(
        [_DATE_OK.format(c="date")]
        + [_NUMBER_OK.format(c=c, limit=MAX_MACRO) for c in ("actual", "consensus")]
    ),
    "quality_flags": _DATE_OK.format(c="date"),
}


@dataclass(frozen=True, slots=True)
class Damage:
    """What `find_damage` found, in words. kind: "packed" (only the packed closes, rebuilt from
    the prices), "rows" (bad rows in a sound file: `bad_rows` counts them per table) or
    "file" (damaged pages)."""

    kind: str
    problem: str
    bad_rows: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ResetOutcome:
    """kind: "missing" (no file), "fine", "rebuilt", "repaired" or "moved"; `kept`: the copy
    or moved file for "repaired" and "moved"; `problem`: what was wrong ("" when nothing)."""

    kind: str
    kept: Path | None = None
    problem: str = ""


def find_damage(db: Any, path: str | Path) -> Damage | None:
    """Look at the whole database `db` (a sqlite-utils Database opened on `path`); None if sound.

    Raises the typed errors of the location (locked, I/O) as they come.
    """
    try:
        with translated_errors(path):
            _integrity(db)
            bad = _bad_rows(db)
    except CorruptDatabaseError as exc:
        return Damage("file", exc.reason)
    if bad:
        listed = ", ".join(f"{n} in {table}" for table, n in bad)
        return Damage("rows", f"rows that cannot be what the app wrote: {listed}", bad)
    try:
        with translated_errors(path):
            load_close_columns(db, None, None, None)
    except CorruptDatabaseError as exc:
        return Damage("packed", exc.reason)
    return None


def reset_database(path: Path) -> ResetOutcome:
    """Check the database at `path` and repair or replace it (see the module docstring)."""
    if not path.exists():
        return ResetOutcome("missing")
    try:
        db = open_database(path)
    except (CorruptDatabaseError, NewerDatabaseError) as exc:
        return _replace(path, exc.reason)
    try:
        damage = find_damage(db, path)
        if damage is None:
            return ResetOutcome("fine")
        if damage.kind in ("packed", "rows"):
            kept = _repair(db, path, damage)
            if find_damage(db, path) is None:
                kind = "rebuilt" if kept is None else "repaired"
                return ResetOutcome(kind, kept, damage.problem)
    finally:
        db.close()
    return _replace(path, damage.problem)


def _repair(db: Any, path: Path, damage: Damage) -> Path | None:
    """Rebuild the packed closes, first deleting bad rows (after keeping a copy of the file)."""
    kept = None
    with translated_errors(path):
        if damage.kind == "rows":
            kept = aside_name(path)
            copy = sqlite3.connect(kept)
            try:
                db.conn.backup(copy)
            finally:
                copy.close()
        with db.atomic():
            for table, _ in damage.bad_rows:
                db.execute(f"DELETE FROM {table} WHERE NOT ({_BAD_ROWS[table]})", _bounds())
            rebuild_close_columns(db)
    return kept


def _replace(path: Path, problem: str) -> ResetOutcome:
    with translated_errors(path):
        kept = move_aside(path)
    open_database(path).close()
    return ResetOutcome("moved", kept, problem)


def _integrity(db: Any) -> None:
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        shown = "; ".join(str(r) for r in rows[:_SHOWN_PROBLEMS])
        raise StoredValueError(f"SQLite's integrity check found {len(rows)} problem(s): {shown}")


def _bad_rows(db: Any) -> tuple[tuple[str, int], ...]:
    counts = []
    for table, rule in _BAD_ROWS.items():
        sql = f"SELECT COUNT(*) FROM {table} WHERE NOT ({rule})"
        count = db.execute(sql, _bounds()).fetchone()[0]
        if count:
            counts.append((table, int(count)))
    return tuple(counts)


def _bounds() -> dict[str, str]:
    return {"earliest": EARLIEST_DATE.isoformat(), "latest": latest_date().isoformat()}
