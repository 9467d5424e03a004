"""The walk-forward backtest on a small synthetic market: what a user relies on in its figures."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from desktop.advice.advisor import Advisor
from desktop.advice.backtest.report import backtest_charts, backtest_report
from desktop.advice.backtest.sizing import cost_penalty
from desktop.advice.backtest.walk_forward import (
    BacktestCancelled,
    BacktestError,
    BacktestSpec,
    run_backtest,
)
from desktop.advice.knobs import Knobs
from desktop.advice.tables.tilts import ThemeRule, TiltTable
from tests.test_desktop.advice import synthetic_market as market

SPAN = {"start": pd.Timestamp("2012-01-01"), "end": pd.Timestamp("2014-12-31")}


def advisor(table: TiltTable = market.TABLE) -> Advisor:
    return Advisor(market.UNIVERSE, table, registry=market.REGISTRY)


def run(table: TiltTable = market.TABLE, inputs=None, progress=None, **spec):
    spec = BacktestSpec(**{**SPAN, **spec})
    return run_backtest(advisor(table), inputs or market.inputs(), spec, progress=progress)


def test_zero_views_give_back_the_model_portfolio():
    silent = TiltTable({"t": ThemeRule("t", 0.08, {})})
    result = run(silent, knobs=Knobs(turnover_penalty=0.0))
    model = market.UNIVERSE.model_weights().to_numpy()
    assert np.allclose(result.targets["advisor"].to_numpy(), model, atol=1e-7)
    assert np.allclose(result.values["advisor"], result.values["model"], rtol=1e-9)


def test_a_signal_that_works_makes_the_calibrated_advisor_beat_the_model_through_its_theme():
    as_written = backtest_report(run()).whole["advisor"]
    result = run(calibration="walk-forward")
    report = backtest_report(result)
    advisor_stats = report.whole["advisor"]
    assert advisor_stats.information_ratio > 1 and advisor_stats.t_stat > 2
    assert report.contributions_pct_per_year["t"] > 0
    # as written, a view of (0.8 - 0.4) / 1.5 at IC 0.08 is worth less than the cost of trading
    assert as_written.turnover_pct_per_year < advisor_stats.turnover_pct_per_year / 10


def test_costs_are_charged_on_the_traded_weight():
    knobs = Knobs(turnover_penalty=cost_penalty(10))
    free, costly = run(cost_bps=0, knobs=knobs), run(cost_bps=50, knobs=knobs)
    # costs leave the weights alone (they scale the whole value), so the trades are the same
    assert np.allclose(free.trades, costly.trades)
    for name in ("advisor", "model", "equal_weight"):
        kept = np.prod(1 - 0.005 * costly.trades[name].to_numpy())
        ratio = costly.values[name].iloc[-1] / free.values[name].iloc[-1]
        assert ratio == pytest.approx(kept)
        assert costly.costs[name].to_numpy() == pytest.approx(0.005 * costly.trades[name])


def test_trades_happen_the_day_after_the_advice():
    result = run()
    days = result.values.index
    advice_days = days.get_indexer(result.rebalances[: len(result.trades)])
    assert (days.get_indexer(result.trades.index) == advice_days + 1).all()
    assert result.rebalances[0] == pd.Timestamp("2012-01-31")


def test_the_cost_sets_the_turnover_penalty_by_default():
    result = run(cost_bps=20)
    assert result.knobs.turnover_penalty == pytest.approx(0.0020 * 12)
    assert dataclasses.replace(result.knobs, turnover_penalty=0.001) == Knobs()


def test_weekly_rebalancing_uses_the_last_trading_day_of_each_week():
    result = run(rebalance="weekly", end=pd.Timestamp("2012-03-31"))
    assert (result.rebalances.day_of_week == 4).all()  # business days only: every Friday
    assert len(result.rebalances) == 13


def test_walk_forward_calibration_records_what_it_used_at_each_date():
    result = run(calibration="walk-forward")
    assert len(result.calibrations) == len(result.rebalances)
    last = result.calibrations[-1].themes["t"]
    assert last.measured_ic > 0.5 and last.effective_ic > market.TABLE.rule("t").ic
    assert result.ics["t"].iloc[-1] == pytest.approx(last.table_ic)


def test_a_start_before_a_held_asset_has_prices_is_refused_with_the_first_good_date():
    prices = market.prices()
    prices.loc[:"2012-05-31", "C"] = np.nan
    with pytest.raises(BacktestError, match="C has no price on 2012-01-01: start on or after"):
        run(inputs=type(market.inputs())(prices=prices))
    assert run(inputs=type(market.inputs())(prices=prices), start=None).rebalances[0] >= (
        pd.Timestamp("2012-06-01")
    )


def test_bad_specs_say_what_is_allowed():
    with pytest.raises(BacktestError, match="monthly, weekly"):
        BacktestSpec(rebalance="daily")
    with pytest.raises(BacktestError, match="none, walk-forward"):
        BacktestSpec(calibration="fitted")
    with pytest.raises(BacktestError, match="after the end"):
        BacktestSpec(start=pd.Timestamp("2014-01-01"), end=pd.Timestamp("2013-01-01"))


def test_progress_is_reported_and_can_cancel():
    seen = []
    run(progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (36, 36) and len(seen) == 36
    with pytest.raises(BacktestCancelled, match="after 3 of 36"):
        run(progress=lambda done, total: done < 3)


def test_chart_series_cover_the_run():
    result = run(start=pd.Timestamp("2011-01-01"), end=pd.Timestamp("2016-12-31"))
    charts = backtest_charts(result)
    assert charts.growth.iloc[0].tolist() == [1.0, 1.0, 1.0]
    assert (charts.drawdowns <= 0).all().all()
    # 71 months from February 2011: a 36-month window is full from the 36th on
    assert len(charts.rolling_active) == 71
    assert charts.rolling_active["advisor"].notna().sum() == 71 - 36 + 1
    assert charts.weights.sum(axis=1).to_numpy() == pytest.approx(100.0)
    assert list(charts.contributions.columns) == ["t", "other"]
