"""The robustness sweep: the same backtest over a grid of settings, and what its heatmaps show.

    grid = SweepGrid(risk_aversion=(1, 2, 4), te_cap_pct=(2, 4, 6))
    points = grid.points(base)                 # one SweepPoint per setting, in grid order
    spec = points[0].spec(base)                # the BacktestSpec that point runs
    outcome = sweep_outcome(points[0], report) # its figures, from the run's BacktestReport
    cells = heatmap(outcomes, "risk_aversion", "te_cap_pct", "information_ratio")

A sweep does not choose settings: it shows whether a result is a plateau (neighbouring settings
give about the same information ratio) or a lucky point (one setting stands out). The app's
defaults come from theory (`desktop.advice.backtest.sizing`), never from the best cell of a sweep.

Axes, in AXES order: risk_aversion (gamma), te_cap_pct (annualised %), turnover_penalty (kappa,
per unit of traded weight; the base's cost-derived kappa when not swept), prior_months (the
calibration prior's strength, walk-forward only), rebalance ("monthly" / "weekly"), calibration
("none" / "walk-forward"). Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from desktop.advice.backtest.walk_forward import CALIBRATIONS, REBALANCES, BacktestSpec

AXES = (
    "risk_aversion", "te_cap_pct", "turnover_penalty", "prior_months", "rebalance", "calibration",
)  # fmt: skip
AXIS_LABELS = {
    "risk_aversion": "risk aversion",
    "te_cap_pct": "tracking-error cap %",
    "turnover_penalty": "turnover penalty",
    "prior_months": "prior strength (months)",
    "rebalance": "rebalance",
    "calibration": "calibration",
}
FIGURES = {
    "information_ratio": "information ratio",
    "t_stat": "t-stat",
    "active_return_pct": "active return %/yr",
    "tracking_error_pct": "tracking error %",
    "turnover_pct_per_year": "turnover %/yr",
    "max_drawdown_pct": "max drawdown %",
    "cost_pct_per_year": "cost %/yr",
}
"""The advisor's figures a sweep keeps per point (keys of `performance.Stats.to_dict`)."""
MAX_POINTS = 400
"""A grid larger than this is refused: it would take hours, and reading it would take longer."""


class SweepError(ValueError):
    """The grid cannot be run; the message says what to change."""


@dataclass(frozen=True, slots=True)
class SweepPoint:
    """One setting of the grid (units in the module docstring)."""

    risk_aversion: float
    te_cap_pct: float
    turnover_penalty: float
    prior_months: float
    rebalance: str
    calibration: str

    def spec(self, base: BacktestSpec) -> BacktestSpec:
        """`base` (dates, cost, other knobs) with this point's settings."""
        knobs = dataclasses.replace(
            base.resolved_knobs(),
            risk_aversion=self.risk_aversion,
            te_cap_pct=self.te_cap_pct,
            turnover_penalty=self.turnover_penalty,
        )
        return dataclasses.replace(
            base,
            rebalance=self.rebalance,
            calibration=self.calibration,
            prior_months=self.prior_months,
            knobs=knobs,
        )

    def value(self, axis: str) -> float | str:
        return getattr(self, axis)

    def to_dict(self) -> dict[str, float | str]:
        return {axis: self.value(axis) for axis in AXES}


@dataclass(frozen=True, slots=True)
class SweepGrid:
    """The values of each axis; an empty axis takes the base spec's value."""

    risk_aversion: tuple[float, ...] = ()
    te_cap_pct: tuple[float, ...] = ()
    turnover_penalty: tuple[float, ...] = ()
    prior_months: tuple[float, ...] = ()
    rebalance: tuple[str, ...] = ()
    calibration: tuple[str, ...] = ()

    def axes(self, base: BacktestSpec) -> dict[str, tuple]:
        """Axis -> its values (the base's single value for an axis not swept); SweepError for
        a value out of range."""
        knobs = base.resolved_knobs()
        defaults = {
            "risk_aversion": (knobs.risk_aversion,), "te_cap_pct": (knobs.te_cap_pct,),
            "turnover_penalty": (knobs.turnover_penalty,), "prior_months": (base.prior_months,),
            "rebalance": (base.rebalance,), "calibration": (base.calibration,),
        }  # fmt: skip
        axes = {a: tuple(dict.fromkeys(getattr(self, a))) or defaults[a] for a in AXES}
        _check(axes)
        return axes

    def points(self, base: BacktestSpec) -> tuple[SweepPoint, ...]:
        """Every combination, the last axis varying fastest; SweepError beyond MAX_POINTS."""
        axes = self.axes(base)
        size = math.prod(len(v) for v in axes.values())
        if size > MAX_POINTS:
            raise SweepError(
                f"The grid has {size} settings, more than {MAX_POINTS}: give fewer values."
            )
        return tuple(SweepPoint(*values) for values in itertools.product(*axes.values()))


