"""Energy breaking out: the energy sector fund (XLE) closing at a new high after a base. Subject:
energy and cyclicals; score > 0 favours overweighting them.

Notes (Milk Road Macro PRO, Jan 2026): "The energy sector is also leading the way higher.
Historically, similar breakouts in energy sector breadth saw the S&P 500 higher 100% of the time
12 months later ... This type of price action tends to occur after bear markets, like the one we
saw in early 2025." The notes' gauge is breadth across energy stocks; no constituent data exists,
so this signal reads one fund's price breakout, and is named for that: energy_breakout (it was
energy_breadth; `signals.RENAMED` keeps tilt tables that use the old name working).
"""

from __future__ import annotations

import pandas as pd

from signals.breakouts import breakout_history, breakout_reading
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.spec import SignalSpec

NAME = "energy_breakout"
ENERGY = "XLE"


def energy_breakout(
    inputs: SignalInputs,
    *,
    base_years: float = 1.0,
    fakeout_band: float = 0.10,
    retest_tolerance: float = 0.05,
    fade_years: float = 1.0,
) -> Reading:
    """XLE's new all-time high out of a base of at least `base_years`, and whether it holds.

    Model and score: `signals.breakouts` (the same as small_cap_breakout). Defaults (notes):
    base_years 1 - a new high after a year without one, the pattern that "tends to occur after
    bear markets"; fade_years 1 - the notes' horizon is "12 months later"; fakeout_band 0.10 and
    retest_tolerance 0.05 (decimals) as for small caps.
    """
    params = (base_years, fakeout_band, retest_tolerance, fade_years)
    return breakout_reading(inputs, NAME, ENERGY, *params)


def energy_breakout_history(
    inputs: SignalInputs,
    *,
    base_years: float = 1.0,
    fakeout_band: float = 0.10,
    retest_tolerance: float = 0.05,
    fade_years: float = 1.0,
) -> pd.Series:
    """Score of `energy_breakout` at every date of `inputs.prices` (0 where stale)."""
    params = (base_years, fakeout_band, retest_tolerance, fade_years)
    return breakout_history(inputs, ENERGY, *params)


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(NAME, "energy, cyclicals", (ENERGY,), energy_breakout, energy_breakout_history),
)
