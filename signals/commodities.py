"""Commodities: the broad index leaving a multi-year base, and industrial metals' trend.

The notes: "the whole commodity complex ... has only just taken off from a multi-year basing
pattern" and "the next big commodity trade is probably in industrial metals like copper".

commodity_breakout (DBC). The *base* at date t is DBC's closing range over the `base_years`
years (252 sessions a year) before the `recent_days` sessions that precede t, so a breakout is
measured against the range it left for `recent_days` sessions. With H, L its high and low:
    up    = piecewise(ln(close / H), (0, full_breakout) -> (0, 1))   above the base
    down  = piecewise(ln(close / L), (-full_breakout, 0) -> (-1, 0))  below the base
    width = ln(H / L); quality = piecewise(width, (narrow_width, 2 narrow_width) -> (1, 0.5))
    score = quality * up + down    (0 anywhere inside the base; a wide "base" counts half)

industrial_metals (DBB, CPER, COPX). Per fund: trend = tanh(trend_z / z_scale) and
breakout = 2 x - 1 clipped to [-1, 1], x = (close - L1) / (H1 - L1) its position in the prior
`range_days` sessions' range (+1 at a new high, -1 at a new low); fund score = mean of the two.
The signal is the mean over the funds that are fresh, needing at least `min_funds` of them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import (
    fresh_history,
    fresh_mask,
    masked_history,
    missing_or_stale,
    stale_reading,
)
from signals.indicators import (
    TRADING_DAYS_PER_YEAR,
    prior_high,
    prior_low,
    trend_frame,
    valid_closes,
)
from signals.inputs import SignalInputs
from signals.pooling import Pool, member_columns, pool
from signals.reading import Reading
from signals.scoring import piecewise, ramp, squash
from signals.spec import SignalSpec

BREAKOUT, METALS = "commodity_breakout", "industrial_metals"
INDEX = "DBC"
METAL_FUNDS = ("DBB", "CPER", "COPX")


def commodity_breakout(
    inputs: SignalInputs,
    *,
    base_years: float = 3.0,
    recent_days: int = 21,
    full_breakout: float = 0.05,
    narrow_width: float = 0.35,
) -> Reading:
    """DBC relative to its multi-year base at `inputs.as_of`; > 0 favours commodities.

    base_years: length of the base (years of 252 sessions).
    recent_days: sessions just before t left out of the base (how long a breakout is measured
        against the range it left).
    full_breakout: log distance beyond the base (0.05 = about 5 %) that scores -/+1.
    narrow_width: ln(high / low) up to which the base counts as narrow (0.35 = high 42 % above low).
    Evidence: close, base high/low/end date, distance above the high (decimal), width, quality,
    is_base (the range is narrow enough to be called a base: quality 1; wider, the sentence
    calls it a range).
    """
    rows = _base_rows(base_years, recent_days)
    stale = missing_or_stale(inputs, BREAKOUT, (INDEX,), min_rows=rows)
    if stale is not None:
        return stale
    row = _base_table(inputs, base_years, recent_days, full_breakout, narrow_width).iloc[-1]
    return Reading(
        name=BREAKOUT,
        score=float(row["score"]),
        explanation=_base_sentence(row, base_years),
        evidence={
            "close": float(row["close"]),
            "base_high": float(row["high"]),
            "base_low": float(row["low"]),
            "base_end": row["base_end"],
            "above_base_high": float(np.expm1(row["above"])),
            "base_width": float(row["width"]),
            "base_quality": float(row["quality"]),
            "is_base": bool(row["quality"] >= 1.0),
        },
        as_of=inputs.as_of,
    )


def commodity_breakout_history(
    inputs: SignalInputs,
    *,
    base_years: float = 3.0,
    recent_days: int = 21,
    full_breakout: float = 0.05,
    narrow_width: float = 0.35,
) -> pd.Series:
    """`commodity_breakout` score at every date of `inputs.prices` (0 where stale)."""
    return fresh_history(
        inputs,
        (INDEX,),
        lambda: _base_table(inputs, base_years, recent_days, full_breakout, narrow_width)["score"],
        min_rows=_base_rows(base_years, recent_days),
    )


def _base_rows(base_years: float, recent_days: int) -> int:
    return round(base_years * TRADING_DAYS_PER_YEAR) + recent_days + 1


def _base_table(
    inputs: SignalInputs,
    base_years: float,
    recent_days: int,
    full_breakout: float,
    narrow_width: float,
) -> pd.DataFrame:
    """Per DBC trading day: close, base high/low/end/width/quality, above, below, score."""
    close = valid_closes(inputs.prices, INDEX)
    base_days = round(base_years * TRADING_DAYS_PER_YEAR)
    high = prior_high(close, base_days).shift(recent_days)
    low = prior_low(close, base_days).shift(recent_days)
    table = pd.DataFrame({"close": close, "high": high, "low": low})
    table["base_end"] = pd.Series(close.index, index=close.index).shift(recent_days + 1)
    table["above"] = np.log(close / high)
    table["below"] = np.log(close / low)
    table["width"] = np.log(high / low)
    table["quality"] = piecewise(table["width"], (narrow_width, 2 * narrow_width), (1.0, 0.5))
    up = piecewise(table["above"], (0.0, full_breakout), (0.0, 1.0))
    down = piecewise(table["below"], (-full_breakout, 0.0), (-1.0, 0.0))
    table["score"] = table["quality"] * up + down
    return table


def _base_sentence(row: pd.Series, base_years: float) -> str:
    """The close against the prior range, called a base only when narrow (quality 1)."""
    is_base = row["quality"] >= 1.0
    wide = "" if is_base else ", too wide to call a base"
    span = (
        f"its {base_years:g}-year {'base' if is_base else 'range'} of "
        f"{row['low']:.2f}-{row['high']:.2f} ({np.expm1(row['width']):.0%} high over low{wide}, "
        f"to {row['base_end']:%Y-%m-%d})"
    )
    where = f"{INDEX} closed at {row['close']:.2f}"
    if row["above"] > 0:
        verdict = (
            "the commodity index is leaving a multi-year base"
            if is_base
            else f"a breakout from a wide range, counted at {row['quality']:.0%} strength"
        )
        return f"{where}, {np.expm1(row['above']):.1%} above the top of {span}: {verdict}."
    if row["below"] < 0:
        return (
            f"{where}, {-np.expm1(row['below']):.1%} below the bottom of {span}: "
            "commodities are breaking down."
        )
    inside = "still inside the base" if is_base else "inside the range"
    return f"{where}, {-np.expm1(row['above']):.1%} below the top of {span}: {inside}, no breakout."


def industrial_metals(
    inputs: SignalInputs,
    *,
    window: int = 63,
    vol_window: int = 252,
    range_days: int = 252,
    z_scale: float = 2.0,
    min_funds: int = 2,
) -> Reading:
    """Base-metal trend and breakout at `inputs.as_of`; > 0 favours industrial metals.

    window, vol_window, z_scale: trend measure as in `signals.indicators.trend_z`, squashed
        with tanh(z / z_scale).
    range_days: sessions of the prior range a breakout is measured against (252 = 1 year).
    min_funds: how many of DBB, CPER, COPX must be fresh (default 2: any one may be missing).
    Evidence: per fund window change (decimal), trend z and range position; funds used.
    """
    params = (window, vol_window, range_days, z_scale)
    funds = pool(METAL_FUNDS, lambda fund: _metal_row(inputs, fund, *params))
    if len(funds.used) < min_funds:
        why = f"fewer than {min_funds} of {', '.join(METAL_FUNDS)} are usable: {funds.reasons}"
        return stale_reading(METALS, why, inputs.as_of)
    score = float(np.mean([row["score"] for _, row in funds.used]))
    return Reading(
        name=METALS,
        score=score,
        explanation=_metals_sentence(funds, window, score),
        evidence=_metals_evidence(funds),
        as_of=inputs.as_of,
    )


def industrial_metals_history(
    inputs: SignalInputs,
    *,
    window: int = 63,
    vol_window: int = 252,
    range_days: int = 252,
    z_scale: float = 2.0,
    min_funds: int = 2,
) -> pd.Series:
    """`industrial_metals` score at every date of `inputs.prices` (0 where stale)."""
    scores = member_columns(
        inputs.prices.index,
        METAL_FUNDS,
        lambda fund: fresh_mask(inputs, (fund,), min_rows=range_days + 1),
        lambda fund: _metal_table(inputs, fund, window, vol_window, range_days, z_scale)["score"],
    )
    usable = scores.notna().sum(axis=1) >= min_funds
    return masked_history(scores.mean(axis=1), usable)


def _metal_row(
    inputs: SignalInputs, fund: str, window: int, vol_window: int, range_days: int, z_scale: float
) -> pd.Series | Reading:
    """The fund's last `_metal_table` row, or a stale Reading saying why it is not usable."""
    stale = missing_or_stale(inputs, METALS, (fund,), min_rows=range_days + 1)
    if stale is not None:
        return stale
    row = _metal_table(inputs, fund, window, vol_window, range_days, z_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        why = f"{fund} has not moved in {vol_window} sessions"
        return stale_reading(METALS, why, inputs.as_of)
    return row


def _metal_table(
    inputs: SignalInputs,
    fund: str,
    window: int,
    vol_window: int,
    range_days: int,
    z_scale: float,
) -> pd.DataFrame:
    """Per trading day of `fund`: change (decimal), z, range position (0-1) and score."""
    close = valid_closes(inputs.prices, fund)
    high, low = prior_high(close, range_days), prior_low(close, range_days)
    table = trend_frame(close, window, vol_window)
    table["position"] = ((close - low) / (high - low)).where(high > low)
    breakout = ramp(table["position"], 0.0, 1.0).fillna(0.0)
    table["score"] = (squash(table["z"], z_scale) + breakout) / 2.0
    return table


def _metals_sentence(funds: Pool, window: int, score: float) -> str:
    parts = []
    for fund, row in funds.used:
        if not math.isfinite(row["position"]):
            where = "flat for a year"
        elif row["position"] >= 1:
            where = "at a 1-year high"
        elif row["position"] <= 0:
            where = "at a 1-year low"
        else:
            where = f"{row['position']:.0%} up its 1-year range"
        parts.append(f"{fund} {row['change']:+.1%} ({where})")
    trend = "trending up" if score > 0 else "trending down"
    unusable = len(funds.left_out)
    missing = f" ({unusable} fund{'s' if unusable > 1 else ''} not usable)" if unusable else ""
    return f"Over {window} sessions {', '.join(parts)}: industrial metals are {trend}{missing}."


def _metals_evidence(funds: Pool) -> dict[str, object]:
    evidence: dict[str, object] = {"funds_used": ", ".join(fund for fund, _ in funds.used)}
    for fund, row in funds.used:
        evidence[f"{fund}_change"] = float(row["change"])
        evidence[f"{fund}_trend_z"] = float(row["z"])
        evidence[f"{fund}_range_position"] = float(row["position"])
    if funds.left_out:
        evidence["not_used"] = funds.reasons
    return evidence


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(BREAKOUT, "commodities", (INDEX,), commodity_breakout, commodity_breakout_history),
    SignalSpec(
        METALS, "industrial metals", METAL_FUNDS, industrial_metals, industrial_metals_history
    ),
)
