"""The sweep's grid and heatmaps: every setting runs once, and a heatmap puts each where it ran."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from desktop.advice.backtest.sizing import cost_penalty
from desktop.advice.backtest.sweep import (
    SweepError,
    SweepGrid,
    SweepOutcome,
    heatmap,
    sweep_summary,
    varying_axes,
)
from desktop.advice.backtest.walk_forward import BacktestSpec

BASE = BacktestSpec(start=pd.Timestamp("2012-01-01"), cost_bps=10.0)


def test_the_grid_runs_every_combination_once_and_keeps_the_base_elsewhere():
    points = SweepGrid(risk_aversion=(1, 2), te_cap_pct=(2, 4, 6)).points(BASE)
    assert len(points) == 6
    assert {(p.risk_aversion, p.te_cap_pct) for p in points} == {
        (r, c) for r in (1, 2) for c in (2, 4, 6)
    }
    assert {p.turnover_penalty for p in points} == {cost_penalty(10.0)}
    assert {(p.rebalance, p.calibration, p.prior_months) for p in points} == {
        ("monthly", "none", 100.0)
    }


def test_a_point_runs_the_base_spec_with_its_own_knobs():
    point = SweepGrid(risk_aversion=(4,), prior_months=(50,), calibration=("walk-forward",))
    spec = point.points(BASE)[0].spec(BASE)
    assert spec.start == BASE.start and spec.cost_bps == 10.0
    assert spec.knobs.risk_aversion == 4 and spec.prior_months == 50
    assert spec.calibration == "walk-forward"
    assert spec.knobs.turnover_penalty == pytest.approx(0.012)


@pytest.mark.parametrize(
    ("grid", "words"),
    [
        (SweepGrid(risk_aversion=(0,)), "risk aversion must be > 0"),
        (SweepGrid(rebalance=("daily",)), "rebalance must be one of"),
        (SweepGrid(turnover_penalty=(-1,)), "turnover penalty must be >= 0"),
        (SweepGrid(risk_aversion=tuple(range(1, 30)), te_cap_pct=tuple(range(1, 30))), "fewer"),
    ],
)
def test_a_grid_that_cannot_run_says_what_to_change(grid, words):
    with pytest.raises(SweepError, match=words):
        grid.points(BASE)


def _outcomes():
    points = SweepGrid(
        risk_aversion=(1, 2), te_cap_pct=(2, 4), calibration=("none", "walk-forward")
    )
    out = []
    for p in points.points(BASE):
        ir = p.risk_aversion / 10 + p.te_cap_pct / 100 + (0.5 if p.calibration == "none" else 0)
        figures = {"information_ratio": ir, "t_stat": ir * 4, "turnover_pct_per_year": 10.0}
        out.append(SweepOutcome(p, figures, 19.0, -36.0, 30.0))
    return out


def test_a_heatmap_puts_each_figure_at_its_settings_and_holds_the_other_axes():
    outcomes = _outcomes()
    assert varying_axes(outcomes) == ["risk_aversion", "te_cap_pct", "calibration"]
    cells = heatmap(outcomes, "risk_aversion", "te_cap_pct", "information_ratio")
    assert cells.x_values == (1, 2) and cells.y_values == (2, 4)
    assert cells.fixed["calibration"] == "none"
    assert cells.values[1, 0] == pytest.approx(0.1 + 0.04 + 0.5)  # te 4 (row), gamma 1 (col)
    other = heatmap(outcomes, "risk_aversion", "te_cap_pct", "information_ratio",
                    fixed={"calibration": "walk-forward"})  # fmt: skip
    assert other.values[0, 1] == pytest.approx(0.2 + 0.02)
    assert np.allclose(other.t_stats, 4 * other.values)


def test_the_summary_says_when_no_setting_beats_luck():
    text = sweep_summary(_outcomes()[:2])
    assert "over 2 settings" in text and "1 of 2 with |t| >= 2" in text
    quiet = [SweepOutcome(o.point, {"information_ratio": 0.1, "t_stat": 0.5}, 19, -1, 1)
             for o in _outcomes()]  # fmt: skip
    assert sweep_summary(quiet).endswith("no setting is distinguishable from luck.")
    empty = [SweepOutcome(o.point, {"information_ratio": None}, 0, 0, 0) for o in _outcomes()]
    assert "No setting" in sweep_summary(empty)
    assert math.isnan(heatmap(empty, "risk_aversion", "te_cap_pct", "information_ratio")
                      .values[0, 0])  # fmt: skip
