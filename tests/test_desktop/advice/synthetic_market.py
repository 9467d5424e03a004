"""A tiny market whose one theme trade follows a calendar signal, for evidence and backtests.

Three held assets: A (bought by theme "t"), B (funds it) and C (no theme). The signal "calendar"
reads +0.8 at the end of even months and -0.8 at the end of odd ones (it reads no prices, so it
cannot look ahead); over the following month A beats B by about +2 % after a +0.8 and loses
about 2 % after a -0.8. "contrarian" is the same score with a negative weight in the table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.advice.tables.tilts import ThemeRule, TiltTable
from desktop.advice.tables.universe import Asset, Theme, Universe
from signals import Reading, SignalInputs
from signals.spec import SignalSpec

DAYS = pd.bdate_range("2010-01-01", "2016-12-30")
UNIVERSE = Universe(
    assets=(
        Asset("A", "asset A", "equity", ("t",), 30.0),
        Asset("B", "asset B", "equity", (), 40.0),
        Asset("C", "asset C", "bonds", (), 30.0),
    ),
    signal_tickers=(),
    themes=(Theme("t", "Theme T", ("B",)),),
)
TABLE = TiltTable(
    {"t": ThemeRule("t", 0.08, {"calendar": 1.0, "contrarian": -0.5})}, source="synthetic"
)


def calendar_score(index: pd.DatetimeIndex) -> pd.Series:
    """+0.8 in even months, -0.8 in odd ones (the score at a month-end is that month's)."""
    return pd.Series(np.where(index.month % 2 == 0, 0.8, -0.8), index=index, name="calendar")


def prices(seed: int = 1) -> pd.DataFrame:
    """Daily closes of A, B, C: A's drift over each month follows the previous month's score."""
    rng = np.random.default_rng(seed)
    previous_month = (DAYS.month - 2) % 12 + 1  # whose month-end score this day's return follows
    drift = np.where(previous_month % 2 == 0, 0.001, -0.001)
    returns = rng.normal(0.0, 0.004, (len(DAYS), 3)) + np.array([0.0003, 0.0003, 0.0001])
    returns[:, 0] += drift
    return pd.DataFrame(100 * np.cumprod(1 + returns, axis=0), index=DAYS, columns=["A", "B", "C"])


def _history(inputs: SignalInputs) -> pd.Series:
    return calendar_score(inputs.prices.index)


def _reading(name: str):
    def reading(inputs: SignalInputs) -> Reading:
        score = float(calendar_score(inputs.prices.index[-1:]).iloc[0])
        return Reading(name, score, f"{name} reads {score}", {}, inputs.as_of)

    return reading


REGISTRY = tuple(
    SignalSpec(name, "theme T", ("A",), _reading(name), _history)
    for name in ("calendar", "contrarian")
)


def inputs(seed: int = 1) -> SignalInputs:
    return SignalInputs(prices=prices(seed))
