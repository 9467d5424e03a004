"""Several macro series read together: their latest published values, freshness and dates.

For signals built from levels of FRED series (yields, spreads, balance sheets) rather than from
surprises against expectations. Dating and freshness follow `signals.macro_releases`: a value is
known from its publication date, and each series is stale by its own release rhythm.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from signals.indicators import on_index
from signals.inputs import SignalInputs
from signals.macro_releases import fresh_series_mask, missing_or_stale_series, releases
from signals.reading import Reading, iso_day


def levels(inputs: SignalInputs, series_ids: Sequence[str]) -> pd.DataFrame:
    """Each series' latest published value (its unit) on every date one of them was published.

    Shape (n_dates, len(series_ids)), ascending "date" index, NaN before a series' first
    release; row t uses only releases dated <= t.
    """
    tables = {sid: releases(inputs, sid)["actual"] for sid in series_ids}
    dates = pd.DatetimeIndex(sorted(set().union(*(t.index for t in tables.values()))), name="date")
    return pd.DataFrame({sid: on_index(t, dates) for sid, t in tables.items()}, index=dates)


def first_stale(
    inputs: SignalInputs, name: str, series_ids: Sequence[str], *, min_releases: int = 1
) -> Reading | None:
    """The stale Reading of the first series that is missing, too short or old; else None."""
    for series_id in series_ids:
        stale = missing_or_stale_series(inputs, name, series_id, min_releases=min_releases)
        if stale is not None:
            return stale
    return None


def fresh_all(
    inputs: SignalInputs, series_ids: Sequence[str], *, min_releases: int = 1
) -> pd.Series:
    """Vectorised `first_stale(...) is None` on `inputs.prices.index`."""
    fresh = pd.Series(True, index=inputs.prices.index)
    for series_id in series_ids:
        fresh &= fresh_series_mask(inputs, series_id, min_releases=min_releases)
    return fresh


def last_released(inputs: SignalInputs, series_id: str) -> str:
    """Publication date of the series' latest release up to `inputs.as_of`, "2026-01-15"."""
    table = releases(inputs, series_id)
    return iso_day(table.index[-1]) if len(table) else ""


def annualised_growth(level: pd.Series, min_days: int) -> pd.Series:
    """Growth of a positive series from the last value at least `min_days` earlier, in percent a
    year (compounded over the actual days between the two dates); NaN without such a value."""
    back = level.index - pd.Timedelta(days=min_days)
    start = level.asof(back).to_numpy()
    start_date = pd.Series(level.index, index=level.index).asof(back).to_numpy()
    days = (level.index.to_numpy() - start_date) / np.timedelta64(1, "D")
    return pd.Series(100.0 * ((level.to_numpy() / start) ** (365.25 / days) - 1.0), level.index)
