"""MarketStore: imports, quality flags, merging of overlapping sources, reading back."""

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.data.market.schema import DatabaseLockedError, DiskFullError
from desktop.data.market.store import MarketStore
from signals.inputs import empty_macro

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "prices"


def write_closes(path: Path, closes: pd.Series, volume: pd.Series | None = None) -> Path:
    """A Date,Close file, or a classic yfinance file when volume is given."""
    dates = closes.index.strftime("%Y-%m-%d")
    if volume is None:
        lines = ["Date,Close", *(f"{d},{c!r}" for d, c in zip(dates, closes, strict=True))]
    else:
        lines = ["Date,Open,High,Low,Close,Adj Close,Volume"]
        lines += [
            f"{d},{c},{c},{c},{c},{c},{v:.0f}"
            for d, c, v in zip(dates, closes, volume, strict=True)
        ]
    path.write_text("\n".join(lines) + "\n")
    return path


def closes(values, start="2024-01-02") -> pd.Series:
    return pd.Series(values, index=pd.bdate_range(start, periods=len(values)), dtype="float64")


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture
def store():
    with MarketStore(":memory:") as opened:
        yield opened


def test_folder_import_reports_each_file_and_survives_bad_ones(store):
    report = store.import_paths([FIXTURES])
    rejected = {f.path.name for f in report.rejected}
    assert rejected == {
        "wrong_header.csv",
        "bad_date.csv",
        "bad_number.csv",
        "empty.csv",
        "junk.csv",
        "RUT_monthly.csv",
        "french.csv",
    }
    names = sorted(s.name for f in report.imported for s in f.series)
    assert names == [
        "BIL",
        "GLD",
        "SLV",
        "SPY",
        "^TNX",
        "empire_state",
        "jobless_claims",
        "philly_fed",
        "philly_fed",
    ]
    assert store.has_prices()


def test_load_prices_is_wide_adjusted_closes_with_nan_gaps(store):
    store.import_paths([FIXTURES / "SPY.csv", FIXTURES / "two_tickers.csv"])
    prices = store.load_prices(["SLV", "SPY", "NOT_STORED"])
    assert list(prices.columns) == ["SLV", "SPY"]
    assert prices.index.dtype == "datetime64[ns]" and prices.index.tz is None
    assert prices.index.is_monotonic_increasing
    assert (prices.dtypes == "float64").all()
    assert prices.loc["2024-01-02", "SPY"] == 50.0
    assert np.isnan(prices.loc["2024-01-03", "SLV"])  # blank in the file
    assert np.isnan(prices.loc["2024-01-08", "SLV"])  # SLV has no row that day
    window = store.load_prices(["SPY"], start="2024-01-03", end="2024-01-04")
    assert list(window.index.day) == [3, 4]
    assert list(store.load_prices().columns) == ["GLD", "SLV", "SPY"]


def test_empty_store_loads_an_empty_frame(store):
    prices = store.load_prices()
    assert prices.empty and not store.has_prices()
    assert store.status() == []


def test_a_bad_print_is_flagged_and_not_served(store, tmp_path):
    values = closes([19.50, 19.52, 19.52, 13.05, 19.56, 19.50], start="2014-12-01")
    report = store.import_paths([write_closes(tmp_path / "CPER.csv", values)])
    (written,) = report.imported[0].series
    assert [(f.date, f.kind) for f in written.flags] == [("2014-12-04", "spike")]
    assert "13.05 between 19.52 and 19.56" in written.flags[0].detail
    prices = store.load_prices(["CPER"])
    assert pd.Timestamp("2014-12-04") not in prices.index
    assert prices.loc["2014-12-05", "CPER"] == 19.56
    (status,) = store.status(as_of="2014-12-08")
    assert status.flags == ("spike 2014-12-04",)
    assert status.rows == 6  # the row is kept in the database


def test_a_big_move_that_holds_is_flagged_but_kept(store, tmp_path):
    values = closes([2.4, 2.9, 4.1, 4.7, 4.0])
    store.import_paths([write_closes(tmp_path / "GBTC.csv", values)])
    assert [(f.date, f.kind) for f in store.flags("GBTC")] == [("2024-01-04", "big_move")]
    assert store.load_prices(["GBTC"]).loc["2024-01-04", "GBTC"] == 4.1


