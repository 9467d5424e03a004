"""Alert rules, what they last saw, and the alerts they fired, in SQLite.

The tables are prefixed `alerts_` so they live in the market-data database file beside the
`history_` tables, with their own schema version. Every row belongs to a portfolio (by name,
"default" for the first one). A check reads the rules and their states and writes the new
states and the fired events in one write transaction (`AlertStore.check`), so two checks at
once (the window and a timer) cannot fire the same event twice.

Removing a rule hides it (`restore_rule` undoes that) until `purge_removed`; editing a rule
forgets its state, so it is judged afresh at the next check. Events are kept for the alert log;
`mark_seen` records which ones the user has seen. A connection belongs to the thread that
opened it (sqlite3's rule).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from desktop.advice.alerts.evaluation import Evaluation
from desktop.advice.alerts.rules import AlertRule
from desktop.data.side_tables import migrate_side_tables, open_side_database

SCHEMA_VERSION = 1
VERSION_TABLE = "alerts_schema"
RULES, STATES, EVENTS = "alerts_rules", "alerts_states", "alerts_events"
DEFAULT_PORTFOLIO = "default"

_MIGRATIONS: dict[int, str] = {
    1: f"""
        CREATE TABLE {RULES} (
            id INTEGER PRIMARY KEY,
            portfolio TEXT NOT NULL,
            kind TEXT NOT NULL,          -- desktop.advice.alerts.rules.AlertKind
            subject TEXT NOT NULL,       -- signal, theme or ''
            level REAL NOT NULL,         -- unit by kind: score, pts or business days
            created_at TEXT NOT NULL,    -- ISO 8601, UTC, seconds
            removed_at TEXT              -- set while removed and still undoable
        );
        CREATE TABLE {STATES} (
            rule_id INTEGER PRIMARY KEY REFERENCES {RULES}(id) ON DELETE CASCADE,
            state TEXT NOT NULL,         -- desktop.advice.alerts.evaluation: on/off, zone, sign
            as_of TEXT NOT NULL,         -- YYYY-MM-DD of the check that set it
            checked_at TEXT NOT NULL
        );
        CREATE TABLE {EVENTS} (
            id INTEGER PRIMARY KEY,
            portfolio TEXT NOT NULL,
            rule_id INTEGER NOT NULL,
            rule TEXT NOT NULL,          -- the rule in words when it fired
            as_of TEXT NOT NULL,
            message TEXT NOT NULL,
            value REAL NOT NULL,
            fired_at TEXT NOT NULL,
            seen_at TEXT
        );
        CREATE INDEX {EVENTS}_portfolio ON {EVENTS}(portfolio, id);
    """,
}


class AlertStoreError(Exception):
    """The alerts cannot be read or changed; the message says what to do."""


@dataclass(frozen=True, slots=True)
class FiredAlert:
    """An event in the alert log: its id, the rule's id and words, the as-of date (YYYY-MM-DD),
    the sentence, the number it is about, when it fired (ISO 8601 UTC) and when it was seen."""

    id: int
    rule_id: int
    rule: str
    as_of: str
    message: str
    value: float
    fired_at: str
    seen_at: str | None = None


def open_alerts(path: Path | str, portfolio: str = DEFAULT_PORTFOLIO) -> AlertStore:
    """The alerts of `portfolio` in the database at `path` (created and migrated as needed)."""
    db = open_side_database(path)
    return AlertStore(db, portfolio)


class AlertStore:
    """One portfolio's alert rules, their states and their events."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        portfolio: str = DEFAULT_PORTFOLIO,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._db = db
        self.portfolio = portfolio
        self._clock = clock or (lambda: datetime.now(UTC))
        migrate(db)

    def add_rule(self, rule: AlertRule) -> AlertRule:
        """Store `rule` (checked by the caller: `desktop.advice.alerts.rules.check_rule`)."""
        row = {"portfolio": self.portfolio, "created_at": self._now(), **_rule_row(rule)}
        with self._db.conn:
            new_id = self._db.table(RULES).insert(row).last_pk or 0
        return rule.with_id(int(new_id))

    def update_rule(self, rule_id: int, rule: AlertRule) -> AlertRule:
        """Replace a rule's kind, subject and level; its state is forgotten."""
        self._row(rule_id)
        with self._db.conn:
            self._db.table(RULES).update(rule_id, _rule_row(rule))
            self._db.execute(f"DELETE FROM {STATES} WHERE rule_id = ?", [rule_id])
        return rule.with_id(rule_id)

    def rules(self) -> list[AlertRule]:
        """The portfolio's rules not removed, oldest first."""
        sql = f"SELECT * FROM {RULES} WHERE portfolio = ? AND removed_at IS NULL ORDER BY id"
        return [_rule(row) for row in self._db.query(sql, [self.portfolio])]

    def get_rule(self, rule_id: int) -> AlertRule:
        """The rule with that id; AlertStoreError when it is not this portfolio's or removed."""
        return _rule(self._row(rule_id))

    def remove_rule(self, rule_id: int) -> AlertRule:
        """Hide a rule; `restore_rule` brings it back until `purge_removed` runs."""
        rule = _rule(self._row(rule_id))
        with self._db.conn:
            self._db.table(RULES).update(rule_id, {"removed_at": self._now()})
        return rule

    def restore_rule(self, rule_id: int) -> AlertRule:
        row = self._row(rule_id, include_removed=True)
        with self._db.conn:
            self._db.table(RULES).update(rule_id, {"removed_at": None})
        return _rule(row)

    def purge_removed(self) -> int:
        """Delete removed rules for good, with their states; returns how many."""
        where = "portfolio = ? AND removed_at IS NOT NULL"
        with self._db.conn:
            self._db.execute(
                f"DELETE FROM {STATES} WHERE rule_id IN (SELECT id FROM {RULES} WHERE {where})",
                [self.portfolio],
            )
            cursor = self._db.execute(f"DELETE FROM {RULES} WHERE {where}", [self.portfolio])
        return cursor.rowcount

    def states(self) -> dict[int, str]:
        """Rule id -> the state its last check left (rules never checked are absent)."""
        sql = (
            f"SELECT rule_id, state FROM {STATES} JOIN {RULES} ON id = rule_id WHERE portfolio = ?"
        )
        return {row["rule_id"]: row["state"] for row in self._db.query(sql, [self.portfolio])}

    def check(
        self, evaluate: Callable[[list[AlertRule], Mapping[int, str]], Evaluation]
    ) -> tuple[Evaluation, list[FiredAlert]]:
        """Run `evaluate(rules, states)` and store its states and events, all in one write
        transaction; returns the evaluation and the events as stored."""
        conn = self._db.conn
        conn.execute("BEGIN IMMEDIATE")  # no other check reads the states until this commits
        try:
            evaluation = evaluate(self.rules(), self.states())
            fired = self._record(evaluation)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return evaluation, fired

    def events(self, limit: int = 200, *, unseen_only: bool = False) -> list[FiredAlert]:
        """The portfolio's fired alerts, newest first."""
        unseen = " AND seen_at IS NULL" if unseen_only else ""
        sql = f"SELECT * FROM {EVENTS} WHERE portfolio = ?{unseen} ORDER BY id DESC LIMIT ?"
        return [_event(row) for row in self._db.query(sql, [self.portfolio, limit])]

    def mark_seen(self, event_ids: Iterable[int]) -> None:
        now = self._now()
        with self._db.conn:
            for event_id in event_ids:
                self._db.execute(
                    f"UPDATE {EVENTS} SET seen_at = ? WHERE id = ? AND seen_at IS NULL",
                    [now, event_id],
                )

    def _record(self, evaluation: Evaluation) -> list[FiredAlert]:
        now, day = self._now(), f"{evaluation.as_of:%Y-%m-%d}"
        for rule_id, state in evaluation.states.items():
            self._db.execute(
                f"INSERT OR REPLACE INTO {STATES} (rule_id, state, as_of, checked_at) "
                "VALUES (?, ?, ?, ?)",
                [rule_id, state, day, now],
            )
        fired = []
        for e in evaluation.events:
            # Plain SQL: sqlite-utils' insert commits, and this runs inside `check`'s transaction.
            values = (e.rule_id, e.rule, day, e.message, e.value, now)
            cursor = self._db.execute(
                f"INSERT INTO {EVENTS} (portfolio, rule_id, rule, as_of, message, value, "
                "fired_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [self.portfolio, *values],
            )
            fired.append(FiredAlert(int(cursor.lastrowid or 0), *values))
        return fired

    def _now(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _row(self, rule_id: int, *, include_removed: bool = False) -> dict:
        sql = f"SELECT * FROM {RULES} WHERE id = ? AND portfolio = ?"
        rows = list(self._db.query(sql, [rule_id, self.portfolio]))
        if not rows or (rows[0]["removed_at"] is not None and not include_removed):
            raise AlertStoreError(
                f"There is no alert rule {rule_id} in the portfolio {self.portfolio!r}: "
                "list the rules (rotation-advisor alert list) for their numbers."
            )
        return rows[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the alerts tables to SCHEMA_VERSION; returns the version found before."""
    newer = AlertStoreError(
        f"This database's alerts were written by a newer Rotation Advisor (schema above "
        f"{SCHEMA_VERSION}, which this version reads up to); update the app to use them."
    )
    return migrate_side_tables(db, version_table=VERSION_TABLE, migrations=_MIGRATIONS, newer=newer)


def _rule_row(rule: AlertRule) -> dict[str, object]:
    return {"kind": rule.kind.value, "subject": rule.subject, "level": rule.level}


def _rule(row: dict) -> AlertRule:
    return AlertRule(row["kind"], row["subject"], row["level"], row["id"])


def _event(row: dict) -> FiredAlert:
    return FiredAlert(
        row["id"], row["rule_id"], row["rule"], row["as_of"], row["message"], row["value"],
        row["fired_at"], row["seen_at"],
    )  # fmt: skip
