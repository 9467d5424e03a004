"""Breadth index over eight risk-sensitive sectors. Subject: equities and cyclicals; score > 0
is healthy participation ("green"), < 0 a breadth breakdown ("red").

Notes (Milk Road Macro PRO, Jan 2026): "my 'breadth index' including an equal-weighting across 8
risk-sensitive sectors (semiconductors, small-caps, transports, biotech, homebuilders, banks,
retail, steel). It's currently pushing against its upper bounds ... good things happen when this
index is above 0 (green), and bad things happen when this index is below 0 (red)"; "You will
typically see a 'breadth breakdown' occur before a major risk asset top".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from signals.freshness import fresh_history, missing_or_stale
from signals.indicators import on_index, sma, valid_closes
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.spec import SignalSpec

NAME = "breadth"
SECTORS = {
    "SMH": "semiconductors",
    "IWM": "small caps",
    "IYT": "transports",
    "XBI": "biotech",
    "XHB": "homebuilders",
    "KRE": "regional banks",
    "XRT": "retail",
    "SLX": "steel",
}
TICKERS = tuple(SECTORS)


def breadth(inputs: SignalInputs, *, fast: int = 50, slow: int = 200) -> Reading:
    """Equal-weight mean over the 8 sectors of a trend state in [-1, 1]; the score is the index.

    state = (sign(close - SMA_fast) + sign(close - SMA_slow) + sign(SMA_fast - SMA_slow)) / 3
    per sector (each ETF on its own trading days), so the index moves in steps of 1/12 between
    -1 (every sector below both averages, in a downtrend) and +1 (every sector in an uptrend).
    Defaults fast 50 / slow 200 sessions: the conventional medium and long trend lines.
    """
    stale = missing_or_stale(inputs, NAME, TICKERS, min_rows=slow)
    if stale is not None:
        return stale
    vote_rows, slow_sides = _votes(inputs.prices, fast, slow)
    states = vote_rows.iloc[-1] / 3.0
    index = _index(vote_rows.iloc[-1])
    above_slow = int((slow_sides.iloc[-1] > 0).sum())
    uptrends = int((states == 1.0).sum())
    weakest = states.idxmin()
    tone = "green" if index > 0 else "red" if index < 0 else "neutral"
    detail = f"{uptrends} in a full uptrend"
    if uptrends < len(TICKERS):
        detail += f", weakest {SECTORS[weakest]} ({weakest}, {states[weakest]:+.2f})"
    return Reading(
        name=NAME,
        score=index,
        explanation=(
            f"The breadth index is {index:+.2f} ({tone}, bounds -1 to +1): {above_slow} of "
            f"{len(TICKERS)} sectors are above their {slow}-day average, {detail}."
        ),
        evidence={
            "index": index,
            "sectors_above_slow_ma": above_slow,
            "sectors_in_full_uptrend": uptrends,
            **{f"state_{t}": float(states[t]) for t in TICKERS},
        },
        as_of=inputs.as_of,
    )


def breadth_history(inputs: SignalInputs, *, fast: int = 50, slow: int = 200) -> pd.Series:
    """Score (the index) of `breadth` at every date of `inputs.prices` (0 where stale)."""
    return fresh_history(
        inputs, TICKERS, lambda: _index(_votes(inputs.prices, fast, slow)[0]), min_rows=slow
    )


def _index(votes: pd.DataFrame | pd.Series) -> float | pd.Series:
    """Mean trend state over the sectors. Averaging the integer votes before dividing by 3 keeps
    a balanced market at exactly 0 (dividing first left rounding error that read as green)."""
    if isinstance(votes, pd.Series):
        return float(votes.mean()) / 3.0
    return votes.mean(axis=1) / 3.0


def _votes(prices: pd.DataFrame, fast: int, slow: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per sector on the panel's dates, each (n_dates, 8) and NaN until `slow` prices: the
    trend votes (-3..+3; the state is votes / 3), and the slow vote sign(close - SMA_slow)."""
    states, slow_sides = {}, {}
    for ticker in TICKERS:
        close = valid_closes(prices, ticker)
        fast_ma, slow_ma = sma(close, fast), sma(close, slow)
        slow_side = np.sign(close - slow_ma)
        votes = np.sign(close - fast_ma) + slow_side + np.sign(fast_ma - slow_ma)
        states[ticker] = on_index(votes, prices.index)
        slow_sides[ticker] = on_index(slow_side, prices.index)
    return pd.DataFrame(states), pd.DataFrame(slow_sides)


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(NAME, "equities, cyclicals", TICKERS, breadth, breadth_history),
)