def test_an_intraday_last_row_is_flagged_and_not_served(store, tmp_path):
    values = closes(np.linspace(100, 110, 30))
    volume = pd.Series(1e6, index=values.index)
    volume.iloc[-1] = 3e5
    store.import_paths([write_closes(tmp_path / "IWM.csv", values, volume)])
    last = values.index[-1]
    (flag,) = store.flags("IWM")
    assert (flag.date, flag.kind) == (last.strftime("%Y-%m-%d"), "partial_last_row")
    assert store.load_prices(["IWM"]).index[-1] == values.index[-2]


def test_a_full_close_from_a_longer_source_replaces_the_snapshot(store, tmp_path):
    values = closes(np.linspace(100, 110, 30))
    volume = pd.Series(1e6, index=values.index)
    volume.iloc[-1] = 3e5
    (tmp_path / "a").mkdir()
    store.import_paths([write_closes(tmp_path / "a" / "IWM.csv", values, volume)])
    longer = closes(np.linspace(100, 112, 32))
    store.import_paths([write_closes(tmp_path / "IWM.csv", longer)])
    prices = store.load_prices(["IWM"])
    assert prices.loc[values.index[-1], "IWM"] == longer[values.index[-1]]
    assert prices.index[-1] == longer.index[-1]


def test_blank_closes_are_flagged_missing_not_stored(store):
    store.import_paths([FIXTURES / "SPY.csv"])
    assert [(f.date, f.kind) for f in store.flags("SPY")] == [("2024-01-05", "missing")]
    (status,) = store.status(as_of="2024-01-09")
    assert status.rows == 4


def test_yields_may_be_negative_and_are_not_move_checked(store, tmp_path):
    values = closes([0.05, 0.01, -0.03, 0.02, 0.30], start="2020-03-17")
    store.import_paths([write_closes(tmp_path / "^IRX.csv", values)])
    kinds = {f.kind for f in store.flags("^IRX")}
    assert kinds == {"non_positive"}
    assert store.load_prices(["^IRX"]).loc["2020-03-19", "^IRX"] == -0.03


def test_a_non_positive_price_is_flagged_and_not_served(store, tmp_path):
    store.import_paths([write_closes(tmp_path / "XLE.csv", closes([50.0, 0.0, 50.5]))])
    assert "non_positive" in {f.kind for f in store.flags("XLE")}
    assert store.load_prices(["XLE"])["XLE"].notna().sum() == 2


def test_sources_on_different_adjustment_bases_merge_onto_the_longer_one(tmp_path):
    """dsturdy-like: adjusted to a later base, extends further. Silverlight-like: older base
    (levels 2 % lower), starts earlier, ends earlier. Either import order gives one series on
    the later base: older-only rows rescaled, overlapping dates from the longer source."""
    newer = closes(np.linspace(100, 120, 40), start="2024-02-01")
    older = closes(np.linspace(90, 110, 40) * 0.98, start="2024-01-08")
    (tmp_path / "new").mkdir()
    (tmp_path / "old").mkdir()
    new_file = write_closes(tmp_path / "new" / "IWM.csv", newer)
    old_file = write_closes(tmp_path / "old" / "IWM.csv", older)
    results = []
    for order in ([new_file, old_file], [old_file, new_file]):
        with MarketStore(":memory:") as store:
            report = store.import_paths(order)
            results.append(store.load_prices(["IWM"])["IWM"])
            assert "rebased" in {f.kind for f in store.flags("IWM")}
            assert report.imported
    pd.testing.assert_series_equal(results[0], results[1])
    merged = results[0]
    overlap = newer.index.intersection(older.index)
    pd.testing.assert_series_equal(
        merged[overlap], newer[overlap], check_names=False, check_freq=False, check_index_type=False
    )
    ratio = (newer[overlap] / older[overlap]).median()
    early = older.index[older.index < newer.index[0]]
    np.testing.assert_allclose(merged[early], older[early] * ratio)


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write_closes(tmp_path / "SPY.csv", closes([1.0, 1.1, 1.2]))
    db = tmp_path / "m.db"
    with MarketStore(db) as store:
        store.import_paths([path])
        before = store.load_prices(), store.flags(), store.status(as_of="2024-01-05")
        store.import_paths([path])
        after = store.load_prices(), store.flags(), store.status(as_of="2024-01-05")
    pd.testing.assert_frame_equal(before[0], after[0])
    assert before[1:] == after[1:]


