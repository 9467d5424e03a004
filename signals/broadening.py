"""Market broadening: equal-weight S&P (RSP) gaining on cap-weight (SPY) while mega-cap tech (QQQ)
lags. Subject: equal-weight over mega-cap; score > 0 favours the broad market over the
"Magnificent 7".

Notes (Milk Road Macro PRO, Jan 2026): "a clear rotation - out of mega-caps, and into other
stuff"; "The Mag 7 as a whole haven't really moved anywhere for four months"; "2026 is likely a
year for broadening out".
"""

from __future__ import annotations

import pandas as pd

from signals.freshness import fresh_history, missing_or_stale, stale_reading
from signals.indicators import joint_closes, trend_frame
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.scoring import blend, squash
from signals.spec import SignalSpec

NAME = "broadening"
TICKERS = ("RSP", "SPY", "QQQ")


def broadening(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """Trend of RSP/SPY and of SPY/QQQ over `window` sessions, in units of their own noise.

    z_rsp = trend_z(RSP/SPY), z_qqq = trend_z(QQQ/SPY) (see `indicators.trend_z`);
    score = blend(tanh(z_rsp / z_scale), tanh(-z_qqq / z_scale)), equal weights.
    Defaults: window 63 sessions (3 months; the notes' "past few months", "four months");
    vol_window 252 (one year of daily ratio noise); z_scale 2 (a 2-sigma trend scores 0.76).
    """
    stale = missing_or_stale(inputs, NAME, TICKERS, min_rows=window + 1)
    if stale is not None:
        return stale
    table = _frame(inputs.prices, window, vol_window, z_scale)
    if table.empty or pd.isna(table["score"].iloc[-1]):
        return stale_reading(
            NAME, f"RSP, SPY and QQQ share fewer than {window + 1} trading days", inputs.as_of
        )
    row = table.iloc[-1]
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, window),
        evidence={
            "rsp_vs_spy_pct": 100 * float(row["rsp_change"]),
            "qqq_vs_spy_pct": 100 * float(row["qqq_change"]),
            "z_rsp_spy": float(row["rsp_z"]),
            "z_qqq_spy": float(row["qqq_z"]),
            "window_sessions": window,
        },
        as_of=inputs.as_of,
    )


def broadening_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """Score of `broadening` at every date of `inputs.prices` (0 where stale)."""
    return fresh_history(
        inputs,
        TICKERS,
        lambda: _frame(inputs.prices, window, vol_window, z_scale)["score"],
        min_rows=window + 1,
    )


def _frame(prices: pd.DataFrame, window: int, vol_window: int, z_scale: float) -> pd.DataFrame:
    """Per joint trading day: change (decimal) and trend z of RSP/SPY (rsp_) and of QQQ/SPY
    (qqq_), and the score."""
    closes = joint_closes(prices, TICKERS)
    rsp = trend_frame(closes["RSP"] / closes["SPY"], window, vol_window).add_prefix("rsp_")
    qqq = trend_frame(closes["QQQ"] / closes["SPY"], window, vol_window).add_prefix("qqq_")
    table = pd.concat([rsp, qqq], axis=1)
    parts = {"rsp": squash(table["rsp_z"], z_scale), "qqq": squash(-table["qqq_z"], z_scale)}
    table["score"] = blend(parts, {"rsp": 1.0, "qqq": 1.0})
    return table


def _sentence(row: pd.Series, window: int) -> str:
    rsp, qqq = 100 * row["rsp_change"], 100 * row["qqq_change"]
    verdict = "broadening" if row["score"] > 0 else "narrowing toward the mega-caps"
    return (
        f"Over {window} sessions equal-weight RSP {_did(rsp)} SPY by {abs(rsp):.1f}% "
        f"(trend z {row['rsp_z']:+.1f}) and QQQ {_did(qqq)} it by {abs(qqq):.1f}% "
        f"(z {row['qqq_z']:+.1f}): the market is {verdict}."
    )


def _did(pct: float) -> str:
    return "beat" if pct >= 0 else "lagged"


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(NAME, "equal-weight over mega-cap", TICKERS, broadening, broadening_history),
)
