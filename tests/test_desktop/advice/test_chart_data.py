"""Chart data: ratios, baskets, breakout levels and the RRG-style formula on constructed series."""

import numpy as np
import pandas as pd
import pytest

from desktop.advice.charts import chart_data as cd
from desktop.advice.charts.rotation_data import (
    LABEL,
    formula,
    period_label,
    quadrant,
    rotation_data,
    rotation_set,
    weekly_closes,
)


def _prices(columns: dict[str, np.ndarray], start: str = "2020-01-01") -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    index = pd.bdate_range(start, periods=n)
    return pd.DataFrame(columns, index=index)


def test_ratio_uses_only_dates_both_prices_exist():
    prices = _prices({"IWM": np.array([10.0, 11.0, np.nan, 12.0]), "SPY": np.full(4, 2.0)})
    result = cd.ratio(prices, "IWM", "SPY")
    assert result.tolist() == [5.0, 5.5, 6.0]
    assert result.name == "IWM/SPY"


def test_spliced_ratio_chain_links_the_fallback_at_the_first_common_date():
    buzz = np.array([np.nan, np.nan, 20.0, 22.0])
    arkk = np.array([50.0, 55.0, 60.0, 66.0])
    prices = _prices({"BUZZ": buzz, "ARKK": arkk, "SPY": np.full(4, 10.0)})
    result = cd.spliced_ratio(prices, "BUZZ", "ARKK", "SPY")
    # BUZZ/SPY = 2.0 at day 3 where ARKK/SPY = 6.0: the older part is scaled by 1/3.
    assert result.to_numpy() == pytest.approx([50 / 30, 55 / 30, 2.0, 2.2])


def test_spliced_ratio_falls_back_entirely_when_preferred_is_missing():
    prices = _prices({"ARKK": np.array([5.0, 6.0]), "SPY": np.array([1.0, 2.0])})
    assert cd.spliced_ratio(prices, "BUZZ", "ARKK", "SPY").tolist() == [5.0, 3.0]


def test_basket_index_averages_daily_returns_and_admits_late_members():
    prices = _prices({"A": np.array([100.0, 110.0, 121.0]), "B": np.array([np.nan, 50.0, 45.0])})
    index = cd.basket_index(prices, ["A", "B", "NOT_THERE"])
    # Day 2: only A moved (+10 %); day 3: A +10 %, B -10 % -> mean 0 %.
    assert index.to_numpy() == pytest.approx([1.0, 1.1, 1.1])


def test_prior_high_excludes_today_so_a_new_high_crosses_it():
    close = pd.Series(
        np.r_[np.full(252, 10.0), 12.0], index=pd.bdate_range("2020-01-01", periods=253)
    )
    line = cd.prior_high(close, years=1)
    assert np.isnan(line.iloc[251])
    assert line.iloc[-1] == 10.0 and close.iloc[-1] > line.iloc[-1]


def test_base_top_ignores_the_recent_breakout():
    values = np.r_[np.linspace(50, 80, 252), np.full(63, 95.0)]
    close = pd.Series(values, index=pd.bdate_range("2020-01-01", periods=len(values)))
    assert cd.base_top(close, years=1) == pytest.approx(80.0)
    assert cd.base_top(close.iloc[:100], years=1) is None


def test_score_chart_has_zones_and_fixed_range_and_says_when_empty():
    history = pd.Series([0.5, -0.2, np.nan], index=pd.bdate_range("2021-01-01", periods=3))
    spec = cd.score_chart("breadth", history, "equities")
    assert spec.zones and spec.y_range == (-1.05, 1.05) and len(spec.lines[0].series) == 2
    empty = cd.score_chart("breadth", None)
    assert empty.missing and not empty.lines


def test_a_score_history_starts_at_its_first_reading_not_decades_of_zero():
    index = pd.bdate_range("1990-01-01", periods=6)
    history = pd.Series([np.nan, 0.0, 0.0, 0.4, 0.0, -0.2], index=index)
    spec = cd.score_chart("breadth", history)
    assert spec.lines[0].series.tolist() == [0.4, 0.0, -0.2]  # a later 0 is a reading
    flat = cd.score_chart("breadth", pd.Series(0.0, index=index))
    assert len(flat.lines[0].series) == 6


