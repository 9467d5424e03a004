"""The dollar's trend: a falling dollar favours commodities and non-US assets.

Gauge: UUP (Invesco DB US Dollar Index Bullish fund), adjusted closes. UUP holds dollar-index
futures and T-bills, so its total return carries the US short rate: with rates near 4-5 % it
drifts up a few percent a year even when the dollar index is flat. The trend below is therefore
slightly biased towards "rising" when US rates are high; the notes' "melting dollar" shows up as a
fall larger than that carry.

Score map: z = trend_z(UUP, window, vol_window) (the window's log change in units of daily noise,
see `signals.indicators.trend_z`); score = -tanh(z / z_scale). Falling dollar -> positive.
Freshness and the reading's shape: `signals.gauge_trend`.
"""

from __future__ import annotations

import pandas as pd

from signals.gauge_trend import GaugeTrend
from signals.indicators import trend_frame
from signals.inputs import SignalInputs
from signals.reading import Reading, moved
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "dollar"
TICKER = "UUP"


def dollar(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """Dollar trend at `inputs.as_of`; > 0 when the dollar is falling.

    window: sessions over which the trend is measured (63 = about three months).
    vol_window: sessions of daily log changes used for the noise estimate.
    z_scale: trend z at which the score reaches -/+0.76 (tanh(1)).
    Evidence: UUP close, window change (decimal, 0.02 = +2 %), trend z.
    """
    return GAUGE.reading(inputs, window, vol_window, z_scale)


def dollar_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`dollar` score at every date of `inputs.prices` (0 where it would be stale)."""
    return GAUGE.history(inputs, window, vol_window, z_scale)


def _table(close: pd.Series, window: int, vol_window: int, z_scale: float) -> pd.DataFrame:
    """close, change (decimal), z and score on UUP's trading days."""
    table = trend_frame(close, window, vol_window).assign(close=close)
    table["score"] = -squash(table["z"], z_scale)
    return table


def _describe(row: pd.Series, window: int) -> tuple[str, dict[str, object]]:
    if row["score"] > 0:
        verdict = "a falling dollar favours commodities and non-US assets"
    else:
        verdict = "a firm dollar is a headwind for commodities and non-US assets"
    sentence = (
        f"UUP {moved(row['change'])} over {window} sessions to {row['close']:.2f} "
        f"(trend z {row['z']:+.1f}): {verdict}."
    )
    evidence: dict[str, object] = {
        "close": float(row["close"]),
        "change": float(row["change"]),
        "trend_z": float(row["z"]),
        "window_sessions": window,
    }
    return sentence, evidence


GAUGE = GaugeTrend(NAME, TICKER, _table, _describe)

SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="commodities and non-US assets (a falling dollar is positive)",
        tickers=(TICKER,),
        reading=dollar,
        history=dollar_history,
        title="Weak dollar",  # the score rises as the dollar falls, as its tilts assume
    ),
)