def test_a_disagreeing_close_on_the_same_base_is_flagged_as_revision(store, tmp_path):
    (tmp_path / "b").mkdir()
    store.import_paths([write_closes(tmp_path / "SPY.csv", closes([100.0, 101, 102, 103]))])
    revised = closes([100.0, 101, 104.5, 103, 104])
    store.import_paths([write_closes(tmp_path / "b" / "SPY.csv", revised)])
    (flag,) = [f for f in store.flags("SPY") if f.kind == "revision"]
    assert flag.date == "2024-01-04"
    assert "kept 104.5, not 102" in flag.detail
    assert store.load_prices(["SPY"]).loc["2024-01-04", "SPY"] == 104.5


def test_packed_closes_match_the_prices_table(tmp_path):
    db = tmp_path / "m.db"
    with MarketStore(db) as store:
        store.import_paths([FIXTURES])
        fast = store.load_prices()
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT date, ticker, close FROM prices WHERE suspect IS NULL"
        ).fetchall()
    slow = pd.DataFrame(rows, columns=["date", "ticker", "close"]).pivot(
        index="date", columns="ticker", values="close"
    )
    slow.index = pd.DatetimeIndex(pd.to_datetime(slow.index), name="date").as_unit("ns")
    pd.testing.assert_frame_equal(fast, slow, check_names=False)


def test_macro_releases_load_in_the_signals_layout(store):
    store.import_paths([FIXTURES / "GACDFSA066MSFRBPHI.csv", FIXTURES / "ICSA.csv"])
    macro = store.load_macro()
    assert dict(macro.dtypes) == dict(empty_macro().dtypes)
    claims = macro[macro["series"] == "jobless_claims"]
    assert list(claims["actual"]) == [202.0, 224.0]
    assert claims["consensus"].isna().all()


def test_hand_entered_consensus_survives_a_fred_reimport(store):
    # Entered by hand on its release date; FRED's February observation is published that day.
    rows = pd.DataFrame({"date": ["2024-02-15"], "actual": [5.2], "consensus": [-8.0]})
    assert store.upsert_macro("philly_fed", rows) == 1
    store.import_paths([FIXTURES / "GACDFSA066MSFRBPHI.csv"])
    macro = store.load_macro().set_index("date")
    assert macro.loc["2024-02-15", "consensus"] == -8.0
    assert len(macro) == 3


def test_upsert_macro_refuses_rows_without_actual(store):
    with pytest.raises(ValueError, match="columns date, actual"):
        store.upsert_macro("philly_fed", pd.DataFrame({"date": ["2024-01-01"]}))


def test_delete_macro_removes_only_the_given_dates_of_the_given_series(store):
    dates = ["2024-01-18", "2024-02-15", "2024-03-21"]
    rows = pd.DataFrame({"date": dates, "actual": [-10.6, 5.2, 3.2], "consensus": [-7.0, -8.0, 0]})
    store.upsert_macro("philly_fed", rows)
    store.upsert_macro("empire_state", rows.iloc[:1])
    deleted = store.delete_macro("philly_fed", ["2024-02-15", pd.Timestamp("2024-03-21").date()])
    assert deleted == 2
    macro = store.load_macro()
    assert macro[["series", "actual"]].values.tolist() == [
        ["empire_state", -10.6],
        ["philly_fed", -10.6],
    ]


def test_delete_macro_counts_only_stored_releases(store):
    rows = pd.DataFrame({"date": ["2024-01-18"], "actual": [-10.6]})
    store.upsert_macro("philly_fed", rows)
    assert store.delete_macro("philly_fed", ["2024-01-18", "2023-12-14"]) == 1
    assert store.delete_macro("philly_fed", ["2024-01-18"]) == 0
    assert store.load_macro().empty