def test_split_at_zero_keeps_each_side():
    above, below = cd.split_at_zero(pd.Series([0.5, -0.25, 0.0]))
    assert above.tolist() == [0.5, 0.0, 0.0] and below.tolist() == [0.0, -0.25, 0.0]


def test_market_charts_report_missing_tickers_in_words():
    n = 900  # over 3 years + 3 months: enough for IWM's base top
    prices = _prices({"SPY": np.linspace(100, 120, n), "IWM": np.linspace(50, 70, n)})
    charts = {spec.key: spec for spec in cd.market_charts(prices)}
    assert not charts["ratio:IWM/SPY"].missing
    assert "RSP" in charts["ratio:RSP/SPY"].missing
    assert "DBC" in charts["price:DBC"].missing
    assert charts["price:IWM"].levels  # long enough for a base top


def test_gold_chart_title_states_the_extension():
    gold = np.r_[np.full(199, 100.0), 120.0]
    spec = cd.gold_chart(_prices({"GLD": gold}))
    # 200-day average = (199 * 100 + 120) / 200 = 100.1; 120 / 100.1 - 1 = +19.9 %
    assert "+19.9 % above" in spec.title


# --- RRG-style rotation ---------------------------------------------------------------------


def _weekly_prices(sector: np.ndarray, benchmark: np.ndarray) -> pd.DataFrame:
    index = pd.date_range("2015-01-02", periods=len(sector), freq="W-FRI")
    return pd.DataFrame({"XLE": sector, "SPY": benchmark}, index=index)


def test_weekly_closes_take_the_last_print_of_each_week_dated_by_that_print():
    index = pd.to_datetime(["2024-01-02", "2024-01-05", "2024-01-08", "2024-01-10"])
    weekly = weekly_closes(pd.DataFrame({"SPY": [1.0, 2.0, 3.0, 4.0]}, index=index))
    assert weekly["SPY"].tolist() == [2.0, 4.0]
    # The last week ends on Wednesday 10 January: never dated by a Friday the data has not reached.
    assert list(weekly.index) == list(pd.to_datetime(["2024-01-05", "2024-01-10"]))


def test_the_last_week_is_labelled_by_the_last_close_not_the_coming_friday():
    """Regression (issue 10): data ending Monday 2026-08-03 read 'week ending 2026-08-07'."""
    index = pd.bdate_range("2025-01-01", "2026-08-03")
    rng = np.random.default_rng(5)
    prices = pd.DataFrame(
        {t: 100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(index)))) for t in ("SPY", "XLE")},
        index=index,
    )
    data = rotation_data(prices, tickers=["XLE"])
    assert data.dates[-1] == pd.Timestamp("2026-08-03")
    assert period_label(data, len(data.dates) - 1) == "week to Mon 2026-08-03"
    daily = rotation_data(prices, tickers=["XLE"], frequency="daily")
    assert (
        daily.dates[-1] == pd.Timestamp("2026-08-03")
        and len(daily.dates) > 5 * len(data.dates) - 80
    )
    assert period_label(daily, len(daily.dates) - 1) == "Mon 2026-08-03"


def test_a_weekend_print_of_another_ticker_does_not_move_the_week():
    index = pd.to_datetime(["2024-01-04", "2024-01-05", "2024-01-06"])  # Saturday: BTC only
    prices = pd.DataFrame({"SPY": [1.0, 2.0, np.nan], "BTC-USD": [5.0, 6.0, 7.0]}, index=index)
    data = rotation_data(prices, tickers=["BTC-USD"], ratio_window=1, momentum_lag=1)
    assert pd.Timestamp("2024-01-06") not in data.dates


