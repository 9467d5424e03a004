"""The journal as plain values for the window: scores, the summary, the record as number tuples.

`JournalView` pickles without pandas, so the History tab's process reads it without importing
pandas: the daily record's dates become epoch seconds (what pyqtgraph's DateAxisItem takes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.advice.journal.scores import Score
    from desktop.advice.journal.summary import JournalSummary
    from desktop.engine.journaling import JournalReport


@dataclass(frozen=True, slots=True)
class JournalView:
    """portfolio: whose suggestions; scores: oldest as-of first; summary: the chained record
    and its sentence; times: the record's days as epoch seconds (UTC midnight); followed_pct,
    model_pct, active_pct: the record on those days, cumulative percent (journal.followed_path)."""

    portfolio: str
    scores: tuple[Score, ...]
    summary: JournalSummary
    times: tuple[float, ...] = ()
    followed_pct: tuple[float, ...] = ()
    model_pct: tuple[float, ...] = ()
    active_pct: tuple[float, ...] = ()


def journal_view(portfolio: str, report: JournalReport) -> JournalView:
    """`report` (desktop.engine.journaling.journal) as plain values."""
    record = report.record
    times = tuple(float(t.timestamp()) for t in record.index)
    columns = (
        tuple(float(x) for x in record[c]) for c in ("followed_pct", "model_pct", "active_pct")
    )
    return JournalView(portfolio, report.scores, report.summary, times, *columns)
