"""Small deterministic universes for the allocator tests (no files, seeded RNG)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from allocator import MarketInputs, shrunk_covariance

CLASSES = ("us_equity", "bonds", "commodities")


def synthetic_returns(n: int, *, days: int = 500, seed: int = 0) -> pd.DataFrame:
    """Daily decimal returns from a one-factor model: vols 5-30 %/yr, a common market factor."""
    rng = np.random.default_rng(seed)
    vols = np.linspace(0.05, 0.30, n) / np.sqrt(252)
    beta = rng.uniform(0.2, 0.9, n)
    market = rng.normal(size=(days, 1))
    idio = rng.normal(size=(days, n)) * np.sqrt(1 - beta**2)
    columns = [f"T{i:02d}" for i in range(n)]
    return pd.DataFrame((market * beta + idio) * vols, columns=columns)


def make_inputs(n: int, *, seed: int = 0) -> MarketInputs:
    """n assets cycling through CLASSES, unequal model weights, shrunk covariance."""
    returns = synthetic_returns(n, seed=seed)
    weights = np.arange(1, n + 1, dtype=float)[::-1]
    return MarketInputs(
        tickers=tuple(returns.columns),
        asset_classes=tuple(CLASSES[i % len(CLASSES)] for i in range(n)),
        w_bench=weights / weights.sum(),
        covariance=shrunk_covariance(returns).to_numpy(),
    )
