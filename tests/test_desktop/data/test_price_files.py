"""CSV layouts the importer accepts, and the messages for files it refuses."""

import gzip
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.data.market.price_files import ImportFormatError, read_series_file, series_name

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "prices"


def test_classic_yfinance_uses_adj_close_and_scales_open_high_low():
    (spy,) = read_series_file(FIXTURES / "SPY.csv")
    assert (spy.kind, spy.name, spy.layout) == ("price", "SPY", "yfinance-classic")
    first = spy.frame.iloc[0]
    assert first["close"] == 50.0  # Adj Close, not Close (100)
    assert (first["open"], first["high"], first["low"]) == (50.0, 50.5, 49.5)
    assert first["volume"] == 1000
    assert spy.frame.index.dtype == "datetime64[ns]"


def test_blank_close_is_reported_missing_not_stored():
    (spy,) = read_series_file(FIXTURES / "SPY.csv")
    assert spy.missing_dates == ("2024-01-05",)
    assert pd.Timestamp("2024-01-05") not in spy.frame.index
    assert len(spy.frame) == 4


def test_multiline_header_reads_ticker_from_ticker_row_and_adjusted_price_column():
    (bil,) = read_series_file(FIXTURES / "multi.csv")
    assert (bil.name, bil.layout) == ("BIL", "yfinance-multiheader")
    assert list(bil.frame["close"]) == [90.0, 90.1, 90.2]
    assert bil.frame.index[0] == pd.Timestamp("2024-01-02")
    assert bil.frame["open"].iloc[0] == pytest.approx(91.0 * 90.0 / 91.0)


def test_multiline_header_with_two_tickers_gives_two_series():
    gld, slv = read_series_file(FIXTURES / "two_tickers.csv")
    assert (gld.name, slv.name) == ("GLD", "SLV")
    assert list(gld.frame["close"]) == [190.0, 191.0, 192.0]
    assert slv.missing_dates == ("2024-01-03",)
    assert np.isnan(gld.frame["open"]).all()


def test_date_close_takes_ticker_from_file_name_as_is():
    (tnx,) = read_series_file(FIXTURES / "^TNX.csv")
    assert (tnx.name, tnx.layout) == ("^TNX", "date-close")
    assert series_name(Path("SPX.csv")) == "SPX"
    assert series_name(Path("sp500.csv.gz")) == "sp500"


def test_fred_known_ids_map_to_canonical_macro_series_and_units():
    (philly,) = read_series_file(FIXTURES / "GACDFSA066MSFRBPHI.csv")
    assert (philly.kind, philly.name, philly.layout) == ("macro", "philly_fed", "fred")
    assert list(philly.frame["actual"]) == [-10.6, 5.2, 3.2]
    (claims,) = read_series_file(FIXTURES / "ICSA.csv")
    assert claims.name == "jobless_claims"
    assert list(claims.frame["actual"]) == [202.0, 224.0]  # persons -> thousands
    # FRED dates the week ending Saturday; the signals see a release from its Thursday.
    assert claims.missing_dates == ("2024-01-18", "2024-01-25")  # '.' and blank


def test_fred_reference_periods_become_publication_dates():
    """A survey for January is not known on January 1st: no look-ahead through FRED's dating."""
    (philly,) = read_series_file(FIXTURES / "GACDFSA066MSFRBPHI.csv")
    reference = pd.read_csv(FIXTURES / "GACDFSA066MSFRBPHI.csv")["observation_date"]
    first_reference = pd.Timestamp(reference.iloc[0])
    assert philly.frame.index[0] > first_reference
    assert philly.frame.index[0].day_name() == "Thursday"


def test_other_fred_series_keep_their_id_and_dates(tmp_path):
    path = tmp_path / "DGS30.csv"
    path.write_text("observation_date,DGS30\n2026-01-02,4.79\n2026-01-05,4.77\n")
    (series,) = read_series_file(path)
    assert series.name == "DGS30"
    assert [d.strftime("%Y-%m-%d") for d in series.frame.index] == ["2026-01-02", "2026-01-05"]


def test_daily_and_weekly_fred_series_the_signals_read_are_dated_by_publication(tmp_path):
    """DGS10 for Friday is out on Monday; WALCL (USD millions) becomes USD billions."""
    path = tmp_path / "DGS10.csv"
    path.write_text("date,value\n2026-01-02,4.19\n2026-01-05,4.17\n")
    (tens,) = read_series_file(path)
    assert tens.name == "treasury_10y"
    assert [d.strftime("%Y-%m-%d") for d in tens.frame.index] == ["2026-01-05", "2026-01-06"]
    path = tmp_path / "WALCL.csv"
    path.write_text("observation_date,WALCL\n2025-12-24,6581231.0\n")
    (assets,) = read_series_file(path)
    assert assets.name == "fed_assets" and list(assets.frame["actual"]) == [6581.231]


def test_releases_file_splits_by_series_and_keeps_consensus():
    empire, philly = read_series_file(FIXTURES / "releases.csv")
    assert (empire.name, philly.name) == ("empire_state", "philly_fed")
    assert list(philly.frame["consensus"]) == [-7.0, -8.0]
    assert np.isnan(empire.frame["consensus"].iloc[0])


