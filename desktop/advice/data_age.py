"""How old the data is against today, in one sentence (pure: the caller passes today's date).

Advice is as of the data's last date (or an earlier date the user chose), however long ago that
was: a signal is stale only when its own series lags that date. How far that date lies behind
today is a separate fact that the window, `signals`, `allocate` and every export state in the
words of `DataAge.text`:

    data_age(date(2026, 8, 3), date(2026, 12, 5)).text
    -> "Prices end 2026-08-03, 124 days ago: this advice is as of that date. Refresh online or
        import newer prices."

Ages are calendar days. Data is `old` when more than OLD_AFTER business days separate its last
date from today (the limit a single series is judged by).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from signals.freshness import business_days_between
from signals.inputs import STALE_BUSINESS_DAYS

OLD_AFTER = STALE_BUSINESS_DAYS
"""Business days after which the data set as a whole is old against today."""
DEMO_TEXT = (
    "Demo data (synthetic), ending {last}: not real prices, so this is not advice. "
    "Import prices or refresh online to use real data."
)


@dataclass(frozen=True, slots=True)
class DataAge:
    """last_date: the data's last date; days: calendar days from it to today (>= 0);
    old: more than OLD_AFTER business days old; text: the sentence to show."""

    last_date: date
    days: int
    old: bool
    text: str


def data_age(
    last_date: date, today: date, *, as_of: date | None = None, demo: bool = False
) -> DataAge:
    """The age of data ending on `last_date`, seen on `today`.

    as_of: the date the advice is for when the user chose an earlier one (None: the last date).
    demo: the data is the bundled synthetic set; the sentence says so instead of an age.
    """
    days = max(0, (today - last_date).days)
    old = business_days_between(pd.Timestamp(last_date), pd.Timestamp(today)) > OLD_AFTER
    last = last_date.isoformat()
    if demo:
        return DataAge(last_date, days, old, DEMO_TEXT.format(last=last))
    when = "as of that date"
    if as_of is not None and as_of != last_date:
        when = f"as of {as_of.isoformat()}, the date you chose"
    if old:
        text = (
            f"Prices end {last}, {days} days ago: this advice is {when}. "
            "Refresh online or import newer prices."
        )
    else:
        text = f"Prices end {last} ({_ago(days)}): this advice is {when}."
    return DataAge(last_date, days, old, text)


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"
