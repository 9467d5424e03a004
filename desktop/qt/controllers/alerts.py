"""The alerts' controller: rules edited with undo, the log, and a check after each data change.

One per window (`shared(home)`), made with the window so the checks run whether or not the
Alerts tab was opened: once the first allocation is shown (start-up), after every refresh or
import (the home controller's `data_changed`) and after a switch of portfolio. A check is an
engine call (`Engine.check_alerts`) on the solver lane, queued behind the reload it follows;
rules and events go through an `AlertService` on the I/O lane. Adding, editing and removing a
rule are steps on the window's undo stack. Rules are validated by the domain
(`desktop.advice.alerts.rules.check_rule`) against the signals and themes on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from desktop.engine.alert_service import AlertService
from desktop.qt.jobs import Lane

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.advice.alerts.rules import AlertRule
    from desktop.engine.alerting import AlertCheck
    from desktop.qt.controller import Controller


class _RuleCommand(QUndoCommand):
    """One change to the rules: `forward` on redo, `back` on undo (each an AlertService call)."""

    def __init__(self, controller: AlertsController, text: str, forward, back) -> None:
        super().__init__(text)
        self._controller, self._forward, self._back = controller, forward, back

    def redo(self) -> None:
        self._controller._run("change", self._forward)

    def undo(self) -> None:
        self._controller._run("change", self._back)


class AlertsController(QObject):
    """The portfolio's alert rules and log; `listed` follows every change."""

    listed = Signal(object)  # AlertListing: rules oldest first, events newest first
    fired = Signal(object)  # tuple[FiredAlert, ...]: the events a check just fired
    noted = Signal(str, str)  # what happened, kind ("info", "warning", "error")

    def __init__(self, home: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent or home)
        self._home = home
        self._service = AlertService(home.engine.db_path, home.portfolio)
        self._started = False
        self._calls = 0
        home.allocation_ready.connect(self._on_home_allocation_ready)
        home.data_changed.connect(self.check)
        home.portfolio_changed.connect(self._on_home_portfolio_changed)

    # What the editor needs to know.

    def signals(self) -> list[str]:
        """The signals' names a rule can watch (those on screen)."""
        return sorted(card.name for card in self._home.state.cards)

    def themes(self) -> list[str]:
        return sorted(theme.name for theme in self._home.state.themes)

    def make_rule(self, kind: str, subject: str, level: float | None) -> AlertRule:
        """The rule, checked by the domain; AlertRuleError says what to fix."""
        from desktop.advice.alerts.rules import check_rule, make_rule

        rule = make_rule(kind, subject, level)
        signals, themes = self.signals(), self.themes()
        return check_rule(
            rule,
            known_signals=signals or {rule.subject},  # before the first signals: names unknown
            known_themes=themes or {rule.subject},
        )

    def default_level(self, kind: str, subject: str) -> float:
        """The level a new rule of `kind` starts from (0 for a score, the drift band, the
        stale-data limit)."""
        from desktop.advice.alerts.rules import make_rule

        return make_rule(kind, subject).level

    def problem(self, kind: str, subject: str, level: float | None) -> str:
        """What is wrong with the rule, in words ("" when it can be used)."""
        from desktop.advice.alerts.rules import AlertRuleError

        try:
            self.make_rule(kind, subject, level)
        except AlertRuleError as exc:
            return str(exc)
        return ""

    # Requests.

    def refresh(self) -> None:
        self._run("list", lambda service: None)

    def add(self, kind: str, subject: str, level: float | None) -> None:
        """Add a rule (one undo step); says why when the rule cannot be used."""
        rule = self._checked(kind, subject, level)
        if rule is None:
            return
        added: list[int] = []

        def forward(service: AlertService) -> None:
            if added:
                service.restore(added[0])
            else:
                added.append(service.add(rule).id or 0)

        back = lambda service: service.remove(added[0])  # noqa: E731
        self._push(f"Add alert: {rule.description}", forward, back)

    def edit(self, before: AlertRule, kind: str, subject: str, level: float | None) -> None:
        """Replace rule `before` (one undo step); its state is forgotten, judged afresh."""
        after = self._checked(kind, subject, level)
        if after is None or before.id is None or after == before.with_id(None):
            return
        rule_id = before.id
        self._push(
            f"Edit alert: {after.description}",
            lambda service: service.update(rule_id, after),
            lambda service: service.update(rule_id, before),
        )

    def remove(self, rule: AlertRule) -> None:
        """Remove a rule (one undo step)."""
        rule_id = rule.id
        if rule_id is None:
            return
        self._push(
            f"Delete alert: {rule.description}",
            lambda service: service.remove(rule_id),
            lambda service: service.restore(rule_id),
        )

    def mark_seen(self, event_ids: Sequence[int]) -> None:
        """The user saw these events in the log; the next listing shows them as seen."""
        if event_ids:
            ids = tuple(event_ids)
            self._home.jobs.submit(
                "alerts-seen",
                Lane.IO,
                lambda: self._service.mark_seen(ids),
                on_result=lambda _: None,
                on_error=lambda exc: self.noted.emit(f"Alerts: {exc}", "error"),
            )

    def check(self) -> None:
        """Check the rules at the data's last date (engine, solver lane), then re-list."""
        engine, holdings = self._home.engine, self._home.holdings
        self._home.jobs.submit(
            "alerts-check",
            Lane.SOLVER,
            lambda: engine.check_alerts(holdings),
            on_result=self._on_checked,
            on_error=lambda exc: self.noted.emit(f"Alerts not checked: {exc}", "warning"),
        )

    # Internals.

    def _checked(self, kind: str, subject: str, level: float | None) -> AlertRule | None:
        from desktop.advice.alerts.rules import AlertRuleError

        try:
            return self.make_rule(kind, subject, level)
        except AlertRuleError as exc:
            self.noted.emit(str(exc), "warning")
            return None

    def _push(self, text: str, forward, back) -> None:
        self._home.undo_stack.push(_RuleCommand(self, text, forward, back))

    def _run(self, what: str, action: Callable[[AlertService], Any]) -> None:
        """`action(service)` then the listing, on the I/O lane; then `listed`. Changes get a
        key each, so a quick second one never supersedes the first."""
        self._calls += 1
        key = "list" if what == "list" else f"{what}-{self._calls}"
        service = self._service
        self._home.jobs.submit(
            f"alerts-{key}",
            Lane.IO,
            lambda: (action(service), service.listing())[1],
            on_result=self._on_listed,
            on_error=lambda exc: self.noted.emit(f"Alerts: {exc}", "error"),
        )

    def _on_listed(self, listing) -> None:
        if listing is not None:
            self.listed.emit(listing)

    def _on_checked(self, result: AlertCheck) -> None:
        if result.fired:
            self.fired.emit(result.fired)
        self.refresh()

    def _on_home_allocation_ready(self, _summary: object) -> None:
        if not self._started:
            self._started = True
            self.check()

    def _on_home_portfolio_changed(self, name: str) -> None:
        self._service = AlertService(self._home.engine.db_path, name)
        self.refresh()
        if self._started:  # else the start-up check follows the first answer
            self.check()


def shared(home: Controller) -> AlertsController:
    """The window's one AlertsController (made on first use): the Alerts tab and the checks
    that run whether or not the tab was opened share it."""
    found = home.findChild(AlertsController)
    return found if found is not None else AlertsController(home)
