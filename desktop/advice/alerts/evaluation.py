"""Evaluating alert rules at a date: which fire, each event once (pure).

    evaluation = evaluate(rules, facts, previous)   # previous: rule id -> state, from the store
    store.record(evaluation)                        # the new states and the fired events

Each rule's state is a short text remembered between checks, so an event fires once and fires
again only after its condition went away:

- below, above, drift, stale: "on" or "off". Fires when the condition holds and did not at the
  previous check (or there was none: a rule added while its condition holds fires at once).
- zone: "low", "neutral" or "high". Fires when the zone differs from the previous check's; the
  first check only records it (a change needs a before).
- view_sign: "+" or "-", the last non-zero sign of the theme's signal view. Fires when a non-zero
  view has the other sign; a view of exactly 0 (its signals stale) changes nothing.

Checks need not move forward in time: a check at an earlier date compares with the last check
whatever its date. A rule that cannot be evaluated (no saved suggestion to drift from, a signal
no longer computed) is reported as skipped and its state kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import numpy as np

from desktop.advice.alerts.drift import Drift
from desktop.advice.alerts.rules import ZONE_HIGH, ZONE_LOW, AlertKind, AlertRule


@dataclass(frozen=True, slots=True)
class AlertFacts:
    """What the rules are checked against, at one as-of date.

    as_of: the date of the readings and views. today: the clock's date (for stale data only).
    data_last_date: the last date of the price data.
    scores: signal -> score in [-1, 1] at as_of. stale_signals: signals whose reading is stale.
    views: theme -> the view the signals give it, in [-1, 1], before any override.
    drift: the largest drift from the last saved suggestion at as_of, or None when there is no
        saved suggestion on or before as_of.
    """

    as_of: date
    today: date
    data_last_date: date
    scores: Mapping[str, float]
    stale_signals: frozenset[str] = frozenset()
    views: Mapping[str, float] = field(default_factory=dict)
    drift: Drift | None = None

    def __post_init__(self) -> None:
        for name in ("scores", "views"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """A rule that fired: its id and words, the date, one sentence with the numbers, and the
    number it is about (the score, the view, the drift in points or the age in business days)."""

    rule_id: int
    rule: str
    as_of: date
    message: str
    value: float


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The result of one check: events fired, every evaluated rule's new state (rule id ->
    state text), and (rule id, why) for the rules that could not be evaluated."""

    as_of: date
    events: tuple[AlertEvent, ...]
    states: Mapping[int, str]
    skipped: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Outcome:
    state: str
    fired: bool
    message: str
    value: float


def evaluate(
    rules: Iterable[AlertRule], facts: AlertFacts, previous: Mapping[int, str]
) -> Evaluation:
    """Check every stored rule (each has an id) against `facts` and the states of the last
    check (`previous`: rule id -> state; a rule missing from it was never checked)."""
    events, states, skipped = [], {}, []
    for rule in rules:
        if rule.id is None:
            raise ValueError(f"rule '{rule.description}' has no id: store it before checking")
        outcome = _outcome(rule, facts, previous.get(rule.id))
        if isinstance(outcome, str):
            skipped.append((rule.id, outcome))
            continue
        states[rule.id] = outcome.state
        if outcome.fired:
            events.append(
                AlertEvent(rule.id, rule.description, facts.as_of, outcome.message, outcome.value)
            )
    return Evaluation(facts.as_of, tuple(events), MappingProxyType(states), tuple(skipped))


def business_days_old(last: date, today: date) -> int:
    """Business days (Monday to Friday) after `last` up to and including `today` (0 if later)."""
    return max(0, int(np.busday_count(last, today)))


def _outcome(rule: AlertRule, facts: AlertFacts, before: str | None) -> _Outcome | str:
    """The rule's new state and whether it fires, or why it cannot be evaluated."""
    kind, subject = rule.kind, rule.subject
    if kind in (AlertKind.DRIFT, AlertKind.STALE) and not (kind is AlertKind.STALE and subject):
        return _whole_portfolio(rule, facts, before)
    if kind is AlertKind.VIEW_SIGN:
        if subject not in facts.views:
            return f"the theme {subject!r} is not in the universe any more"
        return _view_sign(subject, facts.views[subject], before, facts.as_of)
    if subject not in facts.scores:
        return f"the signal {subject!r} is not computed any more"
    if kind is AlertKind.STALE:
        on = subject in facts.stale_signals
        return _condition(on, before, f"{subject}'s reading is stale on {facts.as_of}", 0.0)
    score = facts.scores[subject]
    if kind is AlertKind.ZONE:
        return _zone(subject, score, before, facts.as_of)
    on = score < rule.level if kind is AlertKind.BELOW else score > rule.level
    level, value = signed(rule.level), signed(score)
    message = f"{subject} is {kind.value} {level} on {facts.as_of}: it reads {value}"
    return _condition(on, before, message, score)


def _whole_portfolio(rule: AlertRule, facts: AlertFacts, before: str | None) -> _Outcome | str:
    if rule.kind is AlertKind.STALE:
        age = business_days_old(facts.data_last_date, facts.today)
        message = (
            f"The prices end {facts.data_last_date}, {age} business days before today "
            f"({facts.today}), more than {rule.level:.0f}: refresh online or import newer prices"
        )
        return _condition(age > rule.level, before, message, float(age))
    drift = facts.drift
    if drift is None:
        return f"no suggestion saved on or before {facts.as_of} to drift from: save one first"
    message = (
        f"Drift of {abs(drift.pts):.1f} pts on {facts.as_of}, beyond the {rule.level:.1f}-pt "
        f"band: {drift.sentence}"
    )
    return _condition(abs(drift.pts) > rule.level, before, message, abs(drift.pts))


def _condition(on: bool, before: str | None, message: str, value: float) -> _Outcome:
    return _Outcome("on" if on else "off", on and before != "on", message + ".", value)


def zone_of(score: float) -> str:
    """The zone of a score: "low" below ZONE_LOW, "high" above ZONE_HIGH, else "neutral"."""
    return "low" if score < ZONE_LOW else "high" if score > ZONE_HIGH else "neutral"


def _zone(subject: str, score: float, before: str | None, as_of: date) -> _Outcome:
    zone = zone_of(score)
    fired = before is not None and before != zone
    message = f"{subject} moved from {before} to {zone} on {as_of}: it reads {signed(score)}."
    return _Outcome(zone, fired, message, score)


def _view_sign(theme: str, view: float, before: str | None, as_of: date) -> _Outcome:
    sign = "+" if view > 0 else "-" if view < 0 else before
    if not sign:  # no non-zero view seen yet: nothing to remember
        return _Outcome("", False, "", view)
    fired = before in ("+", "-") and sign != before
    word = "positive" if sign == "+" else "negative"
    message = f"The {theme} view turned {word} on {as_of}: {signed(view)}."
    return _Outcome(sign, fired, message, view)


def signed(value: float) -> str:
    """A score or view with its sign and two decimals, never "-0.00"."""
    return f"{round(value, 2) + 0.0:+.2f}"
