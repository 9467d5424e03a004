"""The journal of a portfolio's saved suggestions, scored on the pipeline's prices.

    report = journal(pipeline, history.list())
    report.scores    # one per saved suggestion, oldest as-of first (desktop.advice.journal.scores)
    report.summary   # the chained record and its sentence (desktop.advice.journal.summary)
    report.record    # daily followed_pct, model_pct, active_pct: the History tab's chart

What the History tab and `rotation-advisor history` show. Suggestions saved on the demo data are
not scored against real prices, nor real ones against the demo data: their dates coincide but
their prices do not. Theme calls use the trades of the pipeline's (the portfolio's) universe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from desktop.advice.journal.scores import Entry, Score, followed_path, score_suggestions
from desktop.advice.journal.summary import JournalSummary, journal_summary

if TYPE_CHECKING:
    from desktop.advice.journal.suggestion import SavedSuggestion
    from desktop.engine.pipeline import Pipeline


@dataclass(frozen=True, slots=True, eq=False)
class JournalReport:
    """scores: oldest as-of first; summary: the record in numbers and words; record: (n_days, 3)
    cumulative percent since the first counted as-of date (see journal.followed_path)."""

    scores: tuple[Score, ...]
    summary: JournalSummary
    record: pd.DataFrame


def journal(pipeline: Pipeline, saved: Sequence[SavedSuggestion]) -> JournalReport:
    """Score `saved` (a portfolio's saved suggestions, any order) on the pipeline's prices."""
    from desktop.data.demo import DEMO_LABEL

    demo = pipeline.source.kind == "demo"
    entries = [
        Entry(s.id, s.suggestion, _excluded(s.suggestion.source == DEMO_LABEL, demo)) for s in saved
    ]
    prices = pipeline.inputs.prices
    scores = score_suggestions(entries, prices, pipeline.advisor.trades)
    return JournalReport(scores, journal_summary(scores), followed_path(entries, scores, prices))


def _excluded(saved_on_demo: bool, running_on_demo: bool) -> str:
    if saved_on_demo and not running_on_demo:
        return "saved on the demo data (synthetic prices): not scored against real prices"
    if running_on_demo and not saved_on_demo:
        return "saved on real prices: not scored against the demo data"
    return ""
