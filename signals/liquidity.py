"""Liquidity: money-market fund assets turning down from a peak, relative to the market's size.

The notes: MMF assets "climbed for nearly two years" and then fell from $7.8T to $7.72T, "capital
leaving safe havens and chasing the equity risk premium". Cash leaving money funds is positive for
equities; cash piling into them faster than usual is negative.

Market size: SPY's adjusted close at each release date stands in for the US equity market's value
(SPY tracks the S&P 500, about 80 % of US market capitalisation; share issuance and buybacks are
ignored). Dividing flows by it expresses a $80bn outflow in 2026 as smaller than the same dollar
outflow in 2008. Only z-scores of that ratio are used, so its units ($bn per SPY dollar) never
need converting to a market capitalisation.

Score map, per weekly release (mmf_assets in USD billions):
    flow  = (assets - assets `flow_weeks` releases earlier) / SPY close
    z     = (flow - median flow) / robust sd of flows (IQR / 1.349), both over the previous
            `history_years` of releases (MMF assets grow in most weeks, so "normal" is an inflow)
    score = -tanh(z / z_scale)     (outflows beyond normal -> positive)
The sentence also reports the distance from the `peak_weeks` peak, the "turning down" of the notes.
"""

from __future__ import annotations

import math

import pandas as pd

from signals.freshness import fresh_mask, history_where_fresh, missing_or_stale, stale_reading
from signals.indicators import on_index, valid_closes
from signals.inputs import SignalInputs
from signals.macro_releases import (
    fresh_series_mask,
    missing_or_stale_series,
    releases,
    robust_sd,
)
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "liquidity"
SERIES_ID = "mmf_assets"
MARKET = "SPY"


def liquidity(
    inputs: SignalInputs,
    *,
    flow_weeks: int = 4,
    peak_weeks: int = 13,
    history_years: float = 3.0,
    min_history: int = 26,
    z_scale: float = 2.0,
) -> Reading:
    """MMF flows relative to market size at `inputs.as_of`; > 0 (cash leaving) favours equities.

    flow_weeks: releases over which the flow is measured (4 = about a month).
    peak_weeks: releases over which the recent peak is reported.
    history_years: years of past flows (52 releases a year) that define a normal flow.
    min_history: past flows needed before a normal flow is trusted.
    z_scale: flow z at which the score reaches -/+0.76 (tanh(1)).
    Evidence: assets and peak ($bn), flow and typical flow ($bn at today's SPY), z.
    """
    stale = missing_or_stale(inputs, NAME, (MARKET,)) or missing_or_stale_series(
        inputs, NAME, SERIES_ID, min_releases=flow_weeks + 1
    )
    if stale is not None:
        return stale
    table = _table(inputs, flow_weeks, peak_weeks, history_years, min_history, z_scale)
    row = table.iloc[-1]
    if not math.isfinite(row["score"]):
        why = (
            f"only {table['flow'].iloc[:-1].notna().sum()} past {flow_weeks}-week money-market "
            f"flows have an SPY price to scale them, fewer than the {min_history} needed"
        )
        return stale_reading(NAME, why, inputs.as_of)
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, flow_weeks, peak_weeks),
        evidence={
            "assets_bn": float(row["actual"]),
            "peak_bn": float(row["peak"]),
            "peak_date": row["peak_date"],
            "flow_bn": float(row["flow_bn"]),
            "typical_flow_bn": float(row["typical_bn"]),
            "flow_z": float(row["z"]),
            "released": row.name,
        },
        as_of=inputs.as_of,
    )


def liquidity_history(
    inputs: SignalInputs,
    *,
    flow_weeks: int = 4,
    peak_weeks: int = 13,
    history_years: float = 3.0,
    min_history: int = 26,
    z_scale: float = 2.0,
) -> pd.Series:
    """`liquidity` score at every date of `inputs.prices` (0 where stale)."""
    fresh = fresh_mask(inputs, (MARKET,)) & fresh_series_mask(
        inputs, SERIES_ID, min_releases=flow_weeks + 1
    )
    params = (flow_weeks, peak_weeks, history_years, min_history, z_scale)
    return history_where_fresh(fresh, lambda: _table(inputs, *params)["score"])


def _table(
    inputs: SignalInputs,
    flow_weeks: int,
    peak_weeks: int,
    history_years: float,
    min_history: int,
    z_scale: float,
) -> pd.DataFrame:
    """Per release: actual, flow ($bn per SPY dollar), z, score, flow_bn, typical_bn, peak."""
    table = releases(inputs, SERIES_ID)
    actual = table["actual"]
    market = on_index(valid_closes(inputs.prices, MARKET), table.index)
    flow = actual.diff(flow_weeks) / market
    window = round(history_years * 52)
    normal = flow.shift(1).rolling(window, min_periods=min_history).median()
    scale = robust_sd(flow, window, min_history)
    table["flow"] = flow
    table["z"] = (flow - normal) / scale.where(scale > 0)
    table["score"] = -squash(table["z"], z_scale)
    table["flow_bn"] = actual.diff(flow_weeks)
    table["typical_bn"] = normal * market
    table["peak"] = actual.rolling(peak_weeks, min_periods=1).max()
    is_peak = actual >= table["peak"]
    table["peak_date"] = pd.Series(table.index.where(is_peak), index=table.index).ffill()
    return table


def _sentence(row: pd.Series, flow_weeks: int, peak_weeks: int) -> str:
    below = row["actual"] / row["peak"] - 1.0
    if below < 0:
        level = (
            f"Money-market fund assets are ${row['actual']:,.0f}bn, {-below:.1%} below their "
            f"{peak_weeks}-week peak of ${row['peak']:,.0f}bn ({row['peak_date']:%Y-%m-%d})"
        )
    else:
        level = (
            f"Money-market fund assets are at a {peak_weeks}-week high of ${row['actual']:,.0f}bn"
        )
    flow = (
        f"the {flow_weeks}-week flow of {_money(row['flow_bn'])} compares with "
        f"{_money(row['typical_bn'])} typical for the market's size ({row['z']:+.1f}σ)"
    )
    if row["score"] > 0.2 and row["flow_bn"] < 0:
        verdict = "cash is leaving money funds, fuel for risk assets"
    elif row["score"] > 0.2:
        verdict = "inflows to money funds are slowing"
    elif row["score"] < -0.2:
        verdict = "cash is piling into money funds faster than usual"
    else:
        verdict = "flows are about normal"
    return f"{level}; {flow}: {verdict}."


def _money(bn: float) -> str:
    return f"{'-' if bn < 0 else '+'}${abs(bn):,.0f}bn"


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="equities (cash leaving money-market funds is positive)",
        tickers=(MARKET, SERIES_ID),
        reading=liquidity,
        history=liquidity_history,
    ),
)
