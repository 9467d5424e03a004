"""Missing and stale inputs: a signal never crashes on them, it reports them with score 0."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from signals.inputs import STALE_BUSINESS_DAYS, SignalInputs
from signals.reading import Reading


def missing_or_stale(
    inputs: SignalInputs, name: str, tickers: Sequence[str], *, min_rows: int = 1
) -> Reading | None:
    """A stale Reading (score 0) if any ticker is absent, too short or stale; else None.

    A ticker is stale when the data layer flagged it or when its last valid price is more than
    STALE_BUSINESS_DAYS business days before `inputs.as_of`.
    """
    as_of = inputs.as_of
    if as_of is None:
        return stale_reading(name, "no price data is loaded", None)
    for ticker in tickers:
        if ticker not in inputs.prices.columns:
            return stale_reading(
                name,
                f"{ticker} prices are missing; import or refresh {ticker}",
                as_of,
                missing=ticker,
            )
        series = inputs.prices[ticker].dropna()
        if len(series) < min_rows:
            return stale_reading(
                name,
                f"{ticker} has {len(series)} prices, fewer than the {min_rows} this signal needs",
                as_of,
                missing=ticker,
            )
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


def business_days_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Business days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    return len(pd.bdate_range(start, end)) - 1
