"""The Fed path: how many rate cuts the Treasury market prices.

The notes: the small-cap rotation "is being fueled by expectations for a Federal Reserve rate cut
later this year"; "the market is pricing in two rate cuts for 2026"; small caps "are far more
sensitive to the cost of borrowing".

Gauge: the 2-year Treasury yield (FRED DGS2, daily) against the effective fed funds rate (FRED
FEDFUNDS, the latest monthly average), both in percent. A 2-year yield below fed funds means the
market expects the policy rate to average less than today's over two years: cuts priced.

Subject: small caps (an easing path is positive). Score map:
    cuts_priced = fed funds - 2-year yield           (percentage points)
    score       = tanh(cuts_priced / points_scale)   (0.5 points, two quarter-point cuts: 0.76)
Hikes priced read negative the same way.
"""

from __future__ import annotations

import math

import pandas as pd

from signals.freshness import history_where_fresh, stale_reading
from signals.inputs import SignalInputs
from signals.macro_levels import first_stale, fresh_all, last_released, levels
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "fed_path"
POLICY, TWO_YEAR = "fed_funds", "treasury_2y"
QUARTER_POINT = 0.25


def fed_path(inputs: SignalInputs, *, points_scale: float = 0.5) -> Reading:
    """Cuts priced at `inputs.as_of`; > 0 when the 2-year yield sits below fed funds.

    points_scale: cuts priced, in percentage points, at which the score reaches 0.76 (tanh(1));
        0.5 = two quarter-point cuts, what the notes say the market priced for 2026.
    Evidence: both rates (percent), cuts priced (points and quarter-point cuts), release dates.
    """
    stale = first_stale(inputs, NAME, (POLICY, TWO_YEAR))
    if stale is not None:
        return stale
    row = _table(inputs, points_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        return stale_reading(NAME, "the two rates have no common history yet", inputs.as_of)
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row),
        evidence={
            "fed_funds_pct": float(row[POLICY]),
            "treasury_2y_pct": float(row[TWO_YEAR]),
            "cuts_priced_points": float(row["cuts_priced"]),
            "quarter_point_cuts": float(row["cuts_priced"] / QUARTER_POINT),
            "fed_funds_released": last_released(inputs, POLICY),
            "treasury_2y_released": last_released(inputs, TWO_YEAR),
        },
        as_of=inputs.as_of,
    )


def fed_path_history(inputs: SignalInputs, *, points_scale: float = 0.5) -> pd.Series:
    """`fed_path` score at every date of `inputs.prices` (0 where stale)."""
    fresh = fresh_all(inputs, (POLICY, TWO_YEAR))
    return history_where_fresh(fresh, lambda: _table(inputs, points_scale)["score"])


def _table(inputs: SignalInputs, points_scale: float) -> pd.DataFrame:
    """Both rates, cuts_priced (points) and score on every release date of either."""
    table = levels(inputs, (POLICY, TWO_YEAR))
    table["cuts_priced"] = table[POLICY] - table[TWO_YEAR]
    table["score"] = squash(table["cuts_priced"], points_scale)
    return table


def _sentence(row: pd.Series) -> str:
    gap, cuts = row["cuts_priced"], row["cuts_priced"] / QUARTER_POINT
    if cuts >= 0.5:
        verdict = (
            f"the market prices about {cuts:.1f} quarter-point cuts, the easing small caps need"
        )
    elif cuts <= -0.5:
        verdict = (
            f"the market prices about {-cuts:.1f} quarter-point hikes, a headwind for small caps"
        )
    else:
        verdict = "the market prices no clear move either way"
    return (
        f"The 2-year Treasury yield ({row[TWO_YEAR]:.2f}%) is {abs(gap):.2f} points "
        f"{'below' if gap >= 0 else 'above'} the fed funds rate ({row[POLICY]:.2f}%): {verdict}."
    )


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="small caps (rate cuts priced are positive)",
        tickers=(POLICY, TWO_YEAR),
        reading=fed_path,
        history=fed_path_history,
    ),
)
