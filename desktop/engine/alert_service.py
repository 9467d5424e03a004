"""The Alerts tab's work on one portfolio's alert rules and their log: list, add, edit, remove
and restore rules, list events, mark them seen. No Qt here.

`AlertService` opens the alert store (in the market database file) on the thread of its first
call, purging the rules removed in an earlier session (their undo went with it), and must be
used from that thread only (sqlite3's rule; the window runs every call on the jobs' I/O lane).
Checking the rules needs the engine's pipeline: `Engine.check_alerts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.advice.alerts.rules import AlertRule
    from desktop.data.alert_store import AlertStore, FiredAlert

LOG_LENGTH = 200
"""Events the log shows, newest first."""


@dataclass(frozen=True, slots=True)
class AlertListing:
    """The portfolio's rules (oldest first) and its events (newest first)."""

    rules: tuple[AlertRule, ...]
    events: tuple[FiredAlert, ...]


class AlertService:
    """The alert rules and events of `portfolio` in the database at `db_path`."""

    def __init__(self, db_path: str | Path, portfolio: str = "default") -> None:
        self.db_path, self.portfolio = Path(db_path), portfolio
        self._store: AlertStore | None = None

    def listing(self) -> AlertListing:
        store = self._open()
        return AlertListing(tuple(store.rules()), tuple(store.events(LOG_LENGTH)))

    def add(self, rule: AlertRule) -> AlertRule:
        """Store `rule` (checked by the caller); returns it with its id."""
        return self._open().add_rule(rule)

    def update(self, rule_id: int, rule: AlertRule) -> AlertRule:
        return self._open().update_rule(rule_id, rule)

    def remove(self, rule_id: int) -> None:
        """Hide the rule; `restore` brings it back until the next session."""
        self._open().remove_rule(rule_id)

    def restore(self, rule_id: int) -> None:
        self._open().restore_rule(rule_id)

    def mark_seen(self, event_ids: Iterable[int]) -> None:
        self._open().mark_seen(event_ids)

    def _open(self) -> AlertStore:
        if self._store is None:
            from desktop.data.alert_store import open_alerts

            store = open_alerts(self.db_path, self.portfolio)
            store.purge_removed()
            self._store = store
        return self._store
