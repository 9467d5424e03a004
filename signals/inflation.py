"""Inflation trend: is underlying inflation cooling or heating up?

The notes: the rotation is "fueled by expectations for a Federal Reserve rate cut later this year,
a pivot made possible by a cooling inflation environment"; "the inflation narrative is a persistent
threat ... If inflation surprises to the upside, it could put the two expected rate cuts for the
year in jeopardy"; small caps are "more inflation sensitive".

Members (FRED, dated by publication): core CPI (CPILFESL) and core PCE prices (PCEPILFE), indexes;
the University of Michigan's 1-year inflation expectations (MICH), percent.

Each member's acceleration, in percentage points:
    price index:   3-month annualised rate - 12-month rate, each from the release published at
                   least 85 (3 months) or 360 days (a year) earlier and annualised over the days
                   between the two releases (a missing month, as in 2025's shutdown, is spanned)
    expectations:  latest reading - the mean of the releases of the previous 12 months
Score map: a = mean acceleration over the members that are fresh (the others are left out and
named); score = -tanh(a / points_scale). Subject: small caps (cooling inflation is positive).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import masked_history, stale_reading
from signals.inputs import SignalInputs
from signals.macro_levels import annualised_growth
from signals.macro_releases import (
    SERIES,
    fresh_series_mask,
    missing_or_stale_series,
    releases,
)
from signals.pooling import Pool, member_columns, pool
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "inflation_trend"
PRICE_INDEXES = ("core_cpi", "core_pce")
EXPECTATIONS = "inflation_expectations"
MEMBERS = (*PRICE_INDEXES, EXPECTATIONS)
QUARTER_DAYS, YEAR_DAYS = 85, 360
"""Minimum days back to the release a 3-month or 12-month rate starts from."""


def inflation_trend(inputs: SignalInputs, *, points_scale: float = 0.5) -> Reading:
    """Mean acceleration of inflation at `inputs.as_of`; > 0 (cooling) favours small caps.

    points_scale: mean acceleration, in percentage points, at which the score reaches -/+0.76
        (tanh(1)); 0.5 points is a 3-month rate half a point off the 12-month one.
    Evidence per member: the rates (percent) and the acceleration (points); the mean.
    """
    members = pool(MEMBERS, lambda series_id: _latest(inputs, series_id))
    if not members.used:
        return stale_reading(NAME, members.reasons, inputs.as_of)
    mean = float(np.mean([row["accel"] for _, row in members.used]))
    score = -float(squash(mean, points_scale))
    return Reading(
        name=NAME,
        score=score,
        explanation=_sentence(members, score),
        evidence=_evidence(members, mean),
        as_of=inputs.as_of,
    )


def inflation_trend_history(inputs: SignalInputs, *, points_scale: float = 0.5) -> pd.Series:
    """`inflation_trend` score at every date of `inputs.prices` (0 where stale)."""
    accel = member_columns(
        inputs.prices.index,
        MEMBERS,
        lambda series_id: fresh_series_mask(inputs, series_id),
        lambda series_id: _table(inputs, series_id)["accel"],
    )
    mean = accel.mean(axis=1)
    return masked_history(-squash(mean, points_scale), mean.notna())


def _table(inputs: SignalInputs, series_id: str) -> pd.DataFrame:
    """Per release: actual and accel (points); price indexes also rate_3m and rate_12m (percent)."""
    actual = releases(inputs, series_id)["actual"]
    if series_id == EXPECTATIONS:
        previous = actual.shift(1).rolling(12, min_periods=6).mean()
        return pd.DataFrame({"actual": actual, "accel": actual - previous})
    rate_3m, rate_12m = (
        annualised_growth(actual, QUARTER_DAYS),
        annualised_growth(actual, YEAR_DAYS),
    )
    return pd.DataFrame(
        {"actual": actual, "rate_3m": rate_3m, "rate_12m": rate_12m, "accel": rate_3m - rate_12m}
    )


def _latest(inputs: SignalInputs, series_id: str) -> pd.Series | Reading:
    stale = missing_or_stale_series(inputs, NAME, series_id)
    if stale is not None:
        return stale
    row = _table(inputs, series_id).iloc[-1]
    if not math.isfinite(row["accel"]):
        why = f"{SERIES[series_id].label} has less than a year of releases"
        return stale_reading(NAME, why, inputs.as_of)
    return row


def _sentence(members: Pool, score: float) -> str:
    parts = []
    for series_id, row in members.used:
        label = SERIES[series_id].label
        if series_id == EXPECTATIONS:
            parts.append(
                f"{label} {row['actual']:.1f}% ({row['accel']:+.1f} points against their "
                "12-month average)"
            )
        else:
            parts.append(
                f"{label} {row['rate_3m']:.1f}% annualised over 3 months vs {row['rate_12m']:.1f}% "
                "over 12"
            )
    if score >= 0.2:
        verdict = "inflation is cooling, room for the cuts small caps need"
    elif score <= -0.2:
        verdict = "inflation is heating up, a threat to the cuts small caps need"
    else:
        verdict = "inflation is holding steady"
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]}: {verdict}{members.aside}."


def _evidence(members: Pool, mean: float) -> dict[str, object]:
    evidence: dict[str, object] = {"mean_acceleration_points": mean}
    for series_id, row in members.used:
        for key in ("actual", "rate_3m", "rate_12m", "accel"):
            if key in row.index:
                evidence[f"{series_id}_{key}"] = float(row[key])
        evidence[f"{series_id}_released"] = row.name
    return members.noted(evidence)


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="small caps (cooling inflation is positive)",
        tickers=MEMBERS,
        reading=inflation_trend,
        history=inflation_trend_history,
    ),
)
