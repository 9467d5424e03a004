"""Before solving: say in words which limits clash, and spot when the model is optimal.

The clash checks are quick necessary conditions (each one alone proves infeasibility);
limits can still clash only in combination, which the solver then reports. Percentages in
messages are weights × 100, "pts" are percentage points of active weight.
"""

from __future__ import annotations

import numpy as np

from allocator.inputs import MarketInputs
from allocator.limits import Limits, class_names_of

# Bounds sums within this of 100 % are treated as exactly 100 % (rounded user input).
_TOL = 1e-9


def find_conflicts(limits: Limits, inputs: MarketInputs) -> tuple[str, ...]:
    """Every simple conflict among the limits, as sentences; empty when none is found."""
    return (
        *_asset_conflicts(limits, inputs),
        *_class_conflicts(limits, inputs),
        *_active_cap_conflicts(limits, inputs),
        *_zero_te_conflicts(limits, inputs),
    )


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _asset_conflicts(limits: Limits, inputs: MarketInputs) -> list[str]:
    out = [
        f"{t}: lower bound {_pct(lo)} is above its upper bound {_pct(hi)}"
        for t, lo, hi in zip(inputs.tickers, limits.lo, limits.hi, strict=True)
        if lo > hi + _TOL
    ]
    if limits.lo.sum() > 1 + _TOL:
        out.append(f"asset lower bounds add up to {_pct(limits.lo.sum())}, more than 100 %")
    if limits.hi.sum() < 1 - _TOL:
        out.append(
            f"asset upper bounds add up to {_pct(limits.hi.sum())}, less than 100 %: "
            "the portfolio cannot be fully invested"
        )
    return out


def _class_conflicts(limits: Limits, inputs: MarketInputs) -> list[str]:
    names = class_names_of(inputs.asset_classes)
    classes = np.array(inputs.asset_classes)
    out = []
    for k, name in enumerate(names):
        lo, hi = limits.class_lo[k], limits.class_hi[k]
        members = classes == name
        room, floor = limits.hi[members].sum(), limits.lo[members].sum()
        if lo > hi + _TOL:
            out.append(f"{name}: class lower bound {_pct(lo)} is above its upper bound {_pct(hi)}")
        if lo > room + _TOL:
            out.append(
                f"{name}: class lower bound {_pct(lo)} exceeds what its assets' upper bounds "
                f"allow ({_pct(room)})"
            )
        if hi < floor - _TOL:
            out.append(
                f"{name}: class upper bound {_pct(hi)} is below its assets' lower bounds "
                f"({_pct(floor)})"
            )
    if limits.class_lo.sum() > 1 + _TOL:
        out.append(
            f"asset-class lower bounds add up to {_pct(limits.class_lo.sum())}, more than 100 %"
        )
    if limits.class_hi.sum() < 1 - _TOL:
        out.append(
            f"asset-class upper bounds add up to {_pct(limits.class_hi.sum())}, less than 100 %"
        )
    return out


def _active_cap_conflicts(limits: Limits, inputs: MarketInputs) -> list[str]:
    """Bounds the model weight cannot reach within the per-asset active cap."""
    out = []
    for i, t in enumerate(inputs.tickers):
        lead = f"{t}: model weight {_pct(inputs.w_bench[i])} with active cap "
        lead += f"±{100 * limits.max_active[i]:.1f} pts cannot"
        if limits.hi[i] < inputs.w_bench[i] - limits.max_active[i] - _TOL:
            out.append(f"{lead} come down to its upper bound {_pct(limits.hi[i])}")
        elif limits.lo[i] > inputs.w_bench[i] + limits.max_active[i] + _TOL:
            out.append(f"{lead} rise to its lower bound {_pct(limits.lo[i])}")
    if out:
        return out
    reach_lo = np.maximum(limits.lo, inputs.w_bench - limits.max_active).sum()
    reach_hi = np.minimum(limits.hi, inputs.w_bench + limits.max_active).sum()
    # Only worth saying when the bounds alone do not already explain it.
    if limits.lo.sum() <= 1 + _TOL < reach_lo:
        out.append(
            f"within the active cap the lowest weights add up to {_pct(reach_lo)}, over 100 %"
        )
    if limits.hi.sum() >= 1 - _TOL > reach_hi:
        out.append(
            f"within the active cap the highest weights add up to {_pct(reach_hi)}, under 100 %"
        )
    return out


def _zero_te_conflicts(limits: Limits, inputs: MarketInputs) -> list[str]:
    """A tracking-error cap of 0 holds every weight at the model's (F has full rank), so each
    bound the model portfolio breaks clashes with it."""
    if limits.te_max > _TOL:
        return []
    lead = "a tracking-error cap of 0 % keeps the model portfolio, but "
    wb, classes = inputs.w_bench, np.array(inputs.asset_classes)
    out = [
        f"{lead}{t}'s model weight {_pct(w)} is outside its bounds {_pct(lo)} to {_pct(hi)}"
        for t, w, lo, hi in zip(inputs.tickers, wb, limits.lo, limits.hi, strict=True)
        if w < lo - _TOL or w > hi + _TOL
    ]
    for k, name in enumerate(class_names_of(inputs.asset_classes)):
        weight, lo, hi = wb[classes == name].sum(), limits.class_lo[k], limits.class_hi[k]
        if weight < lo - _TOL or weight > hi + _TOL:
            out.append(
                f"{lead}its {name} weight {_pct(weight)} is outside the class bounds "
                f"{_pct(lo)} to {_pct(hi)}"
            )
    return out


def model_is_optimal(alpha: np.ndarray, kappa: float, limits: Limits, inputs: MarketInputs) -> bool:
    """True when d = 0 (the model portfolio) is provably optimal.

    Holds when turnover is measured from the model (w_prev == w_bench), the model meets
    every bound, and the views spread by at most 2·kappa: with ν the mid-range of alpha,
    on Σd = 0 we get alpha·d = (alpha - ν)·d <= kappa·||d||₁, so the objective is at most
    -gamma_risk·||F d||² <= 0, its value at d = 0. The solver only approaches this point
    to its tolerance (the objective is flat there), so the caller snaps to it exactly.
    """
    wb = inputs.w_bench
    class_w = np.array([wb[np.array(inputs.asset_classes) == c].sum()
                        for c in class_names_of(inputs.asset_classes)])  # fmt: skip
    return bool(
        np.array_equal(limits.w_prev, wb)
        and np.ptp(alpha) <= 2 * kappa
        and (limits.lo <= wb + _TOL).all()
        and (wb <= limits.hi + _TOL).all()
        and (limits.class_lo <= class_w + _TOL).all()
        and (class_w <= limits.class_hi + _TOL).all()
    )
