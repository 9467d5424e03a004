"""The journal's record in one sentence, with its uncertainty (pure).

The counted suggestions (`desktop.advice.journal.scores`: scored or running) are chained: following
each one from its as-of date until the next gives the *followed* record, the model weights saved
with each give the *model* record. Over the whole span (calendar years, 365.25 days):

    active per year = (G_followed / G_model) ^ (1 / years) - 1          (G: growth of 1)

and its t-stat treats each period as one independent observation of the log active return
a_i over its length tau_i (years): rate mu = sum(a) / sum(tau), per-year variance
s^2 = sum((a_i - mu tau_i)^2 / tau_i) / (n - 1), t = mu sqrt(sum(tau)) / s, with n the number
of periods (NaN for fewer than MIN_PERIODS). A span shorter than a year is stated as a total,
not annualised. Everything here is out of sample: each suggestion used only data up to its date.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop.advice.journal.scores import Score

MIN_PERIODS = 3
"""Fewer periods than this give no t-stat."""
YEAR_DAYS = 365.25


@dataclass(frozen=True, slots=True)
class JournalSummary:
    """saved: suggestions in the journal; counted: those with a period; since, until: the
    counted span (YYYY-MM-DD, "" when none); years: its length; followed_pct, model_pct: chained
    total returns (percent); active_per_year_pct: percent a year (NaN under a year or none);
    active_total_pct: followed against the model over the span (percent); ahead: counted ones
    ahead of the model; calls, calls_right: theme calls made and right; t_stat: see the module
    docstring; text: the sentence."""

    saved: int
    counted: int
    since: str
    until: str
    years: float
    followed_pct: float
    model_pct: float
    active_total_pct: float
    active_per_year_pct: float
    ahead: int
    calls: int
    calls_right: int
    t_stat: float
    text: str


def journal_summary(scores: Sequence[Score]) -> JournalSummary:
    """The record of `scores` (all of the journal's, any status) in numbers and words."""
    counted = [s for s in scores if s.counts]
    years = sum(s.days for s in counted) / YEAR_DAYS
    followed = math.prod(1 + s.return_pct / 100 for s in counted)
    model = math.prod(1 + s.model_return_pct / 100 for s in counted)
    total = 100 * (followed / model - 1) if counted else math.nan
    per_year = 100 * ((followed / model) ** (1 / years) - 1) if years >= 1 else math.nan
    calls = [c for s in counted for c in s.calls if c.right is not None]
    summary = JournalSummary(
        saved=len(scores),
        counted=len(counted),
        since=counted[0].as_of if counted else "",
        until=counted[-1].end if counted else "",
        years=years,
        followed_pct=100 * (followed - 1),
        model_pct=100 * (model - 1),
        active_total_pct=total,
        active_per_year_pct=per_year,
        ahead=sum(s.ahead for s in counted),
        calls=len(calls),
        calls_right=sum(bool(c.right) for c in calls),
        t_stat=_t_stat(counted),
        text="",
    )
    return _with_text(summary)


def _t_stat(counted: Sequence[Score]) -> float:
    if len(counted) < MIN_PERIODS:
        return math.nan
    tau = [s.days / YEAR_DAYS for s in counted]
    a = [math.log((1 + s.return_pct / 100) / (1 + s.model_return_pct / 100)) for s in counted]
    mu = sum(a) / sum(tau)
    variance = sum((ai - mu * ti) ** 2 / ti for ai, ti in zip(a, tau, strict=True))
    variance /= len(counted) - 1
    return mu * math.sqrt(sum(tau)) / math.sqrt(variance) if variance > 0 else math.nan


def _with_text(s: JournalSummary) -> JournalSummary:
    if not s.counted:
        text = (
            f"{_count(s.saved)}, none with a period to score yet: a suggestion is scored once "
            "the data moves past its as-of date."
        )
        return replace(s, text=text)
    if s.years >= 1:
        figure = f"{s.active_per_year_pct:+.1f} %/yr against the model"
    else:
        span = _span(s.years)
        figure = f"{s.active_total_pct:+.1f} % against the model over {span} (not annualised)"
    uncertainty = (
        f"t = {s.t_stat:+.1f} over {s.counted} periods"
        if math.isfinite(s.t_stat)
        else f"too few periods ({s.counted}) for a t-stat"
    )
    text = (
        f"{_count(s.counted)} since {s.since[:7]}: {figure}, {s.ahead} of {s.counted} ahead; "
        f"{s.calls_right} of {s.calls} theme calls right ({uncertainty})."
    )
    return replace(s, text=text)


def _count(n: int) -> str:
    return f"{n} saved suggestion{'' if n == 1 else 's'}"


def _span(years: float) -> str:
    months = round(years * 12)
    return f"{months} months" if months >= 2 else f"{round(years * YEAR_DAYS)} days"
