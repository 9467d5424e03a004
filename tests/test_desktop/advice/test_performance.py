"""Performance statistics against values computed by hand on tiny series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from desktop.advice.backtest.performance import max_drawdown, portfolio_stats, years_to_tell

DAYS = pd.DatetimeIndex(["2024-01-31", "2024-02-29", "2024-03-28", "2024-04-30", "2024-05-31"])
PORTFOLIO = pd.Series([1.0, 1.10, 0.99, 1.20, 1.26], index=DAYS)
MODEL = pd.Series([1.0, 1.05, 1.05, 1.10, 1.21], index=DAYS)
NO_TRADES = pd.Series(dtype=float)


def stats(values=PORTFOLIO, cash=None, traded=NO_TRADES, costs=NO_TRADES, **kw):
    cash = pd.Series(0.0, index=DAYS) if cash is None else cash
    return portfolio_stats(values, MODEL, cash, traded, costs, **kw)


def test_growth_risk_and_sharpe():
    s = stats(cash=pd.Series(0.001, index=DAYS))
    years = 121 / 365.25
    assert s.cagr_pct == pytest.approx(100 * (1.26 ** (1 / years) - 1))
    daily = np.array([0.10, 0.99 / 1.10 - 1, 1.20 / 0.99 - 1, 1.26 / 1.20 - 1])
    assert s.vol_pct == pytest.approx(100 * np.std(daily, ddof=1) * math.sqrt(252))
    excess = daily - 0.001
    assert s.sharpe == pytest.approx(excess.mean() / np.std(excess, ddof=1) * math.sqrt(252))


def test_max_drawdown_has_its_peak_trough_and_recovery_dates():
    d = max_drawdown(PORTFOLIO)
    assert d.depth_pct == pytest.approx(-10.0)
    assert (d.peak, d.trough, d.recovery) == (DAYS[1], DAYS[2], DAYS[3])
    unrecovered = max_drawdown(PORTFOLIO.iloc[:3])
    assert unrecovered.recovery is None
    assert max_drawdown(MODEL).depth_pct == 0.0


def test_active_figures_are_monthly_and_annualised():
    s = stats()
    # the run starts at January's last close: months Feb, Mar, Apr, May
    portfolio = np.array([0.10, -0.10, 1.20 / 0.99 - 1, 0.05])
    model = np.array([0.05, 0.0, 1.10 / 1.05 - 1, 0.10])
    active = portfolio - model
    mean, sd = active.mean(), np.std(active, ddof=1)
    assert s.months == 4
    assert s.active_return_pct == pytest.approx(100 * 12 * mean)
    assert s.tracking_error_pct == pytest.approx(100 * sd * math.sqrt(12))
    assert s.information_ratio == pytest.approx(mean * 12 / (sd * math.sqrt(12)))
    assert s.t_stat == pytest.approx(mean / (sd / math.sqrt(4)))
    assert s.hit_rate_pct == pytest.approx(100 * 2 / 4)  # Feb and Apr ahead
    assert s.years_to_tell == pytest.approx((2 / s.information_ratio) ** 2)


def test_a_run_starting_mid_month_counts_that_month_from_its_first_value():
    days = pd.DatetimeIndex(["2024-01-15", "2024-01-31", "2024-02-29"])
    values, model = pd.Series([1.0, 1.1, 1.21], days), pd.Series([1.0, 1.0, 1.0], days)
    s = portfolio_stats(values, model, pd.Series(0.0, days), NO_TRADES, NO_TRADES)
    assert s.months == 2
    assert s.active_return_pct == pytest.approx(100 * 12 * 0.10)


def test_turnover_and_cost_are_per_year():
    traded = pd.Series([0.2, 0.1], index=DAYS[[1, 3]])
    costs = pd.Series([0.0002, 0.0001], index=DAYS[[1, 3]])
    s = stats(traded=traded, costs=costs)
    years = 121 / 365.25
    assert s.turnover_pct_per_year == pytest.approx(100 * 0.3 / years)
    assert s.cost_pct_per_year == pytest.approx(100 * 0.0003 / years)


def test_the_model_has_no_active_figures_against_itself():
    s = stats(values=MODEL, active=False)
    assert s.information_ratio is None and s.t_stat is None
    assert s.to_dict()["information_ratio"] is None


def test_years_to_tell_a_true_ir_from_luck():
    assert years_to_tell(0.5) == pytest.approx(16.0)  # t = 0.5 x sqrt(16) = 2
    assert years_to_tell(-0.25) == pytest.approx(64.0)
    assert years_to_tell(0.0) is None
