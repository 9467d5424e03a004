"""Market signals from the research notes: pure functions of prices and macro releases.

`REGISTRY` is a plain tuple of `SignalSpec`, in display order (the order of issue 3's table).
"""

from signals import (
    breadth,
    broadening,
    commodities,
    cyclicals,
    dollar,
    dow_theory,
    energy,
    global_equities,
    liquidity,
    macro,
    precious_metals,
    rates,
    sentiment,
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
)

__all__ = ["REGISTRY", "Reading", "SignalInputs", "SignalSpec"]
