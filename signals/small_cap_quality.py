"""Small-cap quality: the S&P 600 (IJR) against the Russell 2000 (IWM).

The notes debate whether the small-cap rally is a "junk rally" driven by "companies with no current
revenues": such rallies "have short life cycles, lasting about 12 months on average", and "a
rotation back into more traditional, quality-value small-cap businesses ... would signal the rally
is broadening and becoming more sustainable". The S&P 600 admits only companies with positive
earnings; the Russell 2000 takes every small company. IJR beating IWM means quality leads.

Subject: small caps. Quality leading says the rally stands on earnings (positive); low quality
leading says it is the fragile kind (negative).

Score map: z = trend_z(IJR / IWM, window, vol_window) (the ratio's log change over `window`
sessions in units of its daily noise, see `signals.indicators.trend_z`); score = tanh(z / z_scale).
"""

from __future__ import annotations

import math

import pandas as pd

from signals.freshness import fresh_history, missing_or_stale, stale_reading
from signals.indicators import joint_closes, on_index, trend_frame
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "small_cap_quality"
QUALITY, BROAD = "IJR", "IWM"


def small_cap_quality(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """IJR/IWM trend at `inputs.as_of`; > 0 when profitable small caps lead.

    window: sessions over which the trend is measured (63 = about three months, the horizon of
        the notes' "past three months").
    vol_window: sessions of daily log changes of the ratio used for the noise estimate.
    z_scale: trend z at which the score reaches -/+0.76 (tanh(1)).
    Evidence: the ratio's change over the window (decimal), its trend z, both ETFs' changes.
    """
    stale = missing_or_stale(inputs, NAME, (QUALITY, BROAD), min_rows=window + 1)
    if stale is not None:
        return stale
    row = _table(inputs, window, vol_window, z_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        why = (
            f"{QUALITY} and {BROAD} share fewer than {window + 1} dates or their ratio never moves"
        )
        return stale_reading(NAME, why, inputs.as_of)
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, window),
        evidence={
            "relative_change": float(row["change"]),
            "trend_z": float(row["z"]),
            "ijr_change": float(row["quality_change"]),
            "iwm_change": float(row["broad_change"]),
            "window_sessions": window,
        },
        as_of=inputs.as_of,
    )


def small_cap_quality_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`small_cap_quality` score at every date of `inputs.prices` (0 where it would be stale)."""
    return fresh_history(
        inputs,
        (QUALITY, BROAD),
        lambda: _table(inputs, window, vol_window, z_scale)["score"],
        min_rows=window + 1,
    )


def _table(inputs: SignalInputs, window: int, vol_window: int, z_scale: float) -> pd.DataFrame:
    """change, z (of IJR/IWM), each ETF's change (decimals) and score on the prices index."""
    pair = joint_closes(inputs.prices, (QUALITY, BROAD))
    table = trend_frame(pair[QUALITY] / pair[BROAD], window, vol_window)
    table["quality_change"] = pair[QUALITY] / pair[QUALITY].shift(window) - 1.0
    table["broad_change"] = pair[BROAD] / pair[BROAD].shift(window) - 1.0
    table["score"] = squash(table["z"], z_scale)
    return on_index(table, inputs.prices.index)


def _sentence(row: pd.Series, window: int) -> str:
    if row["score"] >= 0.2:
        verdict = "profitable small caps lead, a rally standing on earnings"
    elif row["score"] <= -0.2:
        verdict = "unprofitable small caps lead, the junk rally the notes call short-lived"
    else:
        verdict = "neither quality nor junk leads clearly"
    return (
        f"Over {window} sessions IJR (S&P 600, profitable firms only) returned "
        f"{row['quality_change']:+.1%} against IWM's {row['broad_change']:+.1%}, "
        f"{'beating' if row['change'] >= 0 else 'lagging'} it by {abs(row['change']):.1%} "
        f"(trend z {row['z']:+.1f}): {verdict}."
    )


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="small caps (quality leading the rally is positive)",
        tickers=(QUALITY, BROAD),
        reading=small_cap_quality,
        history=small_cap_quality_history,
    ),
)
