"""Consumer sentiment as a contrarian signal for small caps.

The notes: "When the University of Michigan's Consumer Sentiment survey is on the floor ... it's a
time to be bullish, not bearish", and a rise from such a low goes with the Russell 2000 leaving a
multi-year base. The signal is one-sided: high or falling sentiment is not a sell signal in the
notes, so it reads 0 there.

Score map, per release (University of Michigan index, points):
    pct    = share of all earlier releases below this one (0 = a record low)
    low    = piecewise(min pct of the last `low_months` releases, (floor_pct, low_pct) -> (1, 0))
    rise_z = (actual - min of the last `low_months` releases) / robust sd of monthly changes
             over the previous `scale_years` (IQR / 1.349)
    turn   = piecewise(rise_z, (0, full_rise_z) -> (0, 1))
    score  = low * (1 + turn) / 2    (at the floor: 0.5; rising from it: up to 1)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from signals.freshness import history_where_fresh
from signals.inputs import SignalInputs
from signals.macro_releases import (
    fresh_series_mask,
    missing_or_stale_series,
    releases,
    robust_sd,
)
from signals.reading import Reading
from signals.scoring import piecewise
from signals.spec import SignalSpec

NAME = "consumer_sentiment"
SERIES_ID = "consumer_sentiment"


def consumer_sentiment(
    inputs: SignalInputs,
    *,
    low_months: int = 6,
    floor_pct: float = 0.05,
    low_pct: float = 0.25,
    full_rise_z: float = 2.0,
    scale_years: int = 10,
    min_releases: int = 60,
) -> Reading:
    """UMich sentiment at `inputs.as_of`; > 0 (very low, more so rising) favours small caps.

    low_months: releases in which the recent low and the rise from it are measured.
    floor_pct / low_pct: percentiles (decimals) at or below which the recent low counts fully /
        not at all as "on the floor".
    full_rise_z: rise from the low, in robust standard deviations of monthly changes, that
        doubles the score.
    scale_years: years of monthly changes behind that standard deviation.
    min_releases: releases needed before a percentile means anything (60 = five years).
    Evidence: latest, recent low, its percentile (decimal), rise (points), rise_z, first year.
    """
    stale = missing_or_stale_series(inputs, NAME, SERIES_ID, min_releases=min_releases)
    if stale is not None:
        return stale
    table = _table(inputs, low_months, floor_pct, low_pct, full_rise_z, scale_years)
    row = table.iloc[-1]
    first_year = table.index[0].year
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, low_months, first_year),
        evidence={
            "latest": float(row["actual"]),
            "recent_low": float(row["trough"]),
            "recent_low_percentile": float(row["trough_pct"]),
            "rise_points": float(row["rise"]),
            "rise_z": float(row["rise_z"]),
            "history_since": first_year,
            "released": row.name,
        },
        as_of=inputs.as_of,
    )


def consumer_sentiment_history(
    inputs: SignalInputs,
    *,
    low_months: int = 6,
    floor_pct: float = 0.05,
    low_pct: float = 0.25,
    full_rise_z: float = 2.0,
    scale_years: int = 10,
    min_releases: int = 60,
) -> pd.Series:
    """`consumer_sentiment` score at every date of `inputs.prices` (0 where stale)."""
    fresh = fresh_series_mask(inputs, SERIES_ID, min_releases=min_releases)
    return history_where_fresh(
        fresh,
        lambda: _table(inputs, low_months, floor_pct, low_pct, full_rise_z, scale_years)["score"],
    )


def _table(
    inputs: SignalInputs,
    low_months: int,
    floor_pct: float,
    low_pct: float,
    full_rise_z: float,
    scale_years: int,
) -> pd.DataFrame:
    table = releases(inputs, SERIES_ID)
    actual = table["actual"]
    recent = actual.rolling(low_months, min_periods=1)
    table["pct"] = _share_of_earlier_below(actual)
    table["trough"] = recent.min()
    table["trough_pct"] = table["pct"].rolling(low_months, min_periods=1).min()
    table["rise"] = actual - table["trough"]
    scale = robust_sd(actual.diff(), 12 * scale_years, min_count=24)
    # A flat history (scale 0 or unknown) gives no evidence of a turn.
    table["rise_z"] = (table["rise"] / scale.where(scale > 0)).fillna(0.0)
    low = piecewise(table["trough_pct"], (floor_pct, low_pct), (1.0, 0.0)).fillna(0.0)
    turn = piecewise(table["rise_z"], (0.0, full_rise_z), (0.0, 1.0))
    table["score"] = low * (1.0 + turn) / 2.0
    return table


def _share_of_earlier_below(values: pd.Series) -> np.ndarray:
    """For each row i, the share of rows j < i with values[j] < values[i] (NaN for row 0)."""
    v = values.to_numpy(float)
    below = np.tril(v[None, :] < v[:, None], k=-1).sum(axis=1)
    earlier = np.arange(len(v), dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(earlier > 0, below / earlier, np.nan)


def _sentence(row: pd.Series, low_months: int, first_year: int) -> str:
    low = (
        f"Consumer sentiment is {row['actual']:.1f}; its {low_months}-month low of "
        f"{row['trough']:.1f} was lower than {1 - row['trough_pct']:.1%} of readings since "
        f"{first_year}"
    )
    rise = f"and it is up {row['rise']:.1f} points from there ({row['rise_z']:+.1f}σ)"
    if row["score"] >= 0.75:
        verdict = "rising off the floor, the notes' contrarian buy signal for small caps"
    elif row["score"] > 0:
        verdict = "near the floor, a contrarian positive for small caps"
    else:
        verdict = "not low enough to be a contrarian signal"
    return f"{low} {rise}: {verdict}."


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="small caps (very low sentiment is a contrarian positive)",
        tickers=(SERIES_ID,),
        reading=consumer_sentiment,
        history=consumer_sentiment_history,
    ),
)
