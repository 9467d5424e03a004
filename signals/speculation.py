"""Appetite for speculation: the BUZZ/SPY ratio's trend (subdued = negative).

BUZZ (VanEck Social Sentiment ETF: the retail crowd's favourite stocks) against SPY is the notes'
gauge of speculative appetite and their best stock-market proxy for bitcoin.

Splice: BUZZ started trading on 2021-03-04. Before BUZZ's first price the gauge is ARKK/SPY
(ARK Innovation, the speculative-growth favourite of its day): the spliced ratio is built from
daily log changes, ARKK/SPY's up to and including BUZZ's first date and BUZZ/SPY's after it, so
it is chain-linked with no jump and no level from the future. From BUZZ's first date on, the
reading needs BUZZ (and SPY) to be fresh; before it, ARKK (and SPY); either way the spliced ratio
needs `window` + 1 dates. If BUZZ is absent the whole gauge is ARKK/SPY.

Score map: z = trend_z(spliced ratio, window, vol_window); score = tanh(z / z_scale).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import fresh_mask, history_where_fresh, missing_or_stale, stale_reading
from signals.indicators import joint_closes, on_index, trend_frame
from signals.inputs import SignalInputs
from signals.reading import Reading, moved
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "speculation_appetite"
GAUGE, PREDECESSOR, BENCHMARK = "BUZZ", "ARKK", "SPY"


def speculation_appetite(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """BUZZ/SPY trend at `inputs.as_of`; > 0 when speculation is in favour, < 0 when subdued.

    window: sessions over which the ratio's trend is measured (63 = about three months).
    vol_window: sessions of daily log changes used for the noise estimate.
    z_scale: trend z at which the score reaches -/+0.76 (tanh(1)).
    Evidence: ratio used, its window change (decimal), trend z, drawdown from its 1-year high.
    """
    source = _source_at(inputs, inputs.as_of)
    stale = missing_or_stale(inputs, NAME, (source, BENCHMARK))
    if stale is not None:
        return stale
    row = _table(inputs, window, vol_window, z_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        why = f"the spliced {source}/{BENCHMARK} ratio has fewer than {window + 1} dates"
        return stale_reading(NAME, why, inputs.as_of)
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, source, window),
        evidence={
            "ratio": f"{source}/{BENCHMARK}",
            "change": float(row["change"]),
            "trend_z": float(row["z"]),
            "below_1y_high": float(row["drawdown"]),
            "window_sessions": window,
        },
        as_of=inputs.as_of,
    )


def speculation_appetite_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`speculation_appetite` score at every date of `inputs.prices` (0 where stale)."""
    index = inputs.prices.index
    start = _gauge_start(inputs)
    usable = pd.Series(False, index=index)
    for source, dates in ((PREDECESSOR, index < start), (GAUGE, index >= start)):
        if dates.any():
            usable |= fresh_mask(inputs, (source, BENCHMARK)) & dates
    return history_where_fresh(usable, lambda: _table(inputs, window, vol_window, z_scale)["score"])


def spliced_log_ratio(inputs: SignalInputs) -> pd.Series:
    """ln(BUZZ/SPY) chain-linked onto ln(ARKK/SPY) before BUZZ's first date, up to a constant.

    Indexed by the dates the ratio in use has both prices; row t uses only rows <= t.
    """
    start = _gauge_start(inputs)
    parts = []
    for source, keep in ((PREDECESSOR, lambda d: d <= start), (GAUGE, lambda d: d > start)):
        if source in inputs.prices.columns and BENCHMARK in inputs.prices.columns:
            pair = joint_closes(inputs.prices, (source, BENCHMARK))
            step = np.log(pair[source] / pair[BENCHMARK]).diff()
            parts.append(step.loc[keep(step.index)])
    steps = pd.concat(parts).sort_index() if parts else pd.Series(dtype=float)
    return steps.fillna(0.0).cumsum()


def _table(inputs: SignalInputs, window: int, vol_window: int, z_scale: float) -> pd.DataFrame:
    """change (decimal), z, drawdown from the 252-session high and score on the prices index."""
    level = np.exp(spliced_log_ratio(inputs))
    high = level.rolling(252, min_periods=1).max()
    table = trend_frame(level, window, vol_window).assign(drawdown=level / high - 1.0)
    table["score"] = squash(table["z"], z_scale)
    return on_index(table, inputs.prices.index)


def _sentence(row: pd.Series, source: str, window: int) -> str:
    if row["score"] > 0:
        verdict = "speculative appetite is returning"
    else:
        verdict = "appetite for speculation is subdued"
    return (
        f"{source}/{BENCHMARK} {moved(row['change'])} over {window} sessions (trend z "
        f"{row['z']:+.1f}) and sits {abs(row['drawdown']):.0%} below its 1-year high: {verdict}."
    )


def _gauge_start(inputs: SignalInputs) -> pd.Timestamp:
    """BUZZ's first date with a SPY price too; after all data when BUZZ is absent."""
    if GAUGE in inputs.prices.columns and BENCHMARK in inputs.prices.columns:
        pair = joint_closes(inputs.prices, (GAUGE, BENCHMARK))
        if not pair.empty:
            return pair.index[0]
    return pd.Timestamp.max


def _source_at(inputs: SignalInputs, date: pd.Timestamp | None) -> str:
    return GAUGE if date is not None and date >= _gauge_start(inputs) else PREDECESSOR


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="speculative assets (BUZZ, ARKK, crypto)",
        tickers=(GAUGE, PREDECESSOR, BENCHMARK),
        reading=speculation_appetite,
        history=speculation_appetite_history,
    ),
)
