"""Small constructed inputs for signal tests, and the checks every signal must pass.

Prices are business-day series ending on 2026-01-16 unless told otherwise; random parts are
seeded so every run sees the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from signals.inputs import SignalInputs, empty_macro
from signals.reading import Reading

END = pd.Timestamp("2026-01-16")


def bdays(n: int, end: pd.Timestamp | str = END) -> pd.DatetimeIndex:
    return pd.bdate_range(end=pd.Timestamp(end), periods=n)


def walk(n: int, *, drift: float = 0.0, vol: float = 0.01, start: float = 100.0, seed: int = 0):
    """Geometric random walk: daily log changes N(drift, vol), first value `start`."""
    steps = np.random.default_rng(seed).normal(drift, vol, n)
    steps[0] = 0.0
    return start * np.exp(np.cumsum(steps))


def line(n: int, *, daily: float, noise: float = 0.003, start: float = 100.0, seed: int = 0):
    """Log-linear trend (`daily` log change a day) plus iid noise: visible in any window."""
    wiggle = np.random.default_rng(seed).normal(0.0, noise, n)
    return start * np.exp(daily * np.arange(n) + wiggle)


def prices(index: pd.DatetimeIndex, **columns) -> pd.DataFrame:
    """A price frame; keyword names are tickers (use prices(index, **{"^TNX": ...}) for ^TNX)."""
    return pd.DataFrame({k: np.asarray(v, dtype=float) for k, v in columns.items()}, index=index)


def releases(series: str, dates, actual, consensus=None) -> pd.DataFrame:
    """Macro rows in the `SignalInputs.macro` layout."""
    dates = pd.DatetimeIndex(dates)
    consensus = np.full(len(dates), np.nan) if consensus is None else consensus
    return pd.DataFrame(
        {
            "series": pd.Series([series] * len(dates), dtype="string"),
            "date": dates.astype("datetime64[ns]"),
            "actual": np.asarray(actual, dtype=float),
            "consensus": np.asarray(consensus, dtype=float),
        }
    )


def macro(*frames: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([empty_macro(), *frames], ignore_index=True)


def assert_history_matches_point(
    reading: Callable[[SignalInputs], Reading],
    history: Callable[[SignalInputs], pd.Series],
    inputs: SignalInputs,
    samples: int = 12,
) -> pd.Series:
    """history(inputs) at sampled dates (and the last) equals reading(inputs.upto(t)).score."""
    scores = history(inputs)
    assert scores.index.equals(inputs.prices.index)
    assert scores.between(-1.0, 1.0).all()
    index = inputs.prices.index
    picks = np.unique(np.linspace(0, len(index) - 1, samples).round().astype(int))
    for t in index[picks]:
        assert reading(inputs.upto(t)).score == pytest.approx(scores.loc[t], abs=1e-9), t
    return scores


def assert_no_look_ahead(
    reading: Callable[[SignalInputs], Reading],
    history: Callable[[SignalInputs], pd.Series],
    inputs: SignalInputs,
    cut: pd.Timestamp,
) -> None:
    """Rows after `cut` change neither the reading at `cut` nor the history up to it."""
    shocked = inputs.prices.copy()
    shocked.loc[shocked.index > cut] *= 3.0
    future = SignalInputs(prices=shocked, macro=inputs.macro, stale=inputs.stale)
    assert reading(future.upto(cut)) == reading(inputs.upto(cut))
    full = history(future).loc[:cut]
    truncated = history(inputs.upto(cut))
    pd.testing.assert_series_equal(full, truncated, check_names=False, atol=1e-12, rtol=0)
