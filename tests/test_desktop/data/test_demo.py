"""The bundled synthetic demo data: reproducible, complete, well-formed, and telling its story.

The story checks are what the signals rely on to light up on the demo (see the research notes):
if a scenario edit breaks one of them, the demo would quietly stop showing it.
"""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest

from desktop.data import paths
from desktop.data.demo import DEMO_LABEL, MACRO_FILE, PRICES_FILE, load_demo
from desktop.data.user_files import bundled_universe_path, load_universe
from scripts.demo_data.build import demo_csv_texts
from signals.inputs import MACRO_SERIES, empty_macro

MAX_BYTES = 3_000_000
YEAR = 252


@pytest.fixture(scope="module")
def demo():
    return load_demo()


@pytest.fixture(scope="module")
def prices(demo):
    return demo.prices


def wilder_rsi(close: pd.Series, n: int = 14) -> pd.Series:
    change = close.diff()
    gain = change.clip(lower=0).ewm(alpha=1 / n, adjust=False).mean()
    loss = (-change.clip(upper=0)).ewm(alpha=1 / n, adjust=False).mean()
    return 100 - 100 / (1 + gain / loss)


def test_committed_files_are_exactly_what_the_generator_builds():
    fresh = demo_csv_texts()
    for name in (PRICES_FILE, MACRO_FILE):
        committed = gzip.decompress((paths.resources_dir() / name).read_bytes())
        assert committed == fresh[name], f"{name} is stale: run `make demo-data`"


def test_files_fit_the_size_budget():
    total = sum((paths.resources_dir() / name).stat().st_size for name in (PRICES_FILE, MACRO_FILE))
    assert total <= MAX_BYTES


def test_every_universe_ticker_has_prices(prices):
    universe = load_universe(bundled_universe_path())
    assert set(universe.all_tickers) <= set(prices.columns)


def test_index_is_ascending_tz_naive_weekdays(demo, prices):
    index = prices.index
    assert isinstance(index, pd.DatetimeIndex) and index.tz is None
    assert index.is_monotonic_increasing and index.is_unique
    assert (index.day_of_week < 5).all()
    assert demo.end_date == index[-1] == pd.Timestamp("2026-01-30")
    assert index[0] <= pd.Timestamp("2006-01-05")
    assert demo.label == DEMO_LABEL == "Demo data (synthetic)"


def test_no_gaps_after_inception_and_prices_positive(prices):
    for ticker, column in prices.items():
        history = column.loc[column.first_valid_index() :]
        assert history.notna().all(), ticker
        assert (history > 0).all(), ticker


def test_young_funds_start_near_their_real_inception(prices):
    firsts = prices.apply(pd.Series.first_valid_index)
    assert firsts["ARKK"] == pd.Timestamp("2014-10-31")
    assert firsts["BUZZ"] == pd.Timestamp("2021-03-04")
    assert firsts["BTC-USD"] == pd.Timestamp("2014-09-17")
    assert firsts["IBIT"] == pd.Timestamp("2024-01-11")
    assert firsts["SPY"] == prices.index[0]


def test_macro_follows_the_signals_contract(demo):
    macro = demo.macro
    assert macro.dtypes.to_dict() == empty_macro().dtypes.to_dict()
    assert set(macro["series"]) == set(MACRO_SERIES)
    assert macro["date"].max() <= demo.end_date
    assert not macro.duplicated(["series", "date"]).any()


def test_callers_get_their_own_copies():
    first = load_demo()
    first.prices.iloc[-1, 0] = -1.0
    first.macro.loc[0, "actual"] = -1.0
    second = load_demo()
    assert second.prices.iloc[-1, 0] > 0
    assert second.macro.loc[0, "actual"] != -1.0


def test_volatility_is_realistic(prices):
    returns = np.log(prices).diff()
    annual = returns.std() * np.sqrt(YEAR)
    assert 0.14 < annual["SPY"] < 0.22
    assert annual["BIL"] < 0.01 < annual["IEF"] < annual["SPY"] < annual["BTC-USD"]
    assert returns["SPY"].corr(returns["IWM"]) > 0.8
    assert prices["^TNX"].min() > 0.0 and prices["^TNX"].max() < 7.0


