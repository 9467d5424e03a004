"""Precious metals stretched: gold (GLD) and silver (SLV) extended far above trend, overbought,
after a parabolic run - and a one-day crash after such a run (a blow-off top). Subject: gold;
the score is <= 0: stretched metals argue for underweighting gold, calm ones say nothing.

Notes (Milk Road Macro PRO, Jan 2026): "gold, and particularly silver, are 'stretched' on
basically every metric you look at"; "Silver dropped roughly 30% in just a few hours on Friday -
and it's shown all the classic signs of a blow-off top ... Vertical up almost always leads to
vertical down." TMM: "The risk/reward for Gold is deteriorating in the short term".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from signals.freshness import fresh_history, missing_or_stale
from signals.indicators import (
    TRADING_DAYS_PER_YEAR,
    last_event_date,
    on_index,
    sessions_since,
    sma,
    trend_z,
    valid_closes,
    wilder_rsi,
)
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.scoring import ramp
from signals.spec import SignalSpec

NAME = "precious_metals_stretch"
METALS = {"GLD": "gold", "SLV": "silver"}
TICKERS = tuple(METALS)
EXTENSION_BAND = (0.75, 1.5)
"""Premium to the 200-day average in units of annualised volatility: 0 stretch at 0.75, full at
1.5 (about the 85th and 99th percentiles of GLD and SLV since 2004-2006)."""
RSI_BAND = (70.0, 85.0)
"""RSI(14) points: 0 stretch at the overbought line 70, full at 85."""
RUN_BAND = (1.5, 3.0)
"""3-month trend z (`indicators.trend_z`): 0 stretch at 1.5, full at 3 (a parabolic run)."""


def precious_metals_stretch(
    inputs: SignalInputs,
    *,
    crash_sigma: float = 4.0,
    crash_stretch: float = 0.5,
    blowoff_memory: int = 63,
) -> Reading:
    """score = -(level_GLD + level_SLV) / 2, level = max(stretch, blow-off) in [0, 1] per metal.

    stretch: mean of three [0, 1] ramps - premium to the 200-day average / annualised vol
    (EXTENSION_BAND), RSI(14) (RSI_BAND), 63-session trend z (RUN_BAND).
    blow-off: a one-day log return below -`crash_sigma` times the prior 63-session daily sd,
    the day after a stretch >= `crash_stretch`; it counts 1 on the day and fades linearly to 0
    over `blowoff_memory` sessions. Defaults: a 4-sd one-day fall is rare outside blow-offs and
    crashes (the notes' "roughly 30%" silver day was -10 sd); 63 sessions = one quarter.
    """
    stale = missing_or_stale(inputs, NAME, TICKERS, min_rows=200)
    if stale is not None:
        return stale
    frames = _metals(inputs.prices, crash_sigma, crash_stretch, blowoff_memory)
    rows = {t: frame.iloc[-1] for t, frame in frames.items()}
    score = -float(np.mean([rows[t]["level"] for t in TICKERS]))
    return Reading(
        name=NAME,
        score=score,
        explanation=_sentence(rows),
        evidence=_evidence(rows),
        as_of=inputs.as_of,
    )


def precious_metals_stretch_history(
    inputs: SignalInputs,
    *,
    crash_sigma: float = 4.0,
    crash_stretch: float = 0.5,
    blowoff_memory: int = 63,
) -> pd.Series:
    """Score of `precious_metals_stretch` at every date of `inputs.prices` (0 where stale)."""

    def compute() -> pd.Series:
        frames = _metals(inputs.prices, crash_sigma, crash_stretch, blowoff_memory)
        levels = [on_index(frame["level"], inputs.prices.index) for frame in frames.values()]
        return -sum(levels) / len(levels)

    return fresh_history(inputs, TICKERS, compute, min_rows=200)


def _metals(
    prices: pd.DataFrame, crash_sigma: float, crash_stretch: float, memory: int
) -> dict[str, pd.DataFrame]:
    return {t: _metal(valid_closes(prices, t), crash_sigma, crash_stretch, memory) for t in TICKERS}


def _metal(close: pd.Series, crash_sigma: float, crash_stretch: float, memory: int):
    """Per-date stretch components, crash bookkeeping and level for one metal."""
    daily = np.log(close).diff()
    vol = daily.rolling(TRADING_DAYS_PER_YEAR, min_periods=63).std() * np.sqrt(
        TRADING_DAYS_PER_YEAR
    )
    table = pd.DataFrame(
        {
            "pct_above_ma": 100 * (close / sma(close, 200) - 1.0),
            "rsi": wilder_rsi(close, 14),
            "run_z": trend_z(close, 63),
        }
    )
    table["stretch"] = (
        _unit_ramp(table["pct_above_ma"] / 100 / vol, *EXTENSION_BAND)
        + _unit_ramp(table["rsi"], *RSI_BAND)
        + _unit_ramp(table["run_z"], *RUN_BAND)
    ) / 3.0
    crash = (daily < -crash_sigma * daily.rolling(63).std().shift(1)) & (
        table["stretch"].shift(1) >= crash_stretch
    )
    table["crash_date"] = last_event_date(crash)
    table["crash_pct"] = (100 * np.expm1(daily)).where(crash).ffill()
    blowoff = (1.0 - sessions_since(crash) / memory).clip(lower=0.0).fillna(0.0)
    table["blowoff"] = blowoff
    table["level"] = np.maximum(table["stretch"], blowoff).where(table["stretch"].notna())
    return table


def _unit_ramp(x: pd.Series, lo: float, hi: float) -> pd.Series:
    """0 at or below lo, 1 at or above hi, linear between."""
    return (ramp(x, lo, hi) + 1.0) / 2.0


def _sentence(rows: dict[str, pd.Series]) -> str:
    parts = [
        f"{METALS[t]} is {abs(r['pct_above_ma']):.0f}% "
        f"{'below' if r['pct_above_ma'] < 0 else 'above'} its 200-day average (RSI {r['rsi']:.0f}, "
        f"3-month run {r['run_z']:+.1f} sd, stretch {r['stretch']:.2f})"
        for t, r in rows.items()
    ]
    blowoffs = [
        f"{METALS[t]} fell {-r['crash_pct']:.1f}% on {r['crash_date']:%Y-%m-%d} after a "
        f"parabolic run, a blow-off"
        for t, r in rows.items()
        if r["blowoff"] > 0
    ]
    sentence = "; ".join(parts + blowoffs)
    return sentence[0].upper() + sentence[1:] + "."


def _evidence(rows: dict[str, pd.Series]) -> dict[str, object]:
    evidence: dict[str, object] = {}
    for ticker, row in rows.items():
        key = ticker.lower()
        for column in ("pct_above_ma", "rsi", "run_z", "stretch", "blowoff"):
            evidence[f"{key}_{column}"] = float(row[column])
        if pd.notna(row["crash_date"]):
            evidence[f"{key}_last_blowoff_date"] = f"{row['crash_date']:%Y-%m-%d}"
            evidence[f"{key}_last_blowoff_pct"] = float(row["crash_pct"])
    return evidence


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(NAME, "gold", TICKERS, precious_metals_stretch, precious_metals_stretch_history),
)
