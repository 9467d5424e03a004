"""Explicit maps from a raw statistic to a score in [-1, 1]."""

from __future__ import annotations

from typing import overload

import numpy as np
import pandas as pd


@overload
def ramp(x: float, lo: float, hi: float) -> float: ...
@overload
def ramp(x: pd.Series, lo: float, hi: float) -> pd.Series: ...
def ramp(x: float | pd.Series, lo: float, hi: float) -> float | pd.Series:
    """Piecewise-linear: -1 at or below `lo`, +1 at or above `hi`, linear in between.

    Pass lo > hi for a falling ramp (+1 at or below hi... i.e. larger x scores lower).
    """
    if lo == hi:
        raise ValueError("ramp needs two different thresholds")
    scaled = 2.0 * (x - lo) / (hi - lo) - 1.0
    return _clip(scaled)


def squash(z: float | pd.Series, scale: float = 2.0) -> float | pd.Series:
    """tanh(z / scale): smooth, odd, |score| < 1; scale = z at which the score reaches 0.76."""
    result = np.tanh(np.asarray(z, dtype=float) / scale)
    if isinstance(z, pd.Series):
        return pd.Series(result, index=z.index, name=z.name)
    return float(result)


def blend(parts: dict[str, float | pd.Series], weights: dict[str, float]) -> float | pd.Series:
    """Weighted average of component scores (weights need not sum to 1), clipped to [-1, 1].

    Components may be floats or aligned Series (then the result is a Series).
    """
    total = sum(abs(w) for w in weights.values())
    if total == 0:
        return 0.0
    return _clip(sum(weights[k] * parts[k] for k in weights) / total)


@overload
def piecewise(x: float, knots: tuple[float, ...], values: tuple[float, ...]) -> float: ...
@overload
def piecewise(x: pd.Series, knots: tuple[float, ...], values: tuple[float, ...]) -> pd.Series: ...
def piecewise(
    x: float | pd.Series, knots: tuple[float, ...], values: tuple[float, ...]
) -> float | pd.Series:
    """Piecewise-linear through (knots[i], values[i]); flat beyond the end knots.

    `knots` must be increasing. NaN in, NaN out.
    """
    result = np.interp(np.asarray(x, dtype=float), knots, values)
    result = np.where(np.isnan(np.asarray(x, dtype=float)), np.nan, result)
    if isinstance(x, pd.Series):
        return pd.Series(result, index=x.index, name=x.name)
    return float(result)


def _clip(x: float | pd.Series) -> float | pd.Series:
    if isinstance(x, pd.Series):
        return x.clip(-1.0, 1.0)
    return float(np.clip(x, -1.0, 1.0))