def test_delete_macro_drops_the_flags_of_the_deleted_dates(store, tmp_path):
    # A duplicated date is flagged on import; deleting that release deletes its flag.
    path = tmp_path / "philly.csv"
    path.write_text(
        "date,actual,consensus\n2024-01-18,-10.6,\n2024-01-18,-10.5,\n2024-02-15,5.2,\n"
    )
    store.import_paths([path])
    assert [f.date for f in store.flags("philly")] == ["2024-01-18"]
    assert store.delete_macro("philly", ["2024-01-18"]) == 1
    assert store.flags("philly") == []
    assert store.load_macro()["actual"].tolist() == [5.2]


def test_status_marks_stale_series_against_the_given_date(store):
    store.import_paths([FIXTURES / "SPY.csv", FIXTURES / "GACDFSA066MSFRBPHI.csv"])
    fresh = {s.ticker: s for s in store.status(as_of="2024-01-12")}
    assert not fresh["SPY"].stale and str(fresh["SPY"].last_date) == "2024-01-08"
    assert not fresh["philly_fed"].stale
    old = {s.ticker: s for s in store.status(as_of="2024-01-16")}
    assert old["SPY"].stale  # 6 business days after the last close
    assert {s.ticker: s.stale for s in store.status(as_of="2024-06-01")}["philly_fed"]
    assert old["SPY"].as_dict()["first_date"] == "2024-01-02"


def test_status_by_default_judges_staleness_against_the_last_price_not_the_clock(store):
    """Issue 10: prices ending months ago made every series 'stale' in `status`."""
    store.import_paths([FIXTURES / "SPY.csv", FIXTURES / "^TNX.csv"])
    assert {s.ticker: s.stale for s in store.status()} == {"SPY": False, "^TNX": False}


def test_a_full_disk_leaves_the_database_as_it_was(tmp_path):
    db = tmp_path / "m.db"
    with MarketStore(db) as store:
        store.import_paths([FIXTURES / "SPY.csv"])
    before = dump(db)
    big = closes(np.linspace(10, 20, 5000), start="1990-01-01")
    with MarketStore(db) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages + 1}")  # simulate a full disk
        with pytest.raises(DiskFullError, match="full, so nothing was written"):
            store.import_paths([write_closes(tmp_path / "BIG.csv", big), FIXTURES / "ICSA.csv"])
    assert dump(db) == before


def test_a_snapshot_in_an_older_file_does_not_replace_a_stored_close(tmp_path):
    full = closes(np.linspace(100, 115, 40))
    older = full.iloc[:30].copy()
    older.iloc[-1] *= 1.003  # the intraday print differs a little from the final close
    volume = pd.Series(1e6, index=older.index)
    volume.iloc[-1] = 2e5
    (tmp_path / "old").mkdir()
    db = tmp_path / "m.db"
    with MarketStore(db) as store:
        store.import_paths([write_closes(tmp_path / "SPY.csv", full)])
        store.import_paths([write_closes(tmp_path / "old" / "SPY.csv", older, volume)])
        (flag,) = [f for f in store.flags("SPY") if f.kind == "partial_last_row"]
        served = store.load_prices(["SPY"]).loc[older.index[-1], "SPY"]
    assert "not used: a full close from another source is stored" in flag.detail
    assert served == full[older.index[-1]]
    with sqlite3.connect(db) as conn:
        volumes = conn.execute("SELECT COUNT(volume) FROM prices WHERE ticker = 'SPY'").fetchone()
    assert volumes == (29,)  # full days lend their volume; the snapshot lends nothing


def test_a_database_locked_by_another_program_says_so_and_changes_nothing(tmp_path):
    db = tmp_path / "market.db"
    with MarketStore(db) as store:
        store.import_paths([FIXTURES / "SPY.csv"])
    before = dump(db)
    other = sqlite3.connect(db)
    other.execute("BEGIN EXCLUSIVE")  # e.g. a second app instance in the middle of a write
    try:
        with MarketStore(db) as store:
            store._db.execute("PRAGMA busy_timeout = 50")  # the default waits 5 s first
            with pytest.raises(DatabaseLockedError, match="Another program is writing to"):
                store.import_paths([FIXTURES / "ICSA.csv"])
    finally:
        other.rollback()
        other.close()
    assert dump(db) == before
