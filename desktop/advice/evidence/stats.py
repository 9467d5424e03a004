"""The statistics behind the evidence: rank IC with an overlap-adjusted t-stat, and bucket means.

Observations are month-ends: a score (or view) x at month-end m and the theme trade's return y
from m to the month-end `months` later. Returns over 3 or 6 months sampled every month overlap,
so consecutive observations share most of their return: n of them carry about n / months
independent observations, and every t-stat here uses that count (the simplest overlap
correction, equivalent to sampling every `months`-th month-end; Newey-West with `months` - 1
lags gives similar figures and would hide the count a user can check).

    rank IC    Spearman correlation of x and y (average ranks for ties), in [-1, 1]
    t-stat     ic * sqrt((n_ind - 2) / (1 - ic^2)),  n_ind = n / months
    hit rate   % of observations with x != 0 and y != 0 where sign(x) == sign(y)
    bucket     mean of y after x > HIGH, between, x < LOW; t = mean / (sd / sqrt(n / months))

NaN when there are too few observations (fewer than 3, or independent count <= 2 for a t-stat).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

HIGH = 0.3
"""A score above this is "high": the signal clearly favours its subject (a third of the way)."""
LOW = -0.3
"""A score below this is "low"; between LOW and HIGH it is "neutral"."""
STATES = ("high", "neutral", "low")


@dataclass(frozen=True, slots=True)
class RankIC:
    """Rank IC of month-end scores with the trade's next `months`-month return.

    n: month-end observations; independent: n / months; hit_rate_pct in percent (0-100).
    """

    months: int
    ic: float
    t_stat: float
    n: int
    independent: float
    hit_rate_pct: float


@dataclass(frozen=True, slots=True)
class Bucket:
    """Mean trade return (percent over `months` months) after the score was in `state`."""

    state: str
    months: int
    mean_pct: float
    n: int
    t_stat: float


def rank_ic(x: np.ndarray, y: np.ndarray, months: int = 1) -> RankIC:
    """Rank IC of x with y (module docstring); NaN pairs are dropped first."""
    x, y = _pairs(x, y)
    n = len(x)
    ic = _spearman(x, y)
    independent = n / months
    t = math.nan
    if math.isfinite(ic) and independent > 2 and abs(ic) < 1:
        t = ic * math.sqrt((independent - 2) / (1 - ic * ic))
    both = (x != 0) & (y != 0)
    hits = 100.0 * float(np.mean(np.sign(x[both]) == np.sign(y[both]))) if both.any() else math.nan
    return RankIC(months, ic, t, n, independent, hits)


def buckets(x: np.ndarray, y: np.ndarray, months: int = 1) -> tuple[Bucket, ...]:
    """Mean of y (reported in percent) after high, neutral and low x, in STATES order."""
    x, y = _pairs(x, y)
    masks = {"high": x > HIGH, "neutral": (x >= LOW) & (x <= HIGH), "low": x < LOW}
    return tuple(_bucket(state, y[masks[state]], months) for state in STATES)


def mean_t_stat(values: np.ndarray, independent: float) -> float:
    """t-stat of the mean of `values` with `independent` effective observations (NaN if < 2)."""
    if len(values) < 2 or independent < 2:
        return math.nan
    sd = float(np.std(values, ddof=1))
    return float(np.mean(values)) / (sd / math.sqrt(independent)) if sd > 0 else math.nan


def _bucket(state: str, y: np.ndarray, months: int) -> Bucket:
    mean = 100.0 * float(np.mean(y)) if len(y) else math.nan
    return Bucket(state, months, mean, len(y), mean_t_stat(y, len(y) / months))


def _pairs(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    return x[ok], y[ok]


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3:
        return math.nan
    rx, ry = average_ranks(x), average_ranks(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denominator = math.sqrt(float(rx @ rx) * float(ry @ ry))
    return float(rx @ ry) / denominator if denominator > 0 else math.nan


def average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks of `values`, tied values sharing their average rank (as scipy's rankdata)."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)
    return (last - (counts - 1) / 2.0)[inverse]
