"""What the allocator is given: market data (`MarketInputs`) and the user's knobs (`Settings`).

Units: every weight, bound, cap and volatility is a decimal (0.04 means 4 %), and every
risk figure is annualised. Arrays are ordered like `MarketInputs.tickers`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from allocator.risk import risk_root

# Model weights may be rounded percentages from a file: accept this much drift from 100 %.
_SUM_TOLERANCE = 1e-6


def _frozen_array(values: object, shape: tuple[int, ...], what: str) -> np.ndarray:
    array = np.array(values, dtype=float)
    if array.shape != shape:
        raise ValueError(f"{what} must have shape {shape}, got {array.shape}")
    array.setflags(write=False)
    return array


def _check_finite(values: np.ndarray, tickers: Sequence[str], what: str) -> None:
    """Raise a ValueError naming the first ticker whose value is NaN or infinite."""
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        names = ", ".join(tickers[i] for i in bad[:5])
        raise ValueError(f"{what} is missing or not finite for {names}: supply a number")


@dataclass(frozen=True, slots=True, eq=False)
class MarketInputs:
    """The universe and its risk model.

    tickers        held assets, unique, in the order of every array below.
    asset_classes  one class name per ticker (e.g. "us_equity", "bonds").
    w_bench        (n,) model-portfolio weights, decimal, >= 0, summing to 1 (within 1e-6,
                   then rescaled to sum exactly 1 so rounded inputs stay consistent).
    covariance     (n, n) annualised covariance of returns (decimal), symmetric positive
                   definite; `allocator.risk.shrunk_covariance` builds one from returns.
    F              (n, n) upper-triangular risk root with F.T @ F == covariance, so that
                   ||F d||₂ is the annualised tracking error of active weights d.
    """

    tickers: tuple[str, ...]
    asset_classes: tuple[str, ...]
    w_bench: np.ndarray
    covariance: np.ndarray
    F: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        tickers = tuple(str(t) for t in self.tickers)
        n = len(tickers)
        if n == 0:
            raise ValueError("the universe is empty: add at least one held asset")
        if len(set(tickers)) != n:
            raise ValueError(f"tickers must be unique, got {list(tickers)}")
        if len(self.asset_classes) != n:
            raise ValueError(
                f"need one asset class per ticker ({n}), got {len(self.asset_classes)}"
            )
        w_bench = _frozen_array(self.w_bench, (n,), "w_bench")
        _check_finite(w_bench, tickers, "model weight")
        if (w_bench < 0).any() or abs(w_bench.sum() - 1.0) > _SUM_TOLERANCE:
            raise ValueError(
                "model weights must be >= 0 and sum to 1 (decimal); "
                f"they sum to {w_bench.sum():.6f}"
            )
        w_bench = _frozen_array(w_bench / w_bench.sum(), (n,), "w_bench")
        covariance = _frozen_array(self.covariance, (n, n), "covariance")
        _check_finite(np.diag(covariance), tickers, "covariance")
        if not np.isfinite(covariance).all():
            raise ValueError("covariance contains NaN or infinite entries")
        object.__setattr__(self, "tickers", tickers)
        object.__setattr__(self, "asset_classes", tuple(str(c) for c in self.asset_classes))
        object.__setattr__(self, "w_bench", w_bench)
        object.__setattr__(self, "covariance", covariance)
        object.__setattr__(self, "F", _frozen_array(risk_root(covariance), (n, n), "F"))

    @property
    def n(self) -> int:
        return len(self.tickers)

    def vector(
        self, values: Mapping[str, float] | Sequence[float] | np.ndarray, what: str
    ) -> np.ndarray:
        """Return `values` as a read-only (n,) array in ticker order, checked finite.

        A mapping may omit tickers (they get 0.0) but may not name unknown ones.
        """
        if isinstance(values, Mapping):
            unknown = sorted(set(values) - set(self.tickers))
            if unknown:
                raise ValueError(f"{what} names tickers outside the universe: {unknown}")
            values = [float(values.get(t, 0.0)) for t in self.tickers]
        array = _frozen_array(values, (self.n,), what)
        _check_finite(array, self.tickers, what)
        return array


Bounds = tuple[float, float]


@dataclass(frozen=True, slots=True, eq=False)
class Settings:
    """The user's knobs. Every value is a decimal; risk figures are annualised.

    gamma_risk      risk aversion on annualised active variance d'Σd; must be > 0 so the
                    optimum is unique and zero views give back the model portfolio.
    kappa           turnover penalty per unit of Σ|w - w_prev| (0.001 = 10 bp), >= 0.
    max_te          hard cap on ex-ante tracking error ||F d||, e.g. 0.04; None: no cap.
    max_active      cap on each |d_i| = |w_i - w_bench_i|, e.g. 0.10; None: no cap.
    default_bounds  (lo, hi) on every asset weight, within [0, 1] (long only).
    asset_bounds    per-ticker (lo, hi) overriding `default_bounds`.
    class_bounds    asset class -> (lo, hi) on the class's total weight.
    w_prev          (n,) current weights the turnover penalty is measured from;
                    None: the model portfolio.

    Bounds that conflict (lo > hi, totals that cannot reach 100 %) are allowed here: the
    solver diagnoses them and returns the nearest feasible answer.
    """

    gamma_risk: float = 2.0
    kappa: float = 0.001
    max_te: float | None = 0.04
    max_active: float | None = 0.10
    default_bounds: Bounds = (0.0, 1.0)
    asset_bounds: Mapping[str, Bounds] = field(default_factory=dict)
    class_bounds: Mapping[str, Bounds] = field(default_factory=dict)
    w_prev: np.ndarray | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.gamma_risk) and self.gamma_risk > 0):
            raise ValueError(f"gamma_risk must be a positive number, got {self.gamma_risk}")
        if not (math.isfinite(self.kappa) and self.kappa >= 0):
            raise ValueError(f"kappa must be a number >= 0, got {self.kappa}")
        for name in ("max_te", "max_active"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a number >= 0 or None, got {value}")
        _check_bounds("default_bounds", self.default_bounds)
        for name, bounds in {**self.asset_bounds, **self.class_bounds}.items():
            _check_bounds(f"bounds for {name!r}", bounds)
        object.__setattr__(self, "asset_bounds", MappingProxyType(dict(self.asset_bounds)))
        object.__setattr__(self, "class_bounds", MappingProxyType(dict(self.class_bounds)))
        if self.w_prev is not None:
            w_prev = np.array(self.w_prev, dtype=float)
            w_prev.setflags(write=False)
            object.__setattr__(self, "w_prev", w_prev)


def _check_bounds(what: str, bounds: Bounds) -> None:
    lo, hi = bounds
    if not all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in (lo, hi)):
        raise ValueError(f"{what} must be decimals in [0, 1] (long only), got {bounds}")
