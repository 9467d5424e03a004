"""breadth, broadening and cyclicals_vs_defensives on constructed trends with known signs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.breadth import SECTORS, breadth, breadth_history
from signals.broadening import broadening
from signals.cyclicals import CYCLICALS, DEFENSIVES, cyclicals_vs_defensives
from signals.inputs import SignalInputs

N = 320
INDEX = pd.bdate_range("2024-01-01", periods=N)


def trend(daily: float, seed: int, noise: float = 0.005) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 100 * np.exp(np.cumsum(daily + rng.normal(0.0, noise, N)))


def inputs(columns: dict[str, np.ndarray]) -> SignalInputs:
    return SignalInputs(prices=pd.DataFrame(columns, index=INDEX))


def test_breadth_is_at_its_upper_bound_when_every_sector_trends_up():
    reading = breadth(inputs({t: trend(0.002, i) for i, t in enumerate(SECTORS)}))
    assert reading.score == 1.0
    assert "8 of 8 sectors are above their 200-day average, 8 in a full uptrend" in (
        reading.explanation
    )
    assert "green" in reading.explanation


def test_breadth_is_at_its_lower_bound_in_a_breakdown():
    reading = breadth(inputs({t: trend(-0.002, i) for i, t in enumerate(SECTORS)}))
    assert reading.score == -1.0 and "red" in reading.explanation


def test_breadth_averages_the_sector_states():
    tickers = list(SECTORS)
    columns = {t: trend(0.002 if i < 6 else -0.002, i) for i, t in enumerate(tickers)}
    reading = breadth(inputs(columns))
    assert reading.score == pytest.approx(0.5)  # (6 * 1 + 2 * -1) / 8
    assert reading.evidence["sectors_above_slow_ma"] == 6
    assert "weakest" in reading.explanation


def test_breadth_is_stale_when_one_sector_is_missing():
    columns = {t: trend(0.002, i) for i, t in enumerate(SECTORS) if t != "XHB"}
    reading = breadth(inputs(columns))
    assert reading.stale and "XHB prices are missing" in reading.explanation


@pytest.mark.parametrize(
    ("rsp_drift", "qqq_drift", "sign"), [(0.001, -0.001, 1), (-0.001, 0.001, -1)]
)
def test_broadening_sign_follows_equal_weight_and_mega_cap_trends(rsp_drift, qqq_drift, sign):
    spy = trend(0.0005, 1)
    rng = np.random.default_rng(2)
    rsp = spy * np.exp(np.cumsum(rsp_drift + rng.normal(0, 0.002, N)))
    qqq = spy * np.exp(np.cumsum(qqq_drift + rng.normal(0, 0.002, N)))
    reading = broadening(inputs({"RSP": rsp, "SPY": spy, "QQQ": qqq}))
    assert np.sign(reading.score) == sign and abs(reading.score) > 0.5
    assert np.sign(reading.evidence["rsp_vs_spy_pct"]) == sign
    word = "broadening" if sign > 0 else "narrowing"
    assert word in reading.explanation


@pytest.mark.parametrize("sign", [1, -1])
def test_cyclicals_vs_defensives_follows_the_basket_ratio(sign):
    columns = {t: trend(sign * 0.001, i) for i, t in enumerate(CYCLICALS)}
    columns |= {t: trend(-sign * 0.001, 10 + i) for i, t in enumerate(DEFENSIVES)}
    reading = cyclicals_vs_defensives(inputs(columns))
    assert np.sign(reading.score) == sign and abs(reading.score) > 0.8
    assert np.sign(reading.evidence["ratio_vs_ma_pct"]) == sign
    assert ("beaten" if sign > 0 else "lagged") in reading.explanation


def test_breadth_waits_for_a_late_starting_sector_and_its_history_agrees():
    columns = {t: trend(0.002, i) for i, t in enumerate(SECTORS)}
    columns["XBI"][:100] = np.nan  # XBI lists 100 sessions after the others
    late = inputs(columns)
    early = breadth(late.upto(INDEX[250]))
    assert early.stale and "XBI has 151 prices, fewer than the 200" in early.explanation
    history = breadth_history(late)
    assert (history.loc[: INDEX[298]] == 0.0).all()
    assert history.loc[INDEX[299]] == breadth(late.upto(INDEX[299])).score != 0.0
    assert history.iloc[-1] == breadth(late).score == 1.0
