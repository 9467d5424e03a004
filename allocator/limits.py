"""Settings resolved against a universe: the numeric limits the problem's Parameters take.

All values are decimals in ticker (or class) order; "no cap" becomes a finite value that
provably never binds, because cvxpy Parameters must hold finite numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allocator.inputs import MarketInputs, Settings


@dataclass(frozen=True, slots=True, eq=False)
class Limits:
    """Numeric limits for one solve.

    lo, hi          (n,) per-asset weight bounds.
    class_lo/hi     (m,) bounds on each class's total weight, classes in `class_names` order.
    max_active      (n,) cap on |d_i|.
    te_max          cap on ||F d|| (annualised).
    w_prev          (n,) weights the turnover penalty is measured from.
    """

    lo: np.ndarray
    hi: np.ndarray
    class_lo: np.ndarray
    class_hi: np.ndarray
    max_active: np.ndarray
    te_max: float
    w_prev: np.ndarray


def class_names_of(asset_classes: tuple[str, ...]) -> tuple[str, ...]:
    """Distinct class names in order of first appearance."""
    return tuple(dict.fromkeys(asset_classes))


def resolve_limits(settings: Settings, inputs: MarketInputs) -> Limits:
    """Turn `settings` into arrays for `inputs`' universe; ValueError on unknown names."""
    class_names = class_names_of(inputs.asset_classes)
    _reject_unknown(settings.asset_bounds, inputs.tickers, "asset_bounds", "tickers")
    _reject_unknown(settings.class_bounds, class_names, "class_bounds", "asset classes")
    asset = [settings.asset_bounds.get(t, settings.default_bounds) for t in inputs.tickers]
    classes = [settings.class_bounds.get(c, (0.0, 1.0)) for c in class_names]
    n = inputs.n
    max_active = 1.0 if settings.max_active is None else settings.max_active
    w_prev = inputs.w_bench if settings.w_prev is None else inputs.vector(settings.w_prev, "w_prev")
    return Limits(
        lo=np.array([b[0] for b in asset]),
        hi=np.array([b[1] for b in asset]),
        class_lo=np.array([b[0] for b in classes]),
        class_hi=np.array([b[1] for b in classes]),
        # |d_i| <= 1 always holds for long-only weights, so 1.0 means "no cap".
        max_active=np.full(n, float(max_active)),
        te_max=_te_cap(settings.max_te, inputs),
        w_prev=w_prev,
    )


def _te_cap(max_te: float | None, inputs: MarketInputs) -> float:
    """||F d|| <= Σ|d_i| σ_i <= 2 max σ_i for long-only weights, so that bound never binds."""
    if max_te is not None:
        return float(max_te)
    return 2.0 * float(np.sqrt(np.diag(inputs.covariance).max())) + 1.0


def _reject_unknown(bounds, known: tuple[str, ...], what: str, kind: str) -> None:
    unknown = sorted(set(bounds) - set(known))
    if unknown:
        raise ValueError(f"{what} names {kind} outside the universe: {unknown}")
