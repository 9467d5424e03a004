"""Checking a portfolio's alerts at a date: the facts from the pipeline, evaluated and stored.

    result = check_alerts(pipeline, open_alerts(db, name), saved=history.list(), as_of=None)
    result.fired          # the events this check fired (stored, each once), for a notification

What the window runs after every refresh or import and `rotation-advisor check` runs from a
timer. The facts are the readings and signal views at `as_of` (default: the data's last date),
the data's last date against `today` (default: the clock), and the drift from the portfolio's
last saved suggestion on or before `as_of`: of the holdings (ticker -> shares) when given,
else of that suggestion held since it was saved. Use it on the thread that opened the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from desktop.advice.alerts.drift import Drift, drift_at
from desktop.advice.alerts.evaluation import AlertFacts, Evaluation, evaluate

if TYPE_CHECKING:
    from desktop.advice.alerts.rules import AlertRule
    from desktop.advice.journal.suggestion import SavedSuggestion
    from desktop.data.alert_store import AlertStore, FiredAlert
    from desktop.engine.pipeline import Pipeline


class AlertCheckError(ValueError):
    """The alerts cannot be checked with what was given; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class AlertCheck:
    """One check: the as-of date, the rules checked, the events fired now (stored), and the
    rules that could not be evaluated with the reason in words."""

    as_of: date
    rules: tuple[AlertRule, ...]
    fired: tuple[FiredAlert, ...]
    skipped: tuple[tuple[AlertRule, str], ...] = ()


def check_alerts(
    pipeline: Pipeline,
    alerts: AlertStore,
    *,
    saved: Sequence[SavedSuggestion] = (),
    holdings: Mapping[str, float] | None = None,
    as_of: object = None,
    today: date | None = None,
) -> AlertCheck:
    """Evaluate the store's rules at `as_of` and store the new states and fired events.

    saved: the portfolio's saved suggestions, newest first (HistoryStore.list()).
    Raises AsOfError for a date outside the data and AlertCheckError for worthless holdings.
    """
    facts = alert_facts(pipeline, saved=saved, holdings=holdings, as_of=as_of, today=today)
    checked: list[AlertRule] = []

    def run(rules: list[AlertRule], states: Mapping[int, str]) -> Evaluation:
        checked.extend(rules)
        return evaluate(rules, facts, states)

    evaluation, fired = alerts.check(run)
    by_id = {rule.id: rule for rule in checked}
    skipped = tuple((by_id[rule_id], why) for rule_id, why in evaluation.skipped)
    return AlertCheck(facts.as_of, tuple(checked), tuple(fired), skipped)


def alert_facts(
    pipeline: Pipeline,
    *,
    saved: Sequence[SavedSuggestion] = (),
    holdings: Mapping[str, float] | None = None,
    as_of: object = None,
    today: date | None = None,
) -> AlertFacts:
    """What the rules are checked against at `as_of` (see the module docstring)."""
    snap = pipeline.snapshot(as_of)
    when = pd.Timestamp(snap.as_of)
    return AlertFacts(
        as_of=when.date(),
        today=today or date.today(),
        data_last_date=pd.Timestamp(pipeline.last_date()).date(),
        scores={r.name: r.score for r in snap.readings},
        stale_signals=frozenset(r.name for r in snap.readings if r.stale),
        views={theme: view.view for theme, view in snap.signal_views.items()},
        drift=_drift(pipeline.inputs.prices, when, saved, holdings),
    )


def _drift(
    prices: pd.DataFrame,
    when: pd.Timestamp,
    saved: Sequence[SavedSuggestion],
    holdings: Mapping[str, float] | None,
) -> Drift | None:
    """The drift from the newest saved suggestion on or before `when` (None if there is none)."""
    last = next((s.suggestion for s in saved if pd.Timestamp(s.suggestion.as_of) <= when), None)
    if last is None:
        return None
    target = {w.ticker: w.suggested_pct for w in last.weights}
    try:
        return drift_at(target, pd.Timestamp(last.as_of), prices, when, holdings)
    except ValueError as exc:
        raise AlertCheckError(f"Cannot measure the drift: {exc}.") from exc
