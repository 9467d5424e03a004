"""The date advice is for: parsed, checked against the data, and what moving to it means.

Every reading, view and allocation is as of one trading day of the price data. None means the
data's last date (never today: a database whose prices end months ago gives the advice of its
last date, and `desktop.advice.data_age` says how old that is). A date the user types is moved
to the last trading day on or before it, and `as_of_notes` says so in words, as it says which
series have no prices yet on that date.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from signals import SignalInputs

NAMED_LATE_STARTS = 6
"""At most this many late-starting series are named in a note; the rest are counted."""


class AsOfError(ValueError):
    """The as-of date cannot be used with the loaded data; the message gives the valid range."""


def resolve_as_of(inputs: SignalInputs, as_of: object = None) -> pd.Timestamp:
    """The trading day of `inputs.prices` on or before `as_of`; None means the last one.

    Raises AsOfError for an unparseable date or one before the data starts or after it ends.
    """
    if inputs.prices.empty:
        raise AsOfError("No price data is loaded: import prices first (rotation-advisor import).")
    index = inputs.prices.index
    first, last = index[0], index[-1]
    if as_of is None:
        return pd.Timestamp(last)
    when = parse_date(as_of)
    span = f"the data runs from {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    if when < first or when > last:
        raise AsOfError(f"{when:%Y-%m-%d} is outside the loaded prices: {span}. Pick a date in it.")
    return pd.Timestamp(index[index <= when][-1])


def parse_date(as_of: object) -> pd.Timestamp:
    """`as_of` (ISO text, a date or a Timestamp) as a day; AsOfError when it is not one."""
    try:
        # Text must be ISO: day-first or month-first guesses would silently pick the wrong date.
        when = pd.to_datetime(as_of, format="%Y-%m-%d") if isinstance(as_of, str) else None
        when = pd.Timestamp(as_of) if when is None else when
    except (ValueError, TypeError):
        when = None
    if when is None or pd.isna(when):
        raise AsOfError(f"Cannot read the date {as_of!r}: use YYYY-MM-DD, e.g. 2026-01-16.")
    return when.normalize()


def inputs_at(inputs: SignalInputs, as_of: object = None) -> SignalInputs:
    """The inputs for readings at `as_of` (None: the data's last date), cut there (no look-ahead).

    Each signal judges a series' staleness against that date, never against today, so a past
    date reads as it did then. Raises AsOfError like `resolve_as_of`.
    """
    return inputs.upto(resolve_as_of(inputs, as_of))  # also drops macro rows after the prices


def as_of_notes(inputs: SignalInputs, as_of: object, tickers: Iterable[str]) -> tuple[str, ...]:
    """What the user should know about the date they asked for, in words (() for None).

    Says when `as_of` is not a trading day of the data (and which day is used instead), and
    which of `tickers` (the series the signals and the portfolio need) have no price yet then.
    """
    if as_of is None:
        return ()
    asked, when = parse_date(as_of), resolve_as_of(inputs, as_of)
    notes = []
    if asked.normalize() != when.normalize():
        notes.append(
            f"{asked:%Y-%m-%d} is not a trading day in the data: this is as of {when:%Y-%m-%d}, "
            "the last one before it"
        )
    late = _late_starts(inputs.prices, tickers, when)
    if late:
        named = ", ".join(f"{t} (from {d:%Y-%m-%d})" for t, d in late[:NAMED_LATE_STARTS])
        more = len(late) - NAMED_LATE_STARTS
        named += f" and {more} more" if more > 0 else ""
        notes.append(
            f"on {when:%Y-%m-%d} there are no prices yet for {named}: a signal that needs "
            "them reads 0 and such an asset keeps its model weight; pick a later date to use them"
        )
    return tuple(notes)


def _late_starts(
    prices: pd.DataFrame, tickers: Iterable[str], when: pd.Timestamp
) -> list[tuple[str, pd.Timestamp]]:
    """(ticker, first price date) of the tickers whose first price comes after `when`, earliest
    first; tickers with no prices at all are left to the signals' own "missing" sentences."""
    firsts = []
    for ticker in dict.fromkeys(tickers):
        if ticker in prices.columns:
            first = prices[ticker].first_valid_index()
            if first is not None and first > when:
                firsts.append((ticker, pd.Timestamp(first)))
    return sorted(firsts, key=lambda pair: pair[1])
