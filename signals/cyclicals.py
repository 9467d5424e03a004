"""Cyclicals vs defensives: an equal-weight basket of growth-sensitive sectors against one of
defensive sectors. Subject: cyclicals; score > 0 favours overweighting them.

Notes (Milk Road Macro PRO, Jan 2026): "There's been a clear rotation - out of mega-caps, and into
... cyclical stocks ... industrials, energy, materials, regional banks, small caps, transports";
"investors have been dumping tech and picking up cyclicals"; and (Jan 2026) "rotation into sectors
like Industrials (XLI), Materials (XLB) and Consumer Discretionary (XLY)".
"""

from __future__ import annotations

import pandas as pd

from signals.freshness import fresh_history, missing_or_stale, stale_reading
from signals.indicators import equal_weight_index, joint_closes, sma, trend_frame
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.scoring import blend, ramp, squash
from signals.spec import SignalSpec

NAME = "cyclicals_vs_defensives"
CYCLICALS = ("XLI", "XLE", "XLB", "XLF", "IYT", "XLY")
DEFENSIVES = ("XLP", "XLU", "XLV")


def cyclicals_vs_defensives(
    inputs: SignalInputs,
    *,
    window: int = 63,
    ma_window: int = 200,
    z_scale: float = 2.0,
    ma_band: float = 0.05,
) -> Reading:
    """Trend of the ratio R = EW(cyclicals) / EW(defensives) (daily-rebalanced baskets).

    score = blend(tanh(trend_z(R, window) / z_scale), ramp(R / SMA(R, ma_window) - 1,
    -ma_band, +ma_band)), equal weights: the recent trend and where R sits against its long
    average. Defaults: window 63 sessions (3 months, "since late last year"); ma_window 200
    (the usual long trend line); z_scale 2 (a 2-sigma trend scores 0.76); ma_band 0.05 (decimal:
    R 5 % above its 200-day average scores +1 on that half).
    """
    tickers = CYCLICALS + DEFENSIVES
    stale = missing_or_stale(inputs, NAME, tickers, min_rows=ma_window)
    if stale is not None:
        return stale
    table = _frame(inputs.prices, window, ma_window, z_scale, ma_band)
    if table.empty or pd.isna(table["score"].iloc[-1]):
        why = f"the {len(tickers)} sector ETFs share fewer than {ma_window} trading days"
        return stale_reading(NAME, why, inputs.as_of)
    row = table.iloc[-1]
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, window, ma_window),
        evidence={
            "ratio_change_pct": 100 * float(row["change"]),
            "trend_z": float(row["z"]),
            "ratio_vs_ma_pct": 100 * float(row["vs_ma"]),
            "window_sessions": window,
            "ma_window": ma_window,
        },
        as_of=inputs.as_of,
    )


def cyclicals_vs_defensives_history(
    inputs: SignalInputs,
    *,
    window: int = 63,
    ma_window: int = 200,
    z_scale: float = 2.0,
    ma_band: float = 0.05,
) -> pd.Series:
    """Score of `cyclicals_vs_defensives` at every date of `inputs.prices` (0 where stale)."""
    return fresh_history(
        inputs,
        CYCLICALS + DEFENSIVES,
        lambda: _frame(inputs.prices, window, ma_window, z_scale, ma_band)["score"],
        min_rows=ma_window,
    )


def _frame(prices, window: int, ma_window: int, z_scale: float, ma_band: float) -> pd.DataFrame:
    closes = joint_closes(prices, CYCLICALS + DEFENSIVES)
    ratio = equal_weight_index(closes[list(CYCLICALS)]) / equal_weight_index(
        closes[list(DEFENSIVES)]
    )
    table = trend_frame(ratio, window).assign(vs_ma=ratio / sma(ratio, ma_window) - 1.0)
    parts = {"trend": squash(table["z"], z_scale), "level": ramp(table["vs_ma"], -ma_band, ma_band)}
    table["score"] = blend(parts, {"trend": 1.0, "level": 1.0})
    return table


def _sentence(row: pd.Series, window: int, ma_window: int) -> str:
    change, vs_ma = 100 * row["change"], 100 * row["vs_ma"]
    return (
        f"Cyclicals ({', '.join(CYCLICALS)}) have {'beaten' if change >= 0 else 'lagged'} "
        f"defensives ({', '.join(DEFENSIVES)}) by {abs(change):.1f}% over {window} sessions "
        f"(trend z {row['z']:+.1f}), and the ratio is {abs(vs_ma):.1f}% "
        f"{'above' if vs_ma >= 0 else 'below'} its {ma_window}-day average."
    )


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        NAME,
        "cyclicals",
        CYCLICALS + DEFENSIVES,
        cyclicals_vs_defensives,
        cyclicals_vs_defensives_history,
    ),
)
