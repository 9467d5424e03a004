"""Dow Theory: industrials (DIA) and transports (IYT, standing in for the Dow Transports) must
confirm each other. Subject: equities; score > 0 favours overweighting them.

Notes (Milk Road Macro PRO, Jan 2026): "we got a 'Dow Theory Confirmation' as the Dow Jones
Transportation Index finally hit a new all-time high ... a major bull market is stronger when both
industrial stocks (stuff makers) and transport stocks (stuff movers) 'confirm' the bull market.
Industrials moved first, and Transports have now given the green light".
"""

from __future__ import annotations

import pandas as pd

from signals.freshness import fresh_history, missing_or_stale
from signals.indicators import (
    last_event_date,
    on_index,
    prior_high,
    prior_low,
    sessions_since,
    valid_closes,
)
from signals.inputs import SignalInputs
from signals.reading import Reading, iso_day
from signals.spec import SignalSpec

NAME = "dow_theory"
INDUSTRIALS, TRANSPORTS = "DIA", "IYT"
TICKERS = (INDUSTRIALS, TRANSPORTS)
SIDE_SCORE = {0: 0.0, 1: -0.25, 2: 1.0}
"""How many of the two indices set a new high (or low) within the window -> that side's score.
Both = a confirmation (1); one alone = a non-confirmation, a warning against the move (-0.25).
score = SIDE_SCORE[highs] - SIDE_SCORE[lows], clipped to [-1, 1]: confirmed highs +1,
unconfirmed high -0.25, unconfirmed low +0.25, confirmed lows -1, one high and one low 0."""


def dow_theory(inputs: SignalInputs, *, window: int = 20, lookback: int | None = 252) -> Reading:
    """Both DIA and IYT closing at a new `lookback`-session high within the last `window` sessions.

    A new high at t: close above every close of the previous `lookback` sessions (None = all
    available history, i.e. an all-time high). Lows likewise. Defaults: window 20 sessions (a
    month: the notes' confirmation came "earlier this month", transports after industrials);
    lookback 252 (52-week highs, the usual stand-in for Dow Theory's "prior important high").
    """
    stale = missing_or_stale(inputs, NAME, TICKERS, min_rows=2)
    if stale is not None:
        return stale
    table = _frame(inputs.prices, window, lookback)
    row = table.iloc[-1]
    return Reading(
        name=NAME,
        score=float(row["score"]),
        explanation=_sentence(row, window),
        evidence={
            "dia_last_high": iso_day(row["DIA_high_date"]),
            "iyt_last_high": iso_day(row["IYT_high_date"]),
            "dia_last_all_time_high": iso_day(row["DIA_ath_date"]),
            "iyt_last_all_time_high": iso_day(row["IYT_ath_date"]),
            "highs_in_window": int(row["highs"]),
            "lows_in_window": int(row["lows"]),
            "window_sessions": window,
        },
        as_of=inputs.as_of,
    )


def dow_theory_history(
    inputs: SignalInputs, *, window: int = 20, lookback: int | None = 252
) -> pd.Series:
    """Score of `dow_theory` at every date of `inputs.prices` (0 where stale)."""
    return fresh_history(
        inputs, TICKERS, lambda: _frame(inputs.prices, window, lookback)["score"], min_rows=2
    )


def _frame(prices: pd.DataFrame, window: int, lookback: int | None) -> pd.DataFrame:
    """Per index: last new-high and all-time-high dates, and whether it set a new high or low
    within the window (0/1); then the counts over both indices and the score."""
    columns: dict[str, pd.Series] = {}
    for ticker in TICKERS:
        close = valid_closes(prices, ticker)
        new_high = close > prior_high(close, lookback)
        new_low = close < prior_low(close, lookback)
        columns[f"{ticker}_high"] = (sessions_since(new_high) < window).astype(int)
        columns[f"{ticker}_low"] = (sessions_since(new_low) < window).astype(int)
        columns[f"{ticker}_high_date"] = last_event_date(new_high)
        columns[f"{ticker}_ath_date"] = last_event_date(close > prior_high(close, None))
    table = pd.DataFrame({k: on_index(v, prices.index) for k, v in columns.items()})
    table["highs"] = table[[f"{t}_high" for t in TICKERS]].sum(axis=1)
    table["lows"] = table[[f"{t}_low" for t in TICKERS]].sum(axis=1)
    score = table["highs"].map(SIDE_SCORE) - table["lows"].map(SIDE_SCORE)
    table["score"] = score.clip(-1.0, 1.0)
    return table


def _sentence(row: pd.Series, window: int) -> str:
    dates = f"last new highs: DIA {iso_day(row['DIA_high_date']) or 'none'}, "
    dates += f"IYT {iso_day(row['IYT_high_date']) or 'none'}"
    within = f"within {window} sessions ({dates})"
    if row["highs"] == 2:
        return f"Dow Theory confirmed: industrials and transports both set new highs {within}."
    if row["lows"] == 2:
        return f"Dow Theory bearish: industrials and transports both set new lows {within}."
    if row["highs"] == 1:
        leader = "DIA" if row["DIA_high"] else "IYT"
        return f"Non-confirmation: only {leader} set a new high {within}."
    if row["lows"] == 1:
        laggard = "DIA" if row["DIA_low"] else "IYT"
        return f"Non-confirmation of a decline: only {laggard} set a new low {within}."
    return f"No Dow Theory signal: neither index set a new high or low {within}."


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(NAME, "equities", TICKERS, dow_theory, dow_theory_history),
)
