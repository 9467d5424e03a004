"""The liquidity sequence: small caps, then high growth, then crypto.

The notes: "When small caps break all-time highs, it historically triggers a sequence of liquidity
flow: Small Caps -> High Growth (e.g., ARKK) -> Crypto Assets", and "the Russell 2000 continuing
to run and crypto remaining sluggish would be a huge red flag for the crypto world".

Links: IWM (small caps), ARKK (high growth) and bitcoin: IBIT, or BTC-USD on any date IBIT is
missing or stale (it began in January 2024), or GBTC after both. Every link is measured on IWM's
trading days (bitcoin trades at weekends; its weekend moves count on the next session), so one
window means the same span for all three.

Subject: high growth and crypto. Score map: z_i = trend_z(link_i, window, vol_window) (the log
change over `window` sessions in units of daily noise, see `signals.indicators.trend_z`);
score = (tanh(z_ARKK / z_scale) + tanh(z_crypto / z_scale)) / 2: the momentum of the two links the
sequence should reach next. IWM's own move says only how far the sequence has got (the stage in
the sentence): 0 small caps not rising, 1 only small caps, 2 high growth too, 3 crypto too.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import (
    fresh_mask,
    masked_history,
    missing_or_stale,
    stale_reading,
    stale_reason,
)
from signals.indicators import on_index, trend_frame, valid_closes
from signals.inputs import SignalInputs
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "crypto_sequence"
SMALL_CAPS, HIGH_GROWTH = "IWM", "ARKK"
CRYPTO = ("IBIT", "BTC-USD", "GBTC")
STAGES = (
    "small caps are not rising, so no sequence is under way",
    "the sequence has not gone past small caps",
    "the sequence has reached high growth but not crypto",
    "the sequence has reached crypto",
)


def crypto_sequence(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> Reading:
    """Momentum of high growth and crypto at `inputs.as_of`; > 0 favours them.

    window: sessions over which each link's move is measured (63 = the notes' three months).
    vol_window: sessions of daily log changes used for each noise estimate.
    z_scale: trend z at which each half of the score reaches 0.76 of its range (tanh(1)).
    Evidence: crypto gauge used, each link's change (decimal) and trend z, the stage (0-3).
    """
    links = (SMALL_CAPS, HIGH_GROWTH)
    stale = missing_or_stale(inputs, NAME, links, min_rows=window + 1)
    if stale is not None:
        return stale
    problems = []
    for gauge in CRYPTO:
        stale = missing_or_stale(inputs, NAME, (gauge,), min_rows=window + 1)
        if stale is None:
            return _reading(inputs, gauge, window, vol_window, z_scale)
        problems.append(stale_reason(stale))
    return stale_reading(NAME, "; ".join(problems), inputs.as_of)


def crypto_sequence_history(
    inputs: SignalInputs, *, window: int = 63, vol_window: int = 252, z_scale: float = 2.0
) -> pd.Series:
    """`crypto_sequence` score at every date of `inputs.prices` (0 where it would be stale)."""
    index = inputs.prices.index
    links = fresh_mask(inputs, (SMALL_CAPS, HIGH_GROWTH), min_rows=window + 1)
    score = pd.Series(np.nan, index=index)
    usable = pd.Series(False, index=index)
    for gauge in CRYPTO:
        fresh = links & fresh_mask(inputs, (gauge,), min_rows=window + 1) & ~usable
        if fresh.any():
            score = score.mask(fresh, _table(inputs, gauge, window, vol_window, z_scale)["score"])
        usable |= fresh
    return masked_history(score, usable)


def _reading(
    inputs: SignalInputs, gauge: str, window: int, vol_window: int, z_scale: float
) -> Reading:
    row = _table(inputs, gauge, window, vol_window, z_scale).iloc[-1]
    if not math.isfinite(row["score"]):
        why = f"{HIGH_GROWTH} or {gauge} has fewer than {window + 1} sessions or never moves"
        return stale_reading(NAME, why, inputs.as_of)
    evidence: dict[str, object] = {"crypto_gauge": gauge, "stage": int(row["stage"])}
    for key in ("small_caps", "high_growth", "crypto"):
        evidence[f"{key}_change"] = float(row[f"{key}_change"])
        evidence[f"{key}_z"] = float(row[f"{key}_z"])
    evidence["window_sessions"] = window
    return Reading(NAME, float(row["score"]), _sentence(row, gauge, window), evidence, inputs.as_of)


def _table(
    inputs: SignalInputs, gauge: str, window: int, vol_window: int, z_scale: float
) -> pd.DataFrame:
    """Per link: change (decimal) and z; the stage and the score; on the prices index."""
    sessions = valid_closes(inputs.prices, SMALL_CAPS).index
    links = {"small_caps": SMALL_CAPS, "high_growth": HIGH_GROWTH, "crypto": gauge}
    parts = []
    for key, ticker in links.items():
        level = on_index(valid_closes(inputs.prices, ticker), sessions).dropna()
        parts.append(trend_frame(level, window, vol_window).add_prefix(f"{key}_"))
    table = pd.concat(parts, axis=1)
    rising = table[[f"{key}_change" for key in links]] > 0
    table["stage"] = rising.cumprod(axis=1).sum(axis=1)
    halves = squash(table["high_growth_z"], z_scale) + squash(table["crypto_z"], z_scale)
    table["score"] = halves / 2.0
    return on_index(table, inputs.prices.index)


def _sentence(row: pd.Series, gauge: str, window: int) -> str:
    stage = int(row["stage"])
    moves = ", ".join(
        f"{ticker} {row[f'{key}_change']:+.1%}"
        for key, ticker in (
            ("small_caps", SMALL_CAPS),
            ("high_growth", HIGH_GROWTH),
            ("crypto", gauge),
        )
    )
    verdict = STAGES[stage]
    if stage == 1 and row["crypto_change"] < 0:
        verdict += "; crypto lagging running small caps is the notes' red flag for crypto"
    return (
        f"Over {window} sessions {moves} (trend z {row['high_growth_z']:+.1f} for "
        f"{HIGH_GROWTH}, {row['crypto_z']:+.1f} for {gauge}): {verdict}."
    )


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(
        name=NAME,
        subject="high growth and crypto (ARKK, bitcoin)",
        tickers=(SMALL_CAPS, HIGH_GROWTH, *CRYPTO),
        reading=crypto_sequence,
        history=crypto_sequence_history,
    ),
)
