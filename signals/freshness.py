"""Missing and stale inputs: a signal never crashes on them, it reports them with score 0."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from signals.indicators import on_index
from signals.inputs import STALE_BUSINESS_DAYS, SignalInputs
from signals.reading import Reading


def missing_or_stale(
    inputs: SignalInputs, name: str, tickers: Sequence[str], *, min_rows: int = 1
) -> Reading | None:
    """A stale Reading (score 0) if any ticker is absent, too short or stale; else None.

    A ticker is stale when the caller flagged it (`inputs.stale`) or when its last valid price
    is more than STALE_BUSINESS_DAYS business days before `inputs.as_of`.
    """
    as_of = inputs.as_of
    if as_of is None:
        return stale_reading(name, "no price data is loaded", None)
    for ticker in tickers:
        problem = _ticker_problem(inputs, name, ticker, min_rows)
        if problem is not None:
            return problem
    return None


def _ticker_problem(inputs: SignalInputs, name: str, ticker: str, min_rows: int) -> Reading | None:
    as_of = inputs.as_of
    if ticker not in inputs.prices.columns:
        why = f"{ticker} prices are missing; import or refresh {ticker}"
        return stale_reading(name, why, as_of, missing=ticker)
    series = inputs.prices[ticker].dropna()
    if series.empty:
        why = (
            f"{ticker} has no prices up to {as_of:%Y-%m-%d}; pick a later date or import "
            f"{ticker}'s earlier history"
        )
        return stale_reading(name, why, as_of, missing=ticker)
    if len(series) < min_rows:
        why = f"{ticker} has {len(series)} prices, fewer than the {min_rows} this signal needs"
        return stale_reading(name, why, as_of, missing=ticker)
    age = business_days_between(series.index[-1], as_of)
    if ticker in inputs.stale or age > STALE_BUSINESS_DAYS:
        last = series.index[-1].strftime("%Y-%m-%d")
        return stale_reading(
            name,
            f"{ticker} is stale: its last price is {last}, {age} business days old",
            as_of,
            stale_ticker=ticker,
            last_date=last,
            age_business_days=age,
        )
    return None


def stale_reading(name: str, why: str, as_of: pd.Timestamp | None, **evidence: object) -> Reading:
    return Reading(
        name=name,
        score=0.0,
        explanation=f"No reading: {why}.",
        evidence=evidence,
        as_of=as_of,
        stale=True,
    )


def stale_reason(reading: Reading) -> str:
    """The `why` a stale reading was made with, to combine several into one sentence."""
    return reading.explanation.removeprefix("No reading: ").removesuffix(".")


def business_days_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Business days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    first, last = (np.datetime64(d.date(), "D") + 1 for d in (start, end))
    return int(np.busday_count(first, last))


def fresh_mask(inputs: SignalInputs, tickers: Sequence[str], *, min_rows: int = 1) -> pd.Series:
    """Vectorised `missing_or_stale`: True at each date t where it would return None.

    Shape (n_dates,) bool on `inputs.prices.index`; the value at t equals
    `missing_or_stale(inputs.upto(t), ..., tickers, min_rows=min_rows) is None`.
    """
    index = inputs.prices.index
    if any(t not in inputs.prices.columns or t in inputs.stale for t in tickers):
        return pd.Series(False, index=index)
    fresh = pd.Series(True, index=index)
    dates = index.values.astype("datetime64[D]")
    for ticker in tickers:
        valid = inputs.prices[ticker].notna()
        last = pd.Series(index.where(valid), index=index).ffill()
        last_days = last.values.astype("datetime64[D]")
        seen = ~pd.isna(last.values)
        later = seen & (dates > last_days)
        # Same count as business_days_between: business days in (last, t].
        ages = np.zeros(len(index), dtype=np.int64)
        ages[later] = np.busday_count(last_days[later] + 1, dates[later] + 1)
        fresh &= (valid.cumsum() >= min_rows) & seen & (ages <= STALE_BUSINESS_DAYS)
    return fresh


def masked_history(score: pd.Series, fresh: pd.Series) -> pd.Series:
    """Score history with 0 wherever the reading would be stale or undefined (NaN)."""
    return score.where(fresh & score.notna(), 0.0).astype(float)


def fresh_history(
    inputs: SignalInputs,
    tickers: Sequence[str],
    compute: Callable[[], pd.Series],
    *,
    min_rows: int = 1,
) -> pd.Series:
    """A signal's score history on `inputs.prices.index`, 0 wherever its reading is stale.

    Stale where `fresh_mask(inputs, tickers, min_rows=min_rows)` is False; `compute` as for
    `history_where_fresh`.
    """
    return history_where_fresh(fresh_mask(inputs, tickers, min_rows=min_rows), compute)


def history_where_fresh(fresh: pd.Series, compute: Callable[[], pd.Series]) -> pd.Series:
    """Scores on `fresh.index`, 0 where `fresh` is False or the score is undefined (NaN).

    `compute()` returns scores on the dates it has (one ticker's trading days, release dates);
    each date of `fresh.index` takes the score of the last such date on or before it, as the
    point function would. `compute` is not called when `fresh` is False on every date.
    """
    if not fresh.any():
        return pd.Series(0.0, index=fresh.index)
    return masked_history(on_index(compute(), fresh.index), fresh)
