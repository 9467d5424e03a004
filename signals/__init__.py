"""Market signals from the research notes: pure functions of prices and macro releases.

`REGISTRY` is a plain tuple of `SignalSpec`, in display order: the order of issue 3's table, then
the indicators of issue 13.
"""

from signals import (
    breadth,
    broadening,
    commodities,
    credit,
    crypto_sequence,
    cyclicals,
    dollar,
    dow_theory,
    energy,
    fed_path,
    global_equities,
    hard_soft,
    inflation,
    liquidity,
    macro,
    net_liquidity,
    precious_metals,
    rates,
    real_yields,
    sentiment,
    small_cap_quality,
    small_caps,
    speculation,
)
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.spec import SignalSpec

REGISTRY: tuple[SignalSpec, ...] = (
    *breadth.SPECS,
    *broadening.SPECS,
    *cyclicals.SPECS,
    *dow_theory.SPECS,
    *energy.SPECS,
    *small_caps.SPECS,
    *precious_metals.SPECS,
    *commodities.SPECS,
    *speculation.SPECS,
    *dollar.SPECS,
    *rates.SPECS,
    *global_equities.SPECS,
    *macro.SPECS,
    *sentiment.SPECS,
    *liquidity.SPECS,
    *small_cap_quality.SPECS,
    *fed_path.SPECS,
    *inflation.SPECS,
    *real_yields.SPECS,
    *credit.SPECS,
    *net_liquidity.SPECS,
    *hard_soft.SPECS,
    *crypto_sequence.SPECS,
)

RENAMED: dict[str, str] = {"energy_breadth": "energy_breakout"}
"""Old signal name -> its current name, so tilt tables written before a rename keep working."""

__all__ = ["REGISTRY", "RENAMED", "Reading", "SignalInputs", "SignalSpec"]
