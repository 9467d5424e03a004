"""How hard to tilt and when to trade, from theory and the cost (Grinold & Kahn), never a search.

Turnover penalty from the cost. The objective weighs annualised expected active return against
a one-off trading cost: a trade paying `cost` per unit of traded weight is worth making only if
the alpha it buys, earned over the forecast's horizon, exceeds the cost. The forecasts are
monthly (the evidence measures next-month ICs), so the cost is amortised over one month
(Grinold & Kahn's amortisation of transaction costs over the holding horizon):

    kappa = cost / horizon = cost_bps / 10_000 x 12        (10 bp -> 0.012 per unit traded)

The same penalty holds for weekly rebalancing: the horizon is the forecast's, not the calendar's.
With it the advice does not move a weight unless the annualised alpha gained per unit moved
exceeds kappa, so turnover follows the evidence, not the noise of a re-estimated covariance.

Risk aversion and the tracking-error cap stay the user's knobs (`desktop.advice.knobs`). The
fundamental law sets what they imply: with monthly ICs per theme, the ex-ante information ratio
is about sqrt(12 x sum(IC^2)) (12 independent bets a year per theme, themes taken as
independent), and the optimal active risk is IR / (2 x risk aversion); `optimal_active_risk`
gives it so a report can say whether the cap or the risk aversion sets the size of the tilts.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

from desktop.advice.knobs import Knobs

FORECAST_MONTHS = 1
"""The horizon of the signals' forecasts, in months: what a trade's cost is amortised over."""
MONTHS_PER_YEAR = 12


def cost_penalty(cost_bps: float) -> float:
    """kappa, the turnover penalty per unit of traded weight in annualised objective units."""
    if not math.isfinite(cost_bps) or cost_bps < 0:
        raise ValueError(f"the cost must be a number of basis points >= 0, got {cost_bps!r}")
    return cost_bps / 10_000 * MONTHS_PER_YEAR / FORECAST_MONTHS


def cost_aware_knobs(cost_bps: float, knobs: Knobs | None = None) -> Knobs:
    """`knobs` (default: the app's) with the turnover penalty derived from the cost."""
    return dataclasses.replace(knobs or Knobs(), turnover_penalty=cost_penalty(cost_bps))


def information_ratio(monthly_ics: Iterable[float]) -> float:
    """Ex-ante IR ~ sqrt(12 x sum(IC^2)): the fundamental law with 12 monthly bets per theme."""
    return math.sqrt(MONTHS_PER_YEAR * sum(ic * ic for ic in monthly_ics))


def optimal_active_risk(monthly_ics: Iterable[float], risk_aversion: float) -> float:
    """Grinold & Kahn's optimal tracking error IR / (2 x risk aversion), annualised decimal."""
    return information_ratio(monthly_ics) / (2.0 * risk_aversion)
