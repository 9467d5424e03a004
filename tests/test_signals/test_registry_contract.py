"""Every registered signal honours the contract the CLI, the charts and the backtest rely on."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import signals
from signals.inputs import MACRO_SERIES, SignalInputs
from signals.macro_releases import SERIES
from signals.reading import Reading
from tests.test_signals.conftest import make_macro, make_panel

STABLE_NAMES = (
    "breadth",
    "broadening",
    "cyclicals_vs_defensives",
    "dow_theory",
    "energy_breakout",
    "small_cap_breakout",
    "small_cap_streak",
    "small_cap_rsi",
    "precious_metals_stretch",
    "commodity_breakout",
    "industrial_metals",
    "speculation_appetite",
    "dollar",
    "rates",
    "global_equities",
    "macro_surprise",
    "consumer_sentiment",
    "liquidity",
    "small_cap_quality",
    "fed_path",
    "inflation_trend",
    "real_yields",
    "credit_conditions",
    "net_liquidity",
    "hard_vs_soft",
    "crypto_sequence",
)
SPECS = {spec.name: spec for spec in signals.REGISTRY}
JSON_KEYS = {"name", "score", "explanation", "evidence", "as_of", "stale"}


def assert_valid(reading: Reading, name: str, as_of: pd.Timestamp) -> None:
    assert isinstance(reading, Reading)
    assert reading.name == name
    assert math.isfinite(reading.score) and -1.0 <= reading.score <= 1.0
    assert reading.explanation.strip().endswith(".")
    assert "\n" not in reading.explanation
    assert reading.as_of == as_of
    assert set(reading.to_dict()) == JSON_KEYS
    if reading.stale:
        assert reading.score == 0.0


def test_registry_names_are_the_issue_table_in_order():
    assert tuple(spec.name for spec in signals.REGISTRY) == STABLE_NAMES


def test_every_spec_states_its_subject_and_inputs():
    for spec in signals.REGISTRY:
        assert spec.subject.strip(), spec.name
        assert spec.tickers, spec.name


@pytest.mark.parametrize("name", STABLE_NAMES)
def test_reading_on_a_full_synthetic_panel_is_valid_and_fresh(name, inputs):
    reading = SPECS[name].reading(inputs)
    assert_valid(reading, name, inputs.as_of)
    assert not reading.stale, reading.explanation
    assert reading.evidence, "a fresh reading shows the numbers behind it"


@pytest.mark.parametrize("name", STABLE_NAMES)
def test_thirty_day_history_gives_a_valid_reading(name, panel, macro):
    short = SignalInputs(prices=panel.iloc[-30:], macro=macro)
    assert_valid(SPECS[name].reading(short), name, short.as_of)
    history = SPECS[name].history(short)
    assert history.index.equals(short.prices.index)
    assert np.isfinite(history.to_numpy()).all()


@pytest.mark.parametrize("name", STABLE_NAMES)
def test_empty_prices_give_a_stale_reading(name, panel, macro):
    empty = SignalInputs(prices=panel.iloc[:0], macro=macro)
    reading = SPECS[name].reading(empty)
    assert reading.stale and reading.score == 0.0
    assert SPECS[name].history(empty).empty


@pytest.mark.parametrize("name", STABLE_NAMES)
def test_missing_inputs_give_a_stale_reading_that_names_them(name, panel, macro):
    spec = SPECS[name]
    series = [t for t in spec.tickers if t in MACRO_SERIES]
    tickers = [t for t in spec.tickers if t not in MACRO_SERIES]
    gone = SignalInputs(
        prices=panel.drop(columns=tickers), macro=macro.loc[~macro["series"].isin(series)]
    )
    reading = spec.reading(gone)
    assert_valid(reading, name, gone.as_of)
    assert reading.stale and reading.score == 0.0
    names = tickers + [SERIES[s].label for s in series]
    assert any(n.lower() in reading.explanation.lower() for n in names), reading.explanation
    assert (spec.history(gone) == 0.0).all()


@pytest.mark.parametrize("name", STABLE_NAMES)
def test_inputs_flagged_stale_by_the_data_layer_give_a_stale_reading(name, inputs):
    spec = SPECS[name]
    flagged = SignalInputs(inputs.prices, inputs.macro, stale=frozenset(spec.tickers))
    reading = spec.reading(flagged)
    assert reading.stale and reading.score == 0.0
    assert (spec.history(flagged) == 0.0).all()


@pytest.mark.parametrize("name", STABLE_NAMES)
def test_history_equals_the_point_reading_at_sampled_dates(name, inputs):
    spec = SPECS[name]
    history = spec.history(inputs)
    dates = inputs.prices.index
    assert history.index.equals(dates)
    assert np.isfinite(history.to_numpy()).all()
    assert history.between(-1.0, 1.0).all()
    # Early (warm-up), around the hole at rows 900-906, late-starting ticker, last day.
    sample = [5, 150, 260, 503, 520, 700, 899, 903, 907, 1100, 1300, len(dates) - 1]
    for row in sample:
        date = dates[row]
        reading = spec.reading(inputs.upto(date))
        assert history.loc[date] == pytest.approx(reading.score, abs=1e-12), (name, date)


@pytest.mark.parametrize("name", STABLE_NAMES)
def test_no_look_ahead_rows_after_t_change_nothing_up_to_t(name, panel, macro):
    spec = SPECS[name]
    cut = panel.index[1000]
    other_future = make_panel(seed=99)
    changed = pd.concat([panel.loc[:cut], other_future.loc[other_future.index > cut]])
    changed_macro = pd.concat(
        [macro.loc[macro["date"] <= cut], make_macro(panel.index, seed=5).query("date > @cut")]
    )
    base = SignalInputs(prices=panel, macro=macro)
    alt = SignalInputs(prices=changed, macro=changed_macro)
    assert spec.reading(base.upto(cut)).to_dict() == spec.reading(alt.upto(cut)).to_dict()
    before = spec.history(base).loc[:cut]
    pd.testing.assert_series_equal(before, spec.history(alt).loc[:cut], check_names=False)
    pd.testing.assert_series_equal(
        before, spec.history(base.upto(cut)), check_names=False, check_freq=False
    )


STRICT = STABLE_NAMES[:9]
"""Signals that need every one of their tickers (no fallback series)."""


@pytest.mark.parametrize(("name", "ticker"), [(n, t) for n in STRICT for t in SPECS[n].tickers])
def test_strict_signals_name_any_single_missing_ticker(name, ticker, panel, macro):
    gone = SignalInputs(prices=panel.drop(columns=[ticker]), macro=macro)
    reading = SPECS[name].reading(gone)
    assert reading.stale and f"{ticker} prices are missing" in reading.explanation
