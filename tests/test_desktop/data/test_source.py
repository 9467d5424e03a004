"""open_data_source: the database when it has prices, else the demo data."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.data.market.store import MarketStore
from desktop.data.source import DEMO_LABEL, open_data_source
from signals.inputs import empty_macro
from tests.test_desktop.fake_yahoo import FakeYahoo, history

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "prices"


@dataclass
class FakeDemo:
    prices: pd.DataFrame
    macro: pd.DataFrame
    end_date: pd.Timestamp


def fake_demo() -> FakeDemo:
    days = pd.bdate_range("2020-01-01", periods=50)
    prices = pd.DataFrame({"SPY": np.linspace(300, 320, 50), "OLD": np.nan}, index=days)
    prices.iloc[:30, 1] = 10.0  # OLD stops 20 business days before the demo's end
    macro = empty_macro()
    return FakeDemo(prices=prices, macro=macro, end_date=days[-1])


def test_no_database_means_demo_data_with_staleness_relative_to_its_end(tmp_path):
    db = tmp_path / "none.db"
    source = open_data_source(db, today="2030-01-01", demo_loader=fake_demo)
    assert (source.kind, source.label) == ("demo", "Demo data (synthetic)")
    assert source.stale == frozenset({"OLD"})  # SPY is fresh although "today" is years later
    assert not db.exists()
    assert {s.ticker for s in source.statuses} == {"SPY", "OLD"}


def test_an_empty_database_also_means_demo_data(tmp_path):
    db = tmp_path / "m.db"
    MarketStore(db).close()
    assert open_data_source(db, demo_loader=fake_demo).kind == "demo"


def test_the_bundled_demo_data_is_fresh_and_labelled(tmp_path):
    source = open_data_source(tmp_path / "none.db")
    assert source.label == DEMO_LABEL
    assert source.stale == frozenset()
    assert source.signal_inputs().as_of == source.prices.index[-1]


def test_a_database_with_prices_is_cached_data(tmp_path):
    db = tmp_path / "m.db"
    with MarketStore(db) as store:
        store.import_paths([FIXTURES / "SPY.csv", FIXTURES / "^TNX.csv", FIXTURES / "ICSA.csv"])
    source = open_data_source(db, today="2024-01-16", demo_loader=fake_demo)
    assert (source.kind, source.label) == ("cached", "Cached data, last date 2024-01-08")
    assert list(source.prices.columns) == ["SPY", "^TNX"]
    assert list(source.macro["series"].unique()) == ["jobless_claims"]
    inputs = source.signal_inputs("2024-01-03")
    assert inputs.as_of == pd.Timestamp("2024-01-03")


def test_old_data_is_not_stale_because_the_clock_moved_on(tmp_path):
    """Prices ending months ago: every series ends with the data, so none is stale; the age
    against today is said once, apart (issue 10: all 18 signals read stale on real data)."""
    db = tmp_path / "m.db"
    with MarketStore(db) as store:
        store.import_paths([FIXTURES / "SPY.csv", FIXTURES / "^TNX.csv"])
    source = open_data_source(db, today="2024-06-10", demo_loader=fake_demo)
    assert source.stale == frozenset()
    assert not any(s.stale for s in source.statuses)
    assert source.signal_inputs().stale == frozenset()
    assert source.age().text == (
        "Prices end 2024-01-08, 154 days ago: this advice is as of that date. "
        "Refresh online or import newer prices."
    )


def test_a_series_lagging_the_rest_of_the_data_is_stale(tmp_path):
    db = tmp_path / "m.db"
    days = pd.bdate_range(end="2024-03-01", periods=40)
    spy = history(pd.Series(np.linspace(100, 110, 40), index=days))
    iwm = history(pd.Series(np.linspace(50, 55, 20), index=days[:20]))  # stops 20 sessions early
    with MarketStore(db) as store:
        store.refresh(["SPY", "IWM"], fetch=FakeYahoo({"SPY": spy, "IWM": iwm}))
    source = open_data_source(db, today="2024-12-01", demo_loader=fake_demo)
    assert source.stale == frozenset({"IWM"})


def test_a_missing_database_says_it_runs_on_the_demo_data(tmp_path):
    source = open_data_source(tmp_path / "typo.db", demo_loader=fake_demo)
    assert source.notice.startswith(f"There is no database at {tmp_path / 'typo.db'}")
    assert "demo data (synthetic), not real prices" in source.notice
    assert "not real prices" in source.age().text


def test_a_refresh_today_makes_the_data_live(tmp_path):
    db = tmp_path / "m.db"
    days = pd.bdate_range(end=pd.Timestamp.today().normalize(), periods=5)
    with MarketStore(db) as store:
        store.refresh(["SPY"], fetch=FakeYahoo({"SPY": history(pd.Series(1.0, index=days))}))
    source = open_data_source(db, demo_loader=fake_demo)
    assert source.kind == "live"
    assert source.label.startswith("Live data (Yahoo Finance), last date ")


def test_score_histories_of_old_data_are_not_wiped_by_todays_date(tmp_path):
    """Issue 10: a ticker flagged stale against today made its whole score history 0."""
    from signals.small_caps import small_cap_rsi, small_cap_rsi_history

    db = tmp_path / "m.db"
    days = pd.bdate_range(end="2024-03-01", periods=60)
    rng = np.random.default_rng(5)
    iwm = history(pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 60))), index=days))
    with MarketStore(db) as store:
        store.refresh(["IWM"], fetch=FakeYahoo({"IWM": iwm}))
    source = open_data_source(db, today="2024-12-01", demo_loader=fake_demo)
    inputs = source.signal_inputs()
    scores = small_cap_rsi_history(inputs)
    assert (scores != 0).sum() >= 10  # was 0 everywhere: IWM was in the today-judged stale set
    assert scores.iloc[-1] == pytest.approx(small_cap_rsi(inputs).score) != 0
