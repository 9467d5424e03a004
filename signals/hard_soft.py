"""Hard data against soft data: what the economy does against what people say about it.

The notes: "the huge divergence between plunging soft economic data (surveys) and incredibly
resilient hard economic data (actual, real data)", "what happens if the soft data improves ...?",
and "when the University of Michigan's Consumer Sentiment survey is on the floor ... it's a time to
be bullish". A wide gap with hard data on top is their bullish setup: the surveys have room to
catch up with an economy that is doing fine.

Hard members (FRED, dated by publication): industrial production (INDPRO) and nonfarm payrolls
(PAYEMS), each as its 12-month growth (percent). Soft members: University of Michigan consumer
sentiment and the Philadelphia Fed manufacturing survey, each as its level.

Score map: each member's z = (value - median) / robust sd (IQR / 1.349) over its previous
`history_years` of releases, clipped to +-3 (payrolls' 2021-22 rebound read +9 sigma: one member
must not carry the gap alone); gap = mean z of the fresh hard members - mean z of the fresh soft
members (at least one of each; the others are left out and named); score = tanh(gap / z_scale).
Subject: small caps (hard data running ahead of the surveys is positive).
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
    robust_sd,
)
from signals.pooling import Pool, member_columns, pool
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "hard_vs_soft"
HARD = ("industrial_production", "payrolls")
SOFT = ("consumer_sentiment", "philly_fed")
YEAR_DAYS = 360
"""Minimum days back to the release a 12-month growth rate starts from."""
MAX_Z = 3.0


def hard_vs_soft(
    inputs: SignalInputs,
    *,
    history_years: float = 10.0,
    min_history: int = 36,
    z_scale: float = 2.0,
) -> Reading:
    """Gap between hard and soft data at `inputs.as_of`; > 0 (hard above soft) favours small caps.

    history_years: years of monthly releases each member is standardised against.
    min_history: past releases a member needs before its z counts.
    z_scale: gap, in standard deviations, at which the score reaches -/+0.76 (tanh(1)).
    Evidence per member: value (growth in percent or level), z; the mean hard and soft z, gap.
    """
    params = (history_years, min_history)
    hard = pool(HARD, lambda series_id: _latest(inputs, series_id, *params))
    soft = pool(SOFT, lambda series_id: _latest(inputs, series_id, *params))
    if not hard.used or not soft.used:
        return stale_reading(
            NAME, "; ".join(r for r in (hard.reasons, soft.reasons) if r), inputs.as_of
        )
    hard_z, soft_z = _mean_z(hard), _mean_z(soft)
    score = float(squash(hard_z - soft_z, z_scale))
    return Reading(
        name=NAME,
        score=score,
        explanation=_sentence(hard, soft, hard_z - soft_z, score),
        evidence=_evidence(hard, soft, hard_z, soft_z),
        as_of=inputs.as_of,
    )


def hard_vs_soft_history(
    inputs: SignalInputs,
    *,
    history_years: float = 10.0,
    min_history: int = 36,
    z_scale: float = 2.0,
) -> pd.Series:
    """`hard_vs_soft` score at every date of `inputs.prices` (0 where stale)."""

    def side(members: tuple[str, ...]) -> pd.Series:
        z = member_columns(
            inputs.prices.index,
            members,
            lambda series_id: fresh_series_mask(inputs, series_id),
            lambda series_id: _table(inputs, series_id, history_years, min_history)["z"],
        )
        return z.mean(axis=1)

    gap = side(HARD) - side(SOFT)
    return masked_history(squash(gap, z_scale), gap.notna())


def _table(
    inputs: SignalInputs, series_id: str, history_years: float, min_history: int
) -> pd.DataFrame:
    """Per release: value (12-month growth in percent for hard data, else the level) and z."""
    actual = releases(inputs, series_id)["actual"]
    value = annualised_growth(actual, YEAR_DAYS) if series_id in HARD else actual
    window = round(history_years * 12)
    median = value.shift(1).rolling(window, min_periods=min_history).median()
    scale = robust_sd(value, window, min_history)
    z = ((value - median) / scale.where(scale > 0)).clip(-MAX_Z, MAX_Z)
    return pd.DataFrame({"value": value, "z": z})


def _latest(
    inputs: SignalInputs, series_id: str, history_years: float, min_history: int
) -> pd.Series | Reading:
    stale = missing_or_stale_series(inputs, NAME, series_id)
    if stale is not None:
        return stale
    row = _table(inputs, series_id, history_years, min_history).iloc[-1]
    if not math.isfinite(row["z"]):
        why = f"{SERIES[series_id].label} has fewer than {min_history} past releases to compare"
        return stale_reading(NAME, why, inputs.as_of)
    return row


def _mean_z(members: Pool) -> float:
    return float(np.mean([row["z"] for _, row in members.used]))


def _sentence(hard: Pool, soft: Pool, gap: float, score: float) -> str:
    def show(series_id: str, row: pd.Series) -> str:
        value = f"{row['value']:+.1f}% on the year" if series_id in HARD else f"{row['value']:.1f}"
        return f"{SERIES[series_id].label} {value} ({row['z']:+.1f}σ)"

    hard_text = ", ".join(show(s, row) for s, row in hard.used)
    soft_text = ", ".join(show(s, row) for s, row in soft.used)
    if score >= 0.2:
        verdict = "the economy is doing better than people say, room for the surveys to catch up"
    elif score <= -0.2:
        verdict = "the surveys are running ahead of the economy"
    else:
        verdict = "hard and soft data agree"
    left_out = "; ".join(r for r in (hard.reasons, soft.reasons) if r)
    left_out = f" ({left_out})" if left_out else ""
    return f"Hard data: {hard_text}; surveys: {soft_text}; gap {gap:+.1f}σ: {verdict}{left_out}."


def _evidence(hard: Pool, soft: Pool, hard_z: float, soft_z: float) -> dict[str, object]:
    evidence: dict[str, object] = {"hard_z": hard_z, "soft_z": soft_z, "gap_z": hard_z - soft_z}
    for series_id, row in (*hard.used, *soft.used):
        evidence[f"{series_id}_value"] = float(row["value"])
        evidence[f"{series_id}_z"] = float(row["z"])
        evidence[f"{series_id}_released"] = row.name
    not_used = "; ".join(r for r in (hard.reasons, soft.reasons) if r)
    if not_used:
        evidence["not_used"] = not_used
    return evidence


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="small caps (hard data running ahead of the surveys is positive)",
        tickers=(*HARD, *SOFT),
        reading=hard_vs_soft,
        history=hard_vs_soft_history,
    ),
)
