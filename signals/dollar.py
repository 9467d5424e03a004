"""The dollar's trend: a falling dollar favours commodities and non-US assets.

Gauge: UUP (Invesco DB US Dollar Index Bullish fund), adjusted closes. UUP holds dollar-index
futures and T-bills, so its total return carries the US short rate: with rates near 4-5 % it
drifts up a few percent a year even when the dollar index is flat. The trend below is therefore
slightly biased towards "rising" when US rates are high; the notes' "melting dollar" shows up as a
fall larger than that carry.

Score map: z = trend_z(UUP, window, vol_window) (the window's log change in units of daily noise,
see `signals.indicators.trend_z`); score = -tanh(z / z_scale). Falling dollar -> positive.
"""

from __future__ import annotations

import math

import pandas as pd

from signals.freshness import fresh_history, missing_or_stale, stale_reading
from signals.indicators import trend_frame, valid_closes
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
    stale = missing_or_stale(inputs, NAME, (TICKER,), min_rows=window + 1)
    if stale is not None:
        return stale
    row = _table(inputs, window, vol_window, z_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        return stale_reading(NAME, f"{TICKER} has not moved in {window} sessions", inputs.as_of)
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, window),
        evidence={
            "close": float(row["close"]),
            "change": float(row["change"]),
            "trend_z": float(row["z"]),
            "window_sessions": window,
        },
        as_of=inputs.as_of,
    )


def dollar_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`dollar` score at every date of `inputs.prices` (0 where it would be stale)."""
    return fresh_history(
        inputs,
        (TICKER,),
        lambda: _table(inputs, window, vol_window, z_scale)["score"],
        min_rows=window + 1,
    )


def _table(inputs: SignalInputs, window: int, vol_window: int, z_scale: float) -> pd.DataFrame:
    """close, change (decimal), z and score on UUP's trading days."""
    close = valid_closes(inputs.prices, TICKER)
    table = trend_frame(close, window, vol_window).assign(close=close)
    table["score"] = -squash(table["z"], z_scale)
    return table


def _sentence(row: pd.Series, window: int) -> str:
    if row["score"] > 0:
        verdict = "a falling dollar favours commodities and non-US assets"
    else:
        verdict = "a firm dollar is a headwind for commodities and non-US assets"
    return (
        f"UUP {moved(row['change'])} over {window} sessions to {row['close']:.2f} "
        f"(trend z {row['z']:+.1f}): {verdict}."
    )


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="commodities and non-US assets (a falling dollar is positive)",
        tickers=(TICKER,),
        reading=dollar,
        history=dollar_history,
    ),
)
