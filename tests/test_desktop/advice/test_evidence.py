"""Evidence per theme and signal: what a signal card and the `evidence` command say."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from desktop.advice.evidence.charts import evidence_charts
from desktop.advice.evidence.histories import histories
from desktop.advice.evidence.records import evidence_book
from desktop.advice.evidence.stats import Bucket
from desktop.advice.evidence.trade_returns import TradeLegs, trade_legs
from desktop.advice.evidence.words import verdict
from tests.test_desktop.advice import synthetic_market as market

LEGS = trade_legs(market.UNIVERSE)


def book(inputs=None, as_of=None):
    inputs = inputs or market.inputs()
    history = histories(inputs, market.REGISTRY, market.TABLE, ["t"])
    as_of = as_of or inputs.prices.index[-1]
    return evidence_book(inputs.prices, history, LEGS, market.TABLE, as_of)


def test_a_signal_that_predicts_its_trade_has_a_strong_positive_ic():
    record = next(r for r in book().signals if r.signal == "calendar")
    assert record.ic.ic > 0.5 and record.ic.t_stat > 3
    assert record.ic.n == 83  # month-ends from January 2010 with a known next month
    assert [ic.months for ic in record.ics] == [1, 3, 6]
    assert record.since == pd.Timestamp("2010-01-29")


def test_the_card_line_says_which_way_the_signal_pointed():
    evidence = book()
    right = evidence.card_line("calendar")
    assert right.startswith("Since 2010, when low: Theme T (A vs B) -2.")
    assert right.endswith("has pointed the right way")
    # the same score with a negative weight pushed the trade the other way: wrong
    assert evidence.card_line("contrarian").endswith("has pointed the wrong way")
    calendar, contrarian = evidence.signals
    assert contrarian.ic.ic == pytest.approx(-calendar.ic.ic)  # oriented by the weight's sign


def test_weak_t_stats_are_called_noise_and_rare_states_give_no_verdict():
    assert verdict(Bucket("high", 1, -1.3, 35, -1.9), 1.0) == "noise"
    assert verdict(Bucket("high", 1, -1.3, 35, -2.8), 1.0) == "has pointed the wrong way"
    assert verdict(Bucket("low", 1, -1.3, 35, -2.8), 1.0) == "has pointed the right way"
    theme = book().themes["t"]  # its view (0.8 - 0.4) / 1.5 is never beyond +-0.3
    assert "no record yet" in theme.sentence


def test_evidence_at_a_date_ignores_everything_after_it():
    inputs = market.inputs()
    cut = pd.Timestamp("2013-06-28")
    before = book(inputs, cut)
    rng = np.random.default_rng(9)
    poisoned = inputs.prices.copy()
    later = poisoned.index > cut
    poisoned.loc[later] = poisoned.loc[later] * rng.uniform(0.2, 5.0, (later.sum(), 3))
    after = book(type(inputs)(prices=poisoned), cut)
    assert after.to_dict() == before.to_dict()
    assert before.themes["t"].ic.n == 41  # Jan 2010 .. May 2013 month-ends


def test_json_has_the_documented_keys():
    data = book().to_dict()
    assert {"ic", "t_stat", "n"} <= set(data["themes"]["t"])
    assert [(s["signal"], s["theme"]) for s in data["signals"]] == [
        ("calendar", "t"),
        ("contrarian", "t"),
    ]
    assert {"signal", "theme", "ic", "t_stat", "n"} <= set(data["signals"][0])
    assert all(
        v is None or math.isfinite(v)
        for v in (data["themes"]["t"]["ic"], data["signals"][0]["t_stat"])
    )


def test_the_chart_per_theme_reads_only_pairs_known_at_each_month_end():
    inputs = market.inputs()
    history = histories(inputs, market.REGISTRY, market.TABLE, ["t"])
    chart = evidence_charts(inputs.prices, history, LEGS, inputs.prices.index[-1])["t"]
    assert chart.view.index[0] == pd.Timestamp("2010-01-29") and chart.trade_growth.iloc[0] == 1.0
    assert chart.rolling_ic.iloc[:36].isna().all() and chart.rolling_ic.iloc[36:].notna().all()
    assert chart.rolling_ic.iloc[36:].min() > 0.3  # the calendar signal works all along
    cut = chart.view.index[40]
    early = evidence_charts(inputs.prices.loc[:cut], history.upto(cut), LEGS, cut)["t"]
    pd.testing.assert_series_equal(early.rolling_ic, chart.rolling_ic.loc[:cut])


def test_a_theme_that_buys_no_held_asset_says_it_has_no_trade_to_score():
    inputs = market.inputs()
    history = histories(inputs, market.REGISTRY, market.TABLE, ["t", "idle"])
    legs = {**LEGS, "idle": TradeLegs("idle", "Idle theme", (), ("B",))}
    evidence = evidence_book(inputs.prices, history, legs, market.TABLE, inputs.prices.index[-1])
    idle = evidence.themes["idle"]
    assert idle.ic.n == 0 and idle.since is None
    assert idle.sentence == (
        "No record: Idle theme buys no held asset with prices, so it has no trade to score."
    )