def test_crashes_2008_and_2020(prices):
    spy = prices["SPY"]
    assert spy["2009-01":"2009-03"].min() / spy["2007"].max() - 1 < -0.5
    fast = spy["2020-02-19":"2020-03-31"]
    assert fast.min() / fast.iloc[0] - 1 < -0.3


def test_small_caps_break_out_of_a_four_year_base(prices):
    iwm = prices["IWM"]
    high_2021 = iwm["2021"].max()
    assert iwm["2021-11-09":"2025-09-30"].max() < high_2021
    assert iwm["2025-10"].max() > high_2021
    assert iwm.iloc[-1] > iwm.iloc[-3 * YEAR - 1 : -1].max()


def test_small_caps_end_on_a_ten_day_streak_and_overbought(prices):
    relative = prices["IWM"].pct_change() - prices["SPY"].pct_change()
    assert (relative.iloc[-10:] > 0).all()
    assert relative.iloc[-11] < 0
    assert 65 < wilder_rsi(prices["IWM"]).iloc[-1] < 80


def test_precious_metals_blow_off_then_silver_collapses(prices):
    silver, gold = prices["SLV"], prices["GLD"]
    one_day = silver.pct_change().iloc[-21:]
    assert one_day.min() <= -0.25
    assert silver.iloc[-2] > 2 * silver.iloc[-YEAR]
    assert gold.iloc[-2] == gold.max() and gold.pct_change().iloc[-1] < -0.05


@pytest.mark.parametrize("ticker", ["DBC", "DBB", "CPER", "COPX"])
def test_commodities_leave_a_multi_year_base(prices, ticker):
    last_three_years = prices[ticker].iloc[-3 * YEAR :]
    assert last_three_years.idxmax() >= prices.index[-10]


def test_dollar_falls_in_the_last_year(prices):
    assert prices["UUP"].iloc[-1] / prices["UUP"].iloc[-YEAR] - 1 < -0.05


@pytest.mark.parametrize(("ticker", "sessions"), [("IYT", 15), ("DIA", 15), ("XLE", 10)])
def test_dow_theory_and_energy_at_new_highs(prices, ticker, sessions):
    assert prices[ticker].idxmax() >= prices.index[-sessions]


def test_speculation_stays_subdued(prices):
    ratio = prices["BUZZ"] / prices["SPY"]
    assert ratio.iloc[-1] < 0.9 * ratio.iloc[-YEAR:].max()


def test_macro_ends_as_in_the_january_2026_notes(demo):
    last = {s: g.sort_values("date") for s, g in demo.macro.groupby("series")}
    philly, empire = last["philly_fed"].iloc[-1], last["empire_state"].iloc[-1]
    assert philly["actual"] - philly["consensus"] > 10
    assert empire["actual"] > empire["consensus"]
    claims = last["jobless_claims"].iloc[-3:]
    assert (claims["actual"] < claims["consensus"]).all()
    mmf = last["mmf_assets"]["actual"]
    assert mmf.iloc[-4] == mmf.iloc[-YEAR:].max() and mmf.iloc[-1] < mmf.iloc[-4]
    sentiment = last["consumer_sentiment"]["actual"]
    assert sentiment.iloc[-1] < 60 and sentiment.iloc[-1] > sentiment.iloc[-3]


def test_fred_series_end_in_the_notes_setting(demo, prices):
    """Issue 13's indicators: cuts priced, tight spreads, cooling core inflation, and the demo's
    10-year yield is its ^TNX close, published the next business day."""
    last = {s: g.set_index("date")["actual"].sort_index() for s, g in demo.macro.groupby("series")}
    assert last["treasury_2y"].iloc[-1] < last["fed_funds"].iloc[-1] - 0.2
    spread = last["hy_spread"]
    assert spread.iloc[-1] < spread.iloc[-5 * YEAR :].quantile(0.1)
    cpi = last["core_cpi"]
    assert cpi.iloc[-1] / cpi.iloc[-4] < (cpi.iloc[-1] / cpi.iloc[-13]) ** 0.25
    ten = last["treasury_10y"]
    assert ten.loc["2025-12-01"] == round(prices["^TNX"].loc["2025-11-28"], 2)
    quality = prices["IJR"] / prices["IWM"]
    assert quality.iloc[-1] > quality.iloc[-64]
