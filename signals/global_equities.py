"""Non-US equities: their own trend and their strength relative to the S&P 500.

The notes read a "raging global bull market", with most international markets beating the US
indices, as the backdrop of every major small-cap rally: a positive reading favours equities.

Gauge: ACWX (MSCI ACWI ex-US); VEU (FTSE All-World ex-US) stands in on any date ACWX is missing
or stale. SPY is the US benchmark.

Score map: z_abs = trend_z(gauge), z_rel = trend_z(gauge / SPY) (see `signals.indicators.trend_z`);
score = (tanh(z_abs / z_scale) + tanh(z_rel / z_scale)) / 2.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import (
    fresh_mask,
    masked_history,
    missing_or_stale,
    stale_reading,
    stale_reason,
)
from signals.indicators import joint_closes, on_index, trend_frame, valid_closes
from signals.inputs import SignalInputs
from signals.reading import Reading, moved
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "global_equities"
GAUGES = ("ACWX", "VEU")
BENCHMARK = "SPY"


def global_equities(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """Non-US equity trend and relative strength at `inputs.as_of`; > 0 favours equities.

    window: sessions over which trends are measured (63 = about three months).
    vol_window: sessions of daily log changes used for the noise estimates.
    z_scale: trend z at which each half of the score reaches 0.76 of its range (tanh(1)).
    Evidence: gauge used, its window change and SPY-relative change (decimals), both trend z.
    """
    benchmark_stale = missing_or_stale(inputs, NAME, (BENCHMARK,), min_rows=window + 1)
    if benchmark_stale is not None:
        return benchmark_stale
    problems = []
    for gauge in GAUGES:
        stale = missing_or_stale(inputs, NAME, (gauge, BENCHMARK), min_rows=window + 1)
        if stale is None:
            return _reading(inputs, gauge, window, vol_window, z_scale)
        problems.append(stale_reason(stale))
    return stale_reading(NAME, "; ".join(problems), inputs.as_of)


def global_equities_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`global_equities` score at every date of `inputs.prices` (0 where it would be stale)."""
    score = pd.Series(np.nan, index=inputs.prices.index)
    usable = pd.Series(False, index=inputs.prices.index)
    for gauge in GAUGES:
        fresh = fresh_mask(inputs, (gauge, BENCHMARK), min_rows=window + 1) & ~usable
        if fresh.any():
            gauge_score = _table(inputs, gauge, window, vol_window, z_scale)["score"]
            score = score.mask(fresh, gauge_score)
        usable |= fresh
    return masked_history(score, usable)


def _reading(
    inputs: SignalInputs, gauge: str, window: int, vol_window: int, z_scale: float
) -> Reading:
    row = _table(inputs, gauge, window, vol_window, z_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        why = f"{gauge} and {BENCHMARK} share fewer than {window + 1} dates or never move"
        return stale_reading(NAME, why, inputs.as_of)
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, gauge, window),
        evidence={
            "gauge": gauge,
            "change": float(row["change"]),
            "relative_change": float(row["relative_change"]),
            "trend_z": float(row["z"]),
            "relative_z": float(row["relative_z"]),
            "window_sessions": window,
        },
        as_of=inputs.as_of,
    )


def _table(
    inputs: SignalInputs, gauge: str, window: int, vol_window: int, z_scale: float
) -> pd.DataFrame:
    """change, relative_change (decimals), z, relative_z and score on `inputs.prices.index`."""
    pair = joint_closes(inputs.prices, (gauge, BENCHMARK))
    own = trend_frame(valid_closes(inputs.prices, gauge), window, vol_window)
    rel = trend_frame(pair[gauge] / pair[BENCHMARK], window, vol_window).add_prefix("relative_")
    index = inputs.prices.index
    table = pd.concat([on_index(own, index), on_index(rel, index)], axis=1)
    table["score"] = (squash(table["z"], z_scale) + squash(table["relative_z"], z_scale)) / 2.0
    return table


def _sentence(row: pd.Series, gauge: str, window: int) -> str:
    relative = row["relative_change"]
    return (
        f"{gauge} {moved(row['change'])} over {window} sessions (trend z {row['z']:+.1f}) and "
        f"{'beat' if relative >= 0 else 'lagged'} SPY by {abs(relative):.1%} "
        f"(relative z {row['relative_z']:+.1f}): {_verdict(row['change'], relative)}."
    )


def _verdict(change: float, relative: float) -> str:
    """What the two moves say together: only rising and leading non-US equities confirm."""
    if change >= 0 and relative >= 0:
        return "non-US equities confirm a global bull market"
    if change >= 0:
        return "non-US equities rise but lag the US, so the advance is US-led, not yet global"
    if relative >= 0:
        return "non-US equities fall, if less than the US: no global bull market"
    return "non-US equities fall and lag the US: no global bull market"


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="equities (a global bull market is positive)",
        tickers=(*GAUGES, BENCHMARK),
        reading=global_equities,
        history=global_equities_history,
    ),
)