def test_gzip_file_reads_like_plain(tmp_path):
    target = tmp_path / "SPY.csv.gz"
    with (FIXTURES / "SPY.csv").open("rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    (spy,) = read_series_file(target)
    assert spy.name == "SPY"
    assert len(spy.frame) == 4


def test_duplicate_dates_keep_the_last_row_and_are_reported(tmp_path):
    path = tmp_path / "DUP.csv"
    path.write_text("Date,Close\n2024-01-02,1\n2024-01-03,2\n2024-01-03,3\n")
    (dup,) = read_series_file(path)
    assert dup.duplicate_dates == ("2024-01-03",)
    assert list(dup.frame["close"]) == [1.0, 3.0]


def test_unsorted_rows_come_back_ascending(tmp_path):
    path = tmp_path / "X.csv"
    path.write_text("Date,Close\n2024-01-03,2\n2024-01-02,1\n")
    (x,) = read_series_file(path)
    assert x.frame.index.is_monotonic_increasing


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("wrong_header.csv", 1, "unrecognised header 'when,price'"),
        ("bad_date.csv", 4, "'2024-13-04' is not a YYYY-MM-DD date"),
        ("bad_number.csv", 3, "Close 'abc' is not a number"),
        ("empty.csv", 1, "the file is empty"),
        ("junk.csv", None, "not a text CSV file"),
        ("RUT_monthly.csv", 2, "monthly files are not imported"),
        ("french.csv", 1, "unrecognised header"),
    ],
)
def test_broken_files_are_rejected_naming_file_and_line(name, line, words):
    path = FIXTURES / "broken" / name
    with pytest.raises(ImportFormatError) as caught:
        read_series_file(path)
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(path) in str(caught.value)
    if line is not None:
        assert f"line {line}:" in str(caught.value)


def test_row_with_too_many_fields_names_its_line(tmp_path):
    path = tmp_path / "X.csv"
    path.write_text("Date,Close\n2024-01-02,1\n2024-01-03,2,7\n")
    with pytest.raises(ImportFormatError, match=r"line 3: a row has more fields"):
        read_series_file(path)


def test_header_only_file_is_rejected(tmp_path):
    path = tmp_path / "X.csv"
    path.write_text("Date,Close\n")
    with pytest.raises(ImportFormatError, match="header but no data rows"):
        read_series_file(path)


def test_unknown_price_column_is_named(tmp_path):
    path = tmp_path / "X.csv"
    path.write_text("Date,Close,Mood\n2024-01-02,1,happy\n")
    with pytest.raises(ImportFormatError, match=r"unexpected column.*Mood"):
        read_series_file(path)


@pytest.mark.parametrize(
    "first_line",
    [
        "ticker,name,model_weight,suggested_weight,active_weight,reason",
        "# Rotation Advisor allocation; as_of=2026-01-16; source=Demo data (synthetic)",
    ],
)
def test_the_apps_own_allocation_export_is_named_as_such(tmp_path, first_line):
    """Issue 10: importing an allocation export said only 'unrecognised header'."""
    path = tmp_path / "allocation.csv"
    path.write_text(f"{first_line}\nSPY,SPDR S&P 500 ETF,20.00,22.00,2.00,SPY +2.0 pts\n")
    with pytest.raises(ImportFormatError) as info:
        read_series_file(path)
    assert info.value.line == 1
    assert "a Rotation Advisor allocation (suggested weights), not market data" in str(info.value)
    assert "--holdings" in str(info.value)


def test_fred_observations_published_on_one_date_give_one_row(tmp_path):
    """A month-end Saturday's spread and Friday's are both out on Monday: one row, the later."""
    path = tmp_path / "BAMLH0A0HYM2.csv"
    path.write_text("date,value\n2025-11-28,2.95\n2025-11-29,\n2025-11-30,2.92\n2025-12-01,2.94\n")
    (spread,) = read_series_file(path)
    assert spread.name == "hy_spread" and not spread.duplicate_dates
    assert list(spread.frame["actual"]) == [2.92, 2.94]
    assert [d.strftime("%Y-%m-%d") for d in spread.frame.index] == ["2025-12-01", "2025-12-02"]


def test_fred_holiday_blanks_of_a_daily_series_are_not_flagged_missing(tmp_path):
    """Issue 10: DGS10's '.' on every holiday read 'missing: 502 dates'."""
    path = tmp_path / "DGS10.csv"
    rows = ["observation_date,DGS10", "2025-12-22,4.15", "2025-12-23,4.17", "2025-12-24,4.13"]
    rows += ["2025-12-25,.", "2025-12-26,4.12", "2026-01-01,", "2026-01-02,4.19"]
    path.write_text("\n".join(rows) + "\n")
    (parsed,) = read_series_file(path)
    assert parsed.missing_dates == ()
    assert len(parsed.frame) == 5  # the blank rows are still not stored


def test_a_gap_in_a_monthly_fred_series_is_flagged_but_not_before_it_starts(tmp_path):
    path = tmp_path / "CPIAUCSL.csv"
    rows = ["observation_date,CPIAUCSL", "2025-06-01,.", "2025-07-01,322.1", "2025-08-01,323.0"]
    rows += ["2025-09-01,324.2", "2025-10-01,.", "2025-11-01,325.0"]
    path.write_text("\n".join(rows) + "\n")
    (parsed,) = read_series_file(path)
    assert parsed.missing_dates == ("2025-10-01",)  # the shutdown's missing release


def test_fred_files_from_before_2024_head_their_dates_date(tmp_path):
    path = tmp_path / "WALCL.csv"
    path.write_text("DATE,WALCL\n2025-12-24,6581231.0\n")
    (assets,) = read_series_file(path)
    assert (assets.name, assets.layout) == ("fed_assets", "fred")
