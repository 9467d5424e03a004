"""The user's knobs for the optimiser and the trade list, in the units a person types.

The one place where the app's knob defaults live and where percent becomes a fraction
(`to_settings`), so the window, the command line and the backtest solve the same problem for the
same knobs. Pure: no Qt, no I/O. Importing it costs nothing (the window paints a saved state
before pandas or cvxpy load): the allocator is imported inside `to_settings`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from allocator import Settings


MAX_PORTFOLIO_VALUE = 1e11
"""USD 100 billion: a larger portfolio value (typed, or the holdings' market value) is a typo
and would size absurd share counts. The window's value box stops there too."""


@dataclass(frozen=True, slots=True)
class Knobs:
    """The user's settings for the optimiser and the trade list.

    risk_aversion: gamma_risk, the weight on active variance (annualised, decimal) in the objective.
    te_cap_pct: hard cap on ex-ante tracking error, annualised, in percent (3.0 = 3 %).
    turnover_penalty: kappa, the cost per unit of one-way turnover (decimal weights) in the
        objective.
    portfolio_value: the money to allocate, in USD; 0 means "weights only, no shares".
    max_active_pct: cap on each asset's |suggested - model| weight, in percentage points.
    overrides: theme -> the user's view in [-1, 1], replacing the signals' view for that theme.
    class_bounds: asset class -> (min, max) total weight in percent, e.g. {"bonds": (20, 40)}.
    """

    risk_aversion: float = 2.0
    te_cap_pct: float = 4.0
    turnover_penalty: float = 0.001
    portfolio_value: float = 0.0
    max_active_pct: float = 10.0
    overrides: Mapping[str, float] = field(default_factory=dict)
    class_bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clipped = {k: min(1.0, max(-1.0, float(v))) for k, v in self.overrides.items()}
        object.__setattr__(self, "overrides", MappingProxyType(clipped))
        bounds = {k: (float(lo), float(hi)) for k, (lo, hi) in self.class_bounds.items()}
        object.__setattr__(self, "class_bounds", MappingProxyType(bounds))

    def __reduce__(self):
        """Pickle through plain dicts (read-only mappings do not pickle): knobs cross to the
        engine's process with every solve request."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(overrides=dict(self.overrides), class_bounds=dict(self.class_bounds))
        return _knobs, (values,)


def _knobs(values: dict) -> Knobs:
    return Knobs(**values)


def to_settings(knobs: Knobs, w_prev: Sequence[float] | np.ndarray | None = None) -> Settings:
    """The allocator's Settings (decimals) for `knobs` (percent where the name says so).

    w_prev: (n,) current weights, decimals, the turnover penalty is measured from; None: the
    model portfolio.
    """
    import numpy as np

    from allocator import Settings

    return Settings(
        gamma_risk=knobs.risk_aversion,
        kappa=knobs.turnover_penalty,
        max_te=knobs.te_cap_pct / 100,
        max_active=knobs.max_active_pct / 100,
        class_bounds={k: (lo / 100, hi / 100) for k, (lo, hi) in knobs.class_bounds.items()},
        w_prev=None if w_prev is None else np.asarray(w_prev, dtype=float),
    )
