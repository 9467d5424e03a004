"""hard_vs_soft: industrial production and payrolls against sentiment and the Philly Fed."""

import numpy as np
import pandas as pd
import pytest

from signals.hard_soft import hard_vs_soft, hard_vs_soft_history
from signals.inputs import SignalInputs
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(252 * 12)
MONTHS = pd.date_range(INDEX[0], INDEX[-1], freq="MS") + pd.Timedelta(days=16)


def economy(hard_boost: float, soft_drop: float) -> SignalInputs:
    """Growth and survey levels noisy around normal; the last six months shifted by the args."""
    rng = np.random.default_rng(31)
    n = len(MONTHS)
    tail = np.r_[np.zeros(n - 6), np.ones(6)]
    growth = 0.002 + rng.normal(0, 0.002, n) + tail * hard_boost / 12
    production = 100.0 * np.cumprod(1.0 + growth)
    payrolls = 150000.0 * np.cumprod(1.0 + growth / 2)
    sentiment = 80.0 + rng.normal(0, 4, n) - tail * soft_drop * 4
    philly = 5.0 + rng.normal(0, 8, n) - tail * soft_drop * 8
    frames = (
        releases("industrial_production", MONTHS, production),
        releases("payrolls", MONTHS, payrolls),
        releases("consumer_sentiment", MONTHS, sentiment),
        releases("philly_fed", MONTHS, philly),
    )
    return SignalInputs(pd.DataFrame({"IWM": 1.0}, index=INDEX), macro(*frames))


def test_resilient_hard_data_under_plunging_surveys_is_positive():
    reading = hard_vs_soft(economy(0.0, 2.5))
    assert reading.score > 0.6 and reading.evidence["soft_z"] < -1.0
    assert "the economy is doing better than people say" in reading.explanation


def test_surveys_above_the_hard_data_are_negative_and_agreement_neutral():
    assert hard_vs_soft(economy(0.0, -2.5)).score < -0.6
    assert abs(hard_vs_soft(economy(0.0, 0.0)).score) < 0.5


def test_one_outlier_member_cannot_carry_the_gap():
    reading = hard_vs_soft(economy(0.5, 0.0))  # a boom far beyond three sigma
    assert reading.evidence["industrial_production_z"] == 3.0
    assert reading.evidence["hard_z"] == pytest.approx(3.0)


def test_without_any_survey_the_reading_is_stale_and_says_why():
    data = economy(0.0, 2.5)
    hard_only = data.macro.loc[data.macro["series"].isin(["industrial_production", "payrolls"])]
    reading = hard_vs_soft(SignalInputs(data.prices, hard_only))
    assert reading.stale and "consumer sentiment" in reading.explanation
    assert reading.score == pytest.approx(0.0)


def test_history_equals_point():
    assert_history_matches_point(hard_vs_soft, hard_vs_soft_history, economy(0.0, 2.5), 20)
