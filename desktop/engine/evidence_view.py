"""What the Evidence tab and the signal cards show of the evidence, as plain values.

`evidence_view` gathers, from the data up to the as-of date, each theme's and signal's record
(`Pipeline.evidence`) and each theme's chart data (`Pipeline.evidence_charts`); `record_lines`
gives each signal's one-line record for its card (`EvidenceBook.card_line`). Both cross from the
engine's process to the window's, so they hold frozen values and pandas series only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.advice.evidence.charts import ThemeEvidenceChart
    from desktop.advice.evidence.records import EvidenceBook
    from desktop.engine.pipeline import Pipeline


@dataclass(frozen=True, slots=True, eq=False)
class EvidenceView:
    """book: the records (themes, then each signal in each theme it drives); charts: theme ->
    its month-end view, trade growth and rolling IC; labels: theme -> the name Home shows."""

    book: EvidenceBook
    charts: dict[str, ThemeEvidenceChart]
    labels: dict[str, str]


def evidence_view(pipeline: Pipeline, as_of: object = None) -> EvidenceView:
    """The records and charts from the data up to `as_of` (None: the data's last date)."""
    labels = {t.name: t.label for t in pipeline.advisor.universe.themes}
    return EvidenceView(pipeline.evidence(as_of), pipeline.evidence_charts(as_of), labels)


def record_lines(pipeline: Pipeline, as_of: object = None) -> dict[str, str]:
    """Signal name -> the one-line record its card shows ("" for a signal no theme uses)."""
    book = pipeline.evidence(as_of)
    return {spec.name: book.card_line(spec.name) for spec in pipeline.advisor.registry}
