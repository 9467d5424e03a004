"""Staleness: the vectorised mask agrees with the point check at every date; score maps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.freshness import fresh_history, fresh_mask, missing_or_stale
from signals.inputs import SignalInputs
from signals.scoring import blend, piecewise


def gappy_inputs() -> SignalInputs:
    # Calendar days (weekends included, as a crypto ticker brings), a 10-day hole in A,
    # B starting late, C never printing.
    index = pd.date_range("2024-01-01", periods=60, freq="D")
    a = pd.Series(1.0, index=index)
    a.iloc[20:30] = np.nan
    b = pd.Series(1.0, index=index)
    b.iloc[:15] = np.nan
    return SignalInputs(prices=pd.DataFrame({"A": a, "B": b, "C": np.nan}, index=index))


@pytest.mark.parametrize(("tickers", "min_rows"), [(["A"], 1), (["A", "B"], 5), (["B"], 40)])
def test_fresh_mask_equals_the_point_check_at_every_date(tickers, min_rows):
    inputs = gappy_inputs()
    mask = fresh_mask(inputs, tickers, min_rows=min_rows)
    for date in inputs.prices.index:
        point = missing_or_stale(inputs.upto(date), "x", tickers, min_rows=min_rows)
        assert bool(mask.loc[date]) == (point is None), date


def test_a_ticker_with_no_prices_or_no_column_is_never_fresh():
    inputs = gappy_inputs()
    assert not fresh_mask(inputs, ["C"]).any()
    assert not fresh_mask(inputs, ["Z"]).any()
    assert "Z prices are missing" in missing_or_stale(inputs, "x", ["Z"]).explanation


def test_stale_reading_says_how_old_the_last_price_is():
    inputs = gappy_inputs().upto("2024-01-29")  # A's last print: 2024-01-20, a Saturday
    reading = missing_or_stale(inputs, "x", ["A"])
    assert reading.stale and reading.score == 0.0
    assert "A is stale: its last price is 2024-01-20, 6 business days old" in reading.explanation


def test_fresh_history_is_zero_where_stale_and_skips_work_when_never_fresh():
    inputs = gappy_inputs()
    history = fresh_history(inputs, ["A"], lambda: pd.Series(0.5, index=inputs.prices.index))
    assert history.loc["2024-01-05"] == 0.5
    assert history.loc["2024-01-29"] == 0.0

    def fail() -> pd.Series:
        raise AssertionError("compute must not run when every date is stale")

    assert (fresh_history(inputs, ["C"], fail) == 0.0).all()


def test_piecewise_and_blend_work_on_floats_and_series():
    knots, values = (30.0, 50.0, 70.0), (0.0, 0.4, -0.2)
    assert piecewise(40.0, knots, values) == pytest.approx(0.2)
    assert piecewise(90.0, knots, values) == pytest.approx(-0.2)
    series = piecewise(pd.Series([10.0, 60.0, np.nan]), knots, values)
    assert series.iloc[:2].tolist() == pytest.approx([0.0, 0.1]) and np.isnan(series.iloc[2])
    mixed = blend({"a": pd.Series([1.0, -1.0]), "b": 0.5}, {"a": 1.0, "b": 3.0})
    assert mixed.tolist() == pytest.approx([0.625, 0.125])
    assert blend({"a": 1.0, "b": 0.0}, {"a": 1.0, "b": 1.0}) == 0.5
