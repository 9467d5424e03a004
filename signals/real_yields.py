"""Real yields: the 10-year Treasury yield less expected inflation, gold's opportunity cost.

The notes: "The risk/reward for Gold is deteriorating in the short term as real yields likely rise
with better growth data." Gold pays no coupon, so a rising real yield raises the cost of holding it.

Gauge: the 10-year Treasury yield (FRED DGS10) minus the 10-year breakeven inflation rate (FRED
T10YIE, the yield gap between nominal Treasuries and TIPS), both daily and in percent: the market's
10-year real yield. Moves are differences in percentage points, as for `signals.rates`.

Subject: gold (falling real yields are positive). Score map, on the releases of the two series:
    z     = (real_t - real_{t-window}) / (sd_t * sqrt(window)), sd_t the standard deviation of
            daily changes over the previous `vol_window` releases
    score = -tanh(z / z_scale)
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import history_where_fresh, stale_reading
from signals.inputs import SignalInputs
from signals.macro_levels import first_stale, fresh_all, last_released, levels
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "real_yields"
NOMINAL, BREAKEVEN = "treasury_10y", "breakeven_10y"


def real_yields(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """Trend of the 10-year real yield at `inputs.as_of`; > 0 (falling) favours gold.

    window: daily releases over which the change is measured (63 = about three months).
    vol_window: releases of daily changes used for the noise estimate.
    z_scale: trend z at which the score reaches -/+0.76 (tanh(1)).
    Evidence: real yield, nominal yield, breakeven (percent), change (points), z, release date.
    """
    stale = first_stale(inputs, NAME, (NOMINAL, BREAKEVEN), min_releases=window + 1)
    if stale is not None:
        return stale
    row = _table(inputs, window, vol_window, z_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        why = f"the real yield has fewer than {window + 1} joint releases or never moves"
        return stale_reading(NAME, why, inputs.as_of)
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, window),
        evidence={
            "real_yield_pct": float(row["real"]),
            "nominal_pct": float(row[NOMINAL]),
            "breakeven_pct": float(row[BREAKEVEN]),
            "change_points": float(row["change"]),
            "trend_z": float(row["z"]),
            "released": last_released(inputs, NOMINAL),
            "window_releases": window,
        },
        as_of=inputs.as_of,
    )


def real_yields_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`real_yields` score at every date of `inputs.prices` (0 where stale)."""
    fresh = fresh_all(inputs, (NOMINAL, BREAKEVEN), min_releases=window + 1)
    return history_where_fresh(fresh, lambda: _table(inputs, window, vol_window, z_scale)["score"])


def _table(inputs: SignalInputs, window: int, vol_window: int, z_scale: float) -> pd.DataFrame:
    """Both series, real (percent), change (points), z and score on the dates both are known."""
    table = levels(inputs, (NOMINAL, BREAKEVEN)).dropna()
    real = table[NOMINAL] - table[BREAKEVEN]
    change = real.diff(window)
    sd = real.diff().rolling(vol_window, min_periods=window).std()
    z = change / (sd * np.sqrt(window))
    return table.assign(real=real, change=change, z=z, score=-squash(z, z_scale))


def _sentence(row: pd.Series, window: int) -> str:
    if row["score"] >= 0.2:
        verdict = "falling real yields lower the cost of holding gold"
    elif row["score"] <= -0.2:
        verdict = "rising real yields raise the cost of holding gold"
    else:
        verdict = "real yields are roughly flat for gold"
    return (
        f"The 10-year real yield is {row['real']:.2f}% ({row[NOMINAL]:.2f}% nominal less "
        f"{row[BREAKEVEN]:.2f}% breakeven inflation), {'down' if row['change'] < 0 else 'up'} "
        f"{abs(row['change']):.2f} points over {window} releases (trend z {row['z']:+.1f}): "
        f"{verdict}."
    )


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="gold (falling real yields are positive)",
        tickers=(NOMINAL, BREAKEVEN),
        reading=real_yields,
        history=real_yields_history,
    ),
)
