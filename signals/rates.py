"""The 10-year Treasury yield's trend: falling yields favour rate-sensitive small caps.

Gauge: ^TNX, whose "price" is the yield itself in percent (4.17 = 4.17 %), not a bond price.
Yield moves are measured as differences in percentage points, not log changes: a move from 1 %
to 0.5 % is half a point, not -69 %.

Score map: z = (y_t - y_{t-window}) / (sd_t * sqrt(window)), sd_t the standard deviation of daily
yield changes over `vol_window` sessions; score = -tanh(z / z_scale). Falling yields -> positive.
z is unit-free, so a feed quoting ^TNX in tenths of a percent (41.7) gives the same score.
Freshness and the reading's shape: `signals.gauge_trend`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from signals.gauge_trend import GaugeTrend
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "rates"
TICKER = "^TNX"


def rates(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """10-year yield trend at `inputs.as_of`; > 0 when yields are falling.

    window: sessions over which the change is measured (63 = about three months).
    vol_window: sessions of daily yield changes used for the noise estimate.
    z_scale: trend z at which the score reaches -/+0.76 (tanh(1)).
    Evidence: yield (percent), change over the window (percentage points), trend z.
    """
    return GAUGE.reading(inputs, window, vol_window, z_scale)


def rates_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`rates` score at every date of `inputs.prices` (0 where it would be stale)."""
    return GAUGE.history(inputs, window, vol_window, z_scale)


def _table(level: pd.Series, window: int, vol_window: int, z_scale: float) -> pd.DataFrame:
    """level (percent), change (points), z and score on ^TNX's trading days."""
    change = level.diff(window)
    sd = level.diff().rolling(vol_window, min_periods=window).std()
    z = change / (sd * np.sqrt(window))
    return pd.DataFrame({"level": level, "change": change, "z": z, "score": -squash(z, z_scale)})


def _describe(row: pd.Series, window: int) -> tuple[str, dict[str, object]]:
    direction = "down" if row["change"] < 0 else "up"
    if row["score"] > 0:
        verdict = "falling yields favour small caps"
    else:
        verdict = "rising yields weigh on rate-sensitive small caps"
    sentence = (
        f"The 10-year yield is {row['level']:.2f}%, {direction} {abs(row['change']):.2f} "
        f"points over {window} sessions (trend z {row['z']:+.1f}): {verdict}."
    )
    evidence: dict[str, object] = {
        "yield_pct": float(row["level"]),
        "change_points": float(row["change"]),
        "trend_z": float(row["z"]),
        "window_sessions": window,
    }
    return sentence, evidence


GAUGE = GaugeTrend(NAME, TICKER, _table, _describe)

SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(NAME, "small caps (falling yields are positive)", (TICKER,), rates, rates_history),
)
