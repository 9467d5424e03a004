"""Credit and financial conditions: how much risk premium markets demand.

The notes: data "from mid-January 2026 suggests the 'uncertainty premium' is evaporating", "a
structural rotation" into cyclicals and small caps, "the 'Recession Fear' trade might be over".
Tight credit spreads, loose financial conditions and a low VIX are what an evaporating premium
looks like; wide spreads and stress are what a recession scare looks like.

Members (FRED, dated by publication): the ICE BofA US high-yield option-adjusted spread
(BAMLH0A0HYM2, percent, daily), the VIX (VIXCLS, daily), the Chicago Fed's adjusted national
financial conditions index (ANFCI, weekly) and the St. Louis Fed financial stress index (STLFSI4,
weekly). Higher is tighter or more stressed for every one of them.

Score map, per member: p = mid-rank of the latest value among that member's releases over the
last `history_years` (the latest included; (rank - 0.5) / count, so 0 < p < 1), member score =
1 - 2p (calmer than usual -> positive). score = mean over the members that are fresh (the others
are left out and named). Subject: cyclicals (easy credit and calm markets are positive).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import masked_history, stale_reading
from signals.inputs import SignalInputs
from signals.macro_releases import (
    SERIES,
    fresh_series_mask,
    missing_or_stale_series,
    releases,
    releases_per_year,
)
from signals.pooling import Pool, member_columns, pool
from signals.reading import Reading
from signals.spec import SignalSpec

NAME = "credit_conditions"
MEMBERS = ("hy_spread", "vix", "financial_conditions", "financial_stress")
UNITS = {"hy_spread": "%", "vix": "", "financial_conditions": "", "financial_stress": ""}


def credit_conditions(inputs: SignalInputs, *, history_years: float = 5.0) -> Reading:
    """Mean calm of credit and markets at `inputs.as_of`; > 0 favours cyclicals.

    history_years: years of each member's releases its latest value is ranked against; a member
        needs one year of them before it counts.
    Evidence per member: the latest value (its unit), its percentile (decimal), its score.
    """
    members = pool(MEMBERS, lambda series_id: _latest(inputs, series_id, history_years))
    if not members.used:
        return stale_reading(NAME, members.reasons, inputs.as_of)
    score = float(np.mean([row["score"] for _, row in members.used]))
    return Reading(
        name=NAME,
        score=score,
        explanation=_sentence(members, score, history_years),
        evidence=_evidence(members),
        as_of=inputs.as_of,
    )


def credit_conditions_history(inputs: SignalInputs, *, history_years: float = 5.0) -> pd.Series:
    """`credit_conditions` score at every date of `inputs.prices` (0 where stale)."""
    scores = member_columns(
        inputs.prices.index,
        MEMBERS,
        lambda series_id: fresh_series_mask(inputs, series_id),
        lambda series_id: _table(inputs, series_id, history_years)["score"],
    )
    mean = scores.mean(axis=1)
    return masked_history(mean, mean.notna())


def _table(inputs: SignalInputs, series_id: str, history_years: float) -> pd.DataFrame:
    """Per release: actual, pct (mid-rank percentile in the window, decimal) and score."""
    actual = releases(inputs, series_id)["actual"]
    per_year = releases_per_year(series_id)
    window = actual.rolling(round(history_years * per_year), min_periods=per_year)
    pct = (window.rank() - 0.5) / window.count()
    return pd.DataFrame({"actual": actual, "pct": pct, "score": 1.0 - 2.0 * pct})


def _latest(inputs: SignalInputs, series_id: str, history_years: float) -> pd.Series | Reading:
    stale = missing_or_stale_series(inputs, NAME, series_id)
    if stale is not None:
        return stale
    row = _table(inputs, series_id, history_years).iloc[-1]
    if not math.isfinite(row["score"]):
        why = f"{SERIES[series_id].label} has less than a year of releases to rank against"
        return stale_reading(NAME, why, inputs.as_of)
    return row


def _sentence(members: Pool, score: float, history_years: float) -> str:
    parts = [
        f"{SERIES[series_id].label} {row['actual']:.2f}{UNITS[series_id]} "
        f"(percentile {100 * row['pct']:.0f})"
        for series_id, row in members.used
    ]
    if score >= 0.2:
        verdict = "credit is easy and markets calm, the uncertainty premium is evaporating"
    elif score <= -0.2:
        verdict = "credit is tight and markets stressed, a headwind for cyclicals"
    else:
        verdict = "credit and market stress are about normal"
    return (
        f"Ranked against their past {history_years:g} years (percentile 0 the calmest, 100 the "
        f"most stressed): {', '.join(parts)}: {verdict}{members.aside}."
    )


def _evidence(members: Pool) -> dict[str, object]:
    evidence: dict[str, object] = {}
    for series_id, row in members.used:
        evidence[series_id] = float(row["actual"])
        evidence[f"{series_id}_percentile"] = float(row["pct"])
        evidence[f"{series_id}_score"] = float(row["score"])
        evidence[f"{series_id}_released"] = row.name
    return members.noted(evidence)


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="cyclicals (easy credit and calm markets are positive)",
        tickers=MEMBERS,
        reading=credit_conditions,
        history=credit_conditions_history,
    ),
)
