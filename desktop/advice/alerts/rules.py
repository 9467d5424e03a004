"""Alert rules: what the user wants to hear about, checked and described in words (pure).

A rule is one of six kinds, each with a subject and a level whose unit depends on the kind:

    kind       subject     level                  fires when
    below      a signal    score in [-1, 1]       the signal's score is below the level
    above      a signal    score in [-1, 1]       the signal's score is above the level
    zone       a signal    (unused, 0)            the score moves between low, neutral and high
    view_sign  a theme     (unused, 0)            the theme's signal view turns from + to - or back
    drift      ""          percentage points      a held asset's weight is more than `level`
                                                  points from the last saved suggestion's
    stale      "" or a     business days          "": the prices end more than `level` business
               signal                             days before today; a signal: its reading is
                                                  stale (its own data lags the as-of date)

Zones: low below ZONE_LOW, high above ZONE_HIGH, neutral between (inclusive), as the evidence
calls scores "high" and "low" (`desktop.advice.evidence.stats`). A view is the one the signals
give a theme through the tilt table, before any hand-set override (which does not move).

`desktop.advice.alert_check` evaluates rules; `desktop.data.alert_store` keeps them.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from enum import StrEnum

from desktop.advice.evidence import stats as evidence_stats
from signals.inputs import STALE_BUSINESS_DAYS

ZONE_HIGH = evidence_stats.HIGH
"""A score above this is in the high zone: the signal clearly favours its subject."""
ZONE_LOW = evidence_stats.LOW
"""A score below this is in the low zone; from ZONE_LOW to ZONE_HIGH it is neutral."""
DEFAULT_DRIFT_PTS = 5.0
"""The drift band when none is given: 5 percentage points, a common rebalancing band."""
DEFAULT_STALE_DAYS = STALE_BUSINESS_DAYS
"""Business days after which the data is stale against today, the limit a series is judged by."""
MAX_STALE_DAYS = 260
"""A longer limit (about a year of business days) would never be useful as an alert."""


class AlertKind(StrEnum):
    """What a rule watches (see the module docstring for subject and level)."""

    BELOW = "below"
    ABOVE = "above"
    ZONE = "zone"
    VIEW_SIGN = "view_sign"
    DRIFT = "drift"
    STALE = "stale"


SIGNAL_KINDS = frozenset({AlertKind.BELOW, AlertKind.ABOVE, AlertKind.ZONE})
"""Kinds whose subject must be a signal (STALE takes a signal or "")."""


class AlertRuleError(ValueError):
    """A rule cannot be used; the message says what is wrong and what to write instead."""


@dataclass(frozen=True, slots=True)
class AlertRule:
    """One alert rule. id: the store's id (None until stored); see the module docstring for
    `subject` and `level` per kind."""

    kind: AlertKind
    subject: str = ""
    level: float = 0.0
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", parse_kind(self.kind))
        object.__setattr__(self, "subject", self.subject.strip())
        object.__setattr__(self, "level", float(self.level) + 0.0)

    def with_id(self, rule_id: int) -> AlertRule:
        return replace(self, id=rule_id)

    @property
    def description(self) -> str:
        """The rule in words, as the alert list and the editor show it."""
        kind, subject, level = self.kind, self.subject, self.level
        if kind in (AlertKind.BELOW, AlertKind.ABOVE):
            return f"{subject} {kind.value} {level:+.2f}"
        if kind is AlertKind.ZONE:
            return f"{subject} changes zone (low < {ZONE_LOW:+.2f}, high > {ZONE_HIGH:+.2f})"
        if kind is AlertKind.VIEW_SIGN:
            return f"the {subject} view changes sign"
        if kind is AlertKind.DRIFT:
            return f"holdings drift more than {level:.1f} pts from the last saved suggestion"
        if subject:
            return f"{subject}'s reading goes stale"
        return f"the prices end more than {level:.0f} business days before today"


def make_rule(kind: str, subject: str = "", level: float | None = None) -> AlertRule:
    """A rule with the kind's default level when `level` is None (0 for a score, the drift band
    DEFAULT_DRIFT_PTS, DEFAULT_STALE_DAYS for stale data)."""
    rule = AlertRule(parse_kind(kind), subject)
    if level is None:
        defaults = {AlertKind.DRIFT: DEFAULT_DRIFT_PTS, AlertKind.STALE: DEFAULT_STALE_DAYS}
        level = 0.0 if rule.subject else defaults.get(rule.kind, 0.0)
    return replace(rule, level=level)


def parse_kind(kind: str) -> AlertKind:
    """`kind` as an AlertKind; AlertRuleError listing the kinds when it is none of them."""
    try:
        return AlertKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in AlertKind)
        raise AlertRuleError(f"Unknown alert kind {kind!r}: use one of {kinds}.") from None


def check_rule(
    rule: AlertRule, *, known_signals: Collection[str], known_themes: Collection[str]
) -> AlertRule:
    """`rule` if it can be evaluated, else AlertRuleError saying what to fix."""
    kind, subject, level = rule.kind, rule.subject, rule.level
    if not math.isfinite(level):
        raise AlertRuleError(f"The level of '{rule.description}' must be a finite number.")
    wants_signal = kind in SIGNAL_KINDS or (kind is AlertKind.STALE and subject)
    if wants_signal and subject not in known_signals:
        raise AlertRuleError(_unknown("signal", subject, known_signals))
    if kind is AlertKind.VIEW_SIGN and subject not in known_themes:
        raise AlertRuleError(_unknown("theme", subject, known_themes))
    if kind is AlertKind.DRIFT and subject:
        raise AlertRuleError("A drift rule watches every holding: give no signal or theme.")
    if kind in (AlertKind.BELOW, AlertKind.ABOVE) and not -1.0 <= level <= 1.0:
        raise AlertRuleError(
            f"Scores run from -1 to +1, so '{rule.description}' could never change: "
            "give a level from -1 to 1."
        )
    if kind is AlertKind.DRIFT and not 0.0 < level <= 100.0:
        raise AlertRuleError("A drift band is in percentage points: give one from 0 to 100.")
    if kind is AlertKind.STALE and not subject and not 1 <= level <= MAX_STALE_DAYS:
        raise AlertRuleError(
            f"A stale-data limit is in business days: give one from 1 to {MAX_STALE_DAYS}."
        )
    return rule


def _unknown(what: str, name: str, known: Collection[str]) -> str:
    if not name:
        return f"Name the {what} to watch, one of: {', '.join(sorted(known))}."
    return f"There is no {what} {name!r}: use one of {', '.join(sorted(known))}."
