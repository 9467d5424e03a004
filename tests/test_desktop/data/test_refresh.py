"""MarketStore.refresh with a fake yfinance: incremental, isolated, all-or-nothing."""

import sqlite3

import numpy as np
import pandas as pd
import pytest

from desktop.data.market.fetch import FetchCancelled, FetchPolicy, OfflineError
from desktop.data.market.schema import DiskFullError
from desktop.data.market.store import MarketStore
from tests.test_desktop.fake_yahoo import FakeYahoo, history, offline_download

DAYS = pd.bdate_range("2024-01-02", periods=30)
SPY = pd.Series(np.linspace(470, 500, 30), index=DAYS)
IWM = pd.Series(np.linspace(200, 210, 30), index=DAYS)


def yahoo(until: int, *, spy_factor: float = 1.0) -> FakeYahoo:
    """Yahoo as seen on day `until` (exclusive), SPY adjusted by `spy_factor` (dividends)."""
    return FakeYahoo(
        {
            "SPY": history(SPY.iloc[:until] * spy_factor, tz="America/New_York"),
            "IWM": history(IWM.iloc[:until], tz="America/New_York"),
        }
    )


def dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "m.db"
    with MarketStore(path) as store:
        store.refresh(["SPY", "IWM"], fetch=yahoo(20))
    return path


def test_first_refresh_downloads_full_history(tmp_path):
    fake = yahoo(20)
    with MarketStore(tmp_path / "m.db") as store:
        report = store.refresh(["SPY", "IWM"], fetch=fake)
        prices = store.load_prices(["SPY", "IWM"])
    assert [c.get("period") for c in fake.calls] == ["max"]
    assert sorted(s.name for s in report.updated) == ["IWM", "SPY"]
    assert report.failures == {}
    assert prices.shape == (20, 2)
    assert prices.index[0] == DAYS[0]


def test_next_refresh_asks_only_from_a_week_before_the_last_date(db):
    fake = yahoo(30)
    with MarketStore(db) as store:
        store.refresh(["SPY", "IWM"], fetch=fake)
        prices = store.load_prices(["SPY"])
    last_stored = DAYS[19]
    assert fake.calls[0]["start"] == (last_stored - pd.Timedelta(days=7)).strftime("%Y-%m-%d")
    assert len(prices) == 30
    assert prices["SPY"].iloc[-1] == SPY.iloc[-1]


def test_a_dividend_since_the_last_refresh_rescales_stored_history(db):
    """Yahoo's auto-adjusted closes move to a new base after a dividend: the stored history is
    rescaled so the series never jumps at the join."""
    with MarketStore(db) as store:
        store.refresh(["SPY"], fetch=yahoo(30, spy_factor=0.99))
        spy = store.load_prices(["SPY"])["SPY"]
        kinds = {f.kind for f in store.flags("SPY")}
    np.testing.assert_allclose(spy.to_numpy(), SPY.to_numpy() * 0.99)
    assert "rebased" in kinds and "revision" not in kinds


def test_a_revised_last_close_is_flagged(db):
    revised = SPY.copy()
    revised.iloc[19] *= 1.02
    fake = FakeYahoo({"SPY": history(revised)})
    with MarketStore(db) as store:
        store.refresh(["SPY"], fetch=fake)
        (flag,) = [f for f in store.flags("SPY") if f.kind == "revision"]
    assert flag.date == DAYS[19].strftime("%Y-%m-%d")


def test_one_failing_ticker_does_not_stop_the_others(db):
    fake = FakeYahoo({"SPY": history(SPY)})
    with MarketStore(db) as store:
        report = store.refresh(["SPY", "IWM", "NOPE"], fetch=fake)
        last = store.load_prices(["SPY", "IWM"]).apply(lambda s: s.last_valid_index())
    assert [s.name for s in report.updated] == ["SPY"]
    assert set(report.failures) == {"IWM", "NOPE"}
    assert last["SPY"] == DAYS[-1] and last["IWM"] == DAYS[19]


def test_offline_refresh_raises_and_changes_nothing(db):
    before = dump(db)
    with MarketStore(db) as store, pytest.raises(OfflineError):
        store.refresh(["SPY", "IWM"], fetch=offline_download)
    assert dump(db) == before


def test_cancel_half_way_changes_nothing(db):
    before = dump(db)
    asked = iter([False, True])
    with MarketStore(db) as store, pytest.raises(FetchCancelled):
        store.refresh(
            ["SPY", "IWM"],
            fetch=yahoo(30),
            policy=FetchPolicy(batch_size=1),
            cancel=lambda: next(asked),
        )
    assert dump(db) == before


def test_a_write_failing_half_way_changes_nothing(db):
    before = dump(db)
    long_history = pd.Series(
        np.linspace(10, 20, 4000), index=pd.bdate_range("2000-01-03", periods=4000)
    )
    fake = FakeYahoo({"SPY": history(SPY), "DIA": history(long_history)})
    with MarketStore(db) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk fills mid-write
        with pytest.raises(DiskFullError):
            store.refresh(["SPY", "DIA"], fetch=fake)
    assert dump(db) == before


def test_refresh_marks_the_store_live_today(db):
    with MarketStore(db) as store:
        stamp = store.last_online_refresh()
    assert stamp is not None and stamp.tzinfo is not None
