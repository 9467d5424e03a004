"""precious_metals_stretch: calm metals say nothing, a parabolic run is stretched, a crash after
it is a blow-off."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from signals.inputs import SignalInputs
from signals.precious_metals import precious_metals_stretch


def metals(gold: np.ndarray, silver: np.ndarray) -> SignalInputs:
    index = pd.bdate_range("2023-01-02", periods=len(gold))
    return SignalInputs(prices=pd.DataFrame({"GLD": gold, "SLV": silver}, index=index))


def calm(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 100 * np.exp(np.cumsum(rng.normal(0.0, 0.01, n)))


def parabolic(base: np.ndarray, days: int, daily: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    steps = daily + rng.normal(0.0, 0.01, days)
    return np.r_[base, base[-1] * np.exp(np.cumsum(steps))]


def test_calm_metals_are_not_stretched():
    reading = precious_metals_stretch(metals(calm(400, 1), calm(400, 2)))
    assert reading.score == pytest.approx(0.0, abs=0.05)
    assert reading.evidence["gld_blowoff"] == 0.0


def test_a_parabolic_run_is_stretched_and_scores_against_gold():
    gold = parabolic(calm(300, 1), 60, 0.006, 3)
    silver = parabolic(calm(300, 2), 60, 0.012, 4)
    reading = precious_metals_stretch(metals(gold, silver))
    assert reading.evidence["slv_stretch"] > 0.7
    assert reading.evidence["slv_rsi"] > 70
    assert reading.evidence["slv_pct_above_ma"] > 50
    assert reading.score < -0.5
    assert "blow-off" not in reading.explanation


def test_a_crash_after_the_run_is_a_blow_off():
    gold = parabolic(calm(300, 1), 60, 0.006, 3)
    silver = parabolic(calm(300, 2), 60, 0.012, 4)
    gold, silver = np.r_[gold, gold[-1] * 0.99], np.r_[silver, silver[-1] * 0.70]
    inputs = metals(gold, silver)
    reading = precious_metals_stretch(inputs)
    crash_day = inputs.as_of.strftime("%Y-%m-%d")
    assert reading.evidence["slv_last_blowoff_date"] == crash_day
    assert reading.evidence["slv_last_blowoff_pct"] == pytest.approx(-30.0)
    assert reading.evidence["slv_blowoff"] == 1.0
    assert reading.score <= -0.5 - 0.5 * reading.evidence["gld_stretch"] + 1e-12
    assert f"silver fell 30.0% on {crash_day} after a parabolic run, a blow-off" in (
        reading.explanation
    )


def test_the_blow_off_fades_over_a_quarter():
    gold = parabolic(calm(300, 1), 60, 0.006, 3)
    silver = parabolic(calm(300, 2), 60, 0.012, 4)
    silver = np.r_[silver, silver[-1] * 0.70 * np.ones(40)]
    gold = np.r_[gold, gold[-1] * np.ones(40)]
    reading = precious_metals_stretch(metals(gold, silver))
    assert reading.evidence["slv_blowoff"] == pytest.approx(1 - 39 / 63)


def test_a_crash_without_a_run_is_not_a_blow_off():
    silver = calm(400, 2)
    silver[-1] = silver[-2] * 0.85
    reading = precious_metals_stretch(metals(calm(400, 1), silver))
    assert "slv_last_blowoff_date" not in reading.evidence
    assert reading.evidence["slv_blowoff"] == 0.0


def test_a_metal_under_its_average_reads_below_not_minus_above():
    falling = 100 * np.exp(np.linspace(0.0, -0.3, 400))
    reading = precious_metals_stretch(metals(calm(400, 1), falling))
    pct = reading.evidence["slv_pct_above_ma"]
    assert pct < -5
    assert f"silver is {abs(pct):.0f}% below its 200-day average" in reading.explanation
    assert "% above" not in reading.explanation.split("silver is")[1]
