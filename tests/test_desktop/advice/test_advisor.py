"""Advisor: readings -> views -> alpha -> allocation -> reasons, on a small synthetic market."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from allocator import Settings, Source
from desktop.advice import advisor as advice
from desktop.advice import allocation_table, reasons
from desktop.advice.advisor import Advisor
from desktop.advice.as_of import AsOfError, resolve_as_of
from desktop.advice.tables import tilts
from desktop.advice.tables.tilts import ThemeRule, TiltTable
from desktop.advice.tables.universe import Asset, Theme, Universe
from signals import Reading, SignalInputs
from signals.spec import SignalSpec

TICKERS = ["SPY", "IWM", "GLD", "IEF"]


def make_prices(days: int = 700, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    index = pd.bdate_range("2023-01-02", periods=days)
    vols = np.array([0.011, 0.015, 0.009, 0.004])
    shocks = rng.standard_normal((days, 1)) * 0.6 + rng.standard_normal((days, 4)) * 0.8
    returns = shocks * vols + np.array([0.0004, 0.0006, 0.0002, 0.0001])
    return pd.DataFrame(100 * np.exp(np.cumsum(returns, axis=0)), index=index, columns=TICKERS)


def momentum(inputs: SignalInputs) -> Reading:
    """IWM's 20-day return vs SPY's, squashed: depends on the data up to as-of only."""
    closes = inputs.prices[["IWM", "SPY"]].iloc[-21:]
    gap = float((closes.iloc[-1] / closes.iloc[0]).diff().iloc[-1])
    score = float(np.tanh(-gap * 20))
    rsi = 72.0 if score > 0 else 50.0
    return Reading("small_cap_streak", score, f"gap {gap:.3f}", {"rsi": rsi}, inputs.as_of)


def fixed(name: str, score: float, stale: bool = False):
    def reading(inputs: SignalInputs) -> Reading:
        return Reading(name, score, f"{name} fixed at {score}", {"rsi": 72.0}, inputs.as_of, stale)

    return reading


def spec(name, reading):
    return SignalSpec(name, "test", ("SPY",), reading, lambda inputs: pd.Series(dtype=float))


REGISTRY = (
    spec("small_cap_breakout", fixed("small_cap_breakout", 0.9)),
    spec("small_cap_rsi", fixed("small_cap_rsi", -0.5)),
    spec("small_cap_streak", momentum),
    spec("precious_metals_stretch", fixed("precious_metals_stretch", -0.8, stale=True)),
)
TABLE = TiltTable(
    rules={
        "small_caps": ThemeRule(
            "small_caps",
            0.10,
            {"small_cap_breakout": 0.5, "small_cap_rsi": 0.3, "small_cap_streak": 0.2},
        ),
        "gold": ThemeRule("gold", 0.06, {"precious_metals_stretch": 1.0}),
    }
)
UNIVERSE = Universe(
    assets=(
        Asset("SPY", "S&P 500", "us_equity", (), 50.0),
        Asset("IWM", "Russell 2000", "us_equity", ("small_caps",), 10.0),
        Asset("GLD", "Gold", "commodities", ("gold",), 10.0),
        Asset("IEF", "Treasuries", "bonds", (), 30.0),
    ),
    signal_tickers=(),
    themes=(
        Theme("small_caps", "Small caps", ("SPY",)),
        Theme("gold", "Gold", ("IEF",)),
    ),
)


@pytest.fixture(scope="module")
def advisor():
    return Advisor(UNIVERSE, TABLE, registry=REGISTRY)


@pytest.fixture(scope="module")
def inputs():
    return SignalInputs(prices=make_prices())


def test_neutral_gives_the_model_portfolio(advisor, inputs):
    result = advisor.advise(advisor.snapshot(inputs), {"small_caps": 1.0}, neutral=True)
    assert np.array_equal(result.allocation.weights, [0.5, 0.1, 0.1, 0.3])
    assert set(result.reasons.values()) == {"at model weight"}
    assert result.views == {"small_caps": 0.0, "gold": 0.0}


def test_signal_view_buys_the_theme_and_sells_its_funding(advisor, inputs):
    snap = advisor.snapshot(inputs)
    expected = 0.5 * 0.9 + 0.3 * -0.5 + 0.2 * snap.readings[2].score
    assert snap.signal_views["small_caps"].view == pytest.approx(expected)
    result = advisor.advise(snap)
    active = dict(zip(result.allocation.tickers, result.allocation.active, strict=True))
    assert active["IWM"] > 0.005 > -0.005 > active["SPY"]
    # The trade (buy IWM, sell SPY) is expected to earn view x IC x its volatility.
    trade = advisor.trades.loc["small_caps"].to_numpy()
    vol = np.sqrt(trade @ snap.market.covariance @ trade)
    assert result.alpha.to_numpy() @ trade == pytest.approx(expected * 0.10 * vol)


def test_the_universes_asset_bounds_cap_the_suggestion(advisor, inputs):
    snap = advisor.snapshot(inputs)
    free = dict(zip(UNIVERSE.held_tickers, advisor.advise(snap).allocation.weights, strict=True))
    assert free["IWM"] > 0.104  # the signals buy small caps beyond the cap below
    bounded = replace(
        UNIVERSE,
        assets=(
            UNIVERSE.assets[0],
            replace(UNIVERSE.assets[1], max_weight=10.3),
            *UNIVERSE.assets[2:],
        ),
    )
    capped = Advisor(bounded, TABLE, registry=REGISTRY)
    weights = capped.advise(capped.snapshot(inputs)).allocation.weights
    assert weights[1] == pytest.approx(0.103, abs=1e-5)


def test_reason_names_theme_points_drivers_and_holdbacks(inputs):
    registry = (*REGISTRY[:2], spec("small_cap_streak", fixed("small_cap_streak", 0.2)))
    fixed_advisor = Advisor(UNIVERSE, TABLE, registry=registry)
    result = fixed_advisor.advise(fixed_advisor.snapshot(inputs))
    iwm = result.reasons["IWM"]
    pts = 100 * result.allocation.active[1]
    assert iwm.startswith(f"IWM {pts:+.1f} pts: small caps +")
    assert "(breakout, small-cap lead; RSI 72 overbought held it back)" in iwm
    assert result.reasons["SPY"].startswith("SPY -")


PART = re.compile(r"([+-]\d+\.\d)(?: \(|,|$)")


def test_reason_parts_add_up_to_the_headline_when_limits_bind(advisor, inputs):
    """Two themes competing for a binding tracking-error cap: Shapley shares the effect out
    (leave-one-out would leave a large remainder, see the next-but-one test)."""
    settings = Settings(max_te=0.005)
    result = advisor.advise(advisor.snapshot(inputs), {"small_caps": 1.0, "gold": -1.0}, settings)
    assert result.attribution.method == "shapley"
    assert result.allocation.tracking_error == pytest.approx(0.005, abs=1e-6)
    for sentence in result.reasons.values():
        if sentence == "at model weight":
            continue
        head, parts = sentence.split(": ", 1)
        numbers = [float(x) for x in PART.findall(parts)]
        headline = float(head.split()[1])
        assert sum(numbers) == pytest.approx(headline, abs=0.05 * len(numbers)), sentence
        assert "limits" not in parts


def test_the_pull_of_current_holdings_is_named(advisor, inputs):
    settings = Settings(kappa=0.02, w_prev=np.array([0.3, 0.1, 0.1, 0.5]))
    result = advisor.advise(advisor.snapshot(inputs), {"small_caps": 0.5}, settings)
    assert result.reasons["IEF"].startswith("IEF +")
    assert "current holdings and limits +" in result.reasons["IEF"]


def test_many_themes_are_explained_leaving_one_out(advisor, inputs, monkeypatch):
    monkeypatch.setattr(advice, "SHAPLEY_MAX_THEMES", 1)
    settings = Settings(max_te=0.005)
    result = advisor.advise(advisor.snapshot(inputs), {"small_caps": 1.0, "gold": -1.0}, settings)
    assert result.attribution.method == "leave_one_out"
    assert any("themes overlapping at limits" in r for r in result.reasons.values())


def test_a_quick_preview_skips_the_explanation(advisor, inputs):
    snap = advisor.snapshot(inputs)
    quick = advisor.advise(snap, {"small_caps": 0.8}, explain=False)
    full = advisor.advise(snap, {"small_caps": 0.8})
    assert quick.attribution is None
    np.testing.assert_array_equal(quick.allocation.weights, full.allocation.weights)
    pts = 100 * quick.allocation.active[1]
    assert quick.reasons["IWM"] == f"IWM {pts:+.1f} pts"


def test_override_wins_and_is_said(advisor, inputs):
    result = advisor.advise(advisor.snapshot(inputs), {"small_caps": -1.0})
    assert result.views["small_caps"] == -1.0
    assert result.overridden == {"small_caps"}
    assert result.allocation.active[1] < 0
    assert "(your view -1.00)" in result.reasons["IWM"]


def test_stale_signal_counts_zero_and_is_noted(advisor, inputs):
    result = advisor.advise(advisor.snapshot(inputs))
    assert result.views["gold"] == 0.0
    assert result.snapshot.signal_views["gold"].stale == ("precious_metals_stretch",)
    assert any("stale signals counted as 0: precious_metals_stretch" in n for n in result.notes)


def test_snapshot_is_cached_so_a_slider_move_only_resolves(advisor, inputs):
    first = advisor.snapshot(inputs)
    assert advisor.snapshot(inputs) is first
    compiled = advisor.problem.problem
    advisor.advise(first, {"small_caps": 0.3})
    advisor.advise(first, {"small_caps": 0.6})
    assert advisor.problem.problem is compiled
    assert advisor.snapshot(inputs, inputs.prices.index[-10]) is not first


def test_no_look_ahead(inputs):
    as_of = inputs.prices.index[500]
    fresh = Advisor(UNIVERSE, TABLE, registry=REGISTRY)
    cut = fresh.snapshot(SignalInputs(prices=inputs.prices.loc[:as_of]))
    full = fresh.snapshot(inputs, as_of)
    assert [r.score for r in cut.readings] == [r.score for r in full.readings]
    assert np.array_equal(cut.market.covariance, full.market.covariance)
    assert cut.last_prices.equals(full.last_prices)


def test_infeasible_settings_give_the_nearest_answer_with_words(advisor, inputs):
    settings = Settings(default_bounds=(0.0, 0.2))  # four assets at most 20 % each: 80 %
    result = advisor.advise(advisor.snapshot(inputs), settings=settings)
    assert result.allocation.source == Source.RELAXED
    assert result.allocation.weights.sum() == pytest.approx(1.0)
    assert any("nearest feasible answer" in n for n in result.notes)
    assert any("loosened" in n for n in result.notes)


def test_neutral_ignores_current_holdings_in_the_turnover_penalty(advisor, inputs):
    settings = Settings(kappa=0.01, w_prev=np.array([1.0, 0.0, 0.0, 0.0]))
    result = advisor.advise(advisor.snapshot(inputs), settings=settings, neutral=True)
    assert np.array_equal(result.allocation.weights, [0.5, 0.1, 0.1, 0.3])


def test_trade_plan_uses_last_prices_at_as_of(advisor, inputs):
    as_of = inputs.prices.index[400]
    result = advisor.advise(advisor.snapshot(inputs, as_of))
    plan = advisor.plan(result, portfolio_value=100_000)
    line = {trade.ticker: trade for trade in plan.lines}["IEF"]
    assert line.price == pytest.approx(inputs.prices.loc[as_of, "IEF"])
    assert 0 <= plan.cash_left < max(trade.price for trade in plan.lines)


@pytest.mark.parametrize(
    ("as_of", "message"),
    [("16/01/2026x", "Cannot read the date"), ("2001-01-01", "outside"), ("2099-01-01", "outside")],
)
def test_bad_as_of_is_explained(inputs, as_of, message):
    with pytest.raises(AsOfError, match=message):
        resolve_as_of(inputs, as_of)


def test_as_of_on_a_weekend_uses_the_friday_before(inputs):
    advisor = Advisor(UNIVERSE, TABLE, registry=REGISTRY)
    saturday = inputs.prices.index[300] + pd.offsets.Week(weekday=5)
    snap = advisor.snapshot(inputs, saturday)
    assert snap.readings[0].as_of == inputs.prices.index[inputs.prices.index <= saturday][-1]


def test_theme_drivers_text():
    readings = {
        "small_cap_breakout": Reading("small_cap_breakout", 1.0, "up"),
        "small_cap_streak": Reading("small_cap_streak", 0.8, "up", {"streak_sessions": 10}),
        "small_cap_rsi": Reading("small_cap_rsi", -0.4, "hot", {"rsi": 71.6}),
    }
    table = TiltTable({"small_caps": ThemeRule("small_caps", 0.10, {k: 1.0 for k in readings})})
    theme = tilts.signal_views(readings.values(), table, ["small_caps"])["small_caps"]
    text = reasons.theme_drivers(theme, readings)
    assert text == "breakout, 10-day streak; RSI 72 overbought held it back"
    assert reasons.theme_drivers(theme, readings, override=0.25) == "your view +0.25"


def test_export_table_of_neutral_advice_is_the_model_with_its_settings(advisor, inputs):
    result = advisor.advise(advisor.snapshot(inputs), neutral=True)
    table = allocation_table.table_from_advice(result, UNIVERSE, "Test data")
    assert [(r.ticker, r.model_weight, r.suggested_weight) for r in table.rows] == [
        ("SPY", 50.0, 50.0),
        ("IWM", 10.0, 10.0),
        ("GLD", 10.0, 10.0),
        ("IEF", 30.0, 30.0),
    ]
    header = dict(table.header)
    assert header["as_of"] == f"{inputs.as_of:%Y-%m-%d}"
    assert header["source"] == "Test data"
    assert header["views"] == "neutral: small_caps +0.00, gold +0.00"
    assert header["answer"] == "optimal"


def test_export_table_lists_trades_and_sells_holdings_outside_the_universe(advisor):
    prices = make_prices().assign(ARKK=50.0)
    result = advisor.advise(advisor.snapshot(SignalInputs(prices)), {"small_caps": 0.5})
    holdings = {"SPY": 100, "ARKK": 3.5, "XYZ": 1}
    plan = advisor.plan(result, holdings=holdings, portfolio_value=50_000)
    table = allocation_table.table_from_advice(result, UNIVERSE, "Test data", plan)
    rows = {r.ticker: r for r in table.rows}
    assert list(rows)[-1] == "ARKK"
    assert (rows["ARKK"].suggested_weight, rows["ARKK"].position.trade_shares) == (0.0, -3.5)
    assert dict(table.cash)["not_valued_no_price"] == "XYZ"
    spy = rows["SPY"].position
    assert spy.trade_shares == spy.shares - 100
    assert spy.value == pytest.approx(spy.shares * spy.price)
    spent = sum(r.position.value for r in table.rows if r.position)
    assert float(dict(table.cash)["cash_left_over_usd"]) == pytest.approx(50_000 - spent, abs=0.01)


def test_missing_and_old_prices_of_held_assets_are_noted():
    prices = make_prices()
    prices.loc[prices.index[-20:], "IEF"] = np.nan
    advisor = Advisor(UNIVERSE, TABLE, registry=REGISTRY)
    notes = advisor.snapshot(SignalInputs(prices.drop(columns="GLD"))).notes
    assert any(n.startswith("no prices for GLD") for n in notes)
    ief_last = prices["IEF"].last_valid_index()
    assert any(
        f"old last prices, used for trade sizes: IEF ({ief_last:%Y-%m-%d})" in n for n in notes
    )


def test_current_weights_are_the_holdings_values_in_ticker_order(advisor, inputs):
    snap = advisor.snapshot(inputs)
    first, third = snap.market.tickers[0], snap.market.tickers[2]
    holdings = {first: 10.0, third: 5.0, "NOPRICE": 3.0}
    value_1, value_3 = 10.0 * snap.last_prices[first], 5.0 * snap.last_prices[third]
    weights = advice.current_weights(holdings, snap)
    total = value_1 + value_3
    assert weights == pytest.approx([value_1 / total, 0.0, value_3 / total, 0.0])
    with pytest.raises(ValueError, match="no market value"):
        advice.current_weights({"NOPRICE": 3.0}, snap)
