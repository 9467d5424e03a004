"""Multi-year bases and breakouts on staged price paths, through the model and the two signals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.breakouts import BASE, FAILED, HOLDING, RETEST, breakout_table
from signals.energy import energy_breakout
from signals.inputs import SignalInputs
from signals.small_caps import small_cap_breakout

PARAMS = {"base_years": 3.0, "fakeout_band": 0.10, "retest_tolerance": 0.05}


def path(*segments: tuple[float, float, int]) -> np.ndarray:
    """Concatenated straight lines (start, end, length)."""
    return np.concatenate([np.linspace(a, b, n) for a, b, n in segments])


def wave(centre: float, amplitude: float, n: int) -> np.ndarray:
    return centre + amplitude * np.sin(2 * np.pi * np.arange(n) / 130)


def staged_breakout() -> pd.Series:
    """Top at 100, a 3.3-year base under it, a fake-out to 104 that fails, a breakout through
    104, a retest at 101 and a run to 115."""
    values = np.concatenate(
        [
            path((50, 100, 261)),  # rally to the base's top
            wave(90, 8, 860),  # base between 82 and 98
            path((98, 104, 20), (104, 85, 30)),  # fake-out, then a close under 95: failure
            wave(91, 6, 200),
            path((97, 106, 20), (106, 101, 15), (101, 115, 30)),  # breakout, retest, run
        ]
    )
    return pd.Series(values, index=pd.bdate_range("2010-01-01", periods=len(values)))


def test_staged_breakout_states_dates_and_base_length():
    close = staged_breakout()
    table = breakout_table(close, fail_memory_years=1.0, **PARAMS)
    top = close.index[260]
    fake = close.index[(close > 100).to_numpy().argmax()]
    real = close.index[((close > 104) & (close.index > fake)).to_numpy().argmax()]

    assert table.loc[fake, "state"] == HOLDING  # the fake-out looked like a breakout...
    failed = table.loc[fake:real].iloc[:-1]
    assert (failed["state"] == FAILED).any()  # ...until it failed
    assert table.loc[real, "state"] == HOLDING
    assert table.loc[real, "breakout_date"] == real
    assert table.loc[real, "base_start"] == top  # the fake-out stays part of the base
    assert table.loc[real, "ceiling"] == pytest.approx(104.0)
    assert table.loc[real, "base_years"] == pytest.approx((real - top).days / 365.25)
    assert table.loc[real, "base_years"] > 4.0

    retest = table.loc[close.index[-31]]  # the close at 101, 2.9 % under the 104 level
    assert retest["state"] == RETEST and retest["breakout_date"] == real
    assert table["state"].iloc[-1] == HOLDING


def test_a_close_under_the_retest_tolerance_fails_the_breakout():
    close = staged_breakout()
    crash = pd.Series(
        np.linspace(115, 90, 20), index=pd.bdate_range(close.index[-1], periods=21)[1:]
    )
    table = breakout_table(pd.concat([close, crash]), fail_memory_years=1.0, **PARAMS)
    assert table["state"].iloc[-1] == FAILED
    assert pd.isna(table["breakout_date"].iloc[-1])


def test_a_steady_uptrend_never_counts_as_a_breakout():
    close = pd.Series(
        np.exp(np.linspace(0, 2, 2000)), index=pd.bdate_range("2000-01-03", periods=2000)
    )
    table = breakout_table(close, fail_memory_years=1.0, **PARAMS)
    assert (table["state"].iloc[1:] == BASE).all()


def test_small_cap_breakout_reading_on_the_staged_path():
    close = staged_breakout()
    reading = small_cap_breakout(SignalInputs(prices=close.to_frame("IWM")))
    base = reading.evidence["base_years"]
    assert reading.evidence["state"] == HOLDING and base > 4.0
    # HOLDING: (0.5 + 0.5 * min(base / 3 - 1, 1)) * (1 - age / 2.5)
    age = (close.index[-1] - pd.Timestamp(reading.evidence["breakout_date"])).days / 365.25
    assert reading.score == pytest.approx((0.5 + 0.5 * min(base / 3 - 1, 1)) * (1 - age / 2.5))
    assert f"{base:.1f}-year base" in reading.explanation
    assert reading.evidence["base_start"] in reading.explanation


def test_small_cap_breakout_before_the_breakout_is_a_base_with_no_score():
    close = staged_breakout().iloc[:1000]
    reading = small_cap_breakout(SignalInputs(prices=close.to_frame("IWM")))
    assert reading.score == 0.0 and reading.evidence["state"] == BASE
    assert "below its" in reading.explanation and "no breakout" in reading.explanation


def test_failed_breakout_scores_negative():
    close = staged_breakout()
    after_fake = close.iloc[: 261 + 860 + 50 + 5]
    reading = small_cap_breakout(SignalInputs(prices=after_fake.to_frame("IWM")))
    assert reading.evidence["state"] == FAILED and reading.score == -0.5
    assert "failed" in reading.explanation


def test_energy_breakout_sees_a_new_high_after_a_one_year_base():
    values = np.concatenate([path((40, 50, 120)), wave(45, 3, 300), path((48, 55, 20))])
    close = pd.Series(values, index=pd.bdate_range("2023-01-02", periods=len(values)))
    reading = energy_breakout(SignalInputs(prices=close.to_frame("XLE")))
    assert reading.evidence["state"] == HOLDING
    assert reading.evidence["base_years"] > 1.0
    assert reading.score > 0.4
    assert reading.explanation.startswith("XLE holds its")
