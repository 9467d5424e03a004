"""Small caps (Russell 2000 via IWM): the breakout, the streak against SPY, and the RSI caution.

Subject of all three: small caps; score > 0 favours overweighting IWM. Parameters come from the
research notes in ../shared/seeds (Milk Road Macro PRO, AInvest and TMM, January 2026).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.breakouts import breakout_history, breakout_reading
from signals.freshness import fresh_history, missing_or_stale, stale_reading
from signals.indicators import (
    joint_closes,
    signed_streak,
    valid_closes,
    wilder_rsi,
    ytd_return,
)
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.scoring import piecewise, ramp, squash
from signals.spec import SignalSpec

SMALL, LARGE = "IWM", "SPY"


def small_cap_breakout(
    inputs: SignalInputs,
    *,
    base_years: float = 3.0,
    fakeout_band: float = 0.10,
    retest_tolerance: float = 0.05,
    fade_years: float = 2.5,
) -> Reading:
    """IWM closing above its prior multi-year high after a base, and holding the retest.

    Model and score: `signals.breakouts` (breakout_table, breakout_score). Defaults (notes):
    base_years 3 - "multi-year consolidation"; the notes' big breakouts came out of 4-, 4.5- and
    6.5-year bases and the current one out of "four years" below the 2021 high.
    fakeout_band 0.10 (decimal) - "after a small fake-out in late 2025" the breakout counts.
    retest_tolerance 0.05 (decimal) - "the index tested that level and moved higher".
    fade_years 2.5 - post-breakout rallies lasted 4, 3 and 2.5 years; the news fades linearly.
    """
    params = (base_years, fakeout_band, retest_tolerance, fade_years)
    return breakout_reading(inputs, "small_cap_breakout", SMALL, *params)


def small_cap_breakout_history(
    inputs: SignalInputs,
    *,
    base_years: float = 3.0,
    fakeout_band: float = 0.10,
    retest_tolerance: float = 0.05,
    fade_years: float = 2.5,
) -> pd.Series:
    """Score of `small_cap_breakout` at every date of `inputs.prices` (0 where stale)."""
    params = (base_years, fakeout_band, retest_tolerance, fade_years)
    return breakout_history(inputs, SMALL, *params)


def small_cap_streak(
    inputs: SignalInputs, *, full_streak: int = 10, ytd_gap_scale_pp: float = 5.0
) -> Reading:
    """Consecutive sessions IWM's daily return beat SPY's, and IWM's year-to-date lead.

    signed streak s: +n after n sessions of IWM beating SPY, -n after n sessions lagging.
    ytd gap g: IWM minus SPY return since the last close of the previous year, in points.
    score = r (1 + sign(r) tanh(g / ytd_gap_scale_pp)) / 2 with r = ramp(s, -full_streak,
    full_streak): the streak sets the direction and the most the score can reach, the lead
    confirms it (full strength with a large lead the same way, half with none, almost nothing
    against a large opposite lead). A one-session streak reads about +/-0.1 whatever the lead;
    in the data's first calendar year g is unknown and counts as no lead.
    Only sessions where both funds have a close count (a missing print merges two days).
    Defaults (notes): full_streak 10 - "outperformed ... for 10 consecutive trading days", the
    streak the notes single out; ytd_gap_scale_pp 5 - a lead of about 5-6 points over the S&P in
    two weeks is called "massive" (a 5-point lead maps to 0.76).
    """
    name = "small_cap_streak"
    stale = missing_or_stale(inputs, name, [SMALL, LARGE], min_rows=2)
    if stale is not None:
        return stale
    table = _streak_frame(inputs.prices, full_streak, ytd_gap_scale_pp)
    if table.empty:
        return stale_reading(name, "IWM and SPY share no two trading days", inputs.as_of)
    row = table.iloc[-1]
    streak, gap = int(row["streak"]), float(row["ytd_gap_pp"])
    return Reading(
        name=name,
        score=float(row["score"]),
        explanation=_streak_sentence(streak, gap),
        evidence={
            "streak_sessions": streak,
            "ytd_gap_pp": gap,
            "iwm_ytd_pct": 100 * float(row["iwm_ytd"]),
            "spy_ytd_pct": 100 * float(row["spy_ytd"]),
            "last_joint_date": table.index[-1].strftime("%Y-%m-%d"),
        },
        as_of=inputs.as_of,
    )


def small_cap_streak_history(
    inputs: SignalInputs, *, full_streak: int = 10, ytd_gap_scale_pp: float = 5.0
) -> pd.Series:
    """Score of `small_cap_streak` at every date of `inputs.prices` (0 where stale)."""
    return fresh_history(
        inputs,
        [SMALL, LARGE],
        lambda: _streak_frame(inputs.prices, full_streak, ytd_gap_scale_pp)["score"],
        min_rows=2,
    )


RSI_KNOTS = (30.0, 50.0, 60.0, 70.0, 80.0)
RSI_SCORES = (0.0, 0.3, 0.3, 0.0, -0.5)
"""RSI (points) -> score, piecewise-linear, flat outside: mildly positive momentum at 50-60,
0 at 70, -0.5 at 80 and above. Capped at -0.5 because the notes call overbought "a take-profit
caution", not a sell signal; below 30 momentum is weak but not a reason to sell (0)."""