def test_each_benchmark_and_frequency_has_its_rotation_data():
    index = pd.bdate_range("2024-01-01", periods=300)
    prices = pd.DataFrame({t: np.linspace(50, 80, 300) for t in ("SPY", "RSP", "XLE")}, index=index)
    rotations = rotation_set(prices)
    assert [(r.benchmark, r.frequency) for r in rotations] == [
        ("SPY", "weekly"), ("SPY", "daily"), ("RSP", "weekly"), ("RSP", "daily"),
    ]  # fmt: skip
    assert all(r.tickers == ("XLE",) for r in rotations)  # sectors only, never a benchmark
    assert rotations[2].ratio["XLE"].iloc[-1] == pytest.approx(100.0)  # XLE moves with RSP
    assert "/ RSP" in formula("RSP", "daily") and "10-day average" in formula("RSP", "daily")


def test_rotation_matches_the_documented_formula():
    rng = np.random.default_rng(7)
    spy = 100 * np.exp(np.cumsum(rng.normal(0, 0.02, 80)))
    xle = 50 * np.exp(np.cumsum(rng.normal(0, 0.03, 80)))
    data = rotation_data(_weekly_prices(xle, spy), tickers=["XLE"])

    rs = pd.Series(100 * xle / spy)
    smooth = rs.ewm(span=4, adjust=False).mean()
    expected_ratio = 100 * smooth / smooth.rolling(10).mean()
    expected_momentum = 100 * expected_ratio / expected_ratio.shift(4)
    # First week with both values: 10 weeks for the average + 4 for momentum.
    assert data.dates[0] == _weekly_prices(xle, spy).index[13]
    assert data.ratio["XLE"].to_numpy() == pytest.approx(expected_ratio.iloc[13:].to_numpy())
    assert data.momentum["XLE"].to_numpy() == pytest.approx(expected_momentum.iloc[13:].to_numpy())


def test_a_sector_moving_with_the_benchmark_sits_at_the_centre():
    spy = np.linspace(100, 200, 40)
    data = rotation_data(_weekly_prices(spy / 2, spy), tickers=["XLE"])
    assert data.ratio["XLE"].to_numpy() == pytest.approx(100.0)
    assert data.momentum["XLE"].to_numpy() == pytest.approx(100.0)


def test_steady_outperformance_is_leading_and_a_fading_one_turns_weakening():
    spy = np.full(60, 100.0)
    rising = 100 * 1.01 ** np.arange(60)
    leading = rotation_data(_weekly_prices(rising, spy), tickers=["XLE"])
    last = leading.ratio["XLE"].iloc[-1], leading.momentum["XLE"].iloc[-1]
    assert last[0] > 100 and quadrant(*last) in {"Leading", "Weakening"}

    # Outperform for 30 weeks, then flat: the ratio stays above 100 while momentum drops below.
    fading = np.r_[rising[:30], np.full(30, rising[29])]
    data = rotation_data(_weekly_prices(fading, spy), tickers=["XLE"])
    at = data.dates.get_loc(_weekly_prices(fading, spy).index[33])
    assert quadrant(data.ratio["XLE"].iloc[at], data.momentum["XLE"].iloc[at]) == "Weakening"


def test_tail_returns_the_last_weeks_up_to_the_slider_position():
    spy = np.full(40, 100.0)
    data = rotation_data(_weekly_prices(100 * 1.01 ** np.arange(40), spy), tickers=["XLE"])
    x, y = data.tail("XLE", end=10, length=5)
    assert len(x) == len(y) == 5
    assert x[-1] == data.ratio["XLE"].iloc[10]


def test_missing_benchmark_gives_empty_data_and_label_says_rrg_style():
    data = rotation_data(_weekly_prices(np.ones(30), np.ones(30)).drop(columns="SPY"))
    assert data.dates.empty and data.tickers == ()
    assert "RRG-style" in LABEL and "not the proprietary" in LABEL


def test_epoch_seconds_are_independent_of_the_index_resolution():
    index = pd.DatetimeIndex(["1970-01-02", "2020-01-01"])
    assert cd.epoch_seconds(index.as_unit("ns")).tolist() == [86400.0, 1577836800.0]
    assert cd.epoch_seconds(index.as_unit("s")).tolist() == [86400.0, 1577836800.0]