@dataclass(frozen=True, slots=True)
class SweepOutcome:
    """One point's backtest: the advisor's whole-run figures (FIGURES keys; None when
    undefined), the years and months it spans, and the model's drawdown and turnover."""

    point: SweepPoint
    figures: Mapping[str, float | None]
    years: float
    model_max_drawdown_pct: float
    model_turnover_pct_per_year: float

    def to_dict(self) -> dict[str, object]:
        return {
            **self.point.to_dict(),
            **dict(self.figures),
            "years": round(self.years, 2),
            "model_max_drawdown_pct": round(self.model_max_drawdown_pct, 4),
            "model_turnover_pct_per_year": round(self.model_turnover_pct_per_year, 4),
        }


def sweep_outcome(point: SweepPoint, report: Mapping[str, object]) -> SweepOutcome:
    """The figures of `point` from its report's JSON (`BacktestReport.to_dict`)."""
    portfolios = report["portfolios"]
    advisor, model = portfolios["advisor"], portfolios["model"]  # type: ignore[index]
    return SweepOutcome(
        point,
        {key: advisor[key] for key in FIGURES},
        float(advisor["years"] or 0.0),
        float(model["max_drawdown_pct"] or 0.0),
        float(model["turnover_pct_per_year"] or 0.0),
    )


@dataclass(frozen=True, slots=True)
class Heatmap:
    """`figure` over two axes: values[i, j] at y_values[i], x_values[j] (NaN where no point
    ran), with each cell's t-stat; `fixed`: the value every other axis is held at."""

    figure: str
    x_axis: str
    y_axis: str
    x_values: tuple
    y_values: tuple
    values: np.ndarray
    t_stats: np.ndarray
    fixed: Mapping[str, float | str]


def varying_axes(outcomes: Sequence[SweepOutcome]) -> list[str]:
    """The axes that take more than one value in `outcomes`, in AXES order."""
    return [a for a in AXES if len({o.point.value(a) for o in outcomes}) > 1]


def axis_values(outcomes: Iterable[SweepOutcome], axis: str) -> tuple:
    """The distinct values of `axis`, in the order the grid ran them."""
    return tuple(dict.fromkeys(o.point.value(axis) for o in outcomes))


def heatmap(
    outcomes: Sequence[SweepOutcome],
    x_axis: str,
    y_axis: str,
    figure: str,
    fixed: Mapping[str, float | str] | None = None,
) -> Heatmap:
    """`figure` (a FIGURES key) over `x_axis` and `y_axis`; every other axis is held at its
    value in `fixed`, or at its first value."""
    others = {a: axis_values(outcomes, a)[0] for a in AXES if a not in (x_axis, y_axis)}
    others.update({a: v for a, v in (fixed or {}).items() if a in others})
    xs, ys = axis_values(outcomes, x_axis), axis_values(outcomes, y_axis)
    values = np.full((len(ys), len(xs)), np.nan)
    t_stats = np.full((len(ys), len(xs)), np.nan)
    for o in outcomes:
        if all(o.point.value(a) == v for a, v in others.items()):
            i, j = ys.index(o.point.value(y_axis)), xs.index(o.point.value(x_axis))
            values[i, j] = _number(o.figures.get(figure))
            t_stats[i, j] = _number(o.figures.get("t_stat"))
    return Heatmap(figure, x_axis, y_axis, xs, ys, values, t_stats, others)


def sweep_summary(outcomes: Sequence[SweepOutcome]) -> str:
    """One plain sentence: how the information ratio spreads over the grid, and how many
    settings are distinguishable from luck (|t| >= 2)."""
    irs = np.array([_number(o.figures.get("information_ratio")) for o in outcomes])
    ts = np.array([_number(o.figures.get("t_stat")) for o in outcomes])
    ok = np.isfinite(irs)
    if not ok.any():
        return "No setting gave an information ratio (the runs are too short)."
    strong = int(np.sum(np.abs(ts[np.isfinite(ts)]) >= 2.0))
    text = (
        f"Information ratio from {irs[ok].min():+.2f} to {irs[ok].max():+.2f} over "
        f"{int(ok.sum())} settings (median {np.median(irs[ok]):+.2f}); "
        f"{strong} of {int(ok.sum())} with |t| >= 2"
    )
    if strong == 0:
        return text + ": no setting is distinguishable from luck."
    return text + "."


def _check(axes: Mapping[str, tuple]) -> None:
    for axis in ("risk_aversion", "te_cap_pct", "prior_months"):
        bad = [v for v in axes[axis] if not (math.isfinite(v) and v > 0)]
        if bad:
            raise SweepError(f"{AXIS_LABELS[axis]} must be > 0, got {bad[0]!r}")
    bad = [v for v in axes["turnover_penalty"] if not (math.isfinite(v) and v >= 0)]
    if bad:
        raise SweepError(f"the turnover penalty must be >= 0, got {bad[0]!r}")
    for axis, allowed in (("rebalance", REBALANCES), ("calibration", CALIBRATIONS)):
        bad = [v for v in axes[axis] if v not in allowed]
        if bad:
            raise SweepError(f"{axis} must be one of {', '.join(allowed)}, got {bad[0]!r}")


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else math.nan
