"""The time machine's steps: the day one day, week or month before or after the one on screen.

Pure and light (datetime only, so the window can step before pandas is loaded). Dates are
YYYY-MM-DD text; "" means "the data's last date" (the time machine's Latest). A day step skips
weekends; the engine then takes the last trading day on or before the day asked for, so a step
forward counts from the day asked for (not the trading day shown), or a holiday would hold it.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from desktop.advice.state import Dates

UNITS = ("day", "week", "month")


def step_date(dates: Dates, unit: str, direction: int) -> str:
    """The day `direction` (+1 later, -1 earlier) `unit`s from the day on screen, within the
    data's range; "" once it reaches the data's last date. ValueError for an unknown unit."""
    if unit not in UNITS:
        raise ValueError(f"unknown step {unit!r}: use one of {', '.join(UNITS)}")
    if not dates.last:
        return dates.chosen
    last = date.fromisoformat(dates.last)
    start = _start(dates, last, direction)
    target = _moved(start, unit, direction)
    if target >= last:
        return ""
    first = date.fromisoformat(dates.first) if dates.first else target
    return max(target, first).isoformat()


def _start(dates: Dates, last: date, direction: int) -> date:
    shown = date.fromisoformat(dates.shown) if dates.shown else last
    chosen = date.fromisoformat(dates.chosen) if dates.chosen else shown
    return max(shown, chosen) if direction > 0 else min(shown, chosen)


def _moved(start: date, unit: str, direction: int) -> date:
    if unit == "day":
        target = start + timedelta(days=direction)
        while target.weekday() >= 5:  # Saturday, Sunday
            target += timedelta(days=direction)
        return target
    if unit == "week":
        return start + timedelta(weeks=direction)
    month_index = start.year * 12 + start.month - 1 + direction
    year, month = divmod(month_index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)
