"""What to tell the user beside a suggestion: data gaps, stale readings, how it was solved.

Each note is a short lower-case clause the window lists and `allocate` prints as a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from allocator import Allocation, Source
from signals import Reading
from signals.inputs import STALE_BUSINESS_DAYS


def data_notes(
    prices: pd.DataFrame, readings: Sequence[Reading], as_of: pd.Timestamp
) -> tuple[str, ...]:
    """What the user should know about the held assets' prices and the readings at `as_of`."""
    notes = []
    last_dates = prices.apply(pd.Series.last_valid_index)
    missing = [t for t, day in last_dates.items() if day is None or pd.isna(day)]
    if missing:
        notes.append(
            f"no prices for {', '.join(missing)}: its risk uses a 20 % volatility prior and "
            "no trades can be sized for it; import or refresh it"
        )
    old = {t: d for t, d in last_dates.items() if t not in missing and too_old(d, as_of)}
    if old:
        listed = ", ".join(f"{t} ({d:%Y-%m-%d})" for t, d in old.items())
        notes.append(f"old last prices, used for trade sizes: {listed}; refresh them")
    stale = [r.name for r in readings if r.stale]
    if stale:
        notes.append(f"stale signals counted as 0: {', '.join(stale)}")
    return tuple(notes)


def too_old(day: pd.Timestamp, as_of: pd.Timestamp) -> bool:
    """More business days between `day` and `as_of` than a signal tolerates before going stale."""
    return len(pd.bdate_range(day, as_of)) - 1 > STALE_BUSINESS_DAYS


def allocation_notes(allocation: Allocation) -> tuple[str, ...]:
    """How the allocator answered, when not plainly optimal: fallbacks, conflicts, slack."""
    headline = {
        Source.FALLBACK_SOLVER: f"the first solver failed; {allocation.solver} solved it instead",
        Source.RELAXED: "the settings admit no portfolio; this is the nearest feasible answer",
        Source.LAST_GOOD: "every solver failed; showing the last good allocation",
        Source.MODEL: "every solver failed; showing the model portfolio",
    }.get(allocation.source)
    conflicts = [f"conflict: {c}" for c in allocation.conflicts]
    return tuple(
        n for n in (headline, *conflicts, *allocation.slack_report, *allocation.notes) if n
    )
