"""credit_conditions: spreads, VIX and financial-conditions indexes ranked against 5 years."""

import numpy as np
import pandas as pd
import pytest

from signals.credit import credit_conditions, credit_conditions_history
from signals.inputs import SignalInputs
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(1600)
WEEKS = pd.date_range(INDEX[0], INDEX[-1], freq="W-WED")


def conditions(last: float) -> SignalInputs:
    """Every member noisy around its normal level, its last release set `last` sds from it."""
    rng = np.random.default_rng(12)

    def series(name, dates, level, sd):
        values = level + rng.normal(0.0, sd, len(dates))
        values[-1] = level + last * sd
        return releases(name, dates, values)

    frames = (
        series("hy_spread", INDEX, 4.0, 0.5),
        series("vix", INDEX, 18.0, 3.0),
        series("financial_conditions", WEEKS, -0.3, 0.2),
        series("financial_stress", WEEKS + pd.Timedelta(days=1), 0.0, 0.5),
    )
    return SignalInputs(pd.DataFrame({"SPY": 1.0}, index=INDEX), macro(*frames))


def test_record_tight_spreads_and_calm_markets_score_near_plus_one():
    reading = credit_conditions(conditions(-4.0))
    assert reading.score > 0.99
    assert reading.evidence["hy_spread_percentile"] < 0.01
    assert "the uncertainty premium is evaporating" in reading.explanation


def test_stress_scores_negative_and_normal_is_near_zero():
    assert credit_conditions(conditions(4.0)).score < -0.99
    assert abs(credit_conditions(conditions(0.0)).score) < 0.2


def test_the_map_is_the_documented_percentile():
    reading = credit_conditions(conditions(0.0))
    for member in ("hy_spread", "vix", "financial_conditions", "financial_stress"):
        assert reading.evidence[f"{member}_score"] == pytest.approx(
            1.0 - 2.0 * reading.evidence[f"{member}_percentile"]
        )


def test_stale_members_are_left_out_and_named():
    data = conditions(-4.0)
    weekly_gone = data.macro.loc[~data.macro["series"].isin(["financial_conditions"])]
    reading = credit_conditions(SignalInputs(data.prices, weekly_gone))
    assert not reading.stale and "financial_conditions" not in reading.evidence
    assert "no ANFCI releases entered" in reading.explanation


def test_history_equals_point():
    assert_history_matches_point(credit_conditions, credit_conditions_history, conditions(-2.0))
