"""Per-series status for the CLI and the UI: date range, row count, staleness, quality flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from desktop.data.market.quality import (
    BIG_MOVE,
    DUPLICATE,
    MISSING,
    NON_POSITIVE,
    PARTIAL,
    REBASED,
    REVISION,
    SPIKE,
    Flag,
)
from signals.freshness import business_days_between
from signals.inputs import STALE_BUSINESS_DAYS

_KIND_ORDER = (SPIKE, PARTIAL, REVISION, REBASED, NON_POSITIVE, BIG_MOVE, DUPLICATE, MISSING)
_LISTED_DATES = 3
MACRO_STALE_GAPS = 2.0
"""A macro series is stale when no release came for this many of its usual release intervals."""


@dataclass(frozen=True, slots=True)
class SeriesStatus:
    """ticker: a price ticker or a macro series id; kind: "price" or "macro".

    stale: judged against a reference date `as_of` (the data's last price date, not today):
    prices, last date more than STALE_BUSINESS_DAYS business days before it; macro, no release
    for MACRO_STALE_GAPS usual intervals before it. flags: one readable summary per flag kind,
    e.g. "spike 2014-12-04, 2015-02-02" or "missing: 323 dates, 1990-01-01 to 2025-07-04".
    """

    ticker: str
    kind: str
    first_date: date | None
    last_date: date | None
    rows: int
    stale: bool
    flags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "ticker": self.ticker,
            "kind": self.kind,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "rows": self.rows,
            "stale": self.stale,
            "flags": list(self.flags),
        }


def price_status(
    ticker: str, first: str, last: str, rows: int, flags: Sequence[Flag], as_of: pd.Timestamp
) -> SeriesStatus:
    last_day = pd.Timestamp(last)
    stale = business_days_between(last_day, as_of) > STALE_BUSINESS_DAYS
    return SeriesStatus(
        ticker,
        "price",
        pd.Timestamp(first).date(),
        last_day.date(),
        rows,
        stale,
        summarize_flags(flags),
    )


def macro_status(
    series: str, dates: pd.DatetimeIndex, flags: Sequence[Flag], as_of: pd.Timestamp
) -> SeriesStatus:
    gaps = dates[-13:].to_series().diff().dropna()
    usual = gaps.median() if not gaps.empty else pd.Timedelta(days=31)
    stale = as_of - dates[-1] > MACRO_STALE_GAPS * usual
    return SeriesStatus(
        series,
        "macro",
        dates[0].date(),
        dates[-1].date(),
        len(dates),
        bool(stale),
        summarize_flags(flags),
    )


def summarize_flags(flags: Sequence[Flag]) -> tuple[str, ...]:
    by_kind: dict[str, list[str]] = {}
    for flag in flags:
        by_kind.setdefault(flag.kind, []).append(flag.date)
    kinds = [k for k in _KIND_ORDER if k in by_kind] + sorted(set(by_kind) - set(_KIND_ORDER))
    out = []
    for kind in kinds:
        dates = sorted(by_kind[kind])
        if len(dates) <= _LISTED_DATES:
            out.append(f"{kind} {', '.join(dates)}")
        else:
            out.append(f"{kind}: {len(dates)} dates, {dates[0]} to {dates[-1]}")
    return tuple(out)
