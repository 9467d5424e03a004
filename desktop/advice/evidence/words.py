"""A signal's record in one line, for its card and the Evidence table.

    "Since 2007, when high: Small caps (IWM vs SPY, QQQ) -1.3 % the next month, 35 cases,
     t -2.8: has pointed the wrong way"

The line reports the more frequent of the two strong states (high or low; ties: high): the
trade's mean return over the month after it, how many month-ends, and the t-stat. The verdict:
"noise" when |t| < NOISE_T (the usual 5 % two-sided level); otherwise "has pointed the right
way" when the trade moved the way the signal pushes it in the theme (high with a positive weight
should be followed by a rise, high with a negative weight by a fall), else "has pointed the wrong
way". Fewer than MIN_CASES strong readings give no verdict.
"""

from __future__ import annotations

import math

import pandas as pd

from desktop.advice.evidence.stats import Bucket
from desktop.advice.evidence.trade_returns import TradeLegs

NOISE_T = 2.0
"""|t| below this is indistinguishable from luck at the usual 5 % level: called "noise"."""
MIN_CASES = 5
"""Fewer strong readings than this give no verdict (a t-stat needs a handful of cases)."""


def record_sentence(
    since: pd.Timestamp | None,
    one_month: tuple[Bucket, ...],
    sign: float,
    leg: TradeLegs,
    signal: str,
    *,
    traded: bool = True,
) -> str:
    """The one-line record; one_month: the high, neutral and low buckets at 1 month.

    traded: whether the theme's trade has any return in the data (False: it buys no held asset
    with prices, so there is nothing to score against).
    """
    if not traded:
        return (
            f"No record: {leg.label} buys no held asset with prices, so it has no trade to score."
        )
    if since is None:
        return f"No record yet: {signal or 'the view'} has read 0 (no data) at every month-end."
    by_state = {b.state: b for b in one_month}
    high, low = by_state["high"], by_state["low"]
    strong = high if high.n >= low.n else low
    total = sum(b.n for b in one_month)
    if strong.n < MIN_CASES:
        return (
            f"Since {since:%Y}, rarely high or low ({high.n} and {low.n} of {total} month-ends): "
            "no record yet."
        )
    return (
        f"Since {since:%Y}, when {strong.state}: {leg.description} {strong.mean_pct:+.1f} % "
        f"the next month, {strong.n} cases, t {_t(strong.t_stat)}: "
        f"{verdict(strong, sign)}"
    )


def verdict(bucket: Bucket, sign: float) -> str:
    """ "noise", "has pointed the right way" or "has pointed the wrong way" (module docstring)."""
    if not math.isfinite(bucket.t_stat) or abs(bucket.t_stat) < NOISE_T:
        return "noise"
    pushes = sign if bucket.state == "high" else -sign
    return (
        "has pointed the right way" if pushes * bucket.mean_pct > 0 else "has pointed the wrong way"
    )


def _t(value: float) -> str:
    return f"{value:+.1f}" if math.isfinite(value) else "n/a"
