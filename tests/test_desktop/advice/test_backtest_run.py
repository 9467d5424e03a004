"""A finished run as the window shows it: its charts from its parts, and a verdict in words."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from desktop.advice.advisor import Advisor
from desktop.advice.backtest.run import backtest_run, verdict
from desktop.advice.backtest.walk_forward import BacktestSpec, run_backtest
from tests.test_desktop.advice import synthetic_market as market


@pytest.fixture(scope="module")
def run():
    advisor = Advisor(market.UNIVERSE, market.TABLE, registry=market.REGISTRY)
    spec = BacktestSpec(start=pd.Timestamp("2011-01-01"), end=pd.Timestamp("2015-12-31"))
    return backtest_run(run_backtest(advisor, market.inputs(), spec), "Test data")


def _with(run, **advisor):
    portfolios = dict(run.report["portfolios"])
    portfolios["advisor"] = {**portfolios["advisor"], **advisor}
    return dataclasses.replace(run, report={**run.report, "portfolios": portfolios})


def test_the_charts_come_from_the_runs_parts(run):
    charts = run.charts()
    assert charts.growth.iloc[0].tolist() == [1.0, 1.0, 1.0]
    assert (charts.drawdowns <= 0).all().all()
    assert charts.weights.sum(axis=1).round(6).eq(100).all()
    saved = dataclasses.replace(run, contributions=None)
    assert saved.charts().contributions.empty
    assert run.label == "as written" and "monthly, 10 bp, as written" in run.settings_text()


def test_the_verdict_calls_a_small_t_noise_and_says_how_long_it_would_take(run):
    text = verdict(_with(run, information_ratio=0.36, t_stat=1.6, years=19.2, years_to_tell=30.9))
    assert text == (
        "As written: information ratio +0.36 (t +1.6) over 19 years: noise, not distinguishable "
        "from luck (|t| < 2); a true IR of that size needs about 31 years to tell from luck."
    )


def test_the_verdict_names_a_real_lead_or_lag(run):
    assert "ahead of the model by more than luck" in verdict(_with(run, information_ratio=0.8,
                                                                   t_stat=3.1))  # fmt: skip
    assert "behind the model by more than luck" in verdict(_with(run, information_ratio=-0.8,
                                                                 t_stat=-3.1))  # fmt: skip
    assert "too short" in verdict(_with(run, information_ratio=None, t_stat=None))
