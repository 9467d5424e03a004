"""small_cap_streak and small_cap_rsi on constructed series with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.indicators import wilder_rsi
from signals.inputs import SignalInputs
from signals.small_caps import small_cap_rsi, small_cap_streak


def streak_panel(iwm_returns, spy_returns, start="2025-12-29") -> pd.DataFrame:
    index = pd.bdate_range(start, periods=len(iwm_returns) + 1)
    iwm = 100 * np.cumprod(np.r_[1.0, 1.0 + np.asarray(iwm_returns)])
    spy = 100 * np.cumprod(np.r_[1.0, 1.0 + np.asarray(spy_returns)])
    return pd.DataFrame({"IWM": iwm, "SPY": spy}, index=index)


def test_ten_day_streak_and_year_to_date_lead():
    # 2025-12-29..31: IWM lags; 2026: ten sessions of IWM +1 % vs SPY +0.2 %.
    iwm = [-0.01, -0.01] + [0.01] * 10
    spy = [0.0, 0.0] + [0.002] * 10
    prices = streak_panel(iwm, spy)
    reading = small_cap_streak(SignalInputs(prices=prices))
    gap = 100 * (1.01**10 - 1.002**10)
    assert reading.evidence["streak_sessions"] == 10
    assert reading.evidence["ytd_gap_pp"] == pytest.approx(gap)
    # ramp(10, -10, 10) = 1, confirmed by the lead: (1 + tanh(gap / 5)) / 2.
    assert reading.score == pytest.approx((1.0 + np.tanh(gap / 5.0)) / 2)
    assert reading.explanation == (
        f"IWM has beaten SPY for 10 straight sessions and leads it by {gap:.1f} pts year to date."
    )


def test_a_one_session_streak_is_weak_however_large_the_lead():
    """Issue 10: one session of IWM beating SPY with a 9-point lead read +0.53."""
    iwm = [0.004] * 60 + [-0.002, 0.003]
    spy = [0.0005] * 60 + [0.0, 0.0]
    reading = small_cap_streak(SignalInputs(prices=streak_panel(iwm, spy)))
    assert reading.evidence["streak_sessions"] == 1
    assert reading.evidence["ytd_gap_pp"] > 9
    assert 0 < reading.score <= 0.1


def test_a_lead_the_other_way_takes_the_strength_out_of_a_streak():
    iwm = [-0.004] * 40 + [0.01] * 10
    spy = [0.002] * 40 + [0.002] * 10
    reading = small_cap_streak(SignalInputs(prices=streak_panel(iwm, spy)))
    assert reading.evidence["streak_sessions"] == 10 and reading.evidence["ytd_gap_pp"] < -5
    assert 0 < reading.score < 0.2


def test_a_losing_streak_scores_negative():
    prices = streak_panel([0.0, -0.01, -0.01, -0.01], [0.0, 0.0, 0.0, 0.0], start="2026-01-01")
    reading = small_cap_streak(SignalInputs(prices=prices))
    assert reading.evidence["streak_sessions"] == -3
    assert reading.score < 0
    assert "lagged SPY for 3 straight sessions" in reading.explanation


def test_streak_counts_only_days_both_traded():
    prices = streak_panel([0.01] * 6, [0.0] * 6, start="2026-01-05")
    prices.iloc[3, 1] = np.nan  # SPY missing one day: that day and the next are one comparison
    reading = small_cap_streak(SignalInputs(prices=prices))
    assert reading.evidence["streak_sessions"] == 5


def rsi_panel(closes) -> SignalInputs:
    index = pd.bdate_range("2025-06-02", periods=len(closes))
    return SignalInputs(prices=pd.DataFrame({"IWM": closes}, index=index))


def test_rsi_above_70_is_a_caution_that_lowers_the_score():
    rng = np.random.default_rng(3)
    steady = 100 + np.cumsum(rng.normal(0.0, 1.0, 60))
    rally = steady[-1] + np.cumsum(np.abs(rng.normal(0.8, 0.5, 20)))
    hot = small_cap_rsi(rsi_panel(np.r_[steady, rally]))
    assert hot.evidence["rsi"] > 80
    assert hot.score == -0.5  # capped: a take-profit caution, not a sell signal
    assert "overbought" in hot.explanation


@pytest.mark.parametrize(
    ("rsi", "score"), [(25.0, 0.0), (40.0, 0.15), (55.0, 0.3), (65.0, 0.15), (71.0, -0.05)]
)
def test_rsi_score_map(rsi, score, monkeypatch):
    import signals.small_caps as module

    monkeypatch.setattr(module, "wilder_rsi", lambda close, period: pd.Series(rsi, close.index))
    reading = small_cap_rsi(rsi_panel(np.linspace(100, 110, 30)))
    assert reading.score == pytest.approx(score)


def test_rsi_reading_uses_wilder_rsi_of_iwm():
    closes = 100 + np.sin(np.arange(40) / 3) * 5
    reading = small_cap_rsi(rsi_panel(closes))
    assert reading.evidence["rsi"] == pytest.approx(wilder_rsi(pd.Series(closes), 14).iloc[-1])


def test_rsi_needs_fifteen_prices():
    reading = small_cap_rsi(rsi_panel(np.linspace(100, 110, 14)))
    assert reading.stale and "fewer than the 15" in reading.explanation