def small_cap_rsi(inputs: SignalInputs, *, period: int = 14) -> Reading:
    """Wilder RSI(`period`) of IWM mapped by RSI_KNOTS -> RSI_SCORES.

    Default period 14: the notes quote "the Russell 2000's relative strength index now sits at
    71 ... an overbought condition"; 70 is the conventional overbought line.
    """
    name = "small_cap_rsi"
    stale = missing_or_stale(inputs, name, [SMALL], min_rows=period + 1)
    if stale is not None:
        return stale
    rsi = float(wilder_rsi(valid_closes(inputs.prices, SMALL), period).iloc[-1])
    return Reading(
        name=name,
        score=float(piecewise(rsi, RSI_KNOTS, RSI_SCORES)),
        explanation=f"IWM's {period}-day RSI is {rsi:.0f}, {_rsi_zone(rsi)}.",
        evidence={"rsi": rsi, "period": period, "overbought_line": 70.0},
        as_of=inputs.as_of,
    )


def small_cap_rsi_history(inputs: SignalInputs, *, period: int = 14) -> pd.Series:
    """Score of `small_cap_rsi` at every date of `inputs.prices` (0 where stale)."""
    return fresh_history(
        inputs,
        [SMALL],
        lambda: piecewise(
            wilder_rsi(valid_closes(inputs.prices, SMALL), period), RSI_KNOTS, RSI_SCORES
        ),
        min_rows=period + 1,
    )


def _streak_frame(prices: pd.DataFrame, full_streak: int, scale_pp: float) -> pd.DataFrame:
    closes = joint_closes(prices, [SMALL, LARGE])
    returns = closes.pct_change(fill_method=None)
    table = pd.DataFrame(
        {
            "streak": signed_streak(returns[SMALL] - returns[LARGE]),
            "iwm_ytd": ytd_return(closes[SMALL]),
            "spy_ytd": ytd_return(closes[LARGE]),
        }
    )
    table["ytd_gap_pp"] = 100 * (table["iwm_ytd"] - table["spy_ytd"])
    lead = squash(table["ytd_gap_pp"].fillna(0.0), scale_pp)
    streak = ramp(table["streak"], -full_streak, full_streak)
    table["score"] = streak * (1.0 + np.sign(streak) * lead) / 2.0
    return table.iloc[1:]


def _streak_sentence(streak: int, gap_pp: float) -> str:
    if math.isnan(gap_pp):
        lead = "has no year-to-date comparison yet"
    else:
        lead = f"{'leads' if gap_pp >= 0 else 'trails'} it by {abs(gap_pp):.1f} pts year to date"
    if streak == 0:
        return f"IWM matched SPY in the last session and {lead}."
    verb = "beaten" if streak > 0 else "lagged"
    sessions = "session" if abs(streak) == 1 else "straight sessions"
    return f"IWM has {verb} SPY for {abs(streak)} {sessions} and {lead}."


def _rsi_zone(rsi: float) -> str:
    if rsi >= 70:
        return "overbought (70+): a take-profit caution, not a sell signal"
    if rsi <= 30:
        return "oversold (30 or below)"
    return "neither overbought nor oversold"


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        "small_cap_breakout",
        "small caps",
        (SMALL,),
        small_cap_breakout,
        small_cap_breakout_history,
    ),
    SignalSpec(
        "small_cap_streak", "small caps", (SMALL, LARGE), small_cap_streak, small_cap_streak_history
    ),
    SignalSpec("small_cap_rsi", "small caps", (SMALL,), small_cap_rsi, small_cap_rsi_history),
)
