"""inflation_trend: core CPI and PCE 3-month vs 12-month rates, Michigan expectations."""

import numpy as np
import pandas as pd
import pytest

from signals.inflation import inflation_trend, inflation_trend_history
from signals.inputs import SignalInputs
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(900)
MONTHS = pd.date_range(INDEX[0], INDEX[-1], freq="MS") + pd.Timedelta(days=14)


def index_path(annual: float, last_months: int, last_annual: float) -> np.ndarray:
    """A price index growing `annual` percent a year, then `last_annual` in the last months."""
    monthly = np.full(len(MONTHS), (1 + annual / 100) ** (1 / 12))
    monthly[-last_months:] = (1 + last_annual / 100) ** (1 / 12)
    monthly[0] = 1.0
    return 100.0 * np.cumprod(monthly)


def data(last_annual: float, *, drop_month: bool = False) -> SignalInputs:
    cpi = releases("core_cpi", MONTHS, index_path(3.0, 3, last_annual))
    if drop_month:  # a release that never came (2025's shutdown)
        cpi = cpi.drop(index=len(cpi) - 2)
    frames = (
        cpi,
        releases("core_pce", MONTHS, index_path(2.8, 3, last_annual)),
        releases("inflation_expectations", MONTHS, np.full(len(MONTHS), 3.0)),
    )
    return SignalInputs(pd.DataFrame({"SPY": 1.0}, index=INDEX), macro(*frames))


def test_cooling_core_inflation_is_positive_with_both_rates_in_the_sentence():
    reading = inflation_trend(data(1.5))
    assert reading.score > 0.6
    assert reading.evidence["core_cpi_rate_3m"] == pytest.approx(1.5, abs=0.1)
    assert reading.explanation.startswith("Core CPI 1.5% annualised over 3 months vs")
    assert "inflation is cooling" in reading.explanation


def test_heating_inflation_is_negative():
    reading = inflation_trend(data(5.0))
    assert reading.score < -0.6 and "heating up" in reading.explanation


def test_a_missing_month_is_spanned_not_miscounted():
    whole, gap = inflation_trend(data(1.5)), inflation_trend(data(1.5, drop_month=True))
    assert gap.evidence["core_cpi_rate_3m"] == pytest.approx(
        whole.evidence["core_cpi_rate_3m"], abs=0.1
    )


def test_a_stale_member_is_left_out_and_named():
    full = data(1.5)
    old_pce = (full.macro["series"] == "core_pce") & (full.macro["date"] > INDEX[-70])
    reading = inflation_trend(SignalInputs(full.prices, full.macro.loc[~old_pce]))
    assert not reading.stale and "core_pce_accel" not in reading.evidence
    assert "(stale: the last core PCE release is" in reading.explanation
    everything_old = SignalInputs(
        pd.DataFrame({"SPY": 1.0}, index=bdays(30, "2026-03-31")), full.macro
    )
    assert inflation_trend(everything_old).stale


def test_history_equals_point():
    assert_history_matches_point(inflation_trend, inflation_trend_history, data(1.5), 20)
