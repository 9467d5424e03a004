"""Liquidity from the data that exists: the Fed's balance sheet net of reverse repo, and M2.

The notes: "a liquidity spillover from conservative funds into risk assets", "The Liquidity
Floodgates Open". Money-market fund assets, the notes' own gauge, are read by `signals.liquidity`
when entered by hand; this signal reads the money the Fed and the banks create, which FRED has:
- net liquidity = the Fed's total assets (WALCL, Wednesdays) less the overnight reverse repo
  facility (RRPONTSYD, that day or the latest before): reserves the Fed has created that are not
  parked back with it. Money leaving the reverse repo for markets raises it.
- M2 (M2SL), the money stock held by the public.
All USD billions, dated by publication.

Score map, per member: growth = percent change over `quarter` (13 weekly or 3 monthly releases);
z = (growth - median growth) / robust sd (IQR / 1.349), both over the previous `history_years` of
releases (growth faster than its recent norm is positive); score = tanh(mean z / z_scale) over
the members that are fresh (the others are left out and named). Subject: equities.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import masked_history, stale_reading
from signals.indicators import on_index
from signals.inputs import SignalInputs
from signals.macro_levels import first_stale, fresh_all
from signals.macro_releases import releases, robust_sd
from signals.pooling import Pool, member_columns, pool
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "net_liquidity"
FED, RRP, M2 = "fed_assets", "reverse_repo", "m2"
MEMBERS = {"net_liquidity": (FED, RRP), "m2": (M2,)}
"""member -> the series it needs (the first one sets its release dates)."""
QUARTER = {"net_liquidity": 13, "m2": 3}
PER_YEAR = {"net_liquidity": 52, "m2": 12}
LABELS = {"net_liquidity": "the Fed's balance sheet less reverse repo", "m2": "M2"}


def net_liquidity(
    inputs: SignalInputs, *, history_years: float = 3.0, z_scale: float = 2.0
) -> Reading:
    """Growth of Fed net liquidity and M2 against their norm at `inputs.as_of`; > 0 favours
    equities.

    history_years: years of past growth (52 weekly or 12 monthly releases a year) defining the
        norm; a member needs one year of it.
    z_scale: mean z at which the score reaches -/+0.76 (tanh(1)).
    Evidence per member: level ($bn), growth and typical growth (percent), z.
    """
    members = pool(MEMBERS, lambda member: _latest(inputs, member, history_years))
    if not members.used:
        return stale_reading(NAME, members.reasons, inputs.as_of)
    mean_z = float(np.mean([row["z"] for _, row in members.used]))
    score = float(squash(mean_z, z_scale))
    return Reading(
        name=NAME,
        score=score,
        explanation=_sentence(members, score),
        evidence=_evidence(members, mean_z),
        as_of=inputs.as_of,
    )


def net_liquidity_history(
    inputs: SignalInputs, *, history_years: float = 3.0, z_scale: float = 2.0
) -> pd.Series:
    """`net_liquidity` score at every date of `inputs.prices` (0 where stale)."""
    z = member_columns(
        inputs.prices.index,
        MEMBERS,
        lambda member: fresh_all(inputs, MEMBERS[member], min_releases=QUARTER[member] + 1),
        lambda member: _table(inputs, member, history_years)["z"],
    )
    mean_z = z.mean(axis=1)
    return masked_history(squash(mean_z, z_scale), mean_z.notna())


def _table(inputs: SignalInputs, member: str, history_years: float) -> pd.DataFrame:
    """Per release of the member's first series: level ($bn), growth, typical (percent), z."""
    first, *others = MEMBERS[member]
    level = releases(inputs, first)["actual"]
    for other in others:
        level = level - on_index(releases(inputs, other)["actual"], level.index).fillna(0.0)
    growth = 100.0 * (level / level.shift(QUARTER[member]) - 1.0)
    window, minimum = round(history_years * PER_YEAR[member]), PER_YEAR[member]
    typical = growth.shift(1).rolling(window, min_periods=minimum).median()
    scale = robust_sd(growth, window, minimum)
    z = (growth - typical) / scale.where(scale > 0)
    return pd.DataFrame({"level": level, "growth": growth, "typical": typical, "z": z})


def _latest(inputs: SignalInputs, member: str, history_years: float) -> pd.Series | Reading:
    series = MEMBERS[member]
    stale = first_stale(inputs, NAME, series, min_releases=QUARTER[member] + 1)
    if stale is not None:
        return stale
    row = _table(inputs, member, history_years).iloc[-1]
    if not math.isfinite(row["z"]):
        why = f"{LABELS[member]} has less than a year of growth to compare with"
        return stale_reading(NAME, why, inputs.as_of)
    return row


def _sentence(members: Pool, score: float) -> str:
    parts = []
    for member, row in members.used:
        span = "13 weeks" if member == "net_liquidity" else "3 months"
        parts.append(
            f"{LABELS[member]} ${row['level']:,.0f}bn, {row['growth']:+.1f}% over {span} vs "
            f"{row['typical']:+.1f}% typical ({row['z']:+.1f}σ)"
        )
    if score >= 0.2:
        verdict = "liquidity is growing faster than usual, fuel for risk assets"
    elif score <= -0.2:
        verdict = "liquidity is growing slower than usual, less fuel for risk assets"
    else:
        verdict = "liquidity is growing at its usual pace"
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]}: {verdict}{members.aside}."


def _evidence(members: Pool, mean_z: float) -> dict[str, object]:
    evidence: dict[str, object] = {"mean_z": mean_z}
    for member, row in members.used:
        evidence[f"{member}_bn"] = float(row["level"])
        evidence[f"{member}_growth_pct"] = float(row["growth"])
        evidence[f"{member}_typical_pct"] = float(row["typical"])
        evidence[f"{member}_z"] = float(row["z"])
        evidence[f"{member}_released"] = row.name
    return members.noted(evidence)


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="equities (liquidity growing faster than usual is positive)",
        tickers=(FED, RRP, M2),
        reading=net_liquidity,
        history=net_liquidity_history,
    ),
)
